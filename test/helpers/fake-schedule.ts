import type {Schedule} from '../../src/schedule/types.js'

/** Fires at every multiple of `intervalMs` since the epoch (like `@every`), as supercronic's testExpression. */
export function everySchedule(intervalMs: number, source = `@every ${intervalMs / 1000}s`): Schedule {
  return {
    kind: 'every',
    source,
    tz: 'UTC',
    next: (after) => Math.floor(after / intervalMs) * intervalMs + intervalMs,
  }
}

/** Fires exactly at the given instants (ISO strings), then never again. */
export function listSchedule(instants: string[], source = 'list'): Schedule {
  const times = instants.map((i) => Date.parse(i)).sort((a, b) => a - b)
  return {kind: 'cron', source, tz: 'UTC', next: (after) => times.find((t) => t > after) ?? null}
}
