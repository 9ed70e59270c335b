import {randomBytes} from 'node:crypto'
import {hostname} from 'node:os'
import {BrokerUnavailableError} from '../broker/errors.js'
import {scheduleSignature} from '../broker/keys.js'
import type {EnqueueOutcome} from '../broker/outcome.js'
import type {EnqueueSink, FireRequest} from '../broker/sink.js'
import type {Entry} from '../qtabfile/types.js'
import {type Clock, realClock} from './clock.js'
import {MinHeap} from './heap.js'
import {jitterDelay} from './jitter.js'
import type {Logger} from './logger.js'
import {dueFires} from './misfire-policy.js'

export interface SchedulerOptions {
  sink: EnqueueSink
  logger: Logger
  clock?: Clock
  /** Identity in heartbeats; default `{hostname}-{pid}-{random}`. */
  replicaId?: string
  /** Longest sleep, ms (default 1000): wall-clock jumps are noticed within this time. */
  maxSleepMs?: number
  /** Heartbeat period, ms (default 5000). */
  heartbeatIntervalMs?: number
  /** Heartbeat key TTL, ms (default 15000: three missed beats). */
  heartbeatTtlMs?: number
  /** First retry delay after a Redis failure, ms (default 500); doubles up to `retryMaxMs`. */
  retryInitialMs?: number
  /** Longest retry delay, ms (default 2000: a retry is one cheap round trip, and fires wait on it). */
  retryMaxMs?: number
}

/** Runtime state of one entry. */
interface Slot {
  entry: Entry
  signature: string
  /** Fires at or before this are decided, ms since epoch; null until synced with the sink. */
  cursor: number | null
  /** When the loop must look at this entry next (next fire + its jitter), ms since epoch. */
  wakeAt: number
  /** Position of the entry id among all ids, sorted: a tick's batch sorts by it, not by text. */
  rank: number
  /** The foreign schedule last warned about (`schedule-changed`), so it is logged once, not per fire. */
  warnedSignature?: string
}

/**
 * The `qtab run` tick loop (DESIGN §3). Keeps a min-heap of entries by next wake-up, sleeps
 * until the earliest (at most `maxSleepMs`, so wall-clock jumps are noticed), recomputes what
 * is due from `clock.now()` after every wake, and sends all fires due in one tick to the sink
 * in one round trip. Cursors live in the sink (Redis), so restarts and replicas agree; while
 * the sink fails, it keeps ticking, logs once per outage and retries with backoff; the misfire
 * policy then decides what to catch up. Idle cost: one wake-up per second, O(1) heap peek.
 */
export class Scheduler {
  private readonly sink: EnqueueSink
  private readonly logger: Logger
  private readonly clock: Clock
  private readonly replicaId: string
  private readonly maxSleepMs: number
  private readonly heartbeatIntervalMs: number
  private readonly heartbeatTtlMs: number
  private readonly retryInitialMs: number
  private readonly retryMaxMs: number
  private readonly startedAt: number

  private slots = new Map<string, Slot>()
  private readonly heap = new MinHeap<Slot>((s) => s.wakeAt)
  private unsynced = new Set<Slot>()
  private pendingReload: Entry[] | null = null
  private outage: {since: number; delayMs: number; retryAt: number} | null = null
  private nextHeartbeatAt = -Infinity
  private stopping = false
  private wake = new AbortController()
  private loop: Promise<void> | null = null

  constructor(entries: Entry[], options: SchedulerOptions) {
    this.sink = options.sink
    this.logger = options.logger
    this.clock = options.clock ?? realClock
    this.replicaId = options.replicaId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
    this.maxSleepMs = options.maxSleepMs ?? 1000
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 5000
    this.heartbeatTtlMs = options.heartbeatTtlMs ?? 15_000
    this.retryInitialMs = options.retryInitialMs ?? 500
    this.retryMaxMs = options.retryMaxMs ?? 2_000
    this.startedAt = this.clock.now()
    this.applyEntries(entries)
  }

  /** Starts the loop; the promise resolves once `stop()` has let it finish. */
  start(): Promise<void> {
    this.loop ??= this.run()
    return this.loop
  }

  /** Stops after the enqueue in flight (if any) completes. Does not close the sink. */
  async stop(): Promise<void> {
    this.stopping = true
    this.wake.abort()
    await this.loop
  }

  /**
   * Swaps in a new set of entries at the next tick boundary (never during an enqueue). Entries
   * whose id and schedule signature are unchanged keep their cursor; others start afresh.
   */
  reload(entries: Entry[]): void {
    this.pendingReload = entries
    this.wake.abort()
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.tick()
      } catch (error) {
        // Only a bug gets here (sink failures are handled in tick); keep scheduling regardless.
        this.logger.event('error', 'tick-failed', (error as Error).message)
      }
      if (this.stopping) break
      const ms = this.sleepMs()
      if (ms > 0) {
        this.wake = new AbortController()
        await this.clock.sleep(ms, this.wake.signal)
      }
    }
  }

  private async tick(): Promise<void> {
    if (this.pendingReload) {
      this.applyEntries(this.pendingReload)
      this.pendingReload = null
    }
    const now = this.clock.now()
    if (this.outage && !this.due(this.outage.retryAt, now, this.outage.delayMs)) return
    try {
      if (this.unsynced.size > 0) await this.syncCursors(now)
      if (this.due(this.nextHeartbeatAt, now, this.heartbeatIntervalMs)) await this.heartbeat(now)
      await this.enqueueDue(now)
      if (this.outage) {
        this.logger.event('info', 'redis-available', 'enqueueing again', {outage_ms: now - this.outage.since})
        this.outage = null
      }
    } catch (error) {
      this.recordFailure(error as Error, now)
    }
  }

  /** True when `at` has come, or lies implausibly far ahead (the wall clock stepped backwards). */
  private due(at: number, now: number, period: number): boolean {
    return at <= now || at - now > period
  }

  private sleepMs(): number {
    const now = this.clock.now()
    let until = now + this.maxSleepMs
    if (this.outage) return Math.max(0, Math.min(until, this.outage.retryAt) - now)
    if (this.unsynced.size > 0) return 0
    const top = this.heap.peek()
    if (top) until = Math.min(until, top.wakeAt)
    until = Math.min(until, this.nextHeartbeatAt)
    return Math.max(0, until - now)
  }

  private applyEntries(entries: Entry[]): void {
    const next = new Map<string, Slot>()
    this.heap.clear()
    this.unsynced = new Set()
    for (const entry of entries) {
      const key = `${entry.app}\0${entry.id}`
      const signature = scheduleSignature(entry.schedule, entry.tz)
      const old = this.slots.get(key)
      const cursor = old?.signature === signature ? old.cursor : null
      const slot: Slot = {entry, signature, cursor, wakeAt: 0, rank: 0}
      next.set(key, slot)
      if (slot.cursor === null) this.unsynced.add(slot)
      else this.plan(slot, null)
    }
    // Rank by id once per reload, so sorting a tick's batch compares numbers: comparing id text
    // (~140,000 comparisons for a 10,000-fire tick) showed up in the profile before the first
    // script call goes out. Equal ids (in different apps) share a rank.
    const ids = [...new Set(entries.map((e) => e.id))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const rankOf = new Map(ids.map((id, i) => [id, i]))
    for (const slot of next.values()) slot.rank = rankOf.get(slot.entry.id) as number
    this.slots = next
  }

  private async syncCursors(now: number): Promise<void> {
    const slots = [...this.unsynced]
    const cursors = await this.sink.syncCursors(
      slots.map((s) => ({app: s.entry.app, id: s.entry.id, signature: s.signature})),
      now,
    )
    slots.forEach((slot, i) => {
      slot.cursor = cursors[i] ?? now
      this.unsynced.delete(slot)
      this.plan(slot, null)
    })
  }

  private async heartbeat(now: number): Promise<void> {
    const perApp = new Map<string, number>()
    for (const slot of this.slots.values()) {
      const app = slot.entry.app
      perApp.set(app, (perApp.get(app) ?? 0) + 1)
    }
    const host = hostname()
    for (const [app, entries] of perApp) {
      await this.sink.heartbeat(
        app,
        {
          replicaId: this.replicaId,
          host,
          pid: process.pid,
          startedAt: new Date(this.startedAt).toISOString(),
          seenAt: new Date(now).toISOString(),
          entries,
        },
        this.heartbeatTtlMs,
      )
    }
    this.nextHeartbeatAt = now + this.heartbeatIntervalMs
  }

  /** Pops every entry whose wake-up has come, and enqueues their ready fires in one batch. */
  private async enqueueDue(now: number): Promise<void> {
    const woken: {slot: Slot; heldUntil: number | null}[] = []
    const batch: (FireRequest & {slot: Slot})[] = []
    while ((this.heap.peek()?.wakeAt ?? Infinity) <= now) {
      const slot = this.heap.pop() as Slot
      const {entry} = slot
      // Grace counts from the jittered instant, so a jitter longer than grace never skips on-time fires.
      const fires = dueFires(entry.trigger, slot.cursor ?? now, now, entry.misfire, entry.grace + entry.jitter)
      let heldUntil: number | null = null
      for (const fire of fires) {
        const readyAt = fire + jitterDelay(entry.id, fire, entry.jitter)
        // Only a ready prefix goes out: the script advances the cursor, so order must hold.
        if (readyAt > now) {
          heldUntil = readyAt
          break
        }
        batch.push({entry, fire, slot})
      }
      woken.push({slot, heldUntil})
    }
    if (woken.length === 0) return
    // By instant, then id (deterministic logs); one entry's fires stay oldest first.
    batch.sort((a, b) => a.fire - b.fire || a.slot.rank - b.slot.rank)
    let outcomes: (EnqueueOutcome | undefined)[]
    try {
      outcomes = batch.length > 0 ? await this.sink.enqueueFires(batch) : []
    } catch (error) {
      // Report what did complete; the rest stays due and is retried under the misfire policy.
      if (error instanceof BrokerUnavailableError && error.outcomes) this.report(batch, error.outcomes)
      for (const {slot} of woken) this.heap.push(slot)
      throw error
    }
    this.report(batch, outcomes)
    for (const {slot, heldUntil} of woken) {
      // Every fire in (cursor, now] is decided (enqueued, a duplicate or dropped by the policy).
      if (heldUntil === null) slot.cursor = Math.max(slot.cursor ?? now, now)
      this.plan(slot, heldUntil)
    }
  }

  private report(batch: (FireRequest & {slot: Slot})[], outcomes: (EnqueueOutcome | undefined)[]): void {
    const now = this.clock.now()
    this.logger.batch(() =>
      batch.forEach(({entry, fire, slot}, i) => this.reportOne(entry, fire, slot, outcomes[i], now)),
    )
  }

  private reportOne(entry: Entry, fire: number, slot: Slot, outcome: EnqueueOutcome | undefined, now: number): void {
    if (!outcome) return
    slot.cursor = Math.max(slot.cursor ?? fire, fire)
    const fields = () => ({id: entry.id, task: entry.task, fire: new Date(fire).toISOString()})
    switch (outcome.kind) {
      case 'enqueued':
        this.logger.enqueued({id: entry.id, task: entry.task, fire, uuid: outcome.uuid, latenessMs: now - fire})
        break
      case 'duplicate':
        this.logger.event('debug', 'duplicate', 'already enqueued (another replica or an earlier try)', fields())
        break
      case 'overlap-skipped':
        this.logger.event(
          'info',
          'overlap-skipped',
          `previous task ${outcome.previousUuid} is still new or in process`,
          fields(),
        )
        break
      case 'schedule-changed':
        if (slot.warnedSignature === outcome.storedSignature) break
        slot.warnedSignature = outcome.storedSignature
        this.logger.event(
          'warn',
          'schedule-changed',
          `Redis holds schedule "${outcome.storedSignature}" for this id (another replica runs a different file); not enqueuing it here until the files agree`,
          fields(),
        )
        break
    }
  }

  /** Puts a synced slot back in the heap at its next wake-up; a finished schedule leaves it out. */
  private plan(slot: Slot, heldUntil: number | null): void {
    const {entry} = slot
    if (heldUntil !== null) {
      slot.wakeAt = heldUntil
    } else {
      const next = entry.trigger.next(slot.cursor as number)
      if (next === null) return
      slot.wakeAt = next + jitterDelay(entry.id, next, entry.jitter)
    }
    this.heap.push(slot)
  }

  private recordFailure(error: Error, now: number): void {
    if (!this.outage) {
      const address = error instanceof BrokerUnavailableError ? error.address : null
      this.logger.event('error', 'redis-unavailable', error.message, {address})
      this.outage = {since: now, delayMs: this.retryInitialMs, retryAt: now + this.retryInitialMs}
      return
    }
    const delayMs = Math.min(this.outage.delayMs * 2, this.retryMaxMs)
    this.outage = {...this.outage, delayMs, retryAt: now + delayMs}
  }
}
