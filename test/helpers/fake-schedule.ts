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
