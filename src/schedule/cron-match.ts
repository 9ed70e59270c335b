import {civilFromDays, daysFromCivil, daysInMonth, weekday} from './calendar.js'
import type {CronSpec} from './cron-fields.js'

/**
 * Pure wall-clock matching of a `CronSpec`: no zones here. A *wall time* is the local date-time
 * read as if it were UTC, in seconds ("wall seconds"), so day n starts at wall second n·86400.
 */
export class CronMatcher {
  readonly spec: CronSpec
  /** nextX[i] = smallest allowed value ≥ i, or -1. */
  readonly #nextSecond: number[]
  readonly #nextMinute: number[]
  readonly #nextHour: number[]
  readonly #firstTime: number
  /** Bit d set = day d of the cached month matches; one month cached (cheap for frequent entries). */
  #maskKey = NaN
  #mask = 0

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
    const {year, month, day} = civilFromDays(days)
    return ((this.monthMask(year, month) >>> day) & 1) === 1
  }

  /** Matching days of a month as a bit set (bit d for day d, 1..31). */
  monthMask(year: number, month: number): number {
    const key = year * 16 + month
    if (key !== this.#maskKey) {
      this.#mask = this.#computeMonthMask(year, month)
      this.#maskKey = key
    }
    return this.#mask
  }

  #computeMonthMask(year: number, month: number): number {
    const s = this.spec
    if (!s.months[month]) return 0
    const last = daysInMonth(year, month)
    const first = daysFromCivil(year, month, 1)
    const firstDow = weekday(first)
    const nearest = s.domNearestWeekday.map((n) => nearestWeekday(year, month, n, last))
    const lastWeekday = s.domLastWeekday ? nearestWeekday(year, month, last, last) : -1
    let mask = 0
    for (let day = 1; day <= last; day++) {
      const dow = (firstDow + day - 1) % 7
      let domOk = s.dom[day] === 1 || day === lastWeekday || nearest.includes(day)
      if (!domOk) for (const n of s.domFromLast) if (day === last - n) domOk = true
      let dowOk = s.dow[dow] === 1
      if (!dowOk) for (const d of s.dowLast) if (d === dow && day + 7 > last) dowOk = true
      if (!dowOk) for (const [d, k] of s.dowNth) if (d === dow && Math.ceil(day / 7) === k) dowOk = true
      if (s.domStar || s.dowStar ? domOk && dowOk : domOk || dowOk) mask |= 1 << day
    }
    return mask
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
    const lastDay = day + maxDays
    while (day < lastDay && day * 86400 < to) {
      const {year, month, day: dom} = civilFromDays(day)
      const later = this.monthMask(year, month) >>> dom
      if (later === 0) {
        day += daysInMonth(year, month) - dom + 1
        sod = 0
        continue
      }
      const skip = 31 - Math.clz32(later & -later)
      if (skip > 0) {
        day += skip
        sod = 0
      }
      const tod = this.nextTimeOfDay(sod)
      if (tod < 0) {
        day++
        sod = 0
        continue
      }
      const wall = day * 86400 + tod
      return wall < to ? wall : null
    }
    return null
  }

  /** True when some calendar day in the 400-year Gregorian cycle matches (else it never fires). */
  firesOnSomeDay(): boolean {
    for (let year = 2000; year < 2400; year++)
      for (let month = 1; month <= 12; month++) if (this.monthMask(year, month) !== 0) return true
    return false
  }
}

function nextTable(allowed: number[], size: number): number[] {
  const out = new Array<number>(size).fill(-1)
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
