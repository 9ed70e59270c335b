import type {CronSpec} from './cron-fields.js'
import {CronMatcher} from './cron-match.js'
import type {Schedule} from './types.js'
import {type Segment, type ZoneTable, zoneTable} from './zone.js'

/** How many constant-offset segments one `next()` may walk before giving up (≈ 400 years). */
const MAX_SEGMENTS = 2000
/** Calendar days one `next()` may scan in total (400 Gregorian years). */
const MAX_DAYS = 146_100

/**
 * A cron schedule in one zone with cronie's DST rules (DESIGN §2), applied to every UTC-offset
 * change, DST or not:
 * - a wall time that exists once fires at its instant;
 * - a repeated wall time (fall back) fires once, in the first pass, for a fixed-time entry and in
 *   both passes for a wildcard entry (minute or hour field starting with `*`);
 * - a skipped wall time (spring forward) fires a fixed-time entry once at the transition instant,
 *   however many matching wall times the gap swallowed; a wildcard entry does not fire for it.
 * Fire instants form a set: a gap fire and a real fire at the same instant are one fire.
 *
 * The iteration is ours, not cron-parser's: cron-parser lacks `W`, ORs DOM/DOW for `*∕n`, and
 * moves a 02:30 spring-forward fire to 03:30 where we want 03:00.
 */
export class CronSchedule implements Schedule {
  readonly kind = 'cron'
  readonly source: string
  readonly tz: string
  readonly spec: CronSpec
  readonly matcher: CronMatcher
  readonly #zone: ZoneTable
  #segment: Segment | undefined

  /** `matcher` may be passed when the caller already built one for `spec`. */
  constructor(source: string, tz: string, spec: CronSpec, matcher = new CronMatcher(spec)) {
    this.source = source
    this.tz = tz
    this.spec = spec
    this.matcher = matcher
    this.#zone = zoneTable(tz)
  }

  /** DESIGN §2: true when the minute or hour field starts with `*`. */
  get wildcard(): boolean {
    return this.spec.wildcard
  }

  /** First fire strictly after `after` (ms since epoch), in ms; null if none within ~400 years. */
  next(after: number): number | null {
    let t = Math.floor(after / 1000) + 1
    let daysLeft = MAX_DAYS
    const fixed = !this.spec.wildcard
    for (let i = 0; i < MAX_SEGMENTS && daysLeft > 0; i++) {
      const seg = this.#segmentAt(t)
      if (fixed && seg.gapStartWall !== undefined && t <= seg.start) {
        if (this.matcher.nextWallMatch(seg.gapStartWall, seg.start + seg.offset) !== null) return seg.start * 1000
      }
      let from = t + seg.offset
      if (fixed && from < seg.repeatedBelowWall) from = seg.repeatedBelowWall
      const to = seg.end + seg.offset
      if (from < to) {
        const wall = this.matcher.nextWallMatch(from, to, daysLeft)
        if (wall !== null) return (wall - seg.offset) * 1000
        daysLeft -= Math.ceil((Math.min(to, from + daysLeft * 86400) - from) / 86400)
      }
      if (seg.end === Infinity) return null
      t = seg.end
    }
    return null
  }

  #segmentAt(t: number): Segment {
    const seg = this.#segment
    if (seg && t >= seg.start && t < seg.end) return seg
    this.#segment = this.#zone.segmentAt(t)
    return this.#segment
  }
}
