import type {StatusReport} from './collect-status.js'

/** Exit code of `qtab status --check` when some app has no live replica (docker maps it to unhealthy). */
export const EXIT_UNHEALTHY = 4

/** Verdict of `qtab status --check`: one line for people and container health logs. */
export interface HealthVerdict {
  healthy: boolean
  message: string
}

/**
 * Healthy when every app of the file has at least one live `qtab run` replica heartbeat, counting
 * only replicas on `host` when given (a container checks its own daemon, not its HA partner).
 */
export function checkHealth(report: StatusReport, host?: string): HealthVerdict {
  if (report.apps.length === 0) return {healthy: false, message: 'the Qtabfile has no entries: no app to check'}
  const where = host === undefined ? '' : ` on host ${host}`
  const counts = report.apps.map(({app, replicas}) => ({
    app,
    live: replicas.filter((r) => host === undefined || r.host === host).length,
  }))
  const missing = counts.filter((c) => c.live === 0).map((c) => c.app)
  if (missing.length > 0) {
    return {healthy: false, message: `no live qtab run replica${where} for app ${missing.join(', ')}`}
  }
  const summary = counts.map((c) => `${c.app}: ${c.live}`).join(', ')
  return {healthy: true, message: `ok: live qtab run replicas${where}: ${summary}`}
}
