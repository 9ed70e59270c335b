import type {MisfirePolicy} from '../qtabfile/types.js'
import type {Schedule} from '../schedule/types.js'

/** `misfire=all` (and `skip`) enqueue at most this many fires per catch-up, the newest ones. */
export const MAX_CATCH_UP_FIRES = 100

/**
 * Bound on schedule steps per call, so a long outage of a per-second schedule cannot stall the
 * loop (10^6 steps ≈ 11.5 days of `@every 1s`). Fires beyond it are left for the next call.
 */
export const MAX_SCAN_STEPS = 1_000_000

/**
 * The fires to enqueue now for one entry: nominal instants in (cursor, now], oldest first,
 * chosen by the misfire policy (DESIGN §3, STYLE "For qtab" 8):
 * - `latest`: only the newest due fire (one on-time fire is simply the newest);
 * - `all`: every due fire, at most the newest `MAX_CATCH_UP_FIRES`;
 * - `skip`: only fires at most `graceMs` late (`now - fire <= graceMs`), at most 100.
 * Pure: the same arguments give the same answer.
 * @param cursor fires at or before it are done, ms since epoch
 * @param now wall-clock now, ms since epoch
 * @param graceMs lateness allowed by `skip`, ms
 */
export function dueFires(
  schedule: Pick<Schedule, 'next'>,
  cursor: number,
  now: number,
  policy: MisfirePolicy,
  graceMs: number,
): number[] {
  const due: number[] = []
  let fire = schedule.next(cursor)
  for (let step = 0; fire !== null && fire <= now && step < MAX_SCAN_STEPS; step++) {
    if (policy === 'latest') due[0] = fire
    else if (policy === 'all' || now - fire <= graceMs) {
      due.push(fire)
      if (due.length > MAX_CATCH_UP_FIRES) due.shift()
    }
    const next = schedule.next(fire)
    if (next !== null && next <= fire) break // a schedule that does not move forward would loop forever
    fire = next
  }
  return due
}
