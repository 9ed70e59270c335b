import {writeSync} from 'node:fs'
import {redactUrlsInText} from '../broker/redis-url.js'

export type LogFormat = 'text' | 'json'
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** One enqueued task, the line DESIGN §3 asks for. */
export interface EnqueueRecord {
  id: string
  task: string
  /** Nominal fire instant, ms since epoch (printed as ISO-8601 UTC with ms). */
  fire: number
  uuid: string
  /** Wall-clock now minus the nominal fire at enqueue, ms (includes any jitter delay). */
  latenessMs: number
}

export type LogFields = Record<string, string | number | boolean | null>

/** The scheduler's user-facing log. Every message is password-redacted before it is written. */
export interface Logger {
  enqueued(record: EnqueueRecord): void
  /** A named event (`redis-unavailable`, `overlap-skipped`, …) with a message and extra fields. */
  event(level: LogLevel, event: string, message: string, fields?: LogFields): void
  /**
   * Runs `fn`, holding the lines it logs and writing them per stream in one write when it returns
   * (or throws): one system call for a tick's thousands of enqueue lines instead of one each.
   */
  batch(fn: () => void): void
}

export interface LoggerOptions {
  format: LogFormat
  /** Emit `debug` events (e.g. duplicates another replica already enqueued). Default false. */
  debug?: boolean
  /** Clock for `ts`, ms since epoch. Default `Date.now`. */
  now?: () => number
  /** Line sink; default synchronous writes (info/debug → stdout, warn/error → stderr). */
  write?: (stream: 'stdout' | 'stderr', line: string) => void
}

/**
 * Text: `2026-12-03T16:00:00.012Z enqueued daily task=daily_report fire=… uuid=… lateness_ms=12`.
 * JSON lines: `{"ts","level","event","id","task","fire","uuid","lateness_ms"}` for enqueues,
 * `{"ts","level","event","message",…fields}` otherwise. Writes are synchronous so a crash or
 * `process.exit` right after cannot lose the line.
 */
export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? Date.now
  const direct = options.write ?? ((stream, line) => writeSync(stream === 'stdout' ? 1 : 2, `${line}\n`))
  let held: {stdout: string[]; stderr: string[]} | null = null
  const write = (stream: 'stdout' | 'stderr', line: string) => (held ? held[stream].push(line) : direct(stream, line))
  const batch = (fn: () => void) => {
    if (held) return fn() // nested: the outer batch writes
    held = {stdout: [], stderr: []}
    try {
      fn()
    } finally {
      const lines = held
      held = null
      for (const stream of ['stderr', 'stdout'] as const) {
        if (lines[stream].length === 0) continue
        if (options.write) for (const line of lines[stream]) direct(stream, line)
        else writeSync(stream === 'stdout' ? 1 : 2, `${lines[stream].join('\n')}\n`)
      }
    }
  }
  const emit = (level: LogLevel, event: string, message: string | null, fields: LogFields) => {
    if (level === 'debug' && !options.debug) return
    const ts = new Date(now()).toISOString()
    const stream = level === 'warn' || level === 'error' ? 'stderr' : 'stdout'
    const safe = message === null ? null : redactUrlsInText(message)
    const safeFields = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? redactUrlsInText(v) : v]),
    )
    if (options.format === 'json') {
      write(stream, JSON.stringify({ts, level, event, ...(safe === null ? {} : {message: safe}), ...safeFields}))
      return
    }
    const pairs = Object.entries(safeFields).map(([k, v]) => `${k}=${v}`)
    const head = level === 'info' ? `${ts} ${event}` : `${ts} ${level} ${event}`
    write(stream, [head, ...(safe === null ? [] : [safe]), ...pairs].join(' '))
  }
  return {
    enqueued: (r) =>
      options.format === 'json'
        ? emit('info', 'enqueued', null, {
            id: r.id,
            task: r.task,
            fire: new Date(r.fire).toISOString(),
            uuid: r.uuid,
            lateness_ms: r.latenessMs,
          })
        : emit('info', 'enqueued', r.id, {
            task: r.task,
            fire: new Date(r.fire).toISOString(),
            uuid: r.uuid,
            lateness_ms: r.latenessMs,
          }),
    event: (level, event, message, fields = {}) => emit(level, event, message, fields),
    batch,
  }
}
