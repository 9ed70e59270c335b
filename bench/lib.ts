// Small measuring helpers shared by the bench scripts (not part of the shipped package).
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const root = fileURLToPath(new URL('..', import.meta.url))
export const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))

/** Runs a command `runs` times (after `warmup` unmeasured runs); returns wall times in ms. */
export function timeCommand(cmd: string, args: string[], runs: number, warmup = 2): number[] {
  const times: number[] = []
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now()
    const r = spawnSync(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {...process.env, NO_COLOR: '1'},
    })
    const ms = performance.now() - t0
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
    if (i >= warmup) times.push(ms)
  }
  return times
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[idx] as number
}

/** Prints a Markdown table (the bench output is meant to be pasted into notes). */
export function printTable(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  console.log(line(headers))
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`)
  for (const r of cells.slice(1)) console.log(line(r))
}
