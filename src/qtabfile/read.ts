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
  const refusal = encodingProblem(bytes)
  if (refusal) {
    // One clear error instead of a diagnostic for every line of a binary or UTF-16 file.
    const diagnostic = {file: path, line: refusal.line, column: refusal.column, severity: 'error' as const}
    return {entries: [], diagnostics: [{...diagnostic, rule: 'encoding', message: refusal.message}], lineCount: 1}
  }
  return parseQtabfile(new TextDecoder('utf-8').decode(bytes), path, opts)
}

/** Why the bytes are not a UTF-8 text file, and where (1-based), or null when they are. */
function encodingProblem(bytes: Buffer): {line: number; column: number; message: string} | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {line: 1, column: 1, message: 'file is UTF-16; save it as UTF-8'}
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    return where(new TextDecoder('utf-8').decode(bytes), '\uFFFD', 'file is not valid UTF-8')
  }
  return text.includes('\0') ? where(text, '\0', 'file contains NUL bytes: not a text file') : null
}

function where(text: string, needle: string, message: string): {line: number; column: number; message: string} {
  const before = text.slice(0, text.indexOf(needle))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n') - (line === 1 && text.startsWith('\uFEFF') ? 1 : 0)
  return {line, column, message}
}
