import {parseFieldValue} from '../qtabfile/field-values.js'
import type {Entry} from '../qtabfile/types.js'

/** What `qtab trigger` may replace for one enqueue: the task's arguments and priority. */
export type TriggerOverrides = Partial<Pick<Entry, 'args' | 'kwargs' | 'priority'>>

/** The raw `--args`, `--kwargs` and `--priority` flag texts (undefined when not given). */
export interface TriggerFlagTexts {
  args?: string
  kwargs?: string
  priority?: string
}

/**
 * Validates the override flags with the Qtabfile's own value rules (same JSON reader, same
 * integer rule), so a value that works as `args=` works as `--args`.
 * @returns the overrides, or one message per bad flag (a usage error for the command)
 */
export function parseTriggerOverrides(
  texts: TriggerFlagTexts,
): {ok: true; overrides: TriggerOverrides} | {ok: false; problems: string[]} {
  const overrides: TriggerOverrides = {}
  const problems: string[] = []
  if (texts.args !== undefined) {
    const r = parseFieldValue('args', texts.args, '--args')
    if (r.ok) overrides.args = r.value as unknown[]
    else
      problems.push(
        r.rule !== 'args-not-array'
          ? r.message
          : `--args must be a JSON array such as '["a", 1]', not ${kindOf(texts.args)}`,
      )
  }
  if (texts.kwargs !== undefined) {
    const r = parseFieldValue('kwargs', texts.kwargs, '--kwargs')
    if (r.ok) overrides.kwargs = r.value as Record<string, unknown>
    else
      problems.push(
        r.rule !== 'kwargs-not-object'
          ? r.message
          : `--kwargs must be a JSON object such as '{"team": "ops"}', not ${kindOf(texts.kwargs)}`,
      )
  }
  if (texts.priority !== undefined) {
    const r = parseFieldValue('priority', texts.priority, '--priority')
    if (r.ok) overrides.priority = r.value as number
    else problems.push(r.message)
  }
  return problems.length > 0 ? {ok: false, problems} : {ok: true, overrides}
}

/** "an object", "a string", … for a JSON text already known to parse. */
function kindOf(json: string): string {
  const value: unknown = JSON.parse(json)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}
