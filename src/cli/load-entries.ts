import {formatText} from '../lint/format/text.js'
import {parseFieldValue} from '../qtabfile/field-values.js'
import type {Entry} from '../qtabfile/types.js'
import {loadQtabfile} from './load-qtabfile.js'
import {UserError} from './user-error.js'

/**
 * The entries of a Qtabfile that has no errors, for commands that act on Redis (status,
 * trigger). `app` (the `--app` flag) replaces every entry's `APP=`.
 * @throws UserError exit 1 when the file has errors (listed as `qtab lint` prints them)
 * @throws QtabfileReadError when the file cannot be read (exit 2)
 */
export async function loadValidEntries(file: string, defaultTz: string, app?: string): Promise<Entry[]> {
  const {entries, diagnostics} = await loadQtabfile(file, defaultTz)
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) {
    throw new UserError(`${file} has errors:\n${formatText(errors, {color: false, filesChecked: 1})}`, 1)
  }
  return app === undefined ? entries : entries.map((e) => ({...e, app}))
}

/**
 * The entry with id `id`.
 * @throws UserError exit 1 naming the ids the file has
 */
export function findEntry(entries: readonly Entry[], id: string, file: string): Entry {
  const entry = entries.find((e) => e.id === id)
  if (!entry) throw new UserError(`unknown entry id '${id}'; ${file} has: ${entries.map((e) => e.id).join(', ')}`, 1)
  return entry
}

/**
 * The `--app` flag, checked with the rules of `APP=` in a Qtabfile (no whitespace, no ':').
 * @throws UserError exit 2 for a bad name
 */
export function checkAppFlag(flag: string | undefined): string | undefined {
  if (flag === undefined) return undefined
  const r = parseFieldValue('app', flag, '--app')
  if (!r.ok) throw new UserError(r.message, 2)
  return flag
}
