import type {Diagnostic, SourcePos} from '../../qtabfile/types.js'

/** A warning at `pos` shifted right by `offset` columns. */
export function warningAt(pos: SourcePos, rule: string, message: string, offset = 0, length = 0): Diagnostic {
  const d: Diagnostic = {
    file: pos.file,
    line: pos.line,
    column: pos.column + offset,
    severity: 'warning',
    rule,
    message,
  }
  if (length > 0) d.endColumn = d.column + length
  return d
}
