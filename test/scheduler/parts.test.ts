import {expect} from 'chai'
import {FakeClock, realClock} from '../../src/scheduler/clock.js'
import {MinHeap} from '../../src/scheduler/heap.js'
import {jitterDelay} from '../../src/scheduler/jitter.js'
import {createLogger} from '../../src/scheduler/logger.js'

describe('MinHeap', () => {
  it('pops in key order whatever the push order', () => {
    const heap = new MinHeap<number>((n) => n)
    for (const n of [5, 1, 9, 3, 3, 7, 0, 8]) heap.push(n)
    const out: number[] = []
    while (heap.size > 0) out.push(heap.pop() as number)
    expect(out).to.deep.equal([0, 1, 3, 3, 5, 7, 8, 9])
    expect(heap.pop()).to.equal(undefined)
  })
})

describe('jitterDelay', () => {
  it('is deterministic per (id, fire), within [0, jitter), 0 without jitter', () => {
    const a = jitterDelay('backup', 1_796_313_600_000, 30_000)
    expect(jitterDelay('backup', 1_796_313_600_000, 30_000)).to.equal(a)
    expect(a).to.be.within(0, 29_999)
    expect(jitterDelay('backup', 1_796_313_600_000, 0)).to.equal(0)
    const spread = new Set(Array.from({length: 50}, (_, i) => jitterDelay('backup', i * 60_000, 30_000)))
    expect(spread.size).to.be.greaterThan(40) // varies with the fire instant
  })
})

describe('FakeClock', () => {
  it('advance wakes sleepers at their instants; jump moves only the wall clock', async () => {
    const clock = new FakeClock(1000, 5)
    const woke: number[] = []
    void clock.sleep(500).then(() => woke.push(clock.now()))
    void clock.sleep(200).then(() => woke.push(clock.now()))
    await clock.advance(1000)
    expect(woke).to.deep.equal([1200, 1500])
    expect(clock.now()).to.equal(2000)
    clock.jump(-10_000)
    expect(clock.now()).to.equal(-8000)
  })

  it('an abort resolves a sleep at once (fake and real)', async () => {
    const clock = new FakeClock(0)
    const ctl = new AbortController()
    const sleeping = clock.sleep(60_000, ctl.signal)
    ctl.abort()
    await sleeping
    expect(clock.pendingSleeps).to.equal(0)
    const real = new AbortController()
    const t0 = Date.now()
    const p = realClock.sleep(60_000, real.signal)
    real.abort()
    await p
    expect(Date.now() - t0).to.be.lessThan(1000)
  })
})

describe('createLogger', () => {
  const FIRE = Date.parse('2026-12-03T16:00:00.000Z')
  const record = {id: 'daily', task: 'daily_report', fire: FIRE, uuid: 'u-1', latenessMs: 12}

  it('text: one line per enqueue', () => {
    const lines: string[] = []
    const log = createLogger({format: 'text', now: () => FIRE + 12, write: (s, l) => lines.push(`${s}|${l}`)})
    log.enqueued(record)
    expect(lines).to.deep.equal([
      'stdout|2026-12-03T16:00:00.012Z enqueued daily task=daily_report fire=2026-12-03T16:00:00.000Z uuid=u-1 lateness_ms=12',
    ])
  })

  it('json: the documented keys, in order', () => {
    const lines: string[] = []
    const log = createLogger({format: 'json', now: () => FIRE + 12, write: (_s, l) => lines.push(l)})
    log.enqueued(record)
    expect(lines).to.deep.equal([
      '{"ts":"2026-12-03T16:00:00.012Z","level":"info","event":"enqueued","id":"daily","task":"daily_report","fire":"2026-12-03T16:00:00.000Z","uuid":"u-1","lateness_ms":12}',
    ])
  })

  it('batch: holds the lines logged inside it and writes them, in order, when it returns', () => {
    const lines: string[] = []
    const log = createLogger({format: 'text', now: () => FIRE + 12, write: (s, l) => lines.push(`${s}|${l}`)})
    log.batch(() => {
      log.enqueued(record)
      log.batch(() => log.event('warn', 'schedule-changed', 'nested'))
      log.enqueued({...record, uuid: 'u-2'})
      expect(lines).to.deep.equal([])
    })
    expect(lines.map((l) => l.replace(/ task=.*uuid=/, ' … uuid='))).to.deep.equal([
      'stderr|2026-12-03T16:00:00.012Z warn schedule-changed nested',
      'stdout|2026-12-03T16:00:00.012Z enqueued daily … uuid=u-1 lateness_ms=12',
      'stdout|2026-12-03T16:00:00.012Z enqueued daily … uuid=u-2 lateness_ms=12',
    ])
    const failing = () => {
      log.enqueued(record)
      throw new Error('x')
    }
    expect(() => log.batch(failing)).to.throw('x')
    expect(lines).to.have.length(4) // written even when fn throws
  })

  it('never prints a password, to stderr for errors; debug only when asked', () => {
    const lines: string[] = []
    const log = createLogger({format: 'text', now: () => FIRE, write: (s, l) => lines.push(`${s}|${l}`)})
    log.event('error', 'redis-unavailable', 'cannot reach redis://app:hunter2@db:6379/0', {url: 'rediss://:pw@h:1'})
    log.event('debug', 'duplicate', 'hidden')
    expect(lines).to.deep.equal([
      'stderr|2026-12-03T16:00:00.000Z error redis-unavailable cannot reach redis://app:***@db:6379/0 url=rediss://:***@h:1',
    ])
  })
})
