import {zoneTable} from '../schedule/zone.js'

/**
 * `2027-03-14T03:00:00-04:00`: the instant as wall time in `tz`, with its offset, whole seconds;
 * `Z` for UTC itself. Uses the engine's cached offset segments: `qtab next` formats tens of
 * thousands of instants and luxon's per-call Intl parsing was most of its run time.
 */
export function formatInstant(ms: number, tz: string): string {
  const table = zoneTable(tz)
  const sec = Math.floor(ms / 1000)
  const offset = table.segmentAt(sec).offset
  const wall = new Date((sec + offset) * 1000).toISOString().slice(0, 19)
  if (table.isUtc) return `${wall}Z`
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0')
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0')
  return `${wall}${offset < 0 ? '-' : '+'}${hh}:${mm}`
}

const UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
] as const

/**
 * How far `to` is from `from`, in the largest unit and the one below it when that is not zero:
 * `in 3h 12m`, `in 45s`, `in 2d`, `now`, or `5m 3s ago` for instants in the past.
 */
export function formatRelative(from: number, to: number): string {
  const diff = Math.round((to - from) / 1000)
  if (diff === 0) return 'now'
  const abs = Math.abs(diff)
  const first = UNITS.findIndex(([, size]) => abs >= size)
  const parts: string[] = []
  let rest = abs
  for (const [unit, size] of UNITS.slice(first, first + 2)) {
    const n = Math.floor(rest / size)
    rest -= n * size
    if (n > 0) parts.push(`${n}${unit}`)
  }
  return diff > 0 ? `in ${parts.join(' ')}` : `${parts.join(' ')} ago`
}
