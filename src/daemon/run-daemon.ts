import {watch, type FSWatcher} from 'node:fs'
import {basename, dirname, resolve} from 'node:path'
import {connect, type RedisBroker} from '../broker/broker.js'
import {DryRunSink} from '../broker/dry-run-sink.js'
import {RedisUnreachableError} from '../broker/errors.js'
import {readQtabfile} from '../qtabfile/read.js'
import type {Diagnostic, Entry} from '../qtabfile/types.js'
import {entryDiagnostics} from '../lint/lint-files.js'
import type {Clock} from '../scheduler/clock.js'
import type {Logger} from '../scheduler/logger.js'
import {Scheduler} from '../scheduler/scheduler.js'

export interface DaemonOptions {
  file: string
  defaultTz: string
  /** Overrides every entry's `APP`. */
  app?: string
  /** null = `--dry-run`: no Redis at all. */
  redisUrl: string | null
  logger: Logger
  clock: Clock
  /** Resolves when the daemon should stop (SIGTERM/SIGINT). */
  stopSignal: AbortSignal
  /** Fires on SIGHUP: reload the file. */
  onReloadRequest: (reload: () => void) => void
}

/** Where a Qtabfile that will not load stands: its error lines, `file:line:col: message [rule]`. */
export class QtabfileInvalidError extends Error {
  override name = 'QtabfileInvalidError'
  constructor(readonly lines: string[]) {
    super(lines.join('\n'))
  }
}

/**
 * Loads the file's entries; any error diagnostic rejects the whole file, so a half-valid file
 * never replaces a running schedule. Warnings are returned for logging.
 */
export async function loadEntries(
  file: string,
  defaultTz: string,
  now: number,
  app?: string,
): Promise<{entries: Entry[]; warnings: string[]}> {
  const {entries, diagnostics} = await readQtabfile(file, {defaultTz})
  const show = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}: ${d.message} [${d.rule}]`
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) throw new QtabfileInvalidError(errors.map(show))
  // The lint warnings too (an @at in the past, DST moves): a daemon's log is where they are read.
  const warnings = [...diagnostics, ...entryDiagnostics(entries, {now})].filter((d) => d.severity === 'warning')
  return {entries: app === undefined ? entries : entries.map((e) => ({...e, app})), warnings: warnings.map(show)}
}

/**
 * `qtab run`: load the file, connect (waiting out an unreachable Redis), run the tick loop until
 * `stopSignal`, reload on SIGHUP or a change of the file, then finish the enqueue in flight and
 * close Redis. Throws QtabfileInvalidError / QtabfileReadError for the first load and
 * RedisUrlError / RedisAuthError for a connection that can never work.
 */
export async function runDaemon(opts: DaemonOptions): Promise<void> {
  const {logger} = opts
  const first = await loadEntries(opts.file, opts.defaultTz, opts.clock.now(), opts.app)
  for (const w of first.warnings) logger.event('warn', 'qtabfile-warning', w)

  // Dry-run lines go through the logger, so `--log-format json` stays one JSON object per line.
  const dryRun = () =>
    new DryRunSink({write: (line) => logger.event('info', 'dry-run', line.replace(/^dry-run: /, ''))})
  const sink = opts.redisUrl === null ? dryRun() : await connectWaiting(opts.redisUrl, opts)
  if (!sink) return // stopped while waiting for Redis
  const scheduler = new Scheduler(first.entries, {sink, logger, clock: opts.clock})
  logger.event('info', 'started', `${first.entries.length} entries from ${opts.file}`, {
    mode: opts.redisUrl === null ? 'dry-run' : 'redis',
  })

  let reloading: Promise<void> = Promise.resolve()
  const reload = (why: string) => {
    reloading = reloading.then(async () => {
      try {
        const next = await loadEntries(opts.file, opts.defaultTz, opts.clock.now(), opts.app)
        for (const w of next.warnings) logger.event('warn', 'qtabfile-warning', w)
        scheduler.reload(next.entries)
        logger.event('info', 'reloaded', `${next.entries.length} entries from ${opts.file} (${why})`)
      } catch (error) {
        const lines = error instanceof QtabfileInvalidError ? error.lines : [(error as Error).message]
        logger.event(
          'error',
          'reload-failed',
          `${opts.file} not reloaded, the previous schedule keeps running: ${lines.join('; ')}`,
        )
      }
    })
  }
  opts.onReloadRequest(() => reload('SIGHUP'))
  const watcher = watchFile(opts.file, () => reload('file changed'))

  const stopped = new Promise<void>((done) => opts.stopSignal.addEventListener('abort', () => done(), {once: true}))
  const loop = scheduler.start()
  await Promise.race([stopped, loop])
  watcher?.close()
  await scheduler.stop()
  await sink.close()
  logger.event(
    'info',
    'stopped',
    opts.redisUrl === null ? 'dry run over' : 'finished the enqueue in flight and closed Redis',
  )
}

/**
 * Connects, and while Redis is unreachable logs once and retries every 1-2 s instead of exiting: a scheduler started before its Redis must not need a restart.
 * Returns null when stopped while waiting. URL and auth errors are thrown (they never heal).
 */
async function connectWaiting(url: string, opts: DaemonOptions): Promise<RedisBroker | null> {
  let delay = 1000
  let logged = false
  while (!opts.stopSignal.aborted) {
    try {
      const broker = await connect(url)
      if (logged) opts.logger.event('info', 'redis-available', `connected to redis at ${broker.endpoint.redacted}`)
      return broker
    } catch (error) {
      if (!(error instanceof RedisUnreachableError)) throw error
      if (!logged) opts.logger.event('error', 'redis-unavailable', `${error.message}; retrying until it answers`)
      logged = true
      await opts.clock.sleep(delay, opts.stopSignal).catch(() => undefined)
      delay = Math.min(delay * 2, 2_000)
    }
  }
  return null
}

/**
 * Watches the file's directory (editors and config management replace files by rename, which
 * a watch on the file itself would miss) and calls `onChange` once per burst of events.
 */
function watchFile(file: string, onChange: () => void): FSWatcher | null {
  const path = resolve(file)
  let timer: NodeJS.Timeout | undefined
  try {
    const watcher = watch(dirname(path), (_event, name) => {
      if (name !== null && name !== basename(path)) return
      clearTimeout(timer)
      timer = setTimeout(onChange, 200)
    })
    watcher.unref()
    return watcher
  } catch {
    return null // watching is a convenience; SIGHUP still reloads
  }
}
