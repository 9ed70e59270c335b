import {isCronFieldToken} from './cron-field-token.js'
import type {Token} from './line-tokens.js'

/** How the leading tokens of an entry line divide into schedule and the rest. */
export type ScheduleSplit =
  /** `tokens[0..count)` are the schedule; `tokens[count]`, if any, should be the task. */
  | {kind: 'schedule'; count: number}
  /** A cron schedule with fewer than 5 fields: `count` tokens read as fields. */
  | {kind: 'too-few-fields'; count: number}
  /** The first token cannot start a schedule at all. */
  | {kind: 'not-a-schedule'}

const TWO_TOKEN_FORMS = new Set(['@every', '@at'])

/**
 * Decides where the schedule ends (DESIGN §1). `@every`/`@at` take two tokens, other `@`
 * forms one. A cron line has 6 fields when its first six tokens are cron fields and a seventh
 * token follows, else 5. When fewer than five leading tokens are fields, a line with at least
 * six words (before any `key=value`) still reads as 5 fields plus task, so the engine can name
 * the bad field; a shorter one is reported as having too few fields.
 */
export function splitSchedule(tokens: Token[]): ScheduleSplit {
  const first = tokens[0]
  if (!first) return {kind: 'not-a-schedule'}
  if (first.text.startsWith('@')) {
    const second = tokens[1]
    const takesArgument = TWO_TOKEN_FORMS.has(first.text.toLowerCase()) && second && !second.text.includes('=')
    return {kind: 'schedule', count: takesArgument ? 2 : 1}
  }
  let fields = 0
  while (fields < tokens.length && fields < 7 && isCronFieldToken((tokens[fields] as Token).text)) fields++
  if (fields === 0) return {kind: 'not-a-schedule'}
  if (fields >= 6 && tokens.length >= 7) return {kind: 'schedule', count: 6}
  if (fields >= 5) return {kind: 'schedule', count: 5}
  let words = tokens.findIndex((t) => t.text.includes('='))
  if (words === -1) words = tokens.length
  if (words >= 6) return {kind: 'schedule', count: 5}
  return {kind: 'too-few-fields', count: Math.max(fields, words - 1)}
}
