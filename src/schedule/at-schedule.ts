import type {Schedule} from './types.js'

/** `@at ISO-8601` (DateTrigger): exactly one fire. */
export class AtSchedule implements Schedule {
  readonly kind = 'at'
  readonly source: string
  readonly tz: string
  /** The one fire instant, ms since epoch (whole seconds). */
  readonly at: number
  /** True when the text had no offset and the wall time fell in a gap of `tz` (moved to the gap's end). */
  readonly inGap: boolean

  constructor(source: string, tz: string, at: number, inGap = false) {
    this.source = source
    this.tz = tz
    this.at = at
    this.inGap = inGap
  }

  /** The fire instant if it is strictly after `after` (ms), else null. */
  next(after: number): number | null {
    return this.at > after ? this.at : null
  }
}

/** The fire instant (ms) of an `@at` schedule, or undefined for other kinds. */
export function atInstant(schedule: Schedule): number | undefined {
  return schedule instanceof AtSchedule ? schedule.at : undefined
}

/** True when `schedule` is an `@at` whose only fire is at or before `now` (ms): it will never fire. */
export function isAtInPast(schedule: Schedule, now: number): boolean {
  const at = atInstant(schedule)
  return at !== undefined && at <= now
}
