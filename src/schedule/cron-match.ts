import {civilFromDays, daysFromCivil, daysInMonth, weekday} from './calendar.js'
import type {CronSpec} from './cron-fields.js'

/**
 * Pure wall-clock matching of a `CronSpec`: no zones here. A *wall time* is the local date-time
 * read as if it were UTC, in seconds ("wall seconds"), so day n starts at wall second n·86400.
 */
export class CronMatcher {
  readonly spec: CronSpec
  /** nextX[i] = smallest allowed value ≥ i, or -1. */
  readonly #nextSecond: Int8Array
  readonly #nextMinute: Int8Array
  readonly #nextHour: Int8Array
  readonly #firstTime: number
  /** Day-number → match cache for the last month looked at (cheap for every-second entries). */
  #cachedDay = NaN
  #cachedMatch = false

  constructor(spec: CronSpec) {
    this.spec = spec
    this.#nextSecond = nextTable(spec.seconds, 60)
    this.#nextMinute = nextTable(spec.minutes, 60)
    this.#nextHour = nextTable(spec.hours, 24)
    this.#firstTime =
      (this.#nextHour[0] as number) * 3600 + (this.#nextMinute[0] as number) * 60 + (this.#nextSecond[0] as number)
  }

  /** Does local calendar day `days` (days since 1970-01-01) match month, DOM and DOW (Vixie rule)? */
  dayMatches(days: number): boolean {
    if (days === this.#cachedDay) return this.#cachedMatch
    const match = this.#dayMatches(days)
    this.#cachedDay = days
    this.#cachedMatch = match
    return match
  }

  #dayMatches(days: number): boolean {
    const s = this.spec
    const {year, month, day} = civilFromDays(days)
    if (!s.months[month]) return false
    const last = daysInMonth(year, month)
    const dow = weekday(days)
    let domOk = s.dom[day] === 1
    if (!domOk) for (const n of s.domFromLast) if (day === last - n) domOk = true
    if (!domOk) for (const n of s.domNearestWeekday) if (day === nearestWeekday(year, month, n, last)) domOk = true
    if (!domOk && s.domLastWeekday) domOk = day === nearestWeekday(year, month, last, last)
    let dowOk = s.dow[dow] === 1
    if (!dowOk) for (const d of s.dowLast) if (d === dow && day + 7 > last) dowOk = true
    if (!dowOk) for (const [d, k] of s.dowNth) if (d === dow && Math.ceil(day / 7) === k) dowOk = true
    return s.domStar || s.dowStar ? domOk && dowOk : domOk || dowOk
  }

  /** Smallest matching second-of-day ≥ `sod` (0..86399), or -1 when none is left that day. */
  nextTimeOfDay(sod: number): number {
    let h = Math.floor(sod / 3600)
    const m = Math.floor((sod % 3600) / 60)
    const s = sod % 60
    const h0 = this.#nextHour[h] as number
    if (h0 < 0) return -1
    if (h0 === h) {
      const m0 = this.#nextMinute[m] as number
      if (m0 === m) {
        const s0 = this.#nextSecond[s] as number
        if (s0 >= 0) return h * 3600 + m * 60 + s0
      }
      const m1 = m0 === m ? (m < 59 ? (this.#nextMinute[m + 1] as number) : -1) : m0
      if (m1 >= 0) return h * 3600 + m1 * 60 + (this.#nextSecond[0] as number)
      h = h < 23 ? (this.#nextHour[h + 1] as number) : -1
      if (h < 0) return -1
      return h * 3600 + (this.#firstTime % 3600)
    }
    return h0 * 3600 + (this.#firstTime % 3600)
  }

  /**
   * First matching wall time in `[from, to)` (wall seconds), or null. Scans at most `maxDays`
   * calendar days, so a sparse expression over a long span stays bounded.
   */
  nextWallMatch(from: number, to: number, maxDays = 146_100): number | null {
    let day = Math.floor(from / 86400)
    let sod = from - day * 86400
    for (let n = 0; n < maxDays && day * 86400 < to; n++, day++, sod = 0) {
      if (!this.dayMatches(day)) continue
      const tod = this.nextTimeOfDay(sod)
      if (tod < 0) continue
      const wall = day * 86400 + tod
      return wall < to ? wall : null
    }
    return null
  }

  /** True when some calendar day in the 400-year Gregorian cycle matches (else it never fires). */
  firesOnSomeDay(): boolean {
    const start = daysFromCivil(2000, 1, 1)
    for (let d = start; d < start + 146_097; d++) if (this.#dayMatches(d)) return true
    return false
  }
}

function nextTable(allowed: Uint8Array, size: number): Int8Array {
  const out = new Int8Array(size).fill(-1)
  let next = -1
  for (let i = size - 1; i >= 0; i--) {
    if (allowed[i]) next = i
    out[i] = next
  }
  return out
}

/** Quartz `nW`: the Mon-Fri day nearest to day n, never leaving the month; -1 if n > last. */
export function nearestWeekday(year: number, month: number, n: number, last = daysInMonth(year, month)): number {
  if (n > last) return -1
  const dow = weekday(daysFromCivil(year, month, n))
  if (dow === 6) return n === 1 ? n + 2 : n - 1
  if (dow === 0) return n === last ? n - 2 : n + 1
  return n
}
