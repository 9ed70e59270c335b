/**
 * A whitespace-separated word of a Qtabfile line. `start`/`end` are 0-based UTF-16 offsets into
 * the line (end exclusive), so `column = start + 1`.
 */
export interface Token {
  text: string
  start: number
  end: number
}

/** Only space and tab separate tokens; any other character (even U+00A0 or a lone CR) is text. */
function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t'
}

/**
 * Splits a file into lines: strips one leading BOM, splits on LF and drops the CR of a CRLF.
 * Always returns at least one line (an empty file is one empty line).
 */
export function splitLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  return body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
}

/**
 * Returns the index just past a JSON value that starts at `from` (which holds `[`, `{` or `"`),
 * counting brackets outside strings. An unbalanced value runs to the end of the line; the JSON
 * parser reports it later, with a position.
 */
function skipJsonValue(line: string, from: number): number {
  let depth = 0
  let inString = false
  for (let i = from; i < line.length; i++) {
    const ch = line[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') {
        inString = false
        if (depth === 0) return i + 1
      }
    } else if (ch === '"') inString = true
    else if (ch === '[' || ch === '{') depth++
    else if (ch === ']' || ch === '}') {
      depth--
      if (depth <= 0) return i + 1
    }
  }
  return line.length
}

/**
 * Splits one line into tokens and finds its comment. A comment starts at a `#` that begins a
 * token (so it follows whitespace or opens the line); the `#` of `MON#2` does not.
 * With `jsonValues`, a `key=` token whose value opens with `[`, `{` or `"` extends over the
 * balanced JSON value, spaces and `#` included (`kwargs={"channel": "#general"}`).
 * Settings lines are tokenized without it: a setting's value ends at whitespace.
 */
export function tokenizeLine(line: string, jsonValues: boolean): {tokens: Token[]; commentStart?: number} {
  const tokens: Token[] = []
  let i = 0
  while (i < line.length) {
    if (isBlank(line[i] as string)) {
      i++
      continue
    }
    if (line[i] === '#') return {tokens, commentStart: i}
    const start = i
    while (i < line.length && !isBlank(line[i] as string)) {
      const ch = line[i]
      if (jsonValues && ch === '=' && line.indexOf('=', start) === i) {
        const next = line[i + 1]
        if (next === '[' || next === '{' || next === '"') {
          i = skipJsonValue(line, i + 1)
          continue
        }
      }
      i++
    }
    tokens.push({text: line.slice(start, i), start, end: i})
  }
  return {tokens}
}
