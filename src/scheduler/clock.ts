/**
 * Time as the scheduler sees it: a wall clock that may jump (NTP, suspend, manual change) and
 * timers that run on elapsed time. Injected so tests drive it (STYLE "For qtab" 7).
 */
export interface Clock {
  /** Wall-clock time, ms since the Unix epoch. */
  now(): number
  /** Resolves after `ms` ms of elapsed time, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The process's clock: `Date.now` and `setTimeout`. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve()
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal?.addEventListener('abort', done, {once: true})
    }),
}

interface Sleeper {
  /** Elapsed-time instant at which it wakes. */
  wakeAt: number
  resolve: () => void
}

/**
 * A clock for tests. `advance(ms)` moves wall and elapsed time together, waking sleepers in
 * order and letting the code under test run (and go back to sleep) between wake-ups;
 * `jump(ms)` moves only the wall clock, as an NTP step or a suspend would.
 */
export class FakeClock implements Clock {
  private wall: number
  private elapsed = 0
  private sleepers: Sleeper[] = []

  /**
   * @param startMs initial wall-clock time, ms since epoch
   * @param settleTimeoutMs how long (real ms) `settle` waits for the code under test to sleep again
   */
  constructor(
    startMs: number,
    private readonly settleTimeoutMs = 2000,
  ) {
    this.wall = startMs
  }

  now(): number {
    return this.wall
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve()
      const sleeper: Sleeper = {wakeAt: this.elapsed + Math.max(0, ms), resolve: () => {}}
      sleeper.resolve = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper)
        signal?.removeEventListener('abort', sleeper.resolve)
        resolve()
      }
      signal?.addEventListener('abort', sleeper.resolve, {once: true})
      this.sleepers.push(sleeper)
    })
  }

  /** Number of pending sleeps (a running scheduler loop has exactly one while idle). */
  get pendingSleeps(): number {
    return this.sleepers.length
  }

  /**
   * Moves time forward by `ms`, waking each sleeper at its instant and waiting (in real time,
   * up to the settle timeout per wake-up) until the woken code sleeps again or finishes.
   */
  async advance(ms: number): Promise<void> {
    const target = this.elapsed + ms
    for (;;) {
      await this.settle()
      const next = this.sleepers.reduce<Sleeper | undefined>((a, s) => (!a || s.wakeAt < a.wakeAt ? s : a), undefined)
      if (!next || next.wakeAt > target) break
      this.wall += next.wakeAt - this.elapsed
      this.elapsed = next.wakeAt
      next.resolve()
    }
    this.wall += target - this.elapsed
    this.elapsed = target
    await this.settle()
  }

  /** Steps the wall clock by `deltaMs` (negative = backwards) without elapsed time passing. */
  jump(deltaMs: number): void {
    this.wall += deltaMs
  }

  /** Lets pending promise chains and I/O run until some code sleeps again (or the settle timeout passes). */
  async settle(): Promise<void> {
    const deadline = Date.now() + this.settleTimeoutMs
    do {
      await new Promise((r) => setImmediate(r))
    } while (this.sleepers.length === 0 && Date.now() < deadline)
  }
}
