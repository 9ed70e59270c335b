import type {EntryRule} from '../types.js'
import {warningAt} from './diagnostic-at.js'

const YEAR_MS = 365 * 86_400_000

/** `dst`: each fire in the next 12 months that a zone change in the entry's zone moves, drops or doubles. */
export const dst: EntryRule = (entry, {now, dstNotes}) => {
  return dstNotes(entry.trigger, now, now + YEAR_MS).map((note) => warningAt(entry.pos, 'dst', note.message))
}
