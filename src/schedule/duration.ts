const UNIT_SECONDS: Record<string, number> = {d: 86_400, h: 3_600, m: 60, s: 1}
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/

/**
 * Parses a duration such as `90s`, `15m`, `1h30m`, `2d` (units in the order d h m s, each at
 * most once) into whole seconds. Returns null when the text is not such a duration.
 * `0s` parses to 0: callers decide whether zero is allowed.
 */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim().toLowerCase())
  if (!m || text.trim() === '') return null
  let seconds = 0
  const units = ['d', 'h', 'm', 's'] as const
  units.forEach((unit, i) => {
    const value = m[i + 1]
    if (value !== undefined) seconds += Number(value) * (UNIT_SECONDS[unit] ?? 0)
  })
  return Number.isSafeInteger(seconds) ? seconds : null
}

/** Formats whole seconds the way `parseDuration` reads them: 5400 -> `1h30m`, 0 -> `0s`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s'
  let rest = seconds
  let out = ''
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const n = Math.floor(rest / size)
    if (n > 0) out += `${n}${unit}`
    rest -= n * size
  }
  return out
}
