import {DateTime} from 'luxon'

/** `2027-03-14T03:00:00-04:00`: the instant as wall time in `tz`, with its offset, whole seconds. */
export function formatInstant(ms: number, tz: string): string {
  return DateTime.fromMillis(ms, {zone: tz}).toISO({suppressMilliseconds: true, includeOffset: true}) ?? ''
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
