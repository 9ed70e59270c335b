import {expect} from 'chai'
import type {Entry} from '../../src/qtabfile/types.js'
import type {Schedule} from '../../src/schedule/types.js'
import type {EnqueueOutcome} from '../../src/broker/outcome.js'
import type {FireRequest} from '../../src/broker/sink.js'
import {FakeClock} from '../../src/scheduler/clock.js'
import {jitterDelay} from '../../src/scheduler/jitter.js'
import {createLogger} from '../../src/scheduler/logger.js'
import {Scheduler, type SchedulerOptions} from '../../src/scheduler/scheduler.js'
import {makeEntry} from '../helpers/entry.js'
import {everySchedule} from '../helpers/fake-schedule.js'
import {FlakySink} from '../helpers/flaky-sink.js'

const T0 = Date.parse('2026-12-03T16:00:30.000Z')
const MIN = 60_000
const iso = (ms: number) => new Date(ms).toISOString()
/** `id@ISO` for each minute in [fromMinuteIso, toMinuteIso]. */
function minutes(id: string, from: string, count: number): string[] {
  return Array.from({length: count}, (_, i) => `${id}@${iso(Date.parse(from) + i * MIN)}`)
}

interface LogLine {
  level: string
  event: string
  ts: string
  [k: string]: unknown
}

function harness(
  entries: {entry: Partial<Entry>; schedule?: Schedule}[],
  options: Partial<SchedulerOptions> & {sink?: FlakySink; clock?: FakeClock} = {},
) {
  const clock = options.clock ?? new FakeClock(T0)
  const sink = options.sink ?? new FlakySink(() => clock.now())
  const logs: LogLine[] = []
  const logger = createLogger({
    format: 'json',
    debug: true,
    now: () => clock.now(),
    write: (_s, line) => logs.push(JSON.parse(line) as LogLine),
  })
  const scheduled = entries.map(({entry, schedule}) =>
    makeEntry({schedule: '@every 60s', ...entry, trigger: schedule ?? everySchedule(MIN)}),
  )
  const scheduler = new Scheduler(scheduled, {replicaId: 'r1', ...options, sink, logger, clock})
  const running = scheduler.start()
  return {clock, sink, logs, scheduler, running}
}

describe('Scheduler (fake clock)', () => {
  it('enqueues on time, first sight replays nothing, lateness 0', async () => {
    const h = harness([{entry: {id: 'tick'}}])
    await h.clock.advance(3 * MIN)
    await h.scheduler.stop()
    expect(h.sink.enqueued).to.deep.equal(minutes('tick', '2026-12-03T16:01:00Z', 3))
    const enq = h.logs.filter((l) => l.event === 'enqueued')
    expect(enq.map((l) => l.lateness_ms)).to.deep.equal([0, 0, 0])
    expect(enq[0]).to.deep.equal({
      ts: '2026-12-03T16:01:00.000Z',
      level: 'info',
      event: 'enqueued',
      id: 'tick',
      task: 'tick',
      fire: '2026-12-03T16:01:00.000Z',
      uuid: 'uuid-1',
      lateness_ms: 0,
    })
  })

  it('batches fires sharing an instant into one broker call', async () => {
    const h = harness([{entry: {id: 'a'}}, {entry: {id: 'b'}}, {entry: {id: 'c', app: 'Other'}}])
    await h.clock.advance(2 * MIN)
    await h.scheduler.stop()
    expect(h.sink.batches).to.deep.equal([3, 3])
    expect(h.sink.heartbeats.slice(0, 2)).to.deep.equal(['QueueTasks:r1', 'Other:r1'])
  })

  describe('wall-clock jump forward 5m30s applies the misfire policy', () => {
    const table: [Entry['misfire'], number, string[]][] = [
      ['latest', 60_000, ['x@2026-12-03T16:06:00.000Z']],
      ['all', 60_000, minutes('x', '2026-12-03T16:02:00Z', 5)],
      ['skip', 60_000, ['x@2026-12-03T16:06:00.000Z']], // 16:06 is 0 s late; 16:05 is 60.5 s late
      ['skip', 200_000, minutes('x', '2026-12-03T16:04:00Z', 3)],
    ]
    for (const [misfire, grace, caughtUp] of table) {
      it(`misfire=${misfire} grace=${grace / 1000}s`, async () => {
        const h = harness([{entry: {id: 'x', misfire, grace}}])
        await h.clock.advance(MIN) // 16:01:30: 16:01 enqueued on time
        h.clock.jump(5 * MIN) // 16:06:30
        await h.clock.advance(1000)
        await h.scheduler.stop()
        expect(h.sink.enqueued).to.deep.equal(['x@2026-12-03T16:01:00.000Z', ...caughtUp])
      })
    }
  })

  it('wall-clock jump backwards: already-enqueued instants are not fired again', async () => {
    const h = harness([{entry: {id: 'x'}}])
    await h.clock.advance(3 * MIN) // 16:03:30, enqueued 16:01..16:03
    h.clock.jump(-150_000) // 16:01:00
    await h.clock.advance(3 * MIN) // wall 16:04:00
    await h.scheduler.stop()
    expect(h.sink.enqueued).to.deep.equal(minutes('x', '2026-12-03T16:01:00Z', 4))
  })

  describe('a 2-hour Redis outage: exactly the policy fires, nothing doubled, one log line', () => {
    for (const misfire of ['latest', 'all', 'skip'] as const) {
      it(`misfire=${misfire}`, async () => {
        const h = harness([{entry: {id: 'x', misfire}}], {maxSleepMs: 1000})
        await h.clock.advance(5 * MIN) // 16:05:30: 16:01..16:05
        h.sink.down = true
        await h.clock.advance(120 * MIN) // 18:05:30
        expect(h.sink.enqueued).to.have.length(5)
        h.sink.down = false
        await h.clock.advance(MIN) // the backoff retry (≤ 2 s) succeeds within this minute
        await h.scheduler.stop()

        const down = h.logs.filter((l) => l.event === 'redis-unavailable')
        expect(down.map((l) => [l.level, l.message, l.address])).to.deep.equal([
          ['error', 'redis unavailable at 127.0.0.1:6379: connect ECONNREFUSED 127.0.0.1:6379', '127.0.0.1:6379'],
        ])
        const back = h.logs.filter((l) => l.event === 'redis-available')
        expect(back).to.have.length(1)
        const recovered = Date.parse(back[0]?.ts ?? '')
        expect(recovered).to.be.within(Date.parse('2026-12-03T18:05:30Z'), Date.parse('2026-12-03T18:06:00Z'))
        const newest = Math.floor(recovered / MIN) * MIN
        const caughtUp =
          misfire === 'all'
            ? Array.from({length: 100}, (_, i) => `x@${iso(newest - (99 - i) * MIN)}`)
            : [`x@${iso(newest)}`] // latest: the newest; skip: only the newest is ≤ 60 s late
        const after = Array.from(
          {length: ((Date.parse('2026-12-03T18:06:30Z') - newest) / MIN) | 0},
          (_, i) => `x@${iso(newest + (i + 1) * MIN)}`,
        )
        expect(h.sink.enqueued).to.deep.equal([...minutes('x', '2026-12-03T16:01:00Z', 5), ...caughtUp, ...after])
        expect(new Set(h.sink.enqueued).size).to.equal(h.sink.enqueued.length)
      })
    }
  })

  it('a changed schedule signature restarts the cursor at now; an unchanged one catches up', async () => {
    const clock = new FakeClock(T0)
    const sink = new FlakySink(() => clock.now())
    const first = harness([{entry: {id: 'x'}}], {clock, sink})
    await clock.advance(2 * MIN) // 16:02:30: 16:01, 16:02
    await first.scheduler.stop()
    clock.jump(8 * MIN) // down until 16:10:30
    const same = harness([{entry: {id: 'x'}}], {clock, sink})
    await clock.advance(1000) // latest: 16:10 at once
    await same.scheduler.stop()
    clock.jump(10 * MIN) // down until 16:20:31
    const changed = harness([{entry: {id: 'x', schedule: '*/1 * * * *'}}], {clock, sink})
    await clock.advance(1000) // 16:20 is before the new cursor: not replayed
    expect(sink.enqueued).to.have.length(3)
    await clock.advance(MIN) // 16:21:32
    await changed.scheduler.stop()
    expect(sink.enqueued).to.deep.equal([
      'x@2026-12-03T16:01:00.000Z',
      'x@2026-12-03T16:02:00.000Z',
      'x@2026-12-03T16:10:00.000Z',
      'x@2026-12-03T16:21:00.000Z',
    ])
  })

  it('reload swaps entries atomically: kept ids keep their cursor, new ids start at now, removed ids stop', async () => {
    const h = harness([{entry: {id: 'keep'}}, {entry: {id: 'gone'}}])
    await h.clock.advance(MIN) // 16:01:30
    h.scheduler.reload([
      makeEntry({id: 'keep', schedule: '@every 60s', trigger: everySchedule(MIN)}),
      makeEntry({id: 'new', schedule: '@every 60s', trigger: everySchedule(MIN)}),
    ])
    await h.clock.advance(MIN) // 16:02:30
    await h.scheduler.stop()
    expect(h.sink.enqueued).to.deep.equal([
      'gone@2026-12-03T16:01:00.000Z',
      'keep@2026-12-03T16:01:00.000Z',
      'keep@2026-12-03T16:02:00.000Z',
      'new@2026-12-03T16:02:00.000Z',
    ])
  })

  it('DESIGN §2 DST day (America/New_York 2027-03-14): fixed-time 02:30 fires once each day, 03:00 EDT on the gap day', async () => {
    // The real engine's schedule: the tick loop must take its gap rule as it comes.
    const dst = makeEntry({schedule: '30 2 * * *', tz: 'America/New_York'}).trigger
    const clock = new FakeClock(Date.parse('2027-03-13T00:00:00Z'))
    const h = harness([{entry: {id: 'nightly', schedule: '30 2 * * *', tz: 'America/New_York'}, schedule: dst}], {
      clock,
      maxSleepMs: 3_600_000, // sleep straight to each fire: keeps three simulated days cheap
      heartbeatIntervalMs: 3_600_000,
    })
    await clock.advance(3 * 86_400_000)
    await h.scheduler.stop()
    expect(h.sink.enqueued).to.deep.equal([
      'nightly@2027-03-13T07:30:00.000Z',
      'nightly@2027-03-14T07:00:00.000Z',
      'nightly@2027-03-15T06:30:00.000Z',
    ])
    expect(h.logs.filter((l) => l.event === 'enqueued').map((l) => l.lateness_ms)).to.deep.equal([0, 0, 0])
  })

  it('DESIGN §2 fall back (America/New_York 2027-11-07): wildcard 0 * * * * fires 01:00 EDT and 01:00 EST, fixed 30 1 once', async () => {
    const hourly = makeEntry({id: 'hourly', schedule: '0 * * * *', tz: 'America/New_York'})
    const nightly = makeEntry({id: 'nightly', schedule: '30 1 * * *', tz: 'America/New_York'})
    const clock = new FakeClock(Date.parse('2027-11-07T03:30:00Z')) // 23:30 EDT on Nov 6
    const h = harness(
      [
        {entry: hourly, schedule: hourly.trigger},
        {entry: nightly, schedule: nightly.trigger},
      ],
      {clock, maxSleepMs: 3_600_000, heartbeatIntervalMs: 3_600_000},
    )
    await clock.advance(4 * 3_600_000)
    await h.scheduler.stop()
    expect(h.sink.enqueued).to.deep.equal([
      'hourly@2027-11-07T04:00:00.000Z', // 00:00 EDT
      'hourly@2027-11-07T05:00:00.000Z', // 01:00 EDT
      'nightly@2027-11-07T05:30:00.000Z', // 01:30 EDT, first pass only
      'hourly@2027-11-07T06:00:00.000Z', // 01:00 EST, the second pass
      'hourly@2027-11-07T07:00:00.000Z', // 02:00 EST
    ])
  })

  it('schedule-changed (another replica runs a different file) is logged once per foreign schedule, not per fire', async () => {
    class ForeignScheduleSink extends FlakySink {
      stored = 'UTC @every 30s'
      override async enqueueFires(batch: FireRequest[]): Promise<EnqueueOutcome[]> {
        return batch.map(() => ({kind: 'schedule-changed', storedSignature: this.stored}))
      }
    }
    const clock = new FakeClock(T0)
    const sink = new ForeignScheduleSink(() => clock.now())
    const h = harness([{entry: {id: 'x'}}], {clock, sink})
    await clock.advance(3 * MIN)
    sink.stored = 'UTC @every 20s'
    await clock.advance(2 * MIN)
    await h.scheduler.stop()
    const warnings = h.logs.filter((l) => l.event === 'schedule-changed').map((l) => [l.fire, l.message])
    const text = (sig: string) =>
      `Redis holds schedule "${sig}" for this id (another replica runs a different file); not enqueuing it here until the files agree`
    expect(warnings).to.deep.equal([
      ['2026-12-03T16:01:00.000Z', text('UTC @every 30s')],
      ['2026-12-03T16:04:00.000Z', text('UTC @every 20s')],
    ])
  })

  it('jitter delays the enqueue deterministically; the fire identity stays nominal', async () => {
    const h = harness([{entry: {id: 'j', jitter: 30_000}}])
    await h.clock.advance(2 * MIN)
    await h.scheduler.stop()
    const fire1 = Date.parse('2026-12-03T16:01:00Z')
    const fire2 = fire1 + MIN
    const enq = h.logs.filter((l) => l.event === 'enqueued')
    expect(enq.map((l) => [l.fire, l.lateness_ms])).to.deep.equal([
      [iso(fire1), jitterDelay('j', fire1, 30_000)],
      [iso(fire2), jitterDelay('j', fire2, 30_000)],
    ])
  })

  it('stop() during a slow enqueue waits for it to finish', async () => {
    const h = harness([{entry: {id: 'slow'}}])
    let release = () => {}
    h.sink.gate = new Promise<void>((r) => (release = r))
    void h.clock.advance(31_000) // reaches 16:01:00, the enqueue blocks on the gate
    await new Promise((r) => setTimeout(r, 20))
    let stopped = false
    const stopping = h.scheduler.stop().then(() => (stopped = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(stopped).to.equal(false)
    release()
    await stopping
    expect(h.sink.enqueued).to.deep.equal(['slow@2026-12-03T16:01:00.000Z'])
    expect(h.logs.filter((l) => l.event === 'enqueued')).to.have.length(1)
  })

  it('idle cost does not grow with the number of entries: 10,000 hourly entries, ≤ 1 wake-up per second', async () => {
    const clock = new FakeClock(T0)
    let sleeps = 0
    const sleep = clock.sleep.bind(clock)
    clock.sleep = (ms, signal) => (sleeps++, sleep(ms, signal))
    const entries = Array.from({length: 10_000}, (_, i) => ({entry: {id: `e${i}`}, schedule: everySchedule(3_600_000)}))
    const h = harness(entries, {clock})
    await clock.advance(60_000)
    await h.scheduler.stop()
    expect(sleeps).to.be.within(60, 62)
    expect(h.sink.enqueued).to.deep.equal([])
  })
})
