// A throwaway redis-server on a free loopback port (no persistence), or $REDIS_URL when set.
// `--port 0` does NOT mean "random port" in redis: it disables TCP (toolchain.md §5).
import {type ChildProcess, spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {mkdtempSync, rmSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Redis} from 'ioredis'

export interface RedisServer {
  url: string
  /** True when the server was started here (so the tests may FLUSHDB / SCRIPT FLUSH / stop it). */
  owned: boolean
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

async function pingOnce(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
  })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

/** Starts redis-server with extra args (e.g. `['--requirepass', 'x']`); ready in ~50 ms. */
export async function startRedisServer(extraArgs: string[] = []): Promise<RedisServer> {
  if (process.env.REDIS_URL && extraArgs.length === 0) {
    return {url: process.env.REDIS_URL, owned: false, stop: async () => {}}
  }
  const dir = mkdtempSync(join(tmpdir(), 'qtab-redis-'))
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]
    const proc: ChildProcess = spawn('redis-server', [...args, '--loglevel', 'warning', ...extraArgs], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    proc.stderr?.on('data', (d) => (stderr += d))
    const stop = async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r))
        proc.kill('SIGTERM')
        await exited
      }
    }
    const probeUrl = extraArgs.includes('--requirepass')
      ? `redis://:${extraArgs[extraArgs.indexOf('--requirepass') + 1]}@127.0.0.1:${port}`
      : `redis://127.0.0.1:${port}`
    for (let i = 0; i < 200 && proc.exitCode === null; i++) {
      if (await pingOnce(probeUrl)) {
        return {
          url: `redis://127.0.0.1:${port}`,
          owned: true,
          stop: async () => {
            await stop()
            rmSync(dir, {recursive: true, force: true})
          },
        }
      }
      await new Promise((r) => setTimeout(r, 25))
    }
    await stop()
    if (attempt === 2) throw new Error(`redis-server did not start: ${stderr}`)
  }
  throw new Error('unreachable')
}

/** A fresh app name per test, so tests never see each other's keys. */
export function randomApp(): string {
  return `QtabTest${randomBytes(4).toString('hex')}`
}

/** Deletes every key of an app: QTasks' `{app}:*` and qtab's `qtab:{app}:*`. */
export async function deleteAppKeys(redis: Redis, app: string): Promise<void> {
  for (const pattern of [`${app}:*`, `qtab:${app}:*`]) {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500)
      if (keys.length > 0) await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
  }
}
