import {createHash} from 'node:crypto'

/**
 * How long to delay the enqueue of one fire: a value in [0, jitterMs), derived from a hash of
 * (entry id, nominal fire instant) so every replica computes the same delay and the dedup
 * identity stays the nominal instant. 0 when `jitterMs` ≤ 0.
 * @param fire nominal fire instant, ms since epoch
 * @param jitterMs the entry's `jitter=`, ms
 * @returns delay in whole ms
 */
export function jitterDelay(id: string, fire: number, jitterMs: number): number {
  if (jitterMs <= 0) return 0
  const digest = createHash('sha256').update(`${id}\0${fire}`).digest()
  const unit = digest.readUIntBE(0, 6) / 2 ** 48 // uniform in [0, 1)
  return Math.floor(unit * jitterMs)
}
