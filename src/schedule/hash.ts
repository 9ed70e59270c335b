/**
 * 32-bit FNV-1a over the UTF-16 code units of `text`. Used for cron `H` fields: it is our own
 * code, so a hashed minute never moves when a library is upgraded.
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/**
 * The hashed value of an `H` in field `field` (`second`, `minute`, `hour`, `day-of-month`,
 * `month`, `day-of-week`) for entry id `seed`: `FNV-1a("<seed>\0<field>") mod modulus`.
 * Same seed and field → same value on every replica and every qtab version.
 */
export function hashValue(seed: string, field: string, modulus: number): number {
  return fnv1a32(`${seed}\u0000${field}`) % modulus
}
