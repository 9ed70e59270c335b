import {expect} from 'chai'
import {DryRunSink} from '../../src/broker/dry-run-sink.js'
import {formatEpochSeconds} from '../../src/broker/time-format.js'
import {makeEntry} from '../helpers/entry.js'

describe('DryRunSink (no Redis)', () => {
  const FIRE = Date.parse('2026-12-03T16:00:00.000Z')

  it('prints the HSET and RPUSH add_task would send, and dedups in memory', async () => {
    const lines: string[] = []
    const sink = new DryRunSink({write: (l) => lines.push(l), now: () => 1796313071401, newUuid: () => 'u-1'})
    const entry = makeEntry({app: 'QtabMon', priority: 2, args: ['2026-12-03', 42], kwargs: {note: 'é'}})
    expect(await sink.syncCursors([{app: 'QtabMon', id: entry.id, signature: 's'}], FIRE - 1)).to.deep.equal([FIRE - 1])
    expect(await sink.enqueueFires([{entry, fire: FIRE}])).to.deep.equal([
      {kind: 'enqueued', uuid: 'u-1', createdAt: '1796313071.401'},
    ])
    expect(await sink.enqueueFires([{entry, fire: FIRE}])).to.deep.equal([{kind: 'duplicate'}])
    expect(lines).to.deep.equal([
      'dry-run: HSET QtabMon:u-1 task_name daily_report priority 2 args "[\\"2026-12-03\\", 42]" kwargs "{\\"note\\": \\"\\\\u00e9\\"}" created_at 1796313071.401 updated_at 1796313071.401 status new qtab_id daily_report qtab_fire 2026-12-03T16:00:00.000Z',
      'dry-run: RPUSH QtabMon:task_queue daily_report:u-1:2',
    ])
  })
})

describe('formatEpochSeconds', () => {
  const table: [number, string][] = [
    [1796313071401, '1796313071.401'],
    [1796313071400, '1796313071.4'],
    [1796313071000, '1796313071.0'],
    [1796313071005, '1796313071.005'],
  ]
  for (const [ms, want] of table) it(`${ms} -> ${want}`, () => expect(formatEpochSeconds(ms)).to.equal(want))
})
