import {expect} from 'chai'
import {
  DEFAULT_QUEUE,
  ENTRY_STATE_FIELDS,
  entryStateKey,
  globalConfigKey,
  queueEntry,
  queueKey,
  replicaKey,
  replicaKeyPattern,
  scheduleSignature,
  taskKey,
} from '../../src/broker/keys.js'

describe('broker keys', () => {
  const uuid = '58cfc421-43c5-496d-b698-e862c6ced713'

  it('QTasks keys match qtasks-protocol.md §1', () => {
    expect(taskKey('QtabMon', uuid)).to.equal('QtabMon:58cfc421-43c5-496d-b698-e862c6ced713')
    expect(DEFAULT_QUEUE).to.equal('task_queue')
    expect(queueKey('QtabMon')).to.equal('QtabMon:task_queue')
    expect(queueKey('QtabMon', 'urgent')).to.equal('QtabMon:urgent')
    expect(globalConfigKey('QueueTasks')).to.equal('QueueTasks:GlobalConfig:main')
  })

  it('queue entry is task:uuid:priority (§3)', () => {
    expect(queueEntry('daily_report', uuid, 2)).to.equal('daily_report:58cfc421-43c5-496d-b698-e862c6ced713:2')
    expect(queueEntry('x', uuid, -5)).to.equal('x:58cfc421-43c5-496d-b698-e862c6ced713:-5')
  })

  it("qtab's own keys live under qtab:{app}:, never under {app}:", () => {
    expect(entryStateKey('QueueTasks', 'daily')).to.equal('qtab:QueueTasks:entry:daily')
    expect(replicaKey('QueueTasks', 'host-1-42')).to.equal('qtab:QueueTasks:replica:host-1-42')
    expect(replicaKeyPattern('QueueTasks')).to.equal('qtab:QueueTasks:replica:*')
    expect(replicaKeyPattern('a*b')).to.equal('qtab:a\\*b:replica:*')
    for (const key of [entryStateKey('A', 'x'), replicaKey('A', 'r')]) expect(key.startsWith('A:')).to.equal(false)
  })

  it('state hash field names', () => {
    expect(ENTRY_STATE_FIELDS).to.deep.equal({
      cursor: 'cursor',
      signature: 'sig',
      lastFire: 'last_fire',
      lastUuid: 'last_uuid',
      lastTaskKey: 'last_task_key',
      lastEnqueuedAt: 'last_enqueued_at',
    })
  })

  it('schedule signature is "tz schedule"', () => {
    expect(scheduleSignature('0 9 * * MON-FRI', 'Europe/Berlin')).to.equal('Europe/Berlin 0 9 * * MON-FRI')
  })
})
