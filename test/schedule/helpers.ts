import {DateTime} from 'luxon'
import {compileSchedule} from '../../src/schedule/compile.js'
import type {Schedule} from '../../src/schedule/types.js'

/** Compiles or throws with the problems, for tests that expect a valid schedule. */
export function compiled(text: string, tz: string, seed = 'job'): Schedule {
  const result = compileSchedule(text, {tz, seed})
  if (!result.schedule) throw new Error(`${text}: ${JSON.stringify(result.problems)}`)
  return result.schedule
}

/** The next `n` fires after `from` (ISO), as ISO instants with the zone's offset (`2027-03-14T03:00:00-04:00`). */
export function fires(text: string, tz: string, from: string, n: number, seed = 'job'): string[] {
  const schedule = compiled(text, tz, seed)
  const out: string[] = []
  let t: number | null = Date.parse(from)
  while (out.length < n) {
    t = schedule.next(t)
    if (t === null) break
    out.push(DateTime.fromMillis(t, {zone: tz}).toISO({suppressMilliseconds: true}) as string)
  }
  return out
}
