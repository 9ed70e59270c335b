import cronstrue from 'cronstrue'
import {DateTime} from 'luxon'
import {AtSchedule} from './at-schedule.js'
import {compileSchedule} from './compile.js'
import {CronSchedule} from './cron-schedule.js'
import {formatDuration} from './duration.js'
import {EverySchedule} from './every-schedule.js'
import type {CompileOptions, Schedule} from './types.js'

/** cronstrue output by the H-resolved expression: big files repeat a handful of expressions. */
const cronWords = new Map<string, string>()

/**
 * Plain words for a schedule text, for `qtab next`: `At 09:00, Monday through Friday`,
 * `every 1h 30m`, `once at 2027-01-01 00:00 Europe/Berlin`. Cron wording comes from cronstrue
 * after `H` is replaced by its hashed value, macros are expanded and a `0` seconds field is
 * dropped. Falls back to the text itself when the schedule does not compile or cronstrue fails.
 */
export function describeSchedule(text: string, opts: CompileOptions): string {
  const {schedule} = compileSchedule(text, opts)
  return schedule ? describeCompiled(schedule) : text.trim()
}

/** As `describeSchedule`, for a schedule already compiled. */
export function describeCompiled(schedule: Schedule): string {
  if (schedule instanceof EverySchedule)
    return `every ${formatDuration(schedule.seconds).replace(/(\d+[dhm])(?=\d)/g, '$1 ')}`
  if (schedule instanceof AtSchedule) {
    const local = DateTime.fromMillis(schedule.at, {zone: schedule.tz})
    return `once at ${local.toFormat(local.second === 0 ? 'yyyy-LL-dd HH:mm' : 'yyyy-LL-dd HH:mm:ss')} ${schedule.tz}`
  }
  if (!(schedule instanceof CronSchedule)) return schedule.source.trim()
  const fields = [...schedule.spec.resolvedFields]
  if (schedule.spec.hasSeconds && fields[0] === '0') fields.shift()
  // Vixie: DOM and DOW are ANDed when either starts with `*` (DESIGN §1).
  const and = schedule.spec.domStar || schedule.spec.dowStar
  const key = `${and ? '&' : '|'}${fields.join(' ')}`
  let words = cronWords.get(key)
  if (words === undefined) {
    try {
      words = cronstrue.toString(fields.join(' '), {
        use24HourTimeFormat: true,
        throwExceptionOnParseError: true,
        logicalAndDayFields: and,
      })
    } catch {
      words = schedule.source.trim()
    }
    cronWords.set(key, words)
  }
  return words
}
