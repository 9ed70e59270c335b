import {readFile} from 'node:fs/promises'
import {parseQtabfile} from './parse.js'
import type {ParseOptions, ParseResult} from './types.js'

/** A Qtabfile that could not be read at all (missing, a directory, no permission). Commands exit 2 on it. */
export class QtabfileReadError extends Error {
  override name = 'QtabfileReadError'
  constructor(
    /** The path as given. */
    readonly file: string,
    /** The system error code (`ENOENT`, `EACCES`, `EISDIR`, …), or undefined. */
    readonly code: string | undefined,
    reason: string,
  ) {
    super(`cannot read ${file}: ${reason}`)
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
}

/**
 * Reads and parses a Qtabfile. Bytes that are not UTF-8 become an `encoding` error at the
 * first replacement character; everything else is as `parseQtabfile`.
 * @throws QtabfileReadError when the file cannot be read.
 */
export async function readQtabfile(path: string, opts: ParseOptions): Promise<ParseResult> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new QtabfileReadError(path, code, (code && REASONS[code]) ?? (e as Error).message)
  }
  let text: string
  let validUtf8 = true
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    validUtf8 = false
    text = new TextDecoder('utf-8').decode(bytes)
  }
  const result = parseQtabfile(text, path, opts)
  if (!validUtf8) {
    const before = text.slice(0, text.indexOf('\uFFFD'))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n') - (line === 1 && text.startsWith('\uFEFF') ? 1 : 0)
    result.diagnostics.unshift({file: path, line, column, severity: 'error', rule: 'encoding', message: 'file is not valid UTF-8'})
    result.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)
  }
  return result
}
