import {AtSchedule} from './at-schedule.js'
import {CronSchedule} from './cron-schedule.js'
import type {Schedule} from './types.js'
import {type Transition, zoneTable} from './zone.js'

/** One way a zone's offset change moves, drops or doubles fires of one entry. */
export interface DstNote {
  /** Local date of the change, `YYYY-MM-DD`. */
  date: string
  message: string
}

/** Enumerate at most this many matching wall times per change (an every-second entry has 3600). */
const LIST_LIMIT = 100_000

/**
 * What each UTC-offset change of the schedule's zone in `[fromMs, toMs)` does to its fires
 * (DESIGN §2), one note per change that actually affects a fire, oldest first:
 * - skipped wall time, fixed-time entry: the fire(s) move to the end of the gap;
 * - skipped wall time, wildcard entry: those fires are dropped;
 * - repeated wall time: a fixed-time entry fires once (first pass), a wildcard one in both.
 * An `@at` whose wall time falls in a gap gets a note too; `@every` never does (it ignores zones).
 */
export function dstNotes(schedule: Schedule, fromMs: number, toMs: number): DstNote[] {
  const zone = zoneTable(schedule.tz)
  const transitions = zone.transitionsBetween(Math.ceil(fromMs / 1000), Math.ceil(toMs / 1000))
  const notes: DstNote[] = []
  if (schedule instanceof AtSchedule) {
    const tr = transitions.find((t) => t.at * 1000 === schedule.at)
    if (schedule.inGap && tr) {
      const gap = `${clock(tr.at + tr.before)}-${clock(tr.at + tr.after)}`
      notes.push({
        date: dateOf(tr.at + tr.before),
        message: `on ${dateOf(tr.at + tr.before)} ${schedule.tz} skips ${gap}: the @at time does not exist; it runs at ${clock(tr.at + tr.after)} ${abbreviation(schedule.tz, tr.at)}`,
      })
    }
    return notes
  }
  if (!(schedule instanceof CronSchedule)) return notes
  for (const tr of transitions) {
    const note = cronNote(schedule, tr)
    if (note) notes.push(note)
  }
  return notes
}

function cronNote(schedule: CronSchedule, tr: Transition): DstNote | undefined {
  if (keepsRhythm(schedule, tr.after - tr.before)) return undefined
  const oldWall = tr.at + tr.before
  const newWall = tr.at + tr.after
  const gap = tr.after > tr.before
  const [from, to] = gap ? [oldWall, newWall] : [newWall, oldWall]
  const walls: number[] = []
  for (let w = schedule.matcher.nextWallMatch(from, to); w !== null && walls.length < LIST_LIMIT;) {
    walls.push(w)
    w = schedule.matcher.nextWallMatch(w + 1, to)
  }
  if (walls.length === 0) return undefined
  const date = dateOf(oldWall)
  const fires = listFires(walls)
  const head = gap
    ? `on ${date} ${schedule.tz} skips ${clock(from)}-${clock(to)}`
    : `on ${date} ${schedule.tz} repeats ${clock(from)}-${clock(to)}`
  const before = abbreviation(schedule.tz, tr.at - 1)
  const after = abbreviation(schedule.tz, tr.at)
  let message: string
  if (gap && !schedule.wildcard) {
    message =
      walls.length === 1
        ? `${head}: the ${fires} fire runs at ${clock(newWall)} ${after} instead`
        : `${head}: the ${fires} fires run once, at ${clock(newWall)} ${after}`
  } else if (gap) {
    message = `${head}: no fire for the missing ${fires}`
  } else if (!schedule.wildcard) {
    message = `${head}: the ${fires} fire${walls.length === 1 ? ' runs' : 's run'} once, in the first pass (${before})`
  } else {
    message = `${head}: this wildcard entry fires for both passes (${before}, then ${after}) at ${fires}`
  }
  return {date, message}
}

/**
 * True when a wildcard entry that runs every hour (every 10 minutes, `@hourly`, every second)
 * keeps its real-time spacing through an offset change of `shift` seconds: the wall times the
 * gap swallows (or the fold repeats) are exactly the instants that keep the fires evenly spaced,
 * so there is nothing to warn about. That holds when the within-hour pattern of fires is the same
 * after moving it by the shift (any pattern for whole-hour shifts; `0,30` for a 30-minute one).
 */
function keepsRhythm(schedule: CronSchedule, shift: number): boolean {
  const {spec} = schedule
  if (!spec.wildcard || spec.hours.some((on) => !on)) return false
  const step = ((shift % 3600) + 3600) % 3600
  if (step === 0) return true
  for (let t = 0; t < 3600; t++) {
    const here = spec.minutes[Math.floor(t / 60)] && spec.seconds[t % 60]
    const moved = (t + step) % 3600
    const there = spec.minutes[Math.floor(moved / 60)] && spec.seconds[moved % 60]
    if (Boolean(here) !== Boolean(there)) return false
  }
  return true
}

/** `02:30`, `02:00 and 02:30`, or `02:00, 02:01, … 02:59 (60 times)` for long runs. */
function listFires(walls: number[]): string {
  const times = walls.map(clock)
  if (times.length === 1) return times[0] as string
  if (times.length <= 4) return `${times.slice(0, -1).join(', ')} and ${times.at(-1)}`
  return `${times[0]}, ${times[1]}, … ${times.at(-1)} (${times.length} times)`
}

/** Wall seconds → `HH:MM`, or `HH:MM:SS` when the seconds are not zero. */
function clock(wall: number): string {
  const iso = new Date(wall * 1000).toISOString()
  return iso.slice(17, 19) === '00' ? iso.slice(11, 16) : iso.slice(11, 19)
}

/** Wall seconds → `YYYY-MM-DD`. */
function dateOf(wall: number): string {
  return new Date(wall * 1000).toISOString().slice(0, 10)
}

/** Short zone name at epoch second `t` (`EDT`; `GMT+1` where the locale has no abbreviation). */
function abbreviation(tz: string, t: number): string {
  const parts = new Intl.DateTimeFormat('en-US', {timeZone: tz, timeZoneName: 'short'}).formatToParts(t * 1000)
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz
}
