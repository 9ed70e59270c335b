import {formatMs} from '../../qtabfile/field-values.js'
import type {EntryRule} from '../types.js'
import {warningAt} from './diagnostic-at.js'

/** `misfire-grace`: `misfire=skip` with zero grace drops every fire that is even a little late. */
export const misfireGrace: EntryRule = (entry) =>
  entry.misfire === 'skip' && entry.grace === 0
    ? [
        warningAt(
          entry.taskPos,
          'misfire-grace',
          'misfire=skip with grace 0s skips every fire that is even slightly late; allow a few seconds of grace',
        ),
      ]
    : []

/** How many upcoming fires to sample for the shortest gap between fires. */
const SAMPLE = 24

/** `jitter-interval`: a jitter as long as the gap between fires lets fires bunch up or swap order. */
export const jitterInterval: EntryRule = (entry, {now}) => {
  if (entry.jitter <= 0) return []
  let shortest = Infinity
  let previous = entry.trigger.next(now)
  for (let i = 0; i < SAMPLE && previous !== null; i++) {
    const next = entry.trigger.next(previous)
    if (next !== null) shortest = Math.min(shortest, next - previous)
    previous = next
  }
  if (entry.jitter < shortest) return []
  const message = `jitter ${formatMs(entry.jitter)} is not shorter than the ${formatMs(shortest)} between fires; fires may bunch up or swap order`
  return [warningAt(entry.taskPos, 'jitter-interval', message)]
}
