/** The Qtabfile path: `-f/--file`, else `QTAB_FILE`, else `./Qtabfile` (DESIGN §1). */
export function resolveFile(flag: string | undefined): string {
  return flag ?? process.env.QTAB_FILE ?? 'Qtabfile'
}

/** The zone for entries with neither `tz=` nor `TZ=`: `--tz`, else `QTAB_TZ`, else the system zone. */
export function resolveDefaultTz(flag: string | undefined): string {
  return flag ?? process.env.QTAB_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'
}

/** The Redis URL: `--redis-url`, else `REDIS_URL`, else QTasks' default. */
export function resolveRedisUrl(flag: string | undefined): string {
  return flag ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'
}
