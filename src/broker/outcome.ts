import {UnknownScriptReplyError} from './errors.js'

/** What happened to one fire or trigger. A duplicate or a skip is an outcome, not an error. */
export type EnqueueOutcome =
  /** The task hash and queue entry were written. `createdAt`: epoch seconds, decimal text. */
  | {kind: 'enqueued'; uuid: string; createdAt: string}
  /** Fire instant ≤ the entry's cursor: another replica (or an earlier try) already did it. */
  | {kind: 'duplicate'}
  /** overlap=skip and the entry's previous task (`previousUuid`) is still `new` or `process`. */
  | {kind: 'overlap-skipped'; previousUuid: string}
  /** Redis holds another schedule signature for this id: a replica with a different Qtabfile. */
  | {kind: 'schedule-changed'; storedSignature: string}

/** Reply codes of `enqueueFires.lua` (its header lists the same four). */
export const ENQUEUE_CODES = {ENQUEUED: 1, DUPLICATE: 2, OVERLAP_SKIPPED: 3, SCHEDULE_CHANGED: 4} as const

/**
 * Turns an `enqueueFires.lua` per-fire reply into an outcome: the one place codes are interpreted.
 * @param uuid the uuid passed in ARGV, reported back for `enqueued`
 * @throws UnknownScriptReplyError for any other reply, carrying the code
 */
export function decodeEnqueueResult(reply: unknown, uuid: string): EnqueueOutcome {
  const [code, detail] = Array.isArray(reply) ? (reply as unknown[]) : [reply]
  const text = typeof detail === 'string' ? detail : ''
  switch (code) {
    case ENQUEUE_CODES.ENQUEUED:
      return {kind: 'enqueued', uuid, createdAt: text}
    case ENQUEUE_CODES.DUPLICATE:
      return {kind: 'duplicate'}
    case ENQUEUE_CODES.OVERLAP_SKIPPED:
      return {kind: 'overlap-skipped', previousUuid: text}
    case ENQUEUE_CODES.SCHEDULE_CHANGED:
      return {kind: 'schedule-changed', storedSignature: text}
    default:
      throw new UnknownScriptReplyError('enqueueFires.lua', code)
  }
}
