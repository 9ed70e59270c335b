import {isCronFieldToken} from '../../src/qtabfile/cron-field-token.js'
import {parseDuration} from '../../src/schedule/duration.js'
import type {CompileOptions, CompileResult, Schedule, ScheduleProblem} from '../../src/schedule/types.js'

/**
 * A stand-in for the schedule engine's `compileSchedule`, enough to test the parser's wiring:
 * it reports a problem for a numeric cron field above 59 (`cron-range`, at that field's offset),
 * a field that is not cron-shaped (`cron-syntax`), a field count other than 5 or 6, `@reboot`, an unknown macro, a bad `@every`/`@at`; its
 * schedules fire every minute (cron), every interval (`@every`) or once (`@at`).
 */
export function fakeCompile(text: string, opts: CompileOptions): CompileResult {
  const problems: ScheduleProblem[] = []
  const problem = (rule: string, message: string, offset: number, length: number) =>
    problems.push({severity: 'error', rule, message, offset, length})
  let next: (after: number) => number | null
  let kind: Schedule['kind'] = 'cron'
  const [head = '', arg = ''] = text.split(/[ \t]+/)
  if (head.toLowerCase() === '@every') {
    kind = 'every'
    const seconds = parseDuration(arg)
    if (!seconds) problem('every-syntax', `bad interval "${arg}"`, text.length - arg.length, arg.length)
    const step = (seconds ?? 1) * 1000
    next = (after) => Math.floor(after / step) * step + step
  } else if (head.toLowerCase() === '@at') {
    kind = 'at'
    const at = Date.parse(arg + 'Z')
    if (Number.isNaN(at)) problem('at-syntax', `bad instant "${arg}"`, text.length - arg.length, arg.length)
    next = (after) => (at > after ? at : null)
  } else if (head.startsWith('@')) {
    if (head.toLowerCase() === '@reboot') problem('cron-reboot', '@reboot has no calendar meaning', 0, head.length)
    else if (!['@hourly', '@daily'].includes(head.toLowerCase()))
      problem('cron-syntax', `unknown macro "${head}"`, 0, head.length)
    next = (after) => Math.floor(after / 3_600_000) * 3_600_000 + 3_600_000
  } else {
    const fields = [...text.matchAll(/[^ \t]+/g)]
    if (fields.length !== 5 && fields.length !== 6)
      problem('cron-field-count', `${fields.length} fields`, 0, text.length)
    for (const f of fields) {
      if (!isCronFieldToken(f[0])) problem('cron-syntax', `bad field "${f[0]}"`, f.index, f[0].length)
      else if (/^\d+$/.test(f[0]) && Number(f[0]) > 59)
        problem('cron-range', `${f[0]} is out of range`, f.index, f[0].length)
    }
    next = (after) => Math.floor(after / 60_000) * 60_000 + 60_000
  }
  if (problems.length > 0) return {problems}
  return {problems, schedule: {kind, source: text, tz: opts.tz, next}}
}
