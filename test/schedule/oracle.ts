/**
 * A brute-force reference for cron fire instants, written independently of src/schedule:
 * expressions are structured values (rendered to text for the engine), days and times are
 * matched item by item, zones come from luxon, and DESIGN §2 is applied literally to each
 * candidate instant (does its wall time match? did that wall time already happen? is a
 * matching wall time missing because of a gap?). Slow on purpose; search is bounded by `end`.
 */
import {DateTime, IANAZone} from 'luxon'

export type Item =
  | {k: 'star'}
  | {k: 'any'}
  | {k: 'val'; v: number; name?: string}
  | {k: 'range'; a: number; b: number}
  | {k: 'step'; a?: number; b?: number; s: number}
  | {k: 'last'; n: number}
  | {k: 'near'; n: number}
  | {k: 'lastWeekday'}
  | {k: 'lastDow'; d: number}
  | {k: 'nth'; d: number; n: number}

export interface OracleExpr {
  /** Absent for 5-field expressions (seconds = 0). */
  second?: Item[]
  minute: Item[]
  hour: Item[]
  dom: Item[]
  month: Item[]
  dow: Item[]
}

export function renderItem(item: Item): string {
  switch (item.k) {
    case 'star':
      return '*'
    case 'any':
      return '?'
    case 'val':
      return item.name ?? String(item.v)
    case 'range':
      return `${item.a}-${item.b}`
    case 'step':
      return `${item.a === undefined ? '*' : item.b === undefined ? item.a : `${item.a}-${item.b}`}/${item.s}`
    case 'last':
      return item.n === 0 ? 'L' : `L-${item.n}`
    case 'near':
      return `${item.n}W`
    case 'lastWeekday':
      return 'LW'
    case 'lastDow':
      return `${item.d}L`
    case 'nth':
      return `${item.d}#${item.n}`
  }
}

export function renderExpr(e: OracleExpr): string {
  const fields = [e.minute, e.hour, e.dom, e.month, e.dow]
  if (e.second) fields.unshift(e.second)
  return fields.map((f) => f.map(renderItem).join(',')).join(' ')
}

const isStar = (items: Item[]) =>
  items[0]?.k === 'star' || items[0]?.k === 'any' || (items[0]?.k === 'step' && items[0].a === undefined)

/** Plain numeric item match for a field whose full range is min..max. */
function numMatch(items: Item[], v: number, min: number, max: number): boolean {
  return items.some((it) => {
    switch (it.k) {
      case 'star':
      case 'any':
        return true
      case 'val':
        return it.v === v
      case 'range':
        return it.a <= v && v <= it.b
      case 'step': {
        const a = it.a ?? min
        const b = it.b ?? max
        return v >= a && v <= b && (v - a) % it.s === 0
      }
      default:
        return false
    }
  })
}

function monthLength(y: number, m: number): number {
  return DateTime.utc(y, m, 1).daysInMonth as number
}

/** ISO weekday of a date, 1 = Monday .. 7 = Sunday, from luxon. */
function isoWeekday(y: number, m: number, d: number): number {
  return DateTime.utc(y, m, d).weekday
}

function nearestWeekday(y: number, m: number, n: number): number {
  const len = monthLength(y, m)
  if (n > len) return -1
  const wd = isoWeekday(y, m, n)
  if (wd === 6) return n === 1 ? 3 : n - 1
  if (wd === 7) return n === len ? n - 2 : n + 1
  return n
}

function domMatch(items: Item[], y: number, m: number, d: number): boolean {
  const len = monthLength(y, m)
  return items.some((it) => {
    if (it.k === 'last') return d === len - it.n
    if (it.k === 'near') return d === nearestWeekday(y, m, it.n)
    if (it.k === 'lastWeekday') {
      let x = len
      while (isoWeekday(y, m, x) > 5) x--
      return d === x
    }
    return numMatch([it], d, 1, 31)
  })
}

function dowMatch(items: Item[], y: number, m: number, d: number): boolean {
  const dow = isoWeekday(y, m, d) % 7 // Sunday 0
  const len = monthLength(y, m)
  return items.some((it) => {
    if (it.k === 'lastDow') return it.d % 7 === dow && d + 7 > len
    if (it.k === 'nth') return it.d % 7 === dow && Math.floor((d - 1) / 7) + 1 === it.n
    if (it.k === 'val') return it.v % 7 === dow
    if (it.k === 'range') {
      for (let v = it.a; v <= it.b; v++) if (v % 7 === dow) return true
      return false
    }
    if (it.k === 'step') {
      const a = it.a ?? 0
      const b = it.b ?? (it.a === 7 ? 7 : 6)
      for (let v = a; v <= b; v += it.s) if (v % 7 === dow) return true
      return false
    }
    return numMatch([it], dow, 0, 6)
  })
}

export class Oracle {
  readonly fixed: boolean
  readonly #dayCache = new Map<number, boolean>()
  readonly #offsetCache = new Map<number, number>()
  readonly #zone: IANAZone

  constructor(
    readonly expr: OracleExpr,
    readonly zone: string,
  ) {
    this.fixed = !(isStar(expr.minute) || isStar(expr.hour))
    this.#zone = IANAZone.create(zone)
  }

  /** UTC offset in seconds at epoch second t, from luxon. */
  offset(t: number): number {
    let o = this.#offsetCache.get(t)
    if (o === undefined) {
      o = this.#zone.offset(t * 1000) * 60
      this.#offsetCache.set(t, o)
    }
    return o
  }

  /** Does the wall day containing wall second w match month, DOM and DOW (Vixie)? */
  dayMatches(w: number): boolean {
    const key = Math.floor(w / 86400)
    let hit = this.#dayCache.get(key)
    if (hit === undefined) {
      const date = new Date(key * 86400_000)
      const y = date.getUTCFullYear()
      const m = date.getUTCMonth() + 1
      const d = date.getUTCDate()
      const e = this.expr
      const dom = domMatch(e.dom, y, m, d)
      const dow = dowMatch(e.dow, y, m, d)
      hit = numMatch(e.month, m, 1, 12) && (isStar(e.dom) || isStar(e.dow) ? dom && dow : dom || dow)
      this.#dayCache.set(key, hit)
    }
    return hit
  }

  /** First matching wall second in [from, to), stepping day → hour → minute → second. */
  firstMatchingWall(from: number, to: number): number | null {
    const e = this.expr
    let w = from
    while (w < to) {
      if (!this.dayMatches(w)) {
        w = (Math.floor(w / 86400) + 1) * 86400
        continue
      }
      const sod = ((w % 86400) + 86400) % 86400
      if (!numMatch(e.hour, Math.floor(sod / 3600), 0, 23)) {
        w = (Math.floor(w / 3600) + 1) * 3600
        continue
      }
      if (!numMatch(e.minute, Math.floor(sod / 60) % 60, 0, 59)) {
        w = (Math.floor(w / 60) + 1) * 60
        continue
      }
      const sec = sod % 60
      if (e.second ? !numMatch(e.second, sec, 0, 59) : sec !== 0) {
        w = e.second ? w + 1 : (Math.floor(w / 60) + 1) * 60
        continue
      }
      return w
    }
    return null
  }

  /** Did wall second w already show at some instant before t? (Folds up to 4 h.) */
  occurredBefore(w: number, t: number): boolean {
    const o = w - t
    const seen = new Set<number>()
    const base = Math.floor(t / 900) * 900
    for (let k = 0; k <= 16; k++) seen.add(this.offset(base - k * 900))
    for (const o2 of seen) {
      if (o2 <= o) continue
      const u = w - o2
      if (u < t && this.offset(u) === o2) return true
    }
    return false
  }

  /**
   * The end of the constant-offset run that starts at t (first second with another offset),
   * capped at `cap`, which is at most one day after t. Assumes at most one offset change a day.
   */
  runEnd(t: number, cap: number): number {
    const o = this.offset(t)
    if (this.offset(cap - 1) === o) return cap
    let x = t
    for (const step of [3600, 60, 1]) while (x + step < cap && this.offset(x + step) === o) x += step
    return x + 1
  }

  /** First fire strictly after `afterSec` and before `endSec` (epoch seconds), or null. */
  next(afterSec: number, endSec: number): number | null {
    let t = afterSec + 1
    while (t < endSec) {
      const o = this.offset(t)
      const before = this.offset(t - 1)
      if (this.fixed && o > before) {
        // t starts right after a gap: the wall times [t+before, t+o) never existed.
        if (this.firstMatchingWall(t + before, t + o) !== null) return t
      }
      const end = this.runEnd(t, Math.min(endSec, (Math.floor(t / 86400) + 1) * 86400))
      let w = t + o
      while (w < end + o) {
        const hit = this.firstMatchingWall(w, end + o)
        if (hit === null) break
        if (!this.fixed || !this.occurredBefore(hit, hit - o)) return hit - o
        w = hit + 1
      }
      t = end
    }
    return null
  }
}

/** Instants (epoch seconds, day resolution) near which the offset of `zone` changes in `year`. */
export function roughTransitions(zone: string, year: number): number[] {
  const z = IANAZone.create(zone)
  const off = (t: number) => z.offset(t * 1000)
  const out: number[] = []
  const start = Date.UTC(year, 0, 1) / 1000
  for (let week = 0; week < 53; week++) {
    const t = start + week * 7 * 86400
    if (off(t) === off(t + 7 * 86400)) continue
    for (let d = 0; d < 7; d++) if (off(t + d * 86400) !== off(t + (d + 1) * 86400)) out.push(t + d * 86400)
  }
  return out
}
