// Temporary Qtabfiles for CLI tests that need a per-test APP name.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Writes `text` to a fresh temp directory; `cleanup()` removes it. */
export function tempQtabfile(text: string): {path: string; cleanup: () => void} {
  const dir = mkdtempSync(join(tmpdir(), 'qtab-file-'))
  const path = join(dir, 'Qtabfile')
  writeFileSync(path, text)
  return {path, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}
