import type {CompileOptions, CompileResult, Schedule} from '../schedule/types.js'

/** A problem in a Qtabfile, as a value (STYLE "For qtab" 1). Lines and columns are 1-based. */
export interface Diagnostic {
  file: string
  line: number
  column: number
  endColumn?: number
  severity: 'error' | 'warning'
  rule: string
  message: string
}

export type MisfirePolicy = 'latest' | 'all' | 'skip'
export type OverlapPolicy = 'allow' | 'skip'

/** Where something was written: 1-based line and column. */
export interface SourcePos {
  file: string
  line: number
  column: number
}

/** One schedule line of a Qtabfile with every setting and option resolved. */
export interface Entry {
  /** Entry identity (option `id=`, default the task name); unique within a file. */
  id: string
  /** QTasks task name. */
  task: string
  /** The schedule text exactly as written (`0 9 * * MON-FRI`, `@every 90s`, `@at 2027-01-01T00:00`). */
  schedule: string
  /** Resolved IANA zone (DESIGN §1 precedence). */
  tz: string
  /** QTasks app name = Redis key prefix. */
  app: string
  /** QTasks queue name (list `{app}:{queue}`). */
  queue: string
  priority: number
  args: unknown[]
  kwargs: Record<string, unknown>
  misfire: MisfirePolicy
  /** Milliseconds. */
  grace: number
  /** Milliseconds; 0 = none. */
  jitter: number
  overlap: OverlapPolicy
  /** Position of the schedule's first character. */
  pos: SourcePos
  /** Position of the task name. */
  taskPos: SourcePos
  /** The compiled schedule (in `tz`, `H` seeded with `id`). */
  trigger: Schedule
}

/** The schedule engine's compile function (`compileSchedule`), injectable for tests. */
export type CompileSchedule = (text: string, opts: CompileOptions) => CompileResult

export interface ParseOptions {
  /** Zone for entries with neither `tz=` nor a `TZ=` above them (`--tz`, `QTAB_TZ` or the system zone). */
  defaultTz: string
  /** Schedule compiler; default the engine's `compileSchedule`. */
  compile?: CompileSchedule
}

/** A whole file's worth: the entries without errors, and every problem found. */
export interface ParseResult {
  /** Entries without errors, in file order. */
  entries: Entry[]
  /** Every problem in the file, sorted by line then column. */
  diagnostics: Diagnostic[]
  /** Number of lines in the file (for checking diagnostic positions). */
  lineCount: number
}
