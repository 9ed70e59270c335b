import type {EntryRule} from '../types.js'
import {warningAt} from './diagnostic-at.js'

/** A field is unrestricted when it starts with `*` (Vixie) or is `?` (the engine's reading too). */
const restricted = (field: string) => !field.startsWith('*') && !field.startsWith('?')

/**
 * `dom-dow-or`: both day fields restricted, so the entry fires when either matches (Vixie cron),
 * which surprises anyone who reads `0 0 13 * FRI` as "Friday the 13th".
 */
export const domDowOr: EntryRule = (entry) => {
  if (entry.trigger.kind !== 'cron' || entry.schedule.startsWith('@')) return []
  const fields = [...entry.schedule.matchAll(/[^ \t]+/g)]
  const dom = fields[fields.length - 3]
  const dow = fields[fields.length - 1]
  if (!dom || !dow || !restricted(dom[0]) || !restricted(dow[0])) return []
  const message = `fires when day-of-month ${dom[0]} OR day-of-week ${dow[0]} matches (Vixie rule)`
  return [warningAt(entry.pos, 'dom-dow-or', message, dom.index, dow.index + dow[0].length - dom.index)]
}
