import type {Entry} from '../qtabfile/types.js'
import type {EnqueueOutcome} from './outcome.js'

/** One scheduled fire to enqueue. */
export interface FireRequest {
  entry: Entry
  /** Nominal fire instant (the dedup identity), ms since the Unix epoch. Jitter never changes it. */
  fire: number
}

/** An entry whose cursor a replica wants to adopt or start (first sight, reload). */
export interface CursorRequest {
  app: string
  id: string
  /** `scheduleSignature(entry.schedule, entry.tz)`. */
  signature: string
}

/** A live replica, as its heartbeat stores it (JSON) under `qtab:{app}:replica:{replicaId}`. */
export interface ReplicaInfo {
  replicaId: string
  host: string
  pid: number
  /** ISO-8601 UTC. */
  startedAt: string
  /** ISO-8601 UTC of the heartbeat that wrote this record. */
  seenAt: string
  /** Number of entries this replica schedules for the app. */
  entries: number
}

/**
 * Where `qtab run` sends its fires: Redis (`RedisBroker`) or the terminal (`DryRunSink`).
 * Every method may reject while Redis is unreachable; the scheduler retries with backoff.
 */
export interface EnqueueSink {
  /**
   * Adopts each entry's stored cursor, or starts it at `nowMs` when the entry is new to Redis or
   * its schedule signature changed (atomically, so replicas agree).
   * @returns cursors in ms since epoch, in request order
   */
  syncCursors(requests: CursorRequest[], nowMs: number): Promise<number[]>
  /**
   * Enqueues fires in one round trip; each fire is its own atomic script call, applied in array
   * order (so several fires of one entry must be passed oldest first).
   * @returns one outcome per fire, in order
   */
  enqueueFires(batch: FireRequest[]): Promise<EnqueueOutcome[]>
  /**
   * Enqueues one task for an entry by hand (`qtab trigger`): no cursor check, cursor untouched.
   * Honours `entry.overlap` unless `ignoreOverlap`.
   * @param atMs the trigger instant, ms since epoch (stored as `qtab_fire`)
   */
  trigger(entry: Entry, atMs: number, options?: {ignoreOverlap?: boolean}): Promise<EnqueueOutcome>
  /** Writes this replica's heartbeat record for `app`, expiring after `ttlMs` milliseconds. */
  heartbeat(app: string, replica: ReplicaInfo, ttlMs: number): Promise<void>
  /** Releases the connection (after any call in flight). */
  close(): Promise<void>
}
