import type {EntryState, RedisBroker, WorkerState} from '../broker/broker.js'
import {entryStateKey} from '../broker/keys.js'
import type {ReplicaInfo} from '../broker/sink.js'
import {formatInstant} from '../next/format-time.js'
import type {Entry, MisfirePolicy, OverlapPolicy} from '../qtabfile/types.js'

/** What `qtab status` reads from Redis; `RedisBroker` implements it. */
export type StatusReader = Pick<RedisBroker, 'readState' | 'readReplicas' | 'readWorker' | 'readEntryIds'>

/** One Qtabfile entry as Redis sees it. Instants are ISO-8601 in the entry's zone, whole seconds. */
export interface EntryStatus {
  id: string
  task: string
  schedule: string
  tz: string
  queue: string
  /** Nominal instant of the last *scheduled* fire enqueued; null when none yet. */
  lastFire: string | null
  /** When the last task (scheduled or triggered) was written (its `created_at`); null when none. */
  lastEnqueuedAt: string | null
  /** uuid of the last task; null when none. */
  lastUuid: string | null
  /**
   * QTasks `status` of the last task (`new`, `process`, `success`, `error`, `cancel`, `retry`, …),
   * `gone` when its hash was deleted, null when nothing was ever enqueued.
   */
  lastStatus: string | null
  /**
   * The `tz schedule` signature Redis holds for this id (null when none). When it differs from
   * this entry's, another replica runs a different file and this file's fires are refused as
   * `schedule-changed` until the replicas agree.
   */
  signature: string | null
  /** Next fire strictly after the check instant; null when the schedule never fires again. */
  next: string | null
  misfire: MisfirePolicy
  overlap: OverlapPolicy
}

/** State under `qtab:{app}:entry:{id}` for an id the file no longer has. */
export interface OrphanState {
  id: string
  key: string
}

/** Everything `qtab status` knows about one QTasks app. */
export interface AppStatus {
  app: string
  /** The QTasks worker heartbeat (`{app}:GlobalConfig:main`). */
  worker: WorkerState
  /** Live `qtab run` replicas (heartbeat keys not yet expired), by replica id. */
  replicas: ReplicaInfo[]
  /** Entries of the file with this app, in file order. */
  entries: EntryStatus[]
  /** Entry state for ids not in the file, sorted by id. */
  orphans: OrphanState[]
}

/** The whole `qtab status --json` document. */
export interface StatusReport {
  /** The instant "next" is computed from, ISO-8601 UTC with ms. */
  checkedAt: string
  /** One per distinct app of the file, in order of first appearance. */
  apps: AppStatus[]
}

/**
 * Reads each app's entry state, replicas, worker heartbeat and orphaned state, and computes each
 * entry's next fire after `nowMs`.
 */
export async function collectStatus(
  reader: StatusReader,
  entries: readonly Entry[],
  nowMs: number,
): Promise<StatusReport> {
  const byApp = new Map<string, Entry[]>()
  for (const e of entries) byApp.set(e.app, [...(byApp.get(e.app) ?? []), e])
  const apps: AppStatus[] = []
  for (const [app, appEntries] of byApp) {
    const ids = appEntries.map((e) => e.id)
    const [states, replicas, worker, storedIds] = await Promise.all([
      reader.readState(app, ids),
      reader.readReplicas(app),
      reader.readWorker(app),
      reader.readEntryIds(app),
    ])
    apps.push({
      app,
      worker,
      replicas,
      entries: appEntries.map((e, i) => entryStatus(e, states[i], nowMs)),
      orphans: storedIds.filter((id) => !ids.includes(id)).map((id) => ({id, key: entryStateKey(app, id)})),
    })
  }
  return {checkedAt: new Date(nowMs).toISOString(), apps}
}

function entryStatus(entry: Entry, state: EntryState | undefined, nowMs: number): EntryStatus {
  const at = (ms: number | null) => (ms === null ? null : formatInstant(ms, entry.tz))
  const lastUuid = state?.lastUuid ?? null
  const enqueued = state?.lastEnqueuedAt
  return {
    id: entry.id,
    task: entry.task,
    schedule: entry.schedule,
    tz: entry.tz,
    queue: entry.queue,
    lastFire: at(state?.lastFire ?? null),
    lastEnqueuedAt: at(enqueued == null ? null : Number(enqueued) * 1000),
    lastUuid,
    lastStatus: lastUuid === null ? null : (state?.lastStatus ?? 'gone'),
    signature: state?.signature ?? null,
    next: at(entry.trigger.next(nowMs)),
    misfire: entry.misfire,
    overlap: entry.overlap,
  }
}
