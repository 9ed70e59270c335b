import type {ChalkInstance} from 'chalk'
import {DateTime} from 'luxon'
import {renderColumns} from '../cli/table.js'
import {formatRelative} from './format-time.js'
import type {NextRow} from './next-fires.js'

const HEADERS = ['ID', 'TASK', 'SCHEDULE', 'DESCRIPTION', 'ZONE', 'NEXT', 'IN']

/**
 * The `qtab next` table: one line per fire; the entry's columns are printed on its first fire only.
 * An entry that never fires again shows `never` in NEXT.
 */
export function renderNextTable(rows: readonly NextRow[], from: number, color: ChalkInstance): string {
  const lines: string[][] = []
  for (const row of rows) {
    const head = [row.id ?? '-', row.task ?? '-', row.schedule, row.description, row.tz]
    if (row.next.length === 0) lines.push([...head, 'never', ''])
    row.next.forEach((iso, i) => {
      const rel = formatRelative(from, DateTime.fromISO(iso).toMillis())
      lines.push([...(i === 0 ? head : head.map(() => '')), iso, rel])
    })
  }
  const [header, ...body] = renderColumns(HEADERS, lines, color)
  const out = [header, ...body.map((text, i) => (lines[i]?.[5] === 'never' ? color.yellow(text) : text))]
  return out.join('\n') + '\n'
}
