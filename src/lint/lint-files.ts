import {parseQtabfile} from '../qtabfile/parse.js'
import {QtabfileReadError, readQtabfile} from '../qtabfile/read.js'
import type {Diagnostic, Entry} from '../qtabfile/types.js'
import {dstNotes} from '../schedule/dst-notes.js'
import {ENTRY_RULES} from './rules/index.js'
import type {LintOptions, LintReport} from './types.js'

const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column

/** Lints one file's text: the parser's diagnostics plus every entry rule over the clean entries. */
export function lintText(text: string, file: string, opts: LintOptions): Diagnostic[] {
  const parsed = parseQtabfile(text, file, opts)
  return withEntryRules(parsed.entries, parsed.diagnostics, opts)
}

function withEntryRules(entries: Entry[], found: Diagnostic[], opts: LintOptions) {
  return [...found, ...entryDiagnostics(entries, opts)].sort(byPosition)
}

/** The entry rules (`at-past`, `dst`, `dom-dow-or`, …) over entries that parsed cleanly; `qtab run` logs them too. */
export function entryDiagnostics(entries: Entry[], opts: Pick<LintOptions, 'now' | 'dstNotes'>): Diagnostic[] {
  const ctx = {now: opts.now, dstNotes: opts.dstNotes ?? dstNotes}
  return entries.flatMap((entry) => ENTRY_RULES.flatMap((rule) => rule(entry, ctx)))
}

/**
 * Lints every file in `paths` (all of them, whatever the earlier ones held). A file that cannot
 * be read is listed in `unreadable` rather than thrown, so the command can still print the other
 * files' problems and then exit 2.
 */
export async function lintFiles(paths: string[], opts: LintOptions): Promise<LintReport> {
  const report: LintReport = {files: [...paths], diagnostics: [], unreadable: []}
  for (const path of paths) {
    try {
      const parsed = await readQtabfile(path, opts)
      report.diagnostics.push(...withEntryRules(parsed.entries, parsed.diagnostics, opts))
    } catch (e) {
      if (!(e instanceof QtabfileReadError)) throw e
      report.unreadable.push({file: path, message: e.message})
    }
  }
  return report
}
