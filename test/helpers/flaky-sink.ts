import {DryRunSink} from '../../src/broker/dry-run-sink.js'
import {BrokerUnavailableError} from '../../src/broker/errors.js'
import type {EnqueueOutcome} from '../../src/broker/outcome.js'
import type {CursorRequest, EnqueueSink, FireRequest, ReplicaInfo} from '../../src/broker/sink.js'
import type {Entry} from '../../src/qtabfile/types.js'

/**
 * An in-memory broker (DryRunSink semantics: cursors, duplicates) that can be taken "down"
 * (every call rejects as Redis would) and slowed (enqueues wait for `gate`).
 */
export class FlakySink implements EnqueueSink {
  private readonly inner: DryRunSink
  down = false
  /** When set, enqueueFires waits for it before writing. */
  gate: Promise<void> | null = null
  /** `id@ISO` of every enqueued fire, in order. */
  readonly enqueued: string[] = []
  /** Size of each enqueueFires call that reached the store. */
  readonly batches: number[] = []
  readonly heartbeats: string[] = []

  constructor(now: () => number) {
    let n = 0
    this.inner = new DryRunSink({write: () => {}, now, newUuid: () => `uuid-${++n}`})
  }

  async syncCursors(requests: CursorRequest[], nowMs: number): Promise<number[]> {
    this.check()
    return this.inner.syncCursors(requests, nowMs)
  }

  async enqueueFires(batch: FireRequest[]): Promise<EnqueueOutcome[]> {
    this.check()
    if (this.gate) await this.gate
    this.batches.push(batch.length)
    const outcomes = await this.inner.enqueueFires(batch)
    outcomes.forEach((o, i) => {
      const req = batch[i] as FireRequest
      if (o.kind === 'enqueued') this.enqueued.push(`${req.entry.id}@${new Date(req.fire).toISOString()}`)
    })
    return outcomes
  }

  async trigger(entry: Entry, atMs: number): Promise<EnqueueOutcome> {
    this.check()
    return this.inner.trigger(entry, atMs)
  }

  async heartbeat(app: string, replica: ReplicaInfo): Promise<void> {
    this.check()
    this.heartbeats.push(`${app}:${replica.replicaId}`)
  }

  async close(): Promise<void> {}

  private check(): void {
    if (this.down) {
      throw new BrokerUnavailableError(
        'redis unavailable at 127.0.0.1:6379: connect ECONNREFUSED 127.0.0.1:6379',
        '127.0.0.1:6379',
      )
    }
  }
}
