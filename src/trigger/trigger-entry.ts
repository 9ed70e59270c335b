import type {EnqueueSink} from '../broker/sink.js'
import {queueEntry, queueKey, taskKey} from '../broker/keys.js'
import type {Entry} from '../qtabfile/types.js'
import type {TriggerOverrides} from './overrides.js'

/** A manual enqueue that happened: everything needed to find the task in Redis. */
export interface TriggerResult {
  kind: 'enqueued'
  id: string
  task: string
  app: string
  /** The queue list key, e.g. `QueueTasks:task_queue`. */
  queueKey: string
  uuid: string
  /** The task hash key `{app}:{uuid}`. */
  taskKey: string
  /** The list entry pushed, `{task}:{uuid}:{priority}`. */
  queueEntry: string
  /** `created_at` of the task: epoch seconds, decimal text. */
  createdAt: string
}

/** The enqueue was refused because the entry's previous task still runs (`--respect-overlap`). */
export interface TriggerSkipped {
  kind: 'overlap-skipped'
  id: string
  previousUuid: string
}

/**
 * Enqueues `entry` now, by hand, through the same atomic script as scheduled fires (mode
 * `trigger`: no cursor check, the cursor is left alone, so the schedule is unaffected).
 * A manual trigger is an explicit request, so it ignores `overlap=skip` unless `respectOverlap`.
 * @param nowMs the trigger instant, ms since epoch (stored as the task's `qtab_fire`)
 */
export async function triggerEntry(
  sink: Pick<EnqueueSink, 'trigger'>,
  entry: Entry,
  overrides: TriggerOverrides,
  options: {nowMs: number; respectOverlap?: boolean},
): Promise<TriggerResult | TriggerSkipped> {
  const effective: Entry = {...entry, ...overrides}
  const outcome = await sink.trigger(effective, options.nowMs, {ignoreOverlap: !options.respectOverlap})
  switch (outcome.kind) {
    case 'enqueued':
      return {
        kind: 'enqueued',
        id: entry.id,
        task: entry.task,
        app: entry.app,
        queueKey: queueKey(entry.app, entry.queue),
        uuid: outcome.uuid,
        taskKey: taskKey(entry.app, outcome.uuid),
        queueEntry: queueEntry(entry.task, outcome.uuid, effective.priority),
        createdAt: outcome.createdAt,
      }
    case 'overlap-skipped':
      return {kind: 'overlap-skipped', id: entry.id, previousUuid: outcome.previousUuid}
    default:
      // Mode 'trigger' never checks the cursor or the signature: these cannot happen.
      throw new Error(`trigger ${entry.id}: unexpected outcome ${JSON.stringify(outcome)}`)
  }
}
