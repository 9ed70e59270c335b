import {randomUUID} from 'node:crypto'
import type {ChainableCommander, Redis} from 'ioredis'
import type {Entry} from '../qtabfile/types.js'
import {BrokerUnavailableError, RedisAuthError, RedisUnreachableError, RedisUrlError} from './errors.js'
import {
  ENTRY_STATE_FIELDS,
  entryIdOfStateKey,
  entryStateKey,
  entryStateKeyPattern,
  globalConfigKey,
  queueEntry,
  queueKey,
  replicaKey,
  replicaKeyPattern,
  scheduleSignature,
  taskKey,
} from './keys.js'
import {decodeEnqueueResult, type EnqueueOutcome} from './outcome.js'
import {pythonJsonDumps} from './python-json.js'
import {parseRedisUrl, redactUrlsInText, type RedisEndpoint} from './redis-url.js'
import {defineScripts, type EnqueueFireReply, type SyncCursorReply} from './scripts.js'
import type {CursorRequest, EnqueueSink, FireRequest, ReplicaInfo} from './sink.js'
import {formatFireInstant} from './time-format.js'

/** What `readState` reports for one entry; null where Redis has nothing yet. */
export interface EntryState {
  id: string
  /** ms since epoch. */
  cursor: number | null
  signature: string | null
  /** Nominal instant of the last scheduled fire enqueued, ms since epoch. */
  lastFire: number | null
  lastUuid: string | null
  /** `created_at` of the last task: epoch seconds, decimal text. */
  lastEnqueuedAt: string | null
  /** QTasks `status` of the last task (`new`, `process`, `success`, …); null if its hash is gone. */
  lastStatus: string | null
}

/** What `readWorker` reports: the QTasks worker heartbeat `{app}:GlobalConfig:main`. */
export interface WorkerState {
  /** True when the hash exists with `status=running` (a worker refreshed it in the last 20 s). */
  alive: boolean
  /** Its `status` field; null when the hash is absent (no worker, or stopped > 20 s ago). */
  status: string | null
}

export interface ConnectOptions {
  /** Connect timeout, ms (default 2000). */
  connectTimeoutMs?: number
  /** Longest pause between background reconnect attempts after start-up, ms (default 2000). */
  maxReconnectDelayMs?: number
  /** UUID source; tests may pin it. Default `crypto.randomUUID` (canonical lower-case v4). */
  newUuid?: () => string
}

/** ioredis `ReplyError`s that mean the credentials were refused. */
const AUTH_FAILURE = /^(WRONGPASS|NOAUTH|NOPERM)|invalid password|invalid username-password/i

/**
 * Connects to Redis and checks the connection with PING, failing fast (no retry at start-up).
 * After this succeeds the client reconnects by itself in the background, with commands failing
 * immediately while it is down (no offline queue), so the scheduler decides when to retry.
 * ioredis is imported lazily: commands that never touch Redis don't pay for loading it.
 * @throws RedisUrlError malformed URL or wrong scheme
 * @throws RedisAuthError the server refused the credentials
 * @throws RedisUnreachableError nothing answered (refused, DNS, timeout, TLS)
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<RedisBroker> {
  const endpoint = parseRedisUrl(url)
  const {Redis} = await import('ioredis')
  let started = false
  const maxDelay = options.maxReconnectDelayMs ?? 2000
  const redis = new Redis({
    host: endpoint.host,
    port: endpoint.port,
    db: endpoint.db,
    username: endpoint.username,
    password: endpoint.password,
    tls: endpoint.tls ? {} : undefined,
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    // Never retry during start-up (fail fast); afterwards keep reconnecting with a capped delay.
    retryStrategy: (times) => (started ? Math.min(times * 200, maxDelay) : null),
  })
  const broker = new RedisBroker(redis, endpoint, options.newUuid ?? randomUUID)
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    redis.disconnect()
    // connect() only says "Connection is closed."; the cause arrived on the 'error' event.
    const cause = broker.lastConnectionError ?? (error as Error)
    const reason = redactUrlsInText(cause.message)
    if (AUTH_FAILURE.test(reason)) {
      throw new RedisAuthError(`redis at ${endpoint.redacted} refused the credentials: ${reason}`, {cause})
    }
    throw new RedisUnreachableError(`cannot connect to redis at ${endpoint.redacted}: ${reason}`, {cause})
  }
  // ioredis reports a failed SELECT of the URL's database only as an 'error' event and then
  // stays on database 0: select it again, so a database the server lacks is an error.
  if (endpoint.db !== 0) {
    try {
      await redis.select(endpoint.db)
    } catch (error) {
      redis.disconnect()
      throw new RedisUrlError(
        `redis at ${endpoint.redacted} has no database ${endpoint.db}: ${(error as Error).message}`,
      )
    }
  }
  started = true
  defineScripts(redis)
  return broker
}

/** The one module that talks to Redis: QTasks enqueues, cursors, heartbeats, status reads. */
export class RedisBroker implements EnqueueSink {
  /** Last error ioredis reported on its 'error' event (the real cause of a failed command). */
  lastConnectionError: Error | undefined

  constructor(
    private readonly redis: Redis,
    /** Where this broker is connected; `redacted` / `address` are safe to print. */
    readonly endpoint: RedisEndpoint,
    private readonly newUuid: () => string = randomUUID,
  ) {
    // The listener also stops ioredis printing "[ioredis] Unhandled error event".
    redis.on('error', (error: Error) => (this.lastConnectionError = error))
    redis.on('ready', () => (this.lastConnectionError = undefined))
  }

  async syncCursors(requests: CursorRequest[], nowMs: number): Promise<number[]> {
    if (requests.length === 0) return []
    const replies = await this.exec<SyncCursorReply>((p) => {
      for (const r of requests) p.qtabSyncCursor(entryStateKey(r.app, r.id), r.signature, String(Math.floor(nowMs)))
    })
    return replies.map(([, cursor]) => Number(cursor))
  }

  /**
   * `enqueueFires.lua` calls of up to `FIRES_PER_CALL` fires each, sent back to back on the
   * connection (each goes out as soon as it is built, so Redis starts on the first while the
   * next is prepared): one round trip, and one script call per chunk instead of one per fire.
   * @throws BrokerUnavailableError when any call failed; its `outcomes` holds the fires whose
   *   call did complete (undefined for the others), so the caller can report them.
   */
  async enqueueFires(batch: FireRequest[]): Promise<EnqueueOutcome[]> {
    return this.enqueue('fire', batch)
  }

  async trigger(entry: Entry, atMs: number, options: {ignoreOverlap?: boolean} = {}): Promise<EnqueueOutcome> {
    const [outcome] = await this.enqueue('trigger', [{entry, fire: atMs}], options.ignoreOverlap ? 'allow' : undefined)
    return outcome as EnqueueOutcome
  }

  async heartbeat(app: string, replica: ReplicaInfo, ttlMs: number): Promise<void> {
    await this.call(() => this.redis.set(replicaKey(app, replica.replicaId), JSON.stringify(replica), 'PX', ttlMs))
  }

  /** Per-entry state for `qtab status`, in `ids` order, with the QTasks status of each last task. */
  async readState(app: string, ids: string[]): Promise<EntryState[]> {
    if (ids.length === 0) return []
    const hashes = await this.exec<Record<string, string>>((p) => {
      for (const id of ids) p.hgetall(entryStateKey(app, id))
    })
    const F = ENTRY_STATE_FIELDS
    const statuses = await this.exec<string | null>((p) => {
      for (const h of hashes) p.hget(h[F.lastTaskKey] ?? entryStateKey(app, '\0none'), 'status')
    })
    const num = (text: string | undefined) => (text === undefined ? null : Number(text))
    return ids.map((id, i) => {
      const h = hashes[i] ?? {}
      return {
        id,
        cursor: num(h[F.cursor]),
        signature: h[F.signature] ?? null,
        lastFire: num(h[F.lastFire]),
        lastUuid: h[F.lastUuid] ?? null,
        lastEnqueuedAt: h[F.lastEnqueuedAt] ?? null,
        lastStatus: h[F.lastTaskKey] === undefined ? null : (statuses[i] ?? null),
      }
    })
  }

  /** Heartbeat records of the replicas alive for `app` (keys not yet expired), by replica id. */
  async readReplicas(app: string): Promise<ReplicaInfo[]> {
    const keys = await this.scanKeys(replicaKeyPattern(app))
    if (keys.length === 0) return []
    const values = await this.call(() => this.redis.mget(keys))
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as ReplicaInfo)
  }

  /**
   * Ids of every entry with a state hash `qtab:{app}:entry:{id}` (SCAN, never KEYS), sorted.
   * `qtab status` compares them with the file to find orphaned state.
   */
  async readEntryIds(app: string): Promise<string[]> {
    const keys = await this.scanKeys(entryStateKeyPattern(app))
    return keys.map((key) => entryIdOfStateKey(app, key))
  }

  /** The QTasks worker heartbeat of `app` (qtasks-protocol.md §1: written by workers only). */
  async readWorker(app: string): Promise<WorkerState> {
    const status = await this.call(() => this.redis.hget(globalConfigKey(app), 'status'))
    return {alive: status === 'running', status}
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit()
    } catch {
      this.redis.disconnect()
    }
  }

  /** Enqueues `fires` in chunks (see `enqueueFires`); `overlap` overrides each entry's policy. */
  private async enqueue(
    mode: 'fire' | 'trigger',
    fires: FireRequest[],
    overlap?: Entry['overlap'],
  ): Promise<EnqueueOutcome[]> {
    const n = fires.length
    if (n === 0) return []
    const uuids = new Array<string>(n)
    for (let i = 0; i < n; i++) {
      fixedArgs((fires[i] as FireRequest).entry) // validates (throws) before any call is sent
      uuids[i] = this.newUuid()
    }
    const calls: Promise<EnqueueFireReply[]>[] = []
    for (let start = 0; start < n; start += FIRES_PER_CALL) {
      const end = Math.min(n, start + FIRES_PER_CALL)
      calls.push(this.redis.qtabEnqueueFires(enqueueFiresArgs(mode, fires, uuids, overlap, start, end)))
    }
    const settled = await Promise.allSettled(calls)
    const outcomes = new Array<EnqueueOutcome | undefined>(n)
    let failure: Error | undefined
    settled.forEach((result, c) => {
      if (result.status === 'rejected') {
        failure ??= result.reason as Error
        return
      }
      const start = c * FIRES_PER_CALL
      const end = Math.min(n, start + FIRES_PER_CALL)
      for (let i = start; i < end; i++) outcomes[i] = decodeEnqueueResult(result.value[i - start], uuids[i] as string)
    })
    if (failure) throw this.unavailable(failure, outcomes)
    return outcomes as EnqueueOutcome[]
  }

  /** Every key matching a glob pattern, by SCAN in batches (KEYS would block the server), sorted. */
  private async scanKeys(pattern: string): Promise<string[]> {
    return this.call(async () => {
      const found = new Set<string>() // SCAN may return a key more than once
      let cursor = '0'
      do {
        const [next, batch] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500)
        for (const key of batch) found.add(key)
        cursor = next
      } while (cursor !== '0')
      return [...found].sort()
    })
  }

  /** Runs a pipeline and returns its replies, throwing the first failure. */
  private async exec<T>(build: (p: ChainableCommander) => void): Promise<T[]> {
    const replies = await this.execSettled(build)
    const failed = replies.find((r) => !r.ok)
    if (failed && !failed.ok) throw this.unavailable(failed.error)
    return replies.map((r) => (r.ok ? r.value : undefined) as T)
  }

  private async execSettled(
    build: (p: ChainableCommander) => void,
  ): Promise<({ok: true; value: unknown} | {ok: false; error: Error})[]> {
    const pipeline = this.redis.pipeline()
    build(pipeline)
    const results = await this.call(() => pipeline.exec())
    if (!results) throw this.unavailable(new Error('pipeline discarded'))
    return results.map(([error, value]) => (error ? {ok: false, error} : {ok: true, value}))
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      throw this.unavailable(error as Error)
    }
  }

  /** Wraps a command failure; the cause is the connection error if there is one. Redacted. */
  private unavailable(error: Error, outcomes?: (EnqueueOutcome | undefined)[]): Error {
    if (error instanceof BrokerUnavailableError) return error
    if (error.name === 'ReplyError' && !AUTH_FAILURE.test(error.message)) return error // a script/command bug, not an outage
    const cause = this.lastConnectionError ?? error
    // Without an 'error' event (the server closed the socket cleanly) ioredis only reports its
    // own state ("Stream isn't writeable …"): say what it means.
    const internal = cause === error && /Stream isn't writeable|Connection is closed/.test(error.message)
    const reason = internal ? 'connection lost, reconnecting' : redactUrlsInText(cause.message)
    const wrapped = new BrokerUnavailableError(
      `redis unavailable at ${this.endpoint.address}: ${reason}`,
      this.endpoint.address,
      {cause},
    )
    if (outcomes) wrapped.outcomes = outcomes
    return wrapped
  }
}

/**
 * Fires per `enqueueFires.lua` call. Redis runs a script without serving anyone else, so a
 * call is capped at 500 fires: about 6 ms of server time (~12 µs a fire, measured with
 * bench/enqueue-script.ts). Larger batches are split into back-to-back calls.
 */
export const FIRES_PER_CALL = 500

/** Number of ARGV items per fire in `enqueueFires.lua` (after ARGV[1], the mode). */
const FIRE_ARGS = 11

/**
 * The flat argument list of one `enqueueFires.lua` call for `fires[start..end)`: numkeys, KEYS,
 * then ARGV, in the order of the script's contract header.
 * @param mode 'fire': `fire` is the nominal fire instant; 'trigger': the trigger instant (ms)
 * @param uuids the new task uuids, parallel to `fires`
 * @param overlap overrides every entry's overlap policy (trigger --ignore-overlap)
 */
export function enqueueFiresArgs(
  mode: 'fire' | 'trigger',
  fires: readonly FireRequest[],
  uuids: readonly string[],
  overlap?: Entry['overlap'],
  start = 0,
  end = fires.length,
): string[] {
  const n = end - start
  const argv0 = 1 + 3 * n
  const args = new Array<string>(argv0 + 1 + FIRE_ARGS * n)
  args[0] = String(3 * n)
  args[argv0] = mode
  for (let i = 0; i < n; i++) {
    const {entry, fire} = fires[start + i] as FireRequest
    const uuid = uuids[start + i] as string
    const fixed = fixedArgs(entry)
    const k = 1 + 3 * i
    args[k] = fixed.stateKey
    args[k + 1] = taskKey(entry.app, uuid)
    args[k + 2] = fixed.queueKey
    const a = argv0 + 1 + FIRE_ARGS * i
    args[a] = String(Math.floor(fire))
    args[a + 1] = fixed.signature
    args[a + 2] = overlap ?? entry.overlap
    args[a + 3] = uuid
    args[a + 4] = entry.task
    args[a + 5] = fixed.priority
    args[a + 6] = fixed.args
    args[a + 7] = fixed.kwargs
    args[a + 8] = entry.id
    args[a + 9] = fireInstantText(fire)
    args[a + 10] = queueEntry(entry.task, uuid, entry.priority)
  }
  return args
}

/** `formatFireInstant`, remembering the last instant: the fires of one tick mostly share it. */
let lastFire = NaN
let lastFireText = ''
function fireInstantText(fire: number): string {
  if (fire !== lastFire) {
    lastFireText = formatFireInstant(fire)
    lastFire = fire
  }
  return lastFireText
}

/** The parts of an entry's script call that never change between its fires. */
interface FixedArgs {
  stateKey: string
  queueKey: string
  signature: string
  priority: string
  args: string
  kwargs: string
}

/**
 * Per entry object, computed once: a per-second entry would otherwise re-serialise its args and
 * kwargs on every fire. Entries are never mutated (a reload builds new ones), so the cache is
 * keyed by identity and forgets reloaded-away entries with them.
 */
const fixedArgsCache = new WeakMap<Entry, FixedArgs>()

function fixedArgs(entry: Entry): FixedArgs {
  let fixed = fixedArgsCache.get(entry)
  if (!fixed) {
    // QTasks int()s the priority in the hash and the list entry: 1.5 would crash the worker.
    if (!Number.isSafeInteger(entry.priority))
      throw new TypeError(`priority of ${entry.id} must be an integer, got ${entry.priority}`)
    fixed = {
      stateKey: entryStateKey(entry.app, entry.id),
      queueKey: queueKey(entry.app, entry.queue),
      signature: scheduleSignature(entry.schedule, entry.tz),
      priority: String(entry.priority),
      args: pythonJsonDumps(entry.args),
      kwargs: pythonJsonDumps(entry.kwargs),
    }
    fixedArgsCache.set(entry, fixed)
  }
  return fixed
}
