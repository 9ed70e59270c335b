/**
 * `pythonJsonDumps(value)` produces the text Python's `json.dumps(value)` produces with its
 * defaults (separators `", "` / `": "`, `ensure_ascii=True`, `allow_nan=True`), which is what
 * QTasks stores in a task hash's `args` and `kwargs` (qtasks-protocol.md §2).
 *
 * Numbers: JavaScript has one number type, so `1` and `1.0` in a Qtabfile are the same value by
 * the time they reach us. Integral values within the safe-integer range are written as Python
 * ints (`1`); every other finite number is written as Python's `repr(float)` (`1.5`, `1e-05`,
 * `1e+300`). The worker then `json.loads` them back, so an argument written `1.0` arrives in the
 * task as the int `1`: a deliberate, documented loss (keeping `1.0` would need a JSON parser
 * that preserves number text).
 *
 * Objects keep JavaScript's property order, which equals the source order except that
 * integer-like keys (`"2"`) come first: a property of `JSON.parse`, not of this function.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return pythonNumber(value)
    case 'string':
      return pythonString(value)
    case 'object':
      if (Array.isArray(value)) return `[${value.map((v) => pythonJsonDumps(v)).join(', ')}]`
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${pythonString(k)}: ${pythonJsonDumps(v)}`)
        .join(', ')}}`
    default:
      throw new TypeError(`pythonJsonDumps: a ${typeof value} is not JSON serializable`)
  }
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

/**
 * Python's `py_encode_basestring_ascii`: everything outside printable ASCII (space..`~`) becomes
 * `\uXXXX` in lower-case hex. JS strings are UTF-16, so an astral character is already a
 * surrogate pair and comes out as two escapes (`😀` → `\ud83d\ude00`), exactly as in Python.
 */
function pythonString(text: string): string {
  return `"${text.replace(/["\\]|[^\x20-\x7e]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`
}

/** Python int text for safe integers, else `float.__repr__`; `NaN`/`Infinity` as `allow_nan` writes them. */
function pythonNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (n === Infinity) return 'Infinity'
  if (n === -Infinity) return '-Infinity'
  if (Number.isSafeInteger(n)) return String(n === 0 ? 0 : n) // -0 parses from JSON "-0", an int 0 in Python
  return pythonFloatRepr(n)
}

/**
 * `repr(float)`: the shortest round-trip digits (the same digits JS picks), in fixed notation
 * when the decimal exponent is in [-4, 16), else `d.ddde±XX` with at least two exponent digits.
 */
function pythonFloatRepr(n: number): string {
  const [mantissa = '', expText = '0'] = Math.abs(n).toExponential().split('e')
  const exponent = Number(expText)
  const digits = mantissa.replace('.', '')
  const sign = n < 0 ? '-' : ''
  if (exponent < -4 || exponent >= 16) {
    const frac = digits.slice(1)
    const exp = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
    return `${sign}${digits[0]}${frac ? `.${frac}` : ''}e${exp}`
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
  const fracPart = digits.slice(exponent + 1)
  return `${sign}${intPart}.${fracPart || '0'}`
}
