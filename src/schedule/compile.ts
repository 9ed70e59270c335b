import {AtSchedule} from './at-schedule.js'
import {daysFromCivil, daysInMonth} from './calendar.js'
import {parseCronFields, tokenize, type CronSpec, type Token} from './cron-fields.js'
import {CronMatcher} from './cron-match.js'
import {CronSchedule} from './cron-schedule.js'
import {parseDuration} from './duration.js'
import {EverySchedule} from './every-schedule.js'
import type {CompileOptions, CompileResult, ScheduleProblem} from './types.js'
import {isValidZone, wallToInstant, zoneTable} from './zone.js'

export {isValidZone} from './zone.js'
export {atInstant, isAtInPast} from './at-schedule.js'

/** Cron macros (lower-case key) and the 5-field expressions they stand for. */
export const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

/** The cron expression a schedule text means: macros expanded, anything else returned trimmed. */
export function expandMacro(text: string): string {
  const trimmed = text.trim()
  return MACROS[trimmed.toLowerCase()] ?? trimmed
}

/**
 * Compiles the schedule part of a Qtabfile line (`0 9 * * MON-FRI`, `*∕10 * * * * *`, `@hourly`,
 * `@every 90s`, `@at 2027-01-01T00:00`) into a `Schedule` evaluated in `opts.tz`.
 *
 * Never throws for bad input: every problem comes back with `offset`/`length` into `text` and a
 * rule id: `cron-syntax`, `cron-range`, `cron-field-count`, `cron-never-fires`, `cron-reboot`,
 * `unknown-zone`, `every-syntax`, `at-syntax`. `schedule` is set only when there is no error.
 * `opts.seed` (the entry id) seeds `H` fields.
 */
export function compileSchedule(text: string, opts: CompileOptions): CompileResult {
  const problems: ScheduleProblem[] = []
  const zoneOk = isValidZone(opts.tz)
  if (!zoneOk) {
    problems.push(
      error(
        'unknown-zone',
        `unknown time zone '${opts.tz}' (expected an IANA name such as Europe/Berlin)`,
        0,
        text.length,
      ),
    )
  }
  const tokens = tokenize(text)
  const head = tokens[0]
  let build: (() => CronSchedule | EverySchedule | AtSchedule) | undefined
  if (head && head.text.startsWith('@')) {
    const word = head.text.toLowerCase()
    if (word === '@every') build = compileEvery(text, tokens, opts, problems)
    else if (word === '@at') build = compileAt(text, tokens, opts, problems, zoneOk)
    else build = compileMacro(text, tokens, opts, problems)
  } else {
    build = compileCron(text, tokens, text, opts, problems)
  }
  if (problems.some((p) => p.severity === 'error') || !build) return {problems}
  return {schedule: build(), problems}
}

function error(rule: string, message: string, offset: number, length: number): ScheduleProblem {
  return {severity: 'error', rule, message, offset, length}
}

/**
 * Clean cron specs (with their matcher tables) by their fields, and by seed when `H` may occur:
 * both are immutable, and big files repeat a few expressions thousands of times.
 */
const cleanSpecs = new Map<string, {spec: CronSpec; matcher: CronMatcher; fires: boolean}>()

function compileCron(
  source: string,
  tokens: Token[],
  expression: string,
  opts: CompileOptions,
  problems: ScheduleProblem[],
): (() => CronSchedule) | undefined {
  if (tokens.length !== 5 && tokens.length !== 6) {
    const got =
      tokens.length === 0
        ? 'an empty schedule'
        : `${tokens.length} field${tokens.length === 1 ? '' : 's'} in '${expression.trim()}'`
    problems.push(
      error(
        'cron-field-count',
        `cron needs 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first); got ${got}`,
        tokens[0]?.offset ?? 0,
        tokens.length === 0 ? source.length : expression.trimEnd().length - (tokens[0]?.offset ?? 0),
      ),
    )
    return undefined
  }
  const fields = tokens.map((t) => t.text).join(' ')
  const key = /h/i.test(fields) ? `${fields}\0${opts.seed}` : fields // H depends on the seed
  let clean = cleanSpecs.get(key)
  if (!clean) {
    const parsed = parseCronFields(tokens, opts.seed)
    problems.push(...parsed.problems)
    if (!parsed.spec) return undefined
    const matcher = new CronMatcher(parsed.spec)
    clean = {spec: parsed.spec, matcher, fires: matcher.firesOnSomeDay()}
    if (parsed.problems.length === 0 && clean.fires) cleanSpecs.set(key, clean)
  }
  const {spec, matcher} = clean
  const schedule = () => new CronSchedule(source, opts.tz, spec, matcher)
  if (!clean.fires) {
    const dayTokens = tokens.slice(-3)
    const first = dayTokens[0] as Token
    const last = dayTokens[2] as Token
    problems.push(
      error(
        'cron-never-fires',
        `this schedule never fires: no date has day-of-month '${first.text}' in month '${(dayTokens[1] as Token).text}'` +
          (last.text.startsWith('*') || last.text.startsWith('?') ? '' : ` with day-of-week '${last.text}'`),
        first.offset,
        last.offset + last.text.length - first.offset,
      ),
    )
    return undefined
  }
  return schedule
}

function compileMacro(text: string, tokens: Token[], opts: CompileOptions, problems: ScheduleProblem[]) {
  const head = tokens[0] as Token
  const word = head.text.toLowerCase()
  if (word === '@reboot') {
    problems.push(
      error(
        'cron-reboot',
        '@reboot has no calendar meaning; qtab only runs calendar schedules',
        head.offset,
        head.text.length,
      ),
    )
    return undefined
  }
  const expansion = MACROS[word]
  if (expansion === undefined) {
    problems.push(
      error(
        'cron-syntax',
        `unknown macro '${head.text}' (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every or @at)`,
        head.offset,
        head.text.length,
      ),
    )
    return undefined
  }
  if (tokens.length > 1) {
    const extra = tokens[1] as Token
    problems.push(
      error(
        'cron-syntax',
        `'${head.text}' takes no argument; unexpected '${extra.text}'`,
        extra.offset,
        text.trimEnd().length - extra.offset,
      ),
    )
    return undefined
  }
  return compileCron(text, tokenize(expansion), expansion, opts, problems)
}

/**
 * The one argument of `@every` / `@at`; reports a missing one at the keyword, extra ones from
 * the first extra token to the end, and returns undefined then.
 */
function soleArgument(
  text: string,
  tokens: Token[],
  rule: string,
  usage: string,
  problems: ScheduleProblem[],
): Token | undefined {
  const head = tokens[0] as Token
  const arg = tokens[1]
  if (arg && tokens.length === 2) return arg
  const offset = arg ? (tokens[2] as Token).offset : head.offset
  const length = arg ? text.trimEnd().length - offset : head.text.length
  problems.push(error(rule, `${head.text.toLowerCase()} takes exactly one argument, ${usage}`, offset, length))
  return undefined
}

function compileEvery(text: string, tokens: Token[], opts: CompileOptions, problems: ScheduleProblem[]) {
  const usage = 'a duration such as 90s, 15m, 1h30m or 2d'
  const arg = soleArgument(text, tokens, 'every-syntax', usage, problems)
  if (!arg) return undefined
  const seconds = parseDuration(arg.text)
  if (seconds === null) {
    problems.push(error('every-syntax', `@every '${arg.text}' is not ${usage}`, arg.offset, arg.text.length))
    return undefined
  }
  if (seconds < 1) {
    problems.push(error('every-syntax', `@every '${arg.text}' must be at least 1s`, arg.offset, arg.text.length))
    return undefined
  }
  if (seconds > MAX_EVERY_SECONDS) {
    const msg = `@every '${arg.text}' is longer than 3650d; use @yearly or a cron expression`
    problems.push(error('every-syntax', msg, arg.offset, arg.text.length))
    return undefined
  }
  return () => new EverySchedule(text, opts.tz, seconds)
}

/** Ten years: longer intervals would put fire instants past what a Date can hold. */
const MAX_EVERY_SECONDS = 3650 * 86_400

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i

function compileAt(text: string, tokens: Token[], opts: CompileOptions, problems: ScheduleProblem[], zoneOk: boolean) {
  const usage = 'an ISO-8601 date-time such as 2027-01-01T00:00 (seconds and an offset like Z or +02:00 are optional)'
  const arg = soleArgument(text, tokens, 'at-syntax', usage, problems)
  if (!arg) return undefined
  const m = ISO.exec(arg.text)
  if (!m) {
    problems.push(error('at-syntax', `@at '${arg.text}' is not ${usage}`, arg.offset, arg.text.length))
    return undefined
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    problems.push(error('at-syntax', `@at '${arg.text}' is not a real date and time`, arg.offset, arg.text.length))
    return undefined
  }
  const wall = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
  const zone = m[7]
  if (zone !== undefined) {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
    const offset = z ? (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3] ?? 0) * 60) : 0
    return () => new AtSchedule(text, opts.tz, (wall - offset) * 1000)
  }
  if (!zoneOk) return undefined
  return () => {
    const instant = wallToInstant(opts.tz, wall)
    const inGap = instant + zoneTable(opts.tz).offsetAt(instant) !== wall
    return new AtSchedule(text, opts.tz, instant * 1000, inGap)
  }
}
