/**
 * Epoch milliseconds as QTasks' `created_at` text: epoch **seconds**, decimal, at least one
 * fractional digit, no trailing zeros (`1796313071401` → `1796313071.401`, `…000` → `….0`),
 * like Python's `repr(time.time())`. Milliseconds would crash the worker (qtasks-protocol.md §2).
 */
export function formatEpochSeconds(ms: number): string {
  ms = Math.round(ms)
  const whole = Math.floor(ms / 1000)
  const frac = String(ms - whole * 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  return `${whole}.${frac || '0'}`
}

/** A fire instant as stored in `qtab_fire` and printed in logs: ISO-8601 UTC with ms. */
export function formatFireInstant(ms: number): string {
  return new Date(ms).toISOString()
}
