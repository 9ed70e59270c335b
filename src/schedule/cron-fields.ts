import {hashValue} from './hash.js'
import type {ScheduleProblem} from './types.js'

/**
 * A parsed cron expression: per-field tables of allowed values plus the special day rules.
 * Tables are indexed by the value itself (`hours[9] === 1` when hour 9 matches).
 */
export interface CronSpec {
  /** True when the expression had 6 fields (seconds first). */
  hasSeconds: boolean
  seconds: number[]
  minutes: number[]
  hours: number[]
  /** Index 1..31. */
  dom: number[]
  /** `L` (0) and `L-n` (n): days counted back from the month's last day. */
  domFromLast: number[]
  /** `nW`: the weekday nearest to day n, within the same month. */
  domNearestWeekday: number[]
  /** `LW`: the month's last weekday (Mon-Fri). */
  domLastWeekday: boolean
  /** Index 1..12. */
  months: number[]
  /** Index 0..6, Sunday 0 (a 7 is also folded into 0). */
  dow: number[]
  /** `nL`: last weekday n of the month (0..6). */
  dowLast: number[]
  /** `n#k`: k-th weekday n of the month, as [n, k]. */
  dowNth: [number, number][]
  /** Day-of-month field starts with `*` or `?` (Vixie: then DOM and DOW are ANDed). */
  domStar: boolean
  dowStar: boolean
  /** DESIGN §2: the minute or hour field starts with `*` (follows the wall clock through DST). */
  wildcard: boolean
  /** The fields as written but with `H` replaced by what it hashed to (for descriptions). */
  resolvedFields: string[]
}

interface FieldDef {
  name: string
  min: number
  max: number
  names?: readonly string[]
  /** Range an unqualified `H` draws from (day-of-month uses 1-28 so it fires every month). */
  hashMax?: number
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const

const SECOND: FieldDef = {name: 'second', min: 0, max: 59}
const MINUTE: FieldDef = {name: 'minute', min: 0, max: 59}
const HOUR: FieldDef = {name: 'hour', min: 0, max: 23}
const DOM: FieldDef = {name: 'day-of-month', min: 1, max: 31, hashMax: 28}
const MONTH: FieldDef = {name: 'month', min: 1, max: 12, names: MONTH_NAMES}
const DOW: FieldDef = {name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, hashMax: 6}

/** A whitespace-separated token of the schedule text and where it starts. */
export interface Token {
  text: string
  offset: number
}

/** Splits on whitespace, keeping each token's offset into `text`. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  const re = /\S+/g
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({text: m[0], offset: m.index})
  return out
}

class FieldError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message)
  }
}

/**
 * Parses 5 or 6 cron field tokens (already counted by the caller) into a `CronSpec`.
 * Field errors come back as problems whose offsets point into the original schedule text.
 * `seed` feeds `H` (see `hashValue`).
 *
 * The field grammar is ours rather than cron-parser's: we need the position of every bad part,
 * plus `W`, `L-n` and a hash for `H` that no library upgrade can change.
 */
export function parseCronFields(tokens: Token[], seed: string): {spec?: CronSpec; problems: ScheduleProblem[]} {
  const hasSeconds = tokens.length === 6
  const defs = hasSeconds ? [SECOND, MINUTE, HOUR, DOM, MONTH, DOW] : [MINUTE, HOUR, DOM, MONTH, DOW]
  const spec: CronSpec = {
    hasSeconds,
    seconds: zeros(60),
    minutes: zeros(60),
    hours: zeros(24),
    dom: zeros(32),
    domFromLast: [],
    domNearestWeekday: [],
    domLastWeekday: false,
    months: zeros(13),
    dow: zeros(8),
    dowLast: [],
    dowNth: [],
    domStar: false,
    dowStar: false,
    wildcard: false,
    resolvedFields: [],
  }
  if (!hasSeconds) spec.seconds[0] = 1
  const tables = hasSeconds
    ? [spec.seconds, spec.minutes, spec.hours, spec.dom, spec.months, spec.dow]
    : [spec.minutes, spec.hours, spec.dom, spec.months, spec.dow]
  const problems: ScheduleProblem[] = []
  tokens.forEach((token, i) => {
    const def = defs[i] as FieldDef
    try {
      spec.resolvedFields.push(parseField(token, def, tables[i] as number[], spec, seed))
    } catch (e) {
      if (!(e instanceof FieldError)) throw e
      problems.push({severity: 'error', rule: e.rule, message: e.message, offset: e.offset, length: e.length})
    }
  })
  if (problems.length > 0) return {problems}
  const first = hasSeconds ? 1 : 0
  const startsStar = (t: Token | undefined) => t !== undefined && (t.text.startsWith('*') || t.text.startsWith('?'))
  spec.wildcard = startsStar(tokens[first]) || startsStar(tokens[first + 1])
  spec.domStar = startsStar(tokens[first + 2])
  spec.dowStar = startsStar(tokens[first + 4])
  return {spec, problems}
}

function parseField(token: Token, def: FieldDef, table: number[], spec: CronSpec, seed: string): string {
  const resolved: string[] = []
  let at = 0
  for (const item of token.text.split(',')) {
    const offset = token.offset + at
    if (item === '') {
      throw new FieldError('cron-syntax', `${def.name} field '${token.text}' has an empty list item`, offset, 0)
    }
    resolved.push(parseItem(item, offset, def, table, spec, seed))
    at += item.length + 1
  }
  if (def === DOW && table[7]) table[0] = 1
  return resolved.join(',')
}

/** Parses one list item, marks its values in `table` and returns it with `H` resolved. */
function parseItem(item: string, offset: number, def: FieldDef, table: number[], spec: CronSpec, seed: string): string {
  const up = item.toUpperCase()
  const fail = (rule: string, message: string, from = 0, length = item.length): never => {
    throw new FieldError(rule, message, offset + from, length)
  }

  if (def === DOM) {
    if (up === 'L') return (spec.domFromLast.push(0), item)
    if (up === 'LW') return ((spec.domLastWeekday = true), item)
    let m = /^L-(\d+)$/.exec(up)
    if (m) {
      const n = Number(m[1])
      if (n > 30) fail('cron-range', `day-of-month 'L-${m[1]}' is out of range L-0 to L-30`)
      spec.domFromLast.push(n)
      return item
    }
    m = /^(\d+)W$/.exec(up)
    if (m) {
      const n = Number(m[1])
      if (n < 1 || n > 31)
        fail('cron-range', `day-of-month ${m[1]} in '${item}' is out of range 1-31`, 0, item.length - 1)
      spec.domNearestWeekday.push(n)
      return item
    }
  }
  if (def === DOW) {
    let m = /^([0-7]|[A-Z]{3})L$/.exec(up)
    if (m) {
      spec.dowLast.push(readValue(m[1] as string, 0, offset, def) % 7)
      return item
    }
    m = /^([^#]+)#(.*)$/.exec(up)
    if (m) {
      const day = readValue(m[1] as string, 0, offset, def) % 7
      const k = m[2] as string
      if (!/^\d+$/.test(k)) fail('cron-syntax', `day-of-week '${item}': expected a number 1-5 after '#'`)
      if (Number(k) < 1 || Number(k) > 5) {
        fail('cron-range', `day-of-week occurrence #${k} is out of range 1-5`, (m[1] as string).length, k.length + 1)
      }
      spec.dowNth.push([day, Number(k)])
      return item
    }
  }

  const slash = item.indexOf('/')
  const base = slash < 0 ? item : item.slice(0, slash)
  let step = 1
  if (slash >= 0) {
    const stepText = item.slice(slash + 1)
    if (!/^\d+$/.test(stepText)) {
      fail(
        'cron-syntax',
        `${def.name} step '${stepText}' in '${item}' is not a whole number`,
        slash + 1,
        stepText.length,
      )
    }
    step = Number(stepText)
    if (step < 1) fail('cron-range', `${def.name} step 0 in '${item}' must be at least 1`, slash + 1, stepText.length)
  }

  let lo: number
  let hi: number
  let resolvedBase = base
  const upBase = base.toUpperCase()
  const hashed = /^H(?:\((.*)\))?$/.exec(upBase)
  if (base === '*' || (base === '?' && (def === DOM || def === DOW))) {
    lo = def.min
    hi = def === DOW ? 6 : def.max
  } else if (hashed) {
    lo = def.min
    hi = def.hashMax ?? def.max
    if (hashed[1] !== undefined) {
      const r = /^(\d+)-(\d+)$/.exec(hashed[1])
      if (!r) fail('cron-syntax', `${def.name} '${base}': expected H(from-to), e.g. H(0-29)`, 0, base.length)
      lo = readValue((r as RegExpExecArray)[1] as string, 2, offset, def)
      hi = readValue((r as RegExpExecArray)[2] as string, 3 + ((r as RegExpExecArray)[1] as string).length, offset, def)
      if (lo > hi) fail('cron-range', `${def.name} range ${lo}-${hi} in '${item}' runs backwards`, 0, base.length)
    }
    const span = slash < 0 ? hi - lo + 1 : Math.min(step, hi - lo + 1)
    const start = lo + hashValue(seed, def.name, span)
    if (slash < 0) {
      table[start] = 1
      return String(start)
    }
    lo = start
    resolvedBase = hi === (def === DOW ? 6 : def.max) ? String(lo) : `${lo}-${hi}`
  } else {
    const dash = base.indexOf('-', 1)
    if (dash < 0) {
      lo = readValue(base, 0, offset, def)
      // `10/5` means from 10 to the end of the range, every 5.
      hi = slash < 0 ? lo : def === DOW ? 6 : def.max
      if (slash >= 0 && def === DOW && lo === 7) hi = 7
    } else {
      lo = readValue(base.slice(0, dash), 0, offset, def)
      hi = readValue(base.slice(dash + 1), dash + 1, offset, def)
      if (lo > hi) fail('cron-range', `${def.name} range '${base}' runs backwards`, 0, base.length)
    }
  }
  for (let v = lo; v <= hi; v += step) table[v] = 1
  return slash < 0 ? resolvedBase : `${resolvedBase}/${step}`
}

/** Reads a number or (month/day) name at `from` within the item starting at `offset`. */
function readValue(text: string, from: number, offset: number, def: FieldDef): number {
  if (/^\d+$/.test(text)) {
    const v = Number(text)
    if (v < def.min || v > def.max) {
      throw new FieldError(
        'cron-range',
        `${def.name} ${text} is out of range ${def.min}-${def.max}`,
        offset + from,
        text.length,
      )
    }
    return v
  }
  if (def.names && /^[A-Za-z]+$/.test(text)) {
    const i = def.names.indexOf(text.toUpperCase() as never)
    const hint = def === MONTH ? 'JAN-DEC or 1-12' : 'SUN-SAT or 0-7'
    if (i < 0) {
      const kind = def === MONTH ? 'month' : 'day'
      throw new FieldError(
        'cron-syntax',
        `${def.name} '${text}' is not a ${kind} name (use ${hint})`,
        offset + from,
        text.length,
      )
    }
    return def === MONTH ? i + 1 : i
  }
  const what = text === '' ? 'a missing value' : `'${text}'`
  throw new FieldError(
    'cron-syntax',
    `${def.name} field has ${what} where a number${def.names ? ' or name' : ''} was expected`,
    offset + from,
    Math.max(text.length, 1),
  )
}

/** A plain array of zeros: far cheaper to allocate than a typed array for 10,000 entries. */
function zeros(size: number): number[] {
  return new Array<number>(size).fill(0)
}
