import type {ChalkInstance} from 'chalk'
import {DateTime} from 'luxon'
import {scheduleSignature} from '../broker/keys.js'
import {formatRelative} from '../next/format-time.js'
import type {AppStatus, EntryStatus, StatusReport} from './collect-status.js'
import {renderColumns} from '../cli/table.js'

const ENTRY_HEADERS = ['ID', 'TASK', 'LAST FIRE', 'ENQUEUED', 'LAST UUID', 'STATUS', 'NEXT', 'IN', 'MISFIRE', 'OVERLAP']
const REPLICA_HEADERS = ['REPLICA', 'HOST', 'PID', 'STARTED', 'LAST SEEN', 'ENTRIES']

/**
 * The `qtab status` text: per app, a header line (worker heartbeat, replica count), the entry
 * table, the live replicas and any orphaned entry state. Times relative to `checkedAt`.
 */
export function renderStatus(report: StatusReport, color: ChalkInstance): string {
  const now = Date.parse(report.checkedAt)
  return report.apps.map((app) => renderApp(app, now, color)).join('\n')
}

function renderApp(app: AppStatus, now: number, color: ChalkInstance): string {
  const worker = app.worker.alive
    ? color.green('alive')
    : color.red(
        app.worker.status === null
          ? 'none (no GlobalConfig:main heartbeat)'
          : `not running (status=${app.worker.status})`,
      )
  const out = [
    color.bold(`app ${app.app}`) + `  QTasks worker: ${worker}  qtab run replicas: ${app.replicas.length}`,
    '',
  ]
  out.push(
    ...renderColumns(
      ENTRY_HEADERS,
      app.entries.map((e) => entryCells(e, now)),
      color,
    ),
  )
  const differing = app.entries.filter(
    (e) => e.signature !== null && e.signature !== scheduleSignature(e.schedule, e.tz),
  )
  for (const e of differing) {
    out.push(
      color.yellow(
        `${e.id}: Redis holds schedule "${e.signature}", this file has "${scheduleSignature(e.schedule, e.tz)}"`,
      ),
    )
  }
  if (app.replicas.length > 0) {
    const rows = app.replicas.map((r) => [
      r.replicaId,
      r.host,
      String(r.pid),
      r.startedAt,
      formatRelative(now, Date.parse(r.seenAt)),
      String(r.entries),
    ])
    out.push('', ...renderColumns(REPLICA_HEADERS, rows, color))
  }
  if (app.orphans.length > 0) {
    out.push('', color.yellow(`orphaned state (ids no longer in the file): ${app.orphans.map((o) => o.key).join(' ')}`))
  }
  return out.join('\n') + '\n'
}

function entryCells(e: EntryStatus, now: number): string[] {
  const ago = (iso: string | null) => (iso === null ? '-' : formatRelative(now, DateTime.fromISO(iso).toMillis()))
  return [
    e.id,
    e.task,
    e.lastFire ?? '-',
    ago(e.lastEnqueuedAt),
    e.lastUuid ?? '-',
    e.lastStatus ?? '-',
    e.next ?? 'never',
    e.next === null ? '' : ago(e.next),
    e.misfire,
    e.overlap,
  ]
}
