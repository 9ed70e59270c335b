import {compileSchedule} from '../schedule/compile.js'
import type {Schedule} from '../schedule/types.js'
import {isCronFieldToken} from './cron-field-token.js'
import {
  FIELD_DEFAULTS,
  type Field,
  type FieldValues,
  isKnownZone,
  nameProblem,
  OPTION_FIELDS,
  parseFieldValue,
  SETTING_FIELDS,
} from './field-values.js'
import {splitLines, type Token, tokenizeLine} from './line-tokens.js'
import {splitSchedule} from './schedule-split.js'
import type {Diagnostic, Entry, ParseOptions, ParseResult} from './types.js'

/** A setting in force: its value, or `bad` when its line had an error (entries below it are dropped). */
type SettingState = {ok: true; value: FieldValues[Field]} | {ok: false}

/** An entry line as far as it could be read; `hasError` keeps it out of the result. */
interface EntryDraft {
  line: number
  id?: string
  /** 0-based offset where the id was written (the `id=` value, else the task name). */
  idOffset: number
  idFromOption: boolean
  entry?: Entry
  hasError: boolean
}

/** Reports problems on one line; offsets are 0-based into the line, columns come out 1-based. */
class LineReporter {
  hasError = false
  constructor(
    private readonly file: string,
    readonly line: number,
    private readonly out: Diagnostic[],
  ) {}

  report(offset: number, rule: string, message: string, opts: {length?: number; severity?: 'error' | 'warning'} = {}) {
    const severity = opts.severity ?? 'error'
    const d: Diagnostic = {file: this.file, line: this.line, column: offset + 1, severity, rule, message}
    if (opts.length && opts.length > 0) d.endColumn = offset + 1 + opts.length
    this.out.push(d)
    if (severity === 'error') this.hasError = true
  }
}

const SETTING_LIST = Object.keys(SETTING_FIELDS).join(', ')
const FIELDS = [...Object.keys(FIELD_DEFAULTS), 'tz', 'id'] as Field[]
const OPTION_LIST = Object.keys(OPTION_FIELDS).join(', ')

/**
 * Parses a whole Qtabfile (DESIGN §1). Never throws on any input: every problem becomes a
 * diagnostic with a line and column (1-based; columns count UTF-16 code units, a tab is one),
 * and reading goes on to the end of the file. Only entries without errors are returned, each
 * with its compiled schedule.
 */
export function parseQtabfile(text: string, file: string, opts: ParseOptions): ParseResult {
  const lines = splitLines(text)
  const diagnostics: Diagnostic[] = []
  const settings = new Map<Field, SettingState>()
  const drafts: EntryDraft[] = []
  lines.forEach((lineText, index) => {
    const reporter = new LineReporter(file, index + 1, diagnostics)
    const tokens = tokenizeLine(lineText, true).tokens
    const first = tokens[0]
    if (!first) return
    // A setting's value ends at whitespace, JSON or not: settings get the plain tokenizer.
    if (first.text.includes('=')) parseSettingLine(tokenizeLine(lineText, false).tokens, reporter, settings)
    else {
      const draft = parseEntryLine(lineText, tokens, reporter, settings, file, opts)
      if (draft) drafts.push(draft)
    }
  })
  markDuplicateIds(drafts, file, diagnostics)
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)
  const entries = drafts.flatMap((d) => (d.entry && !d.hasError ? [d.entry] : []))
  return {entries, diagnostics, lineCount: lines.length}
}

function parseSettingLine(tokens: Token[], r: LineReporter, settings: Map<Field, SettingState>): void {
  const [first, extra] = tokens as [Token, Token | undefined]
  const eq = first.text.indexOf('=')
  const name = first.text.slice(0, eq)
  const raw = first.text.slice(eq + 1)
  if (extra) {
    const last = tokens[tokens.length - 1] as Token
    r.report(extra.start, 'syntax', `unexpected ${JSON.stringify(extra.text)} after the setting; a setting's value ends at whitespace`, {
      length: last.end - extra.start,
    })
  }
  const field = SETTING_FIELDS[name]
  if (name === '') return r.report(first.start, 'syntax', 'setting name missing before "="')
  if (!field) {
    const hint = OPTION_FIELDS[name.toLowerCase()]
      ? ` (settings are upper case; ${name}= as an option goes after the task name on an entry line)`
      : ` (known settings: ${SETTING_LIST})`
    return r.report(first.start, 'unknown-setting', `unknown setting ${JSON.stringify(name)}${hint}`, {length: name.length})
  }
  const parsed = parseFieldValue(field, raw, name)
  if (parsed.ok) settings.set(field, {ok: true, value: parsed.value})
  else {
    r.report(first.start + eq + 1 + parsed.offset, parsed.rule, parsed.message)
    settings.set(field, {ok: false})
  }
}

function parseEntryLine(
  lineText: string,
  tokens: Token[],
  r: LineReporter,
  settings: Map<Field, SettingState>,
  file: string,
  opts: ParseOptions,
): EntryDraft | null {
  const first = tokens[0] as Token
  const split = splitSchedule(tokens)
  if (split.kind === 'not-a-schedule') {
    r.report(
      first.start,
      'syntax',
      `unexpected ${JSON.stringify(first.text)}: expected a schedule (5 or 6 cron fields, @macro, @every or @at), a NAME=value setting or a # comment`,
      {length: first.text.length},
    )
    return null
  }
  const count = split.count
  const last = tokens[count - 1] as Token
  const scheduleText = lineText.slice(first.start, last.end)
  if (split.kind === 'too-few-fields') {
    r.report(
      first.start,
      'cron-field-count',
      `cron schedule has ${count} field${count === 1 ? '' : 's'}; expected 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)`,
      {length: scheduleText.length},
    )
  }

  let task: Token | undefined = tokens[count]
  if (!task || task.text.includes('=')) {
    r.report(task ? task.start : last.end, 'missing-task', 'missing task name after the schedule')
    task = undefined
  } else checkTaskName(task, r)

  const values = readOptions(tokens.slice(task ? count + 1 : count), r)
  const resolved = resolveFields(values, settings, opts.defaultTz, task?.text)
  if (resolved.tzFromDefault && !isKnownZone(resolved.fields.tz)) {
    r.report(first.start, 'unknown-zone', `unknown time zone ${JSON.stringify(resolved.fields.tz)} (from --tz, QTAB_TZ or the system)`)
  }
  const idOption = values.tokens.get('id')
  const draft: EntryDraft = {
    line: r.line,
    id: resolved.fields.id === '' ? undefined : resolved.fields.id,
    idOffset: idOption ? idOption.start + 3 : (task?.start ?? first.start),
    idFromOption: idOption !== undefined,
    hasError: false,
  }

  let trigger: Schedule | undefined
  if (split.kind === 'schedule' && isKnownZone(resolved.fields.tz)) {
    const compile = opts.compile ?? compileSchedule
    const compiled = compile(scheduleText, {tz: resolved.fields.tz, seed: resolved.fields.id})
    for (const p of compiled.problems) {
      const offset = Math.min(Math.max(0, Math.trunc(p.offset) || 0), scheduleText.length)
      const length = Math.min(Math.max(0, Math.trunc(p.length) || 0), scheduleText.length - offset)
      r.report(first.start + offset, p.rule, p.message, {length, severity: p.severity})
    }
    trigger = compiled.schedule
  }
  draft.hasError = r.hasError || resolved.poisoned || !trigger
  if (!draft.hasError && task && trigger) {
    draft.entry = {
      ...resolved.fields,
      task: task.text,
      schedule: scheduleText,
      pos: {file, line: r.line, column: first.start + 1},
      taskPos: {file, line: r.line, column: task.start + 1},
      trigger,
    }
  }
  return draft
}

function checkTaskName(task: Token, r: LineReporter): void {
  const shown = JSON.stringify(task.text)
  const problem = nameProblem(task.text)
  if (problem) r.report(task.start, 'task-name', `task name ${shown} ${problem}`, {length: task.text.length})
  const colon = task.text.indexOf(':')
  if (colon !== -1)
    r.report(task.start + colon, 'task-name', `task name ${shown} contains ":" (QTasks splits its queue entries on ":")`, {
      length: 1,
    })
  if (isCronFieldToken(task.text))
    r.report(
      task.start,
      'task-name-cron-token',
      `task name ${shown} reads as a cron field, which makes the 5-vs-6-field split ambiguous; rename the task`,
      {length: task.text.length},
    )
}

/** The options of one line: parsed values, the token of each key, and whether any was bad. */
interface LineOptions {
  values: Partial<FieldValues>
  tokens: Map<Field, Token>
  bad: Set<Field>
}

function readOptions(tokens: Token[], r: LineReporter): LineOptions {
  const out: LineOptions = {values: {}, tokens: new Map(), bad: new Set()}
  for (const token of tokens) {
    const eq = token.text.indexOf('=')
    if (eq === -1) {
      r.report(token.start, 'syntax', `unexpected ${JSON.stringify(token.text)} after the task name; options are key=value`, {
        length: token.text.length,
      })
      continue
    }
    const key = token.text.slice(0, eq)
    const field = OPTION_FIELDS[key]
    if (key === '') {
      r.report(token.start, 'syntax', 'option name missing before "="')
      continue
    }
    if (!field) {
      const hint = OPTION_FIELDS[key.toLowerCase()] ? ' (options are lower case)' : ` (known options: ${OPTION_LIST})`
      r.report(token.start, 'unknown-option', `unknown option ${JSON.stringify(key)}${hint}`, {length: key.length})
      continue
    }
    const earlier = out.tokens.get(field)
    if (earlier) {
      r.report(token.start, 'duplicate-option', `option ${key} is given twice on this line (first at column ${earlier.start + 1})`, {
        length: key.length,
      })
      continue
    }
    out.tokens.set(field, token)
    const parsed = parseFieldValue(field, token.text.slice(eq + 1), key)
    if (parsed.ok) (out.values as Record<Field, unknown>)[field] = parsed.value
    else {
      out.bad.add(field)
      r.report(token.start + eq + 1 + parsed.offset, parsed.rule, parsed.message)
    }
  }
  return out
}

/**
 * Resolves every field of an entry: option on the line > last setting above > default
 * (DESIGN §1). `poisoned` is set when a field falls back to a setting whose line had an error.
 */
function resolveFields(
  options: LineOptions,
  settings: Map<Field, SettingState>,
  defaultTz: string,
  task: string | undefined,
): {fields: FieldValues; poisoned: boolean; tzFromDefault: boolean} {
  let poisoned = false
  const defaults: FieldValues = {...FIELD_DEFAULTS, tz: defaultTz, id: task ?? ''}
  const fields = {...defaults}
  let tzFromDefault = true
  const target = fields as Record<Field, unknown>
  for (const key of FIELDS) {
    if (options.tokens.has(key)) {
      if (key === 'tz') tzFromDefault = false
      if (!options.bad.has(key)) target[key] = options.values[key]
      continue
    }
    const setting = settings.get(key)
    if (!setting) continue
    if (key === 'tz') tzFromDefault = false
    if (setting.ok) target[key] = setting.value
    else poisoned = true
  }
  return {fields, poisoned, tzFromDefault}
}

function markDuplicateIds(drafts: EntryDraft[], file: string, out: Diagnostic[]): void {
  const firstById = new Map<string, EntryDraft>()
  for (const draft of drafts) {
    if (draft.id === undefined) continue
    const first = firstById.get(draft.id)
    if (!first) {
      firstById.set(draft.id, draft)
      continue
    }
    draft.hasError = true
    const shown = JSON.stringify(draft.id)
    const message = draft.idFromOption
      ? `id ${shown} is already used on line ${first.line}`
      : `id ${shown} (the task name) is already used on line ${first.line}; add id=NAME to tell the entries apart`
    out.push({file, line: draft.line, column: draft.idOffset + 1, severity: 'error', rule: 'duplicate-id', message})
  }
}
