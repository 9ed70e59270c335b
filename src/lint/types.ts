import type {Diagnostic, CompileSchedule, Entry} from '../qtabfile/types.js'
import type {Schedule} from '../schedule/types.js'

/** The engine's DST report: fires of `schedule` in [fromMs, toMs) that a zone change moves, drops or doubles. */
export type DstNotes = (schedule: Schedule, fromMs: number, toMs: number) => {date: string; message: string}[]

export interface LintOptions {
  /** Zone for entries without `tz=` or `TZ=` (`--tz`, `QTAB_TZ` or the system zone). */
  defaultTz: string
  /** The present, ms since epoch: `@at` in the past and the DST window start here. */
  now: number
  /** Schedule compiler; default the engine's `compileSchedule`. */
  compile?: CompileSchedule
  /** The engine's DST report; default its `dstNotes`. */
  dstNotes?: DstNotes
}

/** What a rule over one clean entry may use. */
export interface RuleContext {
  now: number
  dstNotes: DstNotes
}

/** A lint rule over one entry that parsed without errors. */
export type EntryRule = (entry: Entry, ctx: RuleContext) => Diagnostic[]

/** A file that could not be read at all: the command exits 2. */
export interface UnreadableFile {
  file: string
  /** Complete sentence such as `cannot read Qtabfile: no such file`. */
  message: string
}

/** The result of linting some files. */
export interface LintReport {
  /** Every path given, in order. */
  files: string[]
  /** Problems of the readable files, by file (in the order given) then line and column. */
  diagnostics: Diagnostic[]
  unreadable: UnreadableFile[]
}
