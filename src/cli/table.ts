import type {ChalkInstance} from 'chalk'

/**
 * Left-aligned columns two spaces apart, a bold header line, no trailing blanks: the table
 * style of `qtab next` and `qtab status`. Returns the lines (header first), without newlines.
 */
export function renderColumns(headers: string[], rows: string[][], color: ChalkInstance): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const pad = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [color.bold(pad(headers)), ...rows.map(pad)]
}
