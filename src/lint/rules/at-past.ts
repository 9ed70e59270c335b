import {formatInstant} from '../../next/format-time.js'
import {atInstant} from '../../schedule/compile.js'
import type {EntryRule} from '../types.js'
import {warningAt} from './diagnostic-at.js'

/** `at-past`: an `@at` entry whose one fire is at or before now will never fire. */
export const atPast: EntryRule = (entry, {now}) => {
  const at = atInstant(entry.trigger)
  if (at === undefined || at > now) return []
  const when = formatInstant(at, entry.tz)
  return [warningAt(entry.pos, 'at-past', `${entry.schedule} is in the past (${when}); this entry will never fire`)]
}
