/**
 * UTC-offset arithmetic for IANA zones, on top of `Intl` (no tz database of our own).
 *
 * A zone's history is cut into constant-offset *segments* between offset transitions.
 * Transitions are found lazily per UTC year (sample the offset daily, bisect to the second) and cached for the life of the process, so `segmentAt` is a cached lookup after the
 * first call for a year. Every offset change counts as a transition, DST or not.
 * All instants here are whole **seconds** since the Unix epoch; offsets are seconds east of UTC.
 */

/** One change of UTC offset: at instant `at` the offset goes from `before` to `after`. */
export interface Transition {
  /** First second (epoch seconds) at which the new offset applies. */
  at: number
  before: number
  after: number
}

/** A maximal run of time with one UTC offset, possibly cut at a UTC year boundary. */
export interface Segment {
  /** Epoch seconds, inclusive. */
  start: number
  /** Epoch seconds, exclusive. */
  end: number
  /** Seconds east of UTC in force during the segment. */
  offset: number
  /**
   * Set when `start` is a transition that skips wall time (spring forward): the skipped wall
   * times are `[gapStartWall, start + offset)` (wall seconds = instant + offset).
   */
  gapStartWall?: number
  /**
   * Wall times below this (wall seconds) already happened before `start` (fall back, or the
   * tail of a fold that began before a year cut). -Infinity when nothing repeats.
   */
  repeatedBelowWall: number
}

interface YearTable {
  start: number
  end: number
  /** Offset just before `start`, i.e. in force until the first transition. */
  initial: number
  transitions: Transition[]
}

/**
 * Offsets are sampled once a day and each change is bisected to the second, so two changes
 * that cancel out within one day would be missed; tzdata has none in the range qtab targets.
 */
const SAMPLE_STEP = 86400
const FIXED_UTC = new Set(['utc', 'etc/utc', 'etc/uct', 'uct', 'gmt', 'etc/gmt', 'etc/gmt0', 'etc/gmt+0', 'etc/gmt-0'])

/** Answers of `isValidZone`, cached: building an Intl.DateTimeFormat costs ~0.25 ms. */
const zoneValidity = new Map<string, boolean>()

/** True when `tz` is an IANA zone name that this runtime's Intl knows (e.g. `Europe/Berlin`, `UTC`). */
export function isValidZone(tz: string): boolean {
  let valid = zoneValidity.get(tz)
  if (valid === undefined) {
    valid = tz.trim() !== '' && tz === tz.trim()
    try {
      if (valid) new Intl.DateTimeFormat('en-US', {timeZone: tz})
    } catch {
      valid = false
    }
    zoneValidity.set(tz, valid)
  }
  return valid
}

/** Offset table of one zone; obtain through `zoneTable(tz)` so instances are shared. */
export class ZoneTable {
  readonly tz: string
  /** True for UTC aliases: one infinite segment, no Intl calls at all. */
  readonly isUtc: boolean
  readonly #years = new Map<number, YearTable>()
  readonly #format?: Intl.DateTimeFormat

  constructor(tz: string) {
    this.tz = tz
    this.isUtc = FIXED_UTC.has(tz.toLowerCase())
    if (!this.isUtc) this.#format = new Intl.DateTimeFormat('en-US', {timeZone: tz, timeZoneName: 'longOffset'})
  }

  /** Offset (seconds east of UTC) at epoch second `t`. */
  offsetAt(t: number): number {
    if (!this.#format) return 0
    const text = this.#format.format(t * 1000)
    const m = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)
    if (!m) throw new Error(`ZoneTable: cannot read the UTC offset of ${this.tz} from ${JSON.stringify(text)}`)
    if (m[1] === undefined) return 0
    const abs = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)
    return m[1] === '-' ? -abs : abs
  }

  /** The constant-offset segment that contains epoch second `t`. */
  segmentAt(t: number): Segment {
    if (this.isUtc) return {start: -Infinity, end: Infinity, offset: 0, repeatedBelowWall: -Infinity}
    const year = this.#year(utcYear(t))
    const list = year.transitions
    let i = list.length - 1
    while (i >= 0 && (list[i] as Transition).at > t) i--
    const end = i + 1 < list.length ? (list[i + 1] as Transition).at : year.end
    if (i >= 0) {
      const tr = list[i] as Transition
      const seg: Segment = {start: tr.at, end, offset: tr.after, repeatedBelowWall: -Infinity}
      if (tr.after > tr.before) seg.gapStartWall = tr.at + tr.before
      else seg.repeatedBelowWall = tr.at + tr.before
      return seg
    }
    // Segment starts at a year cut, not a transition: a fold that began just before the cut can
    // still be repeating wall times after it.
    const prev = this.#year(utcYear(t) - 1).transitions.at(-1)
    const repeatedBelowWall = prev && prev.before > prev.after ? prev.at + prev.before : -Infinity
    return {start: year.start, end, offset: year.initial, repeatedBelowWall}
  }

  /** Transitions with `from <= at < to` (epoch seconds), oldest first. */
  transitionsBetween(from: number, to: number): Transition[] {
    if (this.isUtc || !(from < to)) return []
    const out: Transition[] = []
    for (let y = utcYear(from); y <= utcYear(to); y++) {
      for (const tr of this.#year(y).transitions) if (tr.at >= from && tr.at < to) out.push(tr)
    }
    return out
  }

  #year(y: number): YearTable {
    let table = this.#years.get(y)
    if (!table) {
      table = this.#scanYear(y)
      this.#years.set(y, table)
    }
    return table
  }

  #scanYear(y: number): YearTable {
    const start = Date.UTC(y, 0, 1) / 1000
    const end = Date.UTC(y + 1, 0, 1) / 1000
    const initial = this.offsetAt(start - 1)
    const transitions: Transition[] = []
    let lo = start - 1
    let loOffset = initial
    while (lo < end - 1) {
      const hi = Math.min(lo + SAMPLE_STEP, end - 1)
      const hiOffset = this.offsetAt(hi)
      if (hiOffset !== loOffset) {
        // Smallest second in (lo, hi] with a new offset.
        let a = lo
        let b = hi
        while (b - a > 1) {
          const mid = Math.floor((a + b) / 2)
          if (this.offsetAt(mid) === loOffset) a = mid
          else b = mid
        }
        const after = this.offsetAt(b)
        transitions.push({at: b, before: loOffset, after})
        lo = b
        loOffset = after
        continue
      }
      lo = hi
      loOffset = hiOffset
    }
    return {start, end, initial, transitions}
  }
}

const tables = new Map<string, ZoneTable>()

/** The shared, lazily filled offset table of `tz`. Throws RangeError for an unknown zone. */
export function zoneTable(tz: string): ZoneTable {
  let table = tables.get(tz)
  if (!table) {
    table = new ZoneTable(tz)
    tables.set(tz, table)
  }
  return table
}

/** UTC calendar year of epoch second `t`. */
export function utcYear(t: number): number {
  return new Date(t * 1000).getUTCFullYear()
}

/**
 * The instant (epoch seconds) at which wall time `wall` (wall seconds: the local date-time read as
 * if it were UTC) happens in `tz`. A repeated wall time gives its first occurrence; a wall time
 * in a gap gives the first instant after the gap (the transition itself).
 */
export function wallToInstant(tz: string, wall: number): number {
  const table = zoneTable(tz)
  // No zone is more than 14 h from UTC (26 h covers any offset); walk segments forward.
  let seg = table.segmentAt(wall - 26 * 3600)
  for (let i = 0; i < 100; i++) {
    const wallStart = seg.start + seg.offset
    if (wall < wallStart) return seg.start
    if (wall < seg.end + seg.offset) return wall - seg.offset
    seg = table.segmentAt(seg.end)
  }
  throw new Error(`wallToInstant: no segment of ${tz} holds wall time ${wall}`)
}
