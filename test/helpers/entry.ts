import type {Entry} from '../../src/qtabfile/types.js'
import {compileSchedule} from '../../src/schedule/compile.js'

/** A resolved Qtabfile entry with the parser's defaults; override what the test is about. */
export function makeEntry(overrides: Partial<Entry> = {}): Entry {
  const id = overrides.id ?? overrides.task ?? 'daily_report'
  const schedule = overrides.schedule ?? '0 16 * * *'
  const tz = overrides.tz ?? 'UTC'
  const trigger = compileSchedule(schedule, {tz, seed: id}).schedule
  if (!trigger) throw new Error(`makeEntry: '${schedule}' does not compile`)
  return {
    id,
    task: overrides.task ?? id,
    schedule,
    tz,
    trigger,
    app: 'QueueTasks',
    queue: 'task_queue',
    priority: 0,
    args: [],
    kwargs: {},
    misfire: 'latest',
    grace: 60_000,
    jitter: 0,
    overlap: 'allow',
    pos: {file: 'Qtabfile', line: 1, column: 1},
    taskPos: {file: 'Qtabfile', line: 1, column: 12},
    ...overrides,
  }
}
