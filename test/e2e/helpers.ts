// Real-process helpers for the e2e tests (and bench/daemon.ts): `qtab run` children whose output
// is captured as it arrives, redis-servers on a chosen port (to restart one in place), task reads.
import {type ChildProcess, spawn} from 'node:child_process'
import {createServer} from 'node:net'
import {Redis} from 'ioredis'
import {bin, repoRoot} from '../helpers/cli.js'

/** A running (or finished) `qtab` child with its output so far. */
export interface QtabProcess {
  child: ChildProcess
  stdout: string
  stderr: string
  /** Resolves with the exit code (null when killed by a signal) and signal. */
  exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>
  /** `performance.now()` at the 'exit' event, once it has happened. */
  exitedAt?: number
}

/** Every child started by these helpers, so a test's `afterEach` can kill what is still running. */
export const children: ChildProcess[] = []

/** Starts `node bin/run.js ARGS` in the repo root with NO_COLOR and no inherited REDIS_URL/QTAB_*. */
export function startQtab(args: string[], nodeArgs: string[] = []): QtabProcess {
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1'}
  for (const k of ['FORCE_COLOR', 'REDIS_URL', 'QTAB_FILE', 'QTAB_TZ']) delete env[k]
  const child = spawn(process.execPath, [...nodeArgs, bin, ...args], {cwd: repoRoot, env, stdio: 'pipe'})
  children.push(child)
  const proc: QtabProcess = {child, stdout: '', stderr: '', exited: Promise.resolve({code: null, signal: null})}
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (proc.stdout += d))
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (proc.stderr += d))
  proc.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      proc.exitedAt = performance.now()
      resolve({code, signal})
    }),
  )
  return proc
}

/** SIGKILLs every child still running (for `afterEach`, so a failed test leaves nothing behind). */
export async function killChildren(): Promise<void> {
  const running = children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null)
  await Promise.all(
    running.map((c) => {
      const gone = new Promise((r) => c.once('exit', r))
      c.kill('SIGKILL')
      return gone
    }),
  )
}

/** Sends `signal` and waits for the exit. */
export async function stopProcess(
  proc: {child: ChildProcess; exited: QtabProcess['exited']},
  signal: NodeJS.Signals = 'SIGTERM',
) {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal)
  return proc.exited
}

/** Polls `cond` every 20 ms until it is true; throws `what` after `timeoutMs`. */
export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(20)
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Lines of `text` that are `enqueued` log lines (text format). */
export function enqueuedLines(text: string): string[] {
  return text.split('\n').filter((l) => / enqueued /.test(l))
}

/** Lines of `text` that carry the log event `event` (text format: `ts [level ]event …`). */
export function eventLines(text: string, event: string): string[] {
  return text.split('\n').filter((l) => new RegExp(`^\\S+ (?:(?:debug|warn|error) )?${event}(?: |$)`).test(l))
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

/** A redis-server on a given port (so a test can kill it and start another in its place). */
export interface PortRedis {
  child: ChildProcess
  exited: Promise<unknown>
  url: string
}

/** Starts redis-server on `port` with `--dir dir` and extra args; resolves once it answers PING. */
export async function startRedisOnPort(port: number, dir: string, extraArgs: string[] = []): Promise<PortRedis> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--loglevel', 'warning']
  const child = spawn('redis-server', [...args, ...extraArgs], {stdio: ['ignore', 'ignore', 'pipe']})
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (d) => (stderr += d))
  const exited = new Promise((r) => child.once('exit', r))
  const url = `redis://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break
    const client = new Redis(url, {lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0})
    client.on('error', () => {})
    try {
      await client.connect()
      // With appendonly the server answers LOADING while it replays the file.
      if ((await client.ping()) === 'PONG') return {child, exited, url}
    } catch {
      // not up yet
    } finally {
      client.disconnect()
    }
    await sleep(25)
  }
  child.kill('SIGKILL')
  throw new Error(`redis-server on port ${port} did not start: ${stderr}`)
}

/** One QTasks task as read back from Redis. */
export interface StoredTask {
  key: string
  fields: Record<string, string>
  /** Field names in the order HGETALL returned them. */
  fieldNames: string[]
}

/**
 * Reads the app's queue (LRANGE) and every task hash (`SCAN {app}:*` minus the queue key).
 * qtab's own keys live under `qtab:{app}:`, outside this pattern.
 */
export async function readTasks(redis: Redis, app: string): Promise<{queue: string[]; tasks: StoredTask[]}> {
  const queueKey = `${app}:task_queue`
  const queue = await redis.lrange(queueKey, 0, -1)
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${app}:*`, 'COUNT', 1000)
    keys.push(...batch.filter((k) => k !== queueKey))
    cursor = next
  } while (cursor !== '0')
  const tasks: StoredTask[] = []
  for (let i = 0; i < keys.length; i += 1000) {
    const slice = keys.slice(i, i + 1000)
    const pipeline = redis.pipeline()
    for (const k of slice) pipeline.hgetall(k)
    const replies = (await pipeline.exec()) ?? []
    replies.forEach(([error, value], j) => {
      if (error) throw error
      const fields = value as Record<string, string>
      tasks.push({key: slice[j] as string, fields, fieldNames: Object.keys(fields)})
    })
  }
  return {queue, tasks}
}

export {TASK_FIELDS} from '../helpers/task-fields.js'

/** Counts tasks per `qtab_id@qtab_fire`. */
export function countFires(tasks: StoredTask[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const t of tasks) {
    const k = `${t.fields.qtab_id}@${t.fields.qtab_fire}`
    counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  return counts
}

/** Fire instants (ms) of one entry id, sorted. */
export function firesOf(tasks: StoredTask[], id: string): number[] {
  return tasks
    .filter((t) => t.fields.qtab_id === id)
    .map((t) => Date.parse(t.fields.qtab_fire as string))
    .sort((a, b) => a - b)
}

/** Whole seconds from `first` to `last` inclusive (ms instants). */
export function secondsBetween(first: number, last: number): number[] {
  const out: number[] = []
  for (let t = first; t <= last; t += 1000) out.push(t)
  return out
}
