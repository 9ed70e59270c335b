// `qtab run` as real processes against real redis-servers: replicas, a Redis crash, kill -9,
// signals, reloads, exit codes. Slow by nature (seconds per test); every child is SIGKILLed in
// afterEach whatever happens. Never touches the machine's Redis on 6379.
import {expect} from 'chai'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Redis} from 'ioredis'
import {randomApp, startRedisServer, type RedisServer} from '../helpers/redis-server.js'
import {
  countFires,
  enqueuedLines,
  eventLines,
  firesOf,
  freePort,
  killChildren,
  readTasks,
  secondsBetween,
  sleep,
  startQtab,
  startRedisOnPort,
  stopProcess,
  TASK_FIELDS,
  waitFor,
  type StoredTask,
} from './helpers.js'

const iso = (ms: number) => new Date(ms).toISOString()

describe('qtab run (real processes, e2e)', function () {
  this.timeout(40_000)
  let server: RedisServer
  let raw: Redis
  let app: string
  let dir: string
  let file: string

  before(async () => {
    server = await startRedisServer()
    raw = new Redis(server.url)
  })
  after(async () => {
    await killChildren()
    raw.disconnect()
    await server.stop()
  })
  beforeEach(() => {
    app = randomApp()
    dir = mkdtempSync(join(tmpdir(), 'qtab-e2e-'))
    file = join(dir, 'Qtabfile')
  })
  afterEach(async () => {
    await killChildren()
    rmSync(dir, {recursive: true, force: true})
  })

  /** Writes the Qtabfile: `APP=` and `TZ=UTC`, then the given entry lines. */
  const writeQtabfile = (lines: string[], path = file) =>
    writeFileSync(path, [`APP=${app}`, 'TZ=UTC', ...lines, ''].join('\n'))

  it('three replicas on one Redis: every (id, second) enqueued exactly once, no gaps, 9 fields', async () => {
    writeQtabfile(['* * * * * *  tick  id=cron', '@every 1s    tock  id=every'])
    const replicas = [0, 1, 2].map(() => startQtab(['run', '-f', file, '--redis-url', server.url]))
    await waitFor('every replica started', () => replicas.every((r) => eventLines(r.stdout, 'started').length === 1))
    await sleep(5500)
    const exits = await Promise.all(replicas.map((r) => stopProcess(r)))
    expect(exits).to.deep.equal([0, 1, 2].map(() => ({code: 0, signal: null})))

    const {queue, tasks} = await readTasks(raw, app)
    expect(queue).to.have.length(tasks.length)
    for (const t of tasks) expect(t.fieldNames, t.key).to.deep.equal(TASK_FIELDS)
    const duplicates = [...countFires(tasks)].filter(([, n]) => n > 1)
    expect(duplicates, 'fires enqueued twice').to.deep.equal([])
    for (const id of ['cron', 'every']) {
      const fires = firesOf(tasks, id)
      expect(fires.length, `${id}: fires`).to.be.at.least(5)
      expect(fires.map(iso), `${id}: every second once`).to.deep.equal(
        secondsBetween(fires[0] as number, fires.at(-1) as number).map(iso),
      )
    }
    // What the replicas logged adds up to what Redis holds (duplicates are debug, not logged).
    const logged = replicas.reduce((n, r) => n + enqueuedLines(r.stdout).length, 0)
    expect(logged).to.equal(tasks.length)
    for (const r of replicas) expect(r.stderr).to.equal('')
  })

  // Persistence (appendonly, fsync always) in a temp dir, and SIGKILL: a Redis that crashes and
  // comes back with its data is the case the cursor guarantee is about. Without persistence the
  // restarted Redis has neither the cursors nor the tasks, so "no duplicate" could not be seen;
  // DEBUG SLEEP / CLIENT PAUSE would never drop the connection, which is the path that logs and
  // retries. A lost in-flight reply (script ran, reply never arrived) must come back a duplicate.
  it('Redis SIGKILLed for ~3 s and restarted with its data: no double, latest catches up once, all catches up every second, one redis-unavailable', async () => {
    const port = await freePort()
    const persist = ['--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
    let redis = await startRedisOnPort(port, dir, persist)
    const client = new Redis(redis.url, {lazyConnect: true})
    client.on('error', () => {})
    try {
      writeQtabfile(['* * * * * *  tick  id=latest misfire=latest', '* * * * * *  tick  id=all misfire=all'])
      const qtab = startQtab(['run', '-f', file, '--redis-url', redis.url])
      await waitFor('3 enqueues each', () => enqueuedLines(qtab.stdout).length >= 6)
      await sleep(300)
      redis.child.kill('SIGKILL')
      await redis.exited
      await sleep(3000)
      redis = await startRedisOnPort(port, dir, persist)
      await waitFor('redis-available', () => eventLines(qtab.stdout, 'redis-available').length > 0, 20_000)
      const after = enqueuedLines(qtab.stdout).length
      await waitFor('3 more seconds of enqueues', () => enqueuedLines(qtab.stdout).length >= after + 6)
      expect(qtab.child.exitCode, 'qtab kept running').to.equal(null)
      expect(await stopProcess(qtab)).to.deep.equal({code: 0, signal: null})
      expect(eventLines(qtab.stderr, 'redis-unavailable'), qtab.stderr).to.have.length(1)

      await client.connect()
      const {queue, tasks} = await readTasks(client, app)
      expect(queue).to.have.length(tasks.length)
      expect(
        [...countFires(tasks)].filter(([, n]) => n > 1),
        'fires enqueued twice',
      ).to.deep.equal([])
      const all = firesOf(tasks, 'all')
      const latest = firesOf(tasks, 'latest')
      // misfire=all: every second from the first fire to the last, the outage included.
      expect(all.map(iso)).to.deep.equal(secondsBetween(all[0] as number, all.at(-1) as number).map(iso))
      expect(latest[0]).to.equal(all[0])
      expect(latest.at(-1)).to.equal(all.at(-1))
      // misfire=latest: one gap (the seconds Redis was down), ended by the newest missed second.
      const missed = all.filter((t) => !latest.includes(t))
      expect(missed.length, 'seconds missed by latest').to.be.at.least(2)
      expect(missed.map(iso), 'one contiguous outage').to.deep.equal(
        secondsBetween(missed[0] as number, missed.at(-1) as number).map(iso),
      )
      // The catch-up batch: `all` wrote every missed second and the one after it together with
      // latest's single catch-up fire (the newest missed second), all in one tick.
      const catchUp = (missed.at(-1) as number) + 1000
      const createdAt = (id: string, fire: number) =>
        Number(tasks.find((t) => t.fields.qtab_id === id && t.fields.qtab_fire === iso(fire))?.fields.created_at)
      const batchAt = createdAt('latest', catchUp)
      for (const fire of [...missed, catchUp]) {
        expect(Math.abs(createdAt('all', fire) - batchAt), `all@${iso(fire)} in the catch-up batch`).to.be.below(0.2)
      }
      expect(batchAt - catchUp / 1000, 'the catch-up fire was late').to.be.above(0)
      expect(createdAt('latest', catchUp + 1000) - batchAt, 'the next fire is on time').to.be.above(0.2)
    } finally {
      client.disconnect()
    }
  })

  it('kill -9 during a burst of 300 entries: every queue entry has its full hash, every hash its queue entry', async () => {
    writeQtabfile(Array.from({length: 300}, (_, i) => `* * * * * *  burst  id=e${i}`))
    const qtab = startQtab(['run', '-f', file, '--redis-url', server.url])
    await waitFor('a first burst', () => enqueuedLines(qtab.stdout).length >= 300)
    await sleep(1000 + (1000 - (Date.now() % 1000))) // to the second boundary after next…
    await sleep(3) // …and into the burst
    qtab.child.kill('SIGKILL')
    expect(await qtab.exited).to.deep.equal({code: null, signal: 'SIGKILL'})

    const {queue, tasks} = await readTasks(raw, app)
    expect(tasks.length).to.be.at.least(600)
    const byKey = new Map(tasks.map((t) => [t.key, t]))
    for (const item of queue) {
      const [task, uuid, priority, ...rest] = item.split(':')
      expect([task, priority, rest]).to.deep.equal(['burst', '0', []])
      expect(byKey.get(`${app}:${uuid}`)?.fieldNames, `hash of ${item}`).to.deep.equal(TASK_FIELDS)
    }
    const queued = new Set(queue.map((item) => `${app}:${item.split(':')[1]}`))
    expect(
      tasks.filter((t) => !queued.has(t.key)).map((t) => t.key),
      'hashes without a queue entry',
    ).to.deep.equal([])
    expect(queue).to.have.length(tasks.length)
    // The entry state moved with the task, in the same script: its last fire is the newest task's.
    const newest = new Map<string, StoredTask>()
    for (const t of tasks) {
      const id = t.fields.qtab_id as string
      if ((newest.get(id)?.fields.qtab_fire ?? '') < (t.fields.qtab_fire as string)) newest.set(id, t)
    }
    const pipeline = raw.pipeline()
    for (const id of newest.keys()) pipeline.hmget(`qtab:${app}:entry:${id}`, 'last_fire', 'last_uuid')
    const states = ((await pipeline.exec()) ?? []).map(([, v]) => v as [string, string])
    ;[...newest.values()].forEach((t, i) => {
      const [lastFire, lastUuid] = states[i] as [string, string]
      expect([iso(Number(lastFire)), `${app}:${lastUuid}`]).to.deep.equal([t.fields.qtab_fire, t.key])
    })
  })

  it('SIGTERM: exit 0 within 1 s of the signal', async () => {
    writeQtabfile(['* * * * * *  tick'])
    const qtab = startQtab(['run', '-f', file, '--redis-url', server.url])
    await waitFor('an enqueue', () => enqueuedLines(qtab.stdout).length >= 1)
    await sleep(400)
    const sentAt = performance.now()
    qtab.child.kill('SIGTERM')
    expect(await qtab.exited).to.deep.equal({code: 0, signal: null})
    expect((qtab.exitedAt as number) - sentAt, 'ms from SIGTERM to exit').to.be.below(1000)
    expect(eventLines(qtab.stdout, 'stopped')).to.have.length(1)
    expect(qtab.stderr).to.equal('')
  })

  it('SIGHUP with a broken file keeps the old schedule; a valid change is picked up by SIGHUP and by the file watch', async () => {
    writeQtabfile(['* * * * * *  tick  id=one'])
    const qtab = startQtab(['run', '-f', file, '--redis-url', server.url])
    await waitFor('an enqueue', () => enqueuedLines(qtab.stdout).length >= 1)

    // Broken: line 4, column 20 is the unknown option.
    writeQtabfile(['* * * * * *  tick  id=one', '* * * * * *  tock  bogus=1'])
    qtab.child.kill('SIGHUP')
    await waitFor('reload-failed', () => eventLines(qtab.stderr, 'reload-failed').length >= 1)
    const failed = eventLines(qtab.stderr, 'reload-failed')[0] as string
    expect(failed).to.include(`${file}:4:20:`).and.include('the previous schedule keeps running')
    const before = enqueuedLines(qtab.stdout).length
    await sleep(2500)
    const since = enqueuedLines(qtab.stdout).slice(before)
    expect(since.length, 'enqueues after the broken reload').to.be.at.least(2)
    expect(since.every((l) => / enqueued one /.test(l))).to.be.true

    // Valid, by SIGHUP (sent at once, before the watch's 200 ms debounce).
    writeQtabfile(['* * * * * *  tick  id=one', '* * * * * *  tock  id=two'])
    qtab.child.kill('SIGHUP')
    await waitFor('reloaded (SIGHUP)', () => /reloaded 2 entries from \S+ \(SIGHUP\)/.test(qtab.stdout))
    await waitFor('an enqueue of two', () => / enqueued two /.test(qtab.stdout), 3000)

    // Valid, by the file watch alone: replaced by rename, as editors do.
    writeQtabfile(
      ['* * * * * *  tick  id=one', '* * * * * *  tock  id=two', '@every 1s  tack  id=three'],
      `${file}.new`,
    )
    const {renameSync} = await import('node:fs')
    renameSync(`${file}.new`, file)
    await waitFor('reloaded (file changed)', () => /reloaded 3 entries from \S+ \(file changed\)/.test(qtab.stdout))
    await waitFor('an enqueue of three', () => / enqueued three /.test(qtab.stdout), 3000)
    expect(qtab.child.exitCode).to.equal(null)
    expect(await stopProcess(qtab)).to.deep.equal({code: 0, signal: null})
    expect(eventLines(qtab.stderr, 'reload-failed').length, qtab.stderr).to.be.at.least(1)
    expect(qtab.stderr.split('\n').filter((l) => l && !/ reload-failed /.test(l))).to.deep.equal([])
  })

  it('unreachable Redis at start: one redis-unavailable line, stays up, enqueues once Redis starts', async () => {
    const port = await freePort()
    writeQtabfile(['* * * * * *  tick'])
    const qtab = startQtab(['run', '-f', file, '--redis-url', `redis://127.0.0.1:${port}/0`])
    await waitFor('redis-unavailable', () => eventLines(qtab.stderr, 'redis-unavailable').length >= 1)
    await sleep(1500)
    expect(qtab.child.exitCode).to.equal(null)
    const redis = await startRedisOnPort(port, dir, ['--save', '', '--appendonly', 'no'])
    await waitFor('an enqueue', () => enqueuedLines(qtab.stdout).length >= 1, 10_000)
    expect(eventLines(qtab.stdout, 'redis-available')).to.have.length(1)
    expect(eventLines(qtab.stderr, 'redis-unavailable')).to.have.length(1)
    expect(await stopProcess(qtab)).to.deep.equal({code: 0, signal: null})
    const client = new Redis(redis.url)
    try {
      expect(await client.llen(`${app}:task_queue`)).to.be.at.least(1)
    } finally {
      client.disconnect()
    }
  })

  it('--dry-run: enqueued lines and the HSET/RPUSH it would send, no Redis', async () => {
    writeQtabfile(['* * * * * *  tick  args=[1] kwargs={"k": "v"}'])
    const qtab = startQtab(['run', '-f', file, '--dry-run', '--redis-url', 'redis://127.0.0.1:1/0'])
    await waitFor('an enqueue', () => enqueuedLines(qtab.stdout).length >= 1)
    expect(await stopProcess(qtab)).to.deep.equal({code: 0, signal: null})
    expect(qtab.stdout).to.match(/^\S+ started 1 entries from \S+ mode=dry-run$/m)
    const hset = new RegExp(
      `^\\S+ dry-run HSET ${app}:([0-9a-f-]{36}) task_name tick priority 0 args \\[1\\] kwargs "\\{\\\\"k\\\\": \\\\"v\\\\"\\}" ` +
        'created_at \\d+\\.\\d+ updated_at \\d+\\.\\d+ status new qtab_id tick qtab_fire \\S+Z$',
      'm',
    )
    const uuid = hset.exec(qtab.stdout)?.[1]
    expect(uuid, qtab.stdout).to.be.a('string')
    expect(qtab.stdout).to.match(new RegExp(`^\\S+ dry-run RPUSH ${app}:task_queue tick:${uuid}:0$`, 'm'))
    expect(qtab.stdout).to.match(
      new RegExp(`^\\S+ enqueued tick task=tick fire=\\S+ uuid=${uuid} lateness_ms=\\d+$`, 'm'),
    )
    expect(qtab.stderr).to.equal('')
  })

  it('--dry-run --log-format json: every stdout line is one JSON object', async () => {
    writeQtabfile(['* * * * * *  tick  args=[1]'])
    const qtab = startQtab(['run', '-f', file, '--dry-run', '--log-format', 'json'])
    await waitFor('an enqueue', () => qtab.stdout.includes('"event":"enqueued"'))
    expect(await stopProcess(qtab)).to.deep.equal({code: 0, signal: null})
    const events = qtab.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(events.map((e) => e.event)).to.include.members(['started', 'dry-run', 'enqueued', 'stopped'])
    const enqueued = events.find((e) => e.event === 'enqueued') as Record<string, unknown>
    expect(Object.keys(enqueued)).to.deep.equal(['ts', 'level', 'event', 'id', 'task', 'fire', 'uuid', 'lateness_ms'])
    expect(enqueued).to.include({level: 'info', id: 'tick', task: 'tick'})
    expect(enqueued.fire).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
  })

  describe('exit codes', () => {
    it('a broken file at start: exit 1, file:line:col on stderr, nothing enqueued', async () => {
      writeQtabfile(['* * * * * *  tick', '61 * * * *  tock'])
      const qtab = startQtab(['run', '-f', file, '--redis-url', server.url])
      expect(await qtab.exited).to.deep.equal({code: 1, signal: null})
      expect(qtab.stderr).to.include(`${file}:4:1:`)
      expect(enqueuedLines(qtab.stdout)).to.deep.equal([])
      expect(await raw.keys(`*${app}:*`)).to.deep.equal([])
    })

    it('--redis-url http://x: exit 2', async () => {
      writeQtabfile(['* * * * * *  tick'])
      const qtab = startQtab(['run', '-f', file, '--redis-url', 'http://x'])
      expect(await qtab.exited).to.deep.equal({code: 2, signal: null})
      expect(qtab.stderr).to.include('redis:// or rediss://')
    })

    it('a wrong password: exit 2, and the password is not printed', async () => {
      const secured = await startRedisServer(['--requirepass', 'right-horse-battery'])
      try {
        writeQtabfile(['* * * * * *  tick'])
        const url = secured.url.replace('redis://', 'redis://:wrong-staple-42@')
        const qtab = startQtab(['run', '-f', file, '--redis-url', url])
        expect(await qtab.exited).to.deep.equal({code: 2, signal: null})
        expect(qtab.stderr).to.match(/refused the credentials/)
        expect(qtab.stdout + qtab.stderr).not.to.include('wrong-staple-42')
        expect(qtab.stdout + qtab.stderr).not.to.include('right-horse-battery')
      } finally {
        await secured.stop()
      }
    })
  })
})
