import {expect} from 'chai'
import {Redis} from 'ioredis'
import {connect} from '../../src/broker/broker.js'
import {FakeClock} from '../../src/scheduler/clock.js'
import {createLogger} from '../../src/scheduler/logger.js'
import {Scheduler} from '../../src/scheduler/scheduler.js'
import {makeEntry} from '../helpers/entry.js'
import {everySchedule} from '../helpers/fake-schedule.js'
import {deleteAppKeys, randomApp, startRedisServer, type RedisServer} from '../helpers/redis-server.js'

describe('two schedulers sharing one real Redis (fake clocks)', () => {
  let server: RedisServer
  let raw: Redis
  let app: string
  before(async () => {
    server = await startRedisServer()
    raw = new Redis(server.url)
  })
  after(async () => {
    raw.disconnect()
    await server.stop()
  })
  beforeEach(() => (app = randomApp()))
  afterEach(async () => deleteAppKeys(raw, app))

  it('each (id, fire) is enqueued exactly once, whichever replica gets there first', async () => {
    const start = Date.parse('2026-12-03T16:00:30.000Z')
    const entries = ['a', 'b'].map((id) =>
      makeEntry({app, id, task: `t_${id}`, schedule: '@every 10s', trigger: everySchedule(10_000)}),
    )
    const replicas = await Promise.all(
      [0, 250].map(async (skewMs, i) => {
        const clock = new FakeClock(start + skewMs)
        const broker = await connect(server.url)
        const logger = createLogger({format: 'json', write: () => {}, now: () => clock.now()})
        const scheduler = new Scheduler(entries, {sink: broker, logger, clock, replicaId: `r${i}`})
        void scheduler.start()
        return {clock, broker, scheduler}
      }),
    )
    await Promise.all(replicas.map((r) => r.clock.advance(60_000))) // 16:01:30 (and +250 ms)
    for (const r of replicas) {
      await r.scheduler.stop()
      await r.broker.close()
    }

    const queue = await raw.lrange(`${app}:task_queue`, 0, -1)
    const fires = await Promise.all(
      queue.map(async (item) => {
        const [task, uuid] = item.split(':')
        return `${task}@${await raw.hget(`${app}:${uuid}`, 'qtab_fire')}`
      }),
    )
    const expected = ['t_a', 't_b'].flatMap((t) =>
      Array.from(
        {length: 6},
        (_, i) => `${t}@${new Date(Date.parse('2026-12-03T16:00:40Z') + i * 10_000).toISOString()}`,
      ),
    )
    expect([...fires].sort()).to.deep.equal(expected.sort())
    expect(await raw.keys(`qtab:${app}:replica:*`).then((k) => k.sort())).to.deep.equal([
      `qtab:${app}:replica:r0`,
      `qtab:${app}:replica:r1`,
    ])
  })
})
