// `qtab run` under load: N entries that all fire every second, for a 10 s window, against a
// fresh redis-server. Run: `npm run build && node --import tsx bench/daemon.ts [sizes…]`
// (`npm run bench:daemon`). QTAB_BENCH_PROF=dir adds `node --cpu-prof --cpu-prof-dir=dir`.
// qtab's stdout (one line per enqueue) goes to a file, as with a log file; stderr is piped.
// Note: qtab and redis-server share the machine's cores; both are reported.
import {spawn, type ChildProcess} from 'node:child_process'
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Redis} from 'ioredis'
import {freePort, readTasks, sleep, startRedisOnPort, waitFor} from '../test/e2e/helpers.js'
import {bin, percentile, printTable, root} from './lib.js'

const WINDOW_S = 10
const CLK_TCK = 100 // USER_HZ on Linux

/** utime + stime of a process, seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK // fields 14 and 15 of stat(5)
}

/** Peak resident set size (VmHWM), MiB. */
function peakRssMiB(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}

interface Run {
  qtab: ChildProcess
  stdoutPath: string
  stderr: () => string
  redisPid: number
  redisUrl: string
  app: string
  cleanup: () => Promise<void>
}

async function startRun(schedule: string, entries: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'qtab-bench-'))
  const redis = await startRedisOnPort(await freePort(), dir, ['--save', '', '--appendonly', 'no'])
  const app = `QtabBench${entries}`
  const file = join(dir, 'Qtabfile')
  const lines = Array.from({length: entries}, (_, i) => `${schedule}  bench  id=e${i}`)
  writeFileSync(file, [`APP=${app}`, 'TZ=UTC', ...lines, ''].join('\n'))
  const stdoutPath = join(dir, 'stdout.log')
  const out = openSync(stdoutPath, 'w')
  const prof = process.env.QTAB_BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.QTAB_BENCH_PROF}`] : []
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1'}
  delete env.REDIS_URL
  const qtab = spawn(process.execPath, [...prof, bin, 'run', '-f', file, '--redis-url', redis.url], {
    cwd: root,
    env,
    stdio: ['ignore', out, 'pipe'],
  })
  closeSync(out)
  let stderr = ''
  qtab.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  await waitFor('qtab started', () => / started /.test(readFileSync(stdoutPath, 'utf8').slice(0, 4096)), 60_000)
  return {
    qtab,
    stdoutPath,
    stderr: () => stderr,
    redisPid: redis.child.pid as number,
    redisUrl: redis.url,
    app,
    cleanup: async () => {
      for (const c of [qtab, redis.child]) {
        if (c.exitCode === null && c.signalCode === null) {
          const gone = new Promise((r) => c.once('exit', r))
          c.kill('SIGTERM')
          await gone
        }
      }
      rmSync(dir, {recursive: true, force: true})
    },
  }
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  const gone = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  child.kill('SIGTERM')
  return gone
}

/** Sleeps until wall-clock `atMs`. */
const until = (atMs: number) => sleep(Math.max(0, atMs - Date.now()))

async function everySecond(entries: number): Promise<(string | number)[]> {
  const run = await startRun('* * * * * *', entries)
  try {
    // Window: the fires at T0 … T0+9 s. T0 is two whole seconds after start-up (cursors synced).
    const t0 = Math.ceil(Date.now() / 1000) * 1000 + 2000
    const pid = run.qtab.pid as number
    await until(t0 - 500)
    const cpu0 = cpuSeconds(pid)
    const redisCpu0 = cpuSeconds(run.redisPid)
    const wall0 = performance.now()
    await until(t0 + WINDOW_S * 1000 - 500)
    const wallS = (performance.now() - wall0) / 1000
    const cpu = (cpuSeconds(pid) - cpu0) / wallS
    const redisCpu = (cpuSeconds(run.redisPid) - redisCpu0) / wallS
    const rss = peakRssMiB(pid)
    await sleep(1000) // let the last window fire finish
    const code = await stop(run.qtab)
    if (code !== 0) throw new Error(`qtab exited ${code}: ${run.stderr()}`)

    const client = new Redis(run.redisUrl)
    const {queue, tasks} = await readTasks(client, run.app)
    client.disconnect()
    if (queue.length !== tasks.length) throw new Error(`queue ${queue.length} != hashes ${tasks.length}`)
    const last = t0 + (WINDOW_S - 1) * 1000
    const inWindow = tasks.filter((t) => {
      const fire = Date.parse(t.fields.qtab_fire as string)
      return fire >= t0 && fire <= last
    })
    const pairs = new Set(inWindow.map((t) => `${t.fields.qtab_id}@${t.fields.qtab_fire}`))
    const expected = entries * WINDOW_S
    const lateness = inWindow.map((t) => Number(t.fields.created_at) * 1000 - Date.parse(t.fields.qtab_fire as string))
    return [
      `${entries.toLocaleString('en')} × every 1s`,
      Math.round(inWindow.length / WINDOW_S).toLocaleString('en'),
      expected - pairs.size,
      inWindow.length - pairs.size,
      percentile(lateness, 50).toFixed(1),
      percentile(lateness, 99).toFixed(1),
      Math.max(...lateness).toFixed(1),
      (cpu * 100).toFixed(1),
      (redisCpu * 100).toFixed(1),
      rss.toFixed(0),
    ]
  } finally {
    await run.cleanup()
  }
}

async function idle(entries: number): Promise<(string | number)[]> {
  const run = await startRun('0 0 1 1 *', entries)
  try {
    const pid = run.qtab.pid as number
    await sleep(2000)
    const cpu0 = cpuSeconds(pid)
    const wall0 = performance.now()
    await sleep(WINDOW_S * 1000)
    const wallS = (performance.now() - wall0) / 1000
    const cpu = (cpuSeconds(pid) - cpu0) / wallS
    const rss = peakRssMiB(pid)
    await stop(run.qtab)
    return [
      `${entries.toLocaleString('en')} × idle (0 0 1 1 *)`,
      0,
      '–',
      '–',
      '–',
      '–',
      '–',
      (cpu * 100).toFixed(2),
      '–',
      rss.toFixed(0),
    ]
  } finally {
    await run.cleanup()
  }
}

const sizes = process.argv.slice(2).map(Number)
const rows: (string | number)[][] = []
for (const n of sizes.length > 0 ? sizes : [100, 1000, 10_000]) rows.push(await everySecond(n))
if (sizes.length === 0) rows.push(await idle(10_000))
console.log(`qtab run, ${WINDOW_S} s window, node ${process.version}, fresh redis-server per row\n`)
printTable(
  [
    'entries',
    'enqueues/s',
    'lost fires',
    'duplicates',
    'lateness p50 ms',
    'lateness p99 ms',
    'max ms',
    'qtab CPU % of a core',
    'redis CPU %',
    'qtab peak RSS MiB',
  ],
  rows,
)
