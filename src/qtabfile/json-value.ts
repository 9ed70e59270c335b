/** Result of reading a JSON option value: the value, or what is wrong and where (0-based offset). */
export type JsonValueResult = {ok: true; value: unknown} | {ok: false; message: string; offset: number}

const WS = new Set([' ', '\t', '\n', '\r'])
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERAL = /true|false|null/y

function describe(text: string, i: number): string {
  if (i >= text.length) return 'unexpected end of JSON'
  return `unexpected ${JSON.stringify(text[i])} in JSON`
}

/**
 * Finds the first syntax error of `text` as JSON, as an offset and message. Iterative (an
 * explicit stack), so no input can overflow the call stack. Returns null when `text` is valid.
 */
function locateJsonError(text: string): {message: string; offset: number} | null {
  // Each stack frame is a container being read; `expect` says what may come next in it.
  const stack: {kind: '[' | '{'; expect: 'first' | 'value' | 'key' | 'colon' | 'comma'}[] = []
  let i = 0
  const skipWs = (): void => {
    while (i < text.length && WS.has(text[i] as string)) i++
  }
  const readString = (): {message: string; offset: number} | null => {
    const start = i
    i++
    while (i < text.length) {
      const ch = text[i] as string
      if (ch === '"') {
        i++
        return null
      }
      if (ch < ' ') return {message: 'control character in JSON string', offset: i}
      if (ch === '\\') {
        const esc = text[i + 1]
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return {message: 'bad \\u escape in JSON string', offset: i}
          i += 6
          continue
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc))
          return {message: 'bad escape in JSON string', offset: i}
        i += 2
        continue
      }
      i++
    }
    return {message: 'unterminated JSON string', offset: start}
  }
  // Reads one scalar or opens a container; returns an error or null.
  const readValue = (): {message: string; offset: number} | null => {
    skipWs()
    const ch = text[i]
    if (ch === '[' || ch === '{') {
      stack.push({kind: ch, expect: 'first'})
      i++
      return null
    }
    if (ch === '"') return readString()
    for (const re of [NUMBER, LITERAL]) {
      re.lastIndex = i
      if (re.test(text)) {
        i = re.lastIndex
        return null
      }
    }
    return {message: describe(text, i), offset: i}
  }

  let err = readValue()
  while (!err && stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number]
    skipWs()
    const ch = text[i]
    const close = top.kind === '[' ? ']' : '}'
    if ((top.expect === 'first' || top.expect === 'comma') && ch === close) {
      stack.pop()
      i++
      continue
    }
    if (top.expect === 'comma') {
      if (ch !== ',') return {message: `expected "," or "${close}" in JSON`, offset: i}
      i++
      top.expect = top.kind === '[' ? 'value' : 'key'
      continue
    }
    if (top.expect === 'colon') {
      if (ch !== ':') return {message: 'expected ":" after a JSON object key', offset: i}
      i++
      top.expect = 'value'
      continue
    }
    if (top.kind === '{' && (top.expect === 'first' || top.expect === 'key')) {
      if (ch !== '"') return {message: 'expected a double-quoted key in JSON object', offset: i}
      top.expect = 'colon'
      err = readString()
      continue
    }
    top.expect = 'comma'
    err = readValue()
  }
  if (err) return err
  skipWs()
  if (i < text.length) return {message: 'unexpected text after the JSON value', offset: i}
  return null
}

/** Parses a JSON option value (`args=`, `kwargs=`), locating the first error when it is not JSON. */
export function parseJsonValue(text: string): JsonValueResult {
  try {
    return {ok: true, value: JSON.parse(text)}
  } catch (e) {
    // Only now pay for the locator, which says where the error is (JSON.parse's wording varies).
    const error = locateJsonError(text)
    // The locator accepting what JSON.parse rejects would be a locator bug: report at offset 0.
    return {ok: false, ...(error ?? {message: (e as Error).message, offset: 0})}
  }
}
