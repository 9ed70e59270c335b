/**
 * Every Redis key name qtab reads or writes, built in one place (STYLE "For qtab" 11).
 *
 * QTasks owns the `{app}:` prefix: its `get_all()`, `flush_all()` and `delete_finished_tasks`
 * scan `{app}:*` and treat every key there as a task, so qtab's own bookkeeping lives only
 * under `qtab:{app}:` (qtasks-protocol.md §6).
 */

/** QTasks' default queue name: the list `{app}:task_queue`. */
export const DEFAULT_QUEUE = 'task_queue'

/** QTasks task hash `{app}:{uuid}` (qtasks-protocol.md §1, §2). */
export function taskKey(app: string, uuid: string): string {
  return `${app}:${uuid}`
}

/** QTasks queue list `{app}:{queue}`; workers LPOP from its head, producers RPUSH to its tail. */
export function queueKey(app: string, queue: string = DEFAULT_QUEUE): string {
  return `${app}:${queue}`
}

/** QTasks worker heartbeat hash `{app}:GlobalConfig:main` (written by workers only; qtab reads it). */
export function globalConfigKey(app: string): string {
  return `${app}:GlobalConfig:main`
}

/**
 * qtab's per-entry state hash `qtab:{app}:entry:{id}`. Fields are listed in `ENTRY_STATE_FIELDS`.
 * The id is the Qtabfile entry id; it may itself contain `:` without ambiguity because it is last.
 */
export function entryStateKey(app: string, id: string): string {
  return `qtab:${app}:entry:${id}`
}

/** A live `qtab run` replica: a string key with a TTL, refreshed by the replica's heartbeat. */
export function replicaKey(app: string, replicaId: string): string {
  return `qtab:${app}:replica:${replicaId}`
}

/** SCAN pattern matching every replica key of an app (for `qtab status`). */
export function replicaKeyPattern(app: string): string {
  return `qtab:${escapeGlob(app)}:replica:*`
}

/** SCAN pattern matching every entry state key of an app (orphan detection in `qtab status`). */
export function entryStateKeyPattern(app: string): string {
  return `qtab:${escapeGlob(app)}:entry:*`
}

/** The entry id in a key built by `entryStateKey(app, id)`. */
export function entryIdOfStateKey(app: string, key: string): string {
  return key.slice(entryStateKey(app, '').length)
}

/**
 * Field names of the entry state hash, as written by the Lua scripts. Kept here so TypeScript
 * readers (`readState`) and the scripts' contract headers agree on one spelling.
 */
export const ENTRY_STATE_FIELDS = {
  /** Fires at or before this instant are done (enqueued, skipped or never due); ms since epoch. */
  cursor: 'cursor',
  /** Schedule signature the cursor belongs to (`scheduleSignature`). */
  signature: 'sig',
  /** Nominal instant of the last scheduled fire that was enqueued; ms since epoch. */
  lastFire: 'last_fire',
  /** UUID of the last task enqueued for this entry (scheduled or triggered). */
  lastUuid: 'last_uuid',
  /** Key of that task's hash, stored verbatim from the enqueue's KEYS so no key is built in Lua. */
  lastTaskKey: 'last_task_key',
  /** `created_at` text of that task: epoch seconds, decimal. */
  lastEnqueuedAt: 'last_enqueued_at',
} as const

/**
 * The QTasks queue entry `{task}:{uuid}:{priority}` (qtasks-protocol.md §3). The worker splits it
 * on `:` and needs exactly two, so the task name must not contain one (the parser rejects it).
 */
export function queueEntry(task: string, uuid: string, priority: number): string {
  return `${task}:${uuid}:${priority}`
}

/**
 * Identity of an entry's schedule: the schedule text and its zone. When it changes, the entry's
 * cursor restarts at "now" (DESIGN §3: nothing old is replayed under a new schedule).
 */
export function scheduleSignature(schedule: string, tz: string): string {
  // A zone never contains a space, so "tz schedule" is unambiguous and readable in redis-cli.
  return `${tz} ${schedule}`
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`)
}
