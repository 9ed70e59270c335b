import type {Diagnostic} from '../../qtabfile/types.js'

/** Formats diagnostics as one JSON array of `{file, line, column, severity, rule, message}`. */
export function formatJson(diagnostics: Diagnostic[]): string {
  const rows = diagnostics.map(({file, line, column, severity, rule, message}) => ({
    file,
    line,
    column,
    severity,
    rule,
    message,
  }))
  return JSON.stringify(rows) + '\n'
}
