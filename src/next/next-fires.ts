import type {Schedule} from '../schedule/types.js'
import {formatInstant} from './format-time.js'

/** One row of `qtab next`: an entry (or an ad-hoc expression) and its upcoming fires. */
export interface NextRow {
  /** Entry id; null for an ad-hoc `--expr`. */
  id: string | null
  /** QTasks task name; null for an ad-hoc `--expr`. */
  task: string | null
  schedule: string
  tz: string
  description: string
  /** ISO-8601 instants with the offset of `tz`, strictly after `from`, oldest first. */
  next: string[]
}

export interface NextSource {
  id: string | null
  task: string | null
  schedule: string
  tz: string
  trigger: Schedule
}

/**
 * The next `count` fires of each source strictly after `from` (ms since the epoch).
 * A schedule that stops firing (a past `@at`) yields fewer than `count` instants, possibly none.
 */
export function nextFires(
  sources: readonly NextSource[],
  from: number,
  count: number,
  describe: (source: NextSource) => string,
): NextRow[] {
  return sources.map((source) => {
    const next: string[] = []
    let t: number | null = from
    while (next.length < count && (t = source.trigger.next(t)) !== null) next.push(formatInstant(t, source.tz))
    return {
      id: source.id,
      task: source.task,
      schedule: source.schedule,
      tz: source.tz,
      description: describe(source),
      next,
    }
  })
}
