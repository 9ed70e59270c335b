/** What kind of trigger a schedule is (DESIGN §1: CronTrigger, IntervalTrigger, DateTrigger). */
export type ScheduleKind = 'cron' | 'every' | 'at'

/**
 * One schedule, one question: when does it fire next?
 * All instants are milliseconds since the Unix epoch; fire instants are whole seconds.
 */
export interface Schedule {
  readonly kind: ScheduleKind
  /** The schedule as written in the Qtabfile (e.g. `0 9 * * MON-FRI`, `@every 90s`). */
  readonly source: string
  /** IANA zone the schedule is evaluated in. */
  readonly tz: string
  /** The first fire strictly after `after`, or null when the schedule never fires again. */
  next(after: number): number | null
}

/**
 * A problem found while compiling a schedule. `offset`/`length` point into the schedule text
 * (0-based, UTF-16 code units) so the Qtabfile parser can turn them into a line and column.
 */
export interface ScheduleProblem {
  severity: 'error' | 'warning'
  rule: string
  message: string
  offset: number
  length: number
}

export interface CompileOptions {
  /** Zone in force for this entry (already validated or not: compile reports an unknown zone). */
  tz: string
  /** Seed for `H` fields: the entry id, so every replica computes the same value. */
  seed: string
}

export interface CompileResult {
  /** Absent when there is at least one error. */
  schedule?: Schedule
  problems: ScheduleProblem[]
}
