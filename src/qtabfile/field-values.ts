import {isValidZone} from '../schedule/compile.js'
import {formatDuration, parseDuration} from '../schedule/duration.js'
import {parseJsonValue} from './json-value.js'
import type {MisfirePolicy, OverlapPolicy} from './types.js'

/** What an option (`priority=`) or setting (`PRIORITY=`) sets on an entry. */
export type Field = 'tz' | 'app' | 'queue' | 'misfire' | 'grace' | 'jitter' | 'overlap' | 'priority' | 'id' | 'args' | 'kwargs'

/** The values an entry gets from its options, the settings above it, and the defaults. */
export interface FieldValues {
  tz: string
  app: string
  queue: string
  misfire: MisfirePolicy
  /** Milliseconds. */
  grace: number
  /** Milliseconds. */
  jitter: number
  overlap: OverlapPolicy
  priority: number
  id: string
  args: unknown[]
  kwargs: Record<string, unknown>
}

/** Defaults of DESIGN §1 and §3 (the zone comes from the caller; the id from the task name). */
export const FIELD_DEFAULTS: Omit<FieldValues, 'tz' | 'id'> = {
  app: 'QueueTasks',
  queue: 'task_queue',
  misfire: 'latest',
  grace: 60_000,
  jitter: 0,
  overlap: 'allow',
  priority: 0,
  args: [],
  kwargs: {},
}

/** Option keys (lower case, on an entry line) and the field each one sets. */
export const OPTION_FIELDS: Record<string, Field> = {
  priority: 'priority',
  args: 'args',
  kwargs: 'kwargs',
  tz: 'tz',
  id: 'id',
  misfire: 'misfire',
  grace: 'grace',
  jitter: 'jitter',
  overlap: 'overlap',
}

/** Setting names (upper case, on a line of their own) and the field each one sets. */
export const SETTING_FIELDS: Record<string, Field> = {
  TZ: 'tz',
  CRON_TZ: 'tz',
  APP: 'app',
  QUEUE: 'queue',
  MISFIRE: 'misfire',
  GRACE: 'grace',
  JITTER: 'jitter',
  OVERLAP: 'overlap',
  PRIORITY: 'priority',
}

/** A parsed value, or a rule id, message and 0-based offset into the raw value text. */
export type FieldValueResult =
  | {ok: true; field: Field; value: FieldValues[Field]}
  | {ok: false; rule: string; message: string; offset: number}

const PRIORITY = /^[+-]?\d+$/

const zoneCache = new Map<string, boolean>()

/**
 * True when `tz` is an IANA zone name the schedule engine can use (its own `isValidZone`).
 * Memoized: each check builds an `Intl.DateTimeFormat`, which costs more than parsing a line.
 */
export function isKnownZone(tz: string): boolean {
  let known = zoneCache.get(tz)
  if (known === undefined) {
    known = isValidZone(tz)
    if (zoneCache.size < 1000) zoneCache.set(tz, known)
  }
  return known
}

/**
 * Why `name` cannot be used as a QTasks name (task, id, app, queue), or null when it can:
 * control characters and Unicode whitespace break log lines and Redis keys.
 */
export function nameProblem(name: string): string | null {
  if (/[\p{Cc}\p{Cf}]/u.test(name)) return 'contains a control or format character'
  if (/\s/u.test(name)) return 'contains whitespace'
  return null
}

function fail(rule: string, message: string, offset = 0): FieldValueResult {
  return {ok: false, rule, message, offset}
}

/**
 * Parses the raw text of an option or setting value for `field`. `label` is how the user
 * wrote the key (`grace`, `GRACE`), used in messages.
 */
export function parseFieldValue(field: Field, raw: string, label: string): FieldValueResult {
  const ok = (value: FieldValues[Field]): FieldValueResult => ({ok: true, field, value})
  if (raw === '') return fail('option-value', `${label} has an empty value`)
  const shown = JSON.stringify(raw)
  switch (field) {
    case 'tz':
      return isKnownZone(raw) ? ok(raw) : fail('unknown-zone', `unknown time zone ${shown} (expected an IANA name such as Europe/Berlin)`)
    case 'app':
    case 'queue':
    case 'id': {
      const problem = nameProblem(raw)
      if (problem) return fail('option-value', `${label} ${shown} ${problem}`)
      if (field === 'app' && raw.includes(':'))
        return fail('option-value', `${label} ${shown} contains ":" (QTasks splits its storage keys on ":")`, raw.indexOf(':'))
      if (field === 'app' && raw === 'qtab')
        return fail('option-value', `${label} "qtab" would put qtab's own keys (qtab:{APP}:…) under the app's prefix`)
      return ok(raw)
    }
    case 'misfire':
      return raw === 'latest' || raw === 'all' || raw === 'skip'
        ? ok(raw)
        : fail('option-value', `${label} must be latest, all or skip, not ${shown}`)
    case 'overlap':
      return raw === 'allow' || raw === 'skip' ? ok(raw) : fail('option-value', `${label} must be allow or skip, not ${shown}`)
    case 'grace':
    case 'jitter': {
      const seconds = parseDuration(raw)
      if (seconds === null || seconds * 1000 > Number.MAX_SAFE_INTEGER)
        return fail('option-value', `${label} ${shown} is not a duration (such as 90s, 15m, 1h30m, 2d)`)
      return ok(seconds * 1000)
    }
    case 'priority': {
      const n = Number(raw)
      if (!PRIORITY.test(raw)) return fail('priority', `${label} must be an integer, not ${shown}`)
      if (!Number.isSafeInteger(n)) return fail('priority', `${label} ${raw} is out of range`)
      return ok(n)
    }
    case 'args':
    case 'kwargs': {
      const parsed = parseJsonValue(raw)
      if (!parsed.ok) return fail('json', `${label} is not valid JSON: ${parsed.message}`, parsed.offset)
      if (field === 'args' && !Array.isArray(parsed.value))
        return fail('args-not-array', `args must be a JSON array (args=[...]), not ${jsonKind(parsed.value)}`)
      if (field === 'kwargs' && (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)))
        return fail('kwargs-not-object', `kwargs must be a JSON object (kwargs={...}), not ${jsonKind(parsed.value)}`)
      const shape = jsonShapeProblem(parsed.value)
      if (shape) return fail('json', `${label}: ${shape}`)
      return ok(parsed.value as FieldValues['args'] | FieldValues['kwargs'])
    }
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

/** Formats milliseconds for messages (`60000` -> `1m`). */
export function formatMs(ms: number): string {
  return formatDuration(Math.floor(ms / 1000))
}

/** Deepest JSON nesting accepted in args/kwargs (Python's json module stops near 1,000). */
const MAX_JSON_DEPTH = 100

/**
 * What JSON.parse accepts but cannot reach a Python worker intact: nesting deeper than
 * MAX_JSON_DEPTH, and numbers a JavaScript double cannot hold exactly (beyond ±2^53, or out of
 * range: `1e400` parses to Infinity). Iterative, so no input can overflow the stack.
 */
function jsonShapeProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number]
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'a number is out of range (it would become Infinity)'
      if (Number.isInteger(v) && !Number.isSafeInteger(v))
        return `the number ${v} is beyond ±2^53 and would lose digits; pass it as a string`
    } else if (v !== null && typeof v === 'object') {
      if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`
      for (const child of Object.values(v)) stack.push([child, depth + 1])
    }
  }
  return null
}
