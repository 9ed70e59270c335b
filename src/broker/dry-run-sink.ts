import {randomUUID} from 'node:crypto'
import {writeSync} from 'node:fs'
import type {Entry} from '../qtabfile/types.js'
import {enqueueFiresArgs} from './broker.js'
import type {EnqueueOutcome} from './outcome.js'
import type {CursorRequest, EnqueueSink, FireRequest, ReplicaInfo} from './sink.js'
import {formatEpochSeconds} from './time-format.js'

export interface DryRunOptions {
  /** Where each "would send" line goes; default: synchronous write to stdout. */
  write?: (line: string) => void
  /** Clock for `created_at`, ms since epoch; default `Date.now`. */
  now?: () => number
  newUuid?: () => string
}

/**
 * `qtab run --dry-run`: the same interface as `RedisBroker`, but no Redis at all. Each enqueue
 * prints the two commands QTasks' `add_task` would send (HSET then RPUSH, quoted like
 * redis-cli), and cursors live in memory so duplicate and overlap logic behave as with Redis
 * for a single process. Tasks never run in a dry run, so overlap=skip never skips.
 */
export class DryRunSink implements EnqueueSink {
  private readonly cursors = new Map<string, {signature: string; cursor: number}>()
  private readonly write: (line: string) => void
  private readonly now: () => number
  private readonly newUuid: () => string

  constructor(options: DryRunOptions = {}) {
    this.write = options.write ?? ((line) => writeSync(1, `${line}\n`))
    this.now = options.now ?? Date.now
    this.newUuid = options.newUuid ?? randomUUID
  }

  async syncCursors(requests: CursorRequest[], nowMs: number): Promise<number[]> {
    return requests.map(({app, id, signature}) => {
      const key = `${app}\0${id}`
      const stored = this.cursors.get(key)
      if (stored && stored.signature === signature) return stored.cursor
      this.cursors.set(key, {signature, cursor: nowMs})
      return nowMs
    })
  }

  async enqueueFires(batch: FireRequest[]): Promise<EnqueueOutcome[]> {
    return batch.map(({entry, fire}) => {
      const key = `${entry.app}\0${entry.id}`
      const stored = this.cursors.get(key)
      if (stored && fire <= stored.cursor) return {kind: 'duplicate'}
      this.cursors.set(key, {signature: stored?.signature ?? '', cursor: fire})
      return this.print('fire', entry, fire)
    })
  }

  async trigger(entry: Entry, atMs: number): Promise<EnqueueOutcome> {
    return this.print('trigger', entry, atMs)
  }

  async heartbeat(_app: string, _replica: ReplicaInfo, _ttlMs: number): Promise<void> {}

  async close(): Promise<void> {}

  private print(mode: 'fire' | 'trigger', entry: Entry, fire: number): EnqueueOutcome {
    const uuid = this.newUuid()
    const [, , taskKey, queueKey, , , , , , task, priority, args, kwargs, id, fireIso, listEntry] = enqueueFiresArgs(
      mode,
      [{entry, fire}],
      [uuid],
    )
    const createdAt = formatEpochSeconds(this.now())
    const fields = [
      ['task_name', task],
      ['priority', priority],
      ['args', args],
      ['kwargs', kwargs],
      ['created_at', createdAt],
      ['updated_at', createdAt],
      ['status', 'new'],
      ['qtab_id', id],
      ['qtab_fire', fireIso],
    ]
    this.write(`dry-run: HSET ${quote(taskKey ?? '')} ${fields.map(([f, v]) => `${f} ${quote(v ?? '')}`).join(' ')}`)
    this.write(`dry-run: RPUSH ${quote(queueKey ?? '')} ${quote(listEntry ?? '')}`)
    return {kind: 'enqueued', uuid, createdAt}
  }
}

/** redis-cli style: bare when the text has no space, quote or backslash, else double-quoted. */
function quote(text: string): string {
  return /^[^\s"'\\]+$/.test(text) ? text : `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`
}
