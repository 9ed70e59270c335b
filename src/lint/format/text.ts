import {Chalk} from 'chalk'
import type {Diagnostic} from '../../qtabfile/types.js'

export interface TextFormatOptions {
  /** Colour severities (the caller decides: a TTY, `NO_COLOR`, `FORCE_COLOR`). */
  color: boolean
  /** How many files were linted, for the summary when there are no problems. */
  filesChecked: number
  /** How many files could not be read (their messages went to stderr); said in the summary. */
  unreadable?: number
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * Formats diagnostics as `FILE:LINE:COL: error|warning: message [rule]`, one per line
 * (editor-clickable), then a summary such as `2 errors, 1 warning in 1 file`.
 */
export function formatText(diagnostics: Diagnostic[], opts: TextFormatOptions): string {
  const chalk = new Chalk({level: opts.color ? 1 : 0})
  const lines = diagnostics.map((d) => {
    const severity = d.severity === 'error' ? chalk.red('error') : chalk.yellow('warning')
    return `${d.file}:${d.line}:${d.column}: ${severity}: ${d.message} ${chalk.dim(`[${d.rule}]`)}`
  })
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  const files = new Set(diagnostics.map((d) => d.file)).size
  const summary =
    diagnostics.length === 0
      ? `no problems in ${plural(opts.filesChecked, 'file')}`
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`
  const unreadable = opts.unreadable ? `; ${plural(opts.unreadable, 'file')} could not be read` : ''
  lines.push(summary + unreadable)
  return lines.join('\n') + '\n'
}
