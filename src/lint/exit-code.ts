import type {LintReport} from './types.js'

/**
 * `qtab lint`'s exit status (DESIGN §5): 2 when a file could not be read, 1 when there is an
 * error (or, with `strict`, a warning), else 0.
 */
export function lintExitCode(
  report: Pick<LintReport, 'diagnostics' | 'unreadable'>,
  opts: {strict: boolean},
): 0 | 1 | 2 {
  if (report.unreadable.length > 0) return 2
  const counts = report.diagnostics.some((d) => d.severity === 'error' || opts.strict)
  return counts ? 1 : 0
}
