import {expect} from 'chai'
import {Redis} from 'ioredis'
import {connect, type RedisBroker} from '../../src/broker/broker.js'
import type {ReplicaInfo} from '../../src/broker/sink.js'
import {formatInstant} from '../../src/next/format-time.js'
import type {AppStatus, StatusReport} from '../../src/status/collect-status.js'
import {qtab} from '../helpers/cli.js'
import {makeEntry} from '../helpers/entry.js'
import {deleteAppKeys, randomApp, startRedisServer, type RedisServer} from '../helpers/redis-server.js'
import {tempQtabfile} from '../helpers/temp-file.js'

const FIRE = Date.parse('2026-12-03T16:00:00.000Z')

/** The file under test: two entries in UTC, one app (replaced per test with --app). */
const FILE = `TZ=UTC
0 16 * * *   daily_report  args=["nightly"]
@every 90s   echo          id=beat misfire=skip overlap=skip
`

describe('qtab status (compiled CLI, real redis-server)', () => {
  let server: RedisServer
  let raw: Redis
  let broker: RedisBroker
  let app: string
  let file: {path: string; cleanup: () => void}
  const daily = () => makeEntry({app, id: 'daily_report', args: ['nightly']})
  const beat = () =>
    makeEntry({app, id: 'beat', task: 'echo', schedule: '@every 90s', misfire: 'skip', overlap: 'skip'})

  before(async () => {
    server = await startRedisServer()
    raw = new Redis(server.url)
    file = tempQtabfile(FILE)
  })
  after(async () => {
    file.cleanup()
    raw.disconnect()
    await server.stop()
  })
  beforeEach(async () => {
    app = randomApp()
    broker = await connect(server.url)
  })
  afterEach(async () => {
    await broker.close()
    await deleteAppKeys(raw, app)
  })

  async function statusJson(...extra: string[]): Promise<StatusReport> {
    const r = await qtab(['status', '-f', file.path, '--redis-url', server.url, '--app', app, '--json', ...extra])
    expect(r.stderr).to.equal('')
    expect(r.code).to.equal(0)
    return JSON.parse(r.stdout) as StatusReport
  }

  /** Fires daily_report at FIRE through the real Lua script, as `qtab run` does. */
  async function fireDaily(): Promise<{uuid: string; createdAt: string}> {
    const entry = daily()
    await broker.syncCursors([{app, id: entry.id, signature: 'UTC 0 16 * * *'}], FIRE - 1000)
    const [outcome] = await broker.enqueueFires([{entry, fire: FIRE}])
    if (outcome?.kind !== 'enqueued') throw new Error(`expected enqueued, got ${JSON.stringify(outcome)}`)
    return outcome
  }

  /** What the file's two entries look like at `checkedAt` with nothing in Redis. */
  function untouched(checkedAt: string) {
    const now = Date.parse(checkedAt)
    const nextOf = (e: ReturnType<typeof daily>) => formatInstant(e.trigger.next(now) as number, 'UTC')
    const blank = {lastFire: null, lastEnqueuedAt: null, lastUuid: null, lastStatus: null, signature: null}
    return [
      {
        id: 'daily_report',
        task: 'daily_report',
        schedule: '0 16 * * *',
        tz: 'UTC',
        queue: 'task_queue',
        ...blank,
        next: nextOf(daily()),
        misfire: 'latest',
        overlap: 'allow',
      },
      {
        id: 'beat',
        task: 'echo',
        schedule: '@every 90s',
        tz: 'UTC',
        queue: 'task_queue',
        ...blank,
        next: nextOf(beat()),
        misfire: 'skip',
        overlap: 'skip',
      },
    ]
  }

  it('--json on an empty Redis: every field, exact shape', async () => {
    const report = await statusJson()
    expect(Object.keys(report)).to.deep.equal(['checkedAt', 'apps'])
    expect(report.checkedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(report.apps).to.deep.equal([
      {app, worker: {alive: false, status: null}, replicas: [], entries: untouched(report.checkedAt), orphans: []},
    ])
  })

  it('after a fire: last fire, enqueued-at, uuid and status new; next fire after now', async () => {
    const {uuid, createdAt} = await fireDaily()
    const report = await statusJson()
    const [dailyRow, beatRow] = untouched(report.checkedAt)
    expect(report.apps[0]?.entries).to.deep.equal([
      {
        ...dailyRow,
        lastFire: '2026-12-03T16:00:00Z',
        lastEnqueuedAt: formatInstant(Number(createdAt) * 1000, 'UTC'),
        lastUuid: uuid,
        lastStatus: 'new',
        signature: 'UTC 0 16 * * *',
      },
      beatRow,
    ])
  })

  it('follows the worker: process, then success with returning (qtasks-protocol.md §4)', async () => {
    const {uuid} = await fireDaily()
    const key = `${app}:${uuid}`
    // Exactly the worker's HSETs: the full schema mapping each time.
    const base = [
      'task_name',
      'daily_report',
      'priority',
      '0',
      'args',
      '["nightly"]',
      'kwargs',
      '{}',
      'created_at',
      '1796313078.972311',
    ]
    await raw.zadd(`${app}:task_process`, 0, `daily_report:${uuid}:0`)
    await raw.hset(key, ...base, 'updated_at', '1796313079.028072', 'status', 'process')
    expect((await statusJson()).apps[0]?.entries[0]?.lastStatus).to.equal('process')
    await raw.hset(key, ...base, 'updated_at', '1796313079.0287786', 'status', 'success', 'returning', '"hi"')
    await raw.zrem(`${app}:task_process`, `daily_report:${uuid}:0`)
    expect((await statusJson()).apps[0]?.entries[0]).to.include({lastUuid: uuid, lastStatus: 'success'})
  })

  it("a deleted task hash is 'gone' (flush_all, delete_finished_tasks)", async () => {
    const {uuid} = await fireDaily()
    await raw.del(`${app}:${uuid}`)
    expect((await statusJson()).apps[0]?.entries[0]).to.include({lastUuid: uuid, lastStatus: 'gone'})
  })

  it('lists live replicas; an expired heartbeat is simply absent', async () => {
    const live: ReplicaInfo = {
      replicaId: 'web-1-42-aa',
      host: 'web-1',
      pid: 42,
      startedAt: '2026-12-03T15:00:00.000Z',
      seenAt: '2026-12-03T16:00:00.000Z',
      entries: 2,
    }
    const dead: ReplicaInfo = {...live, replicaId: 'web-2-7-bb', host: 'web-2', pid: 7}
    await broker.heartbeat(app, live, 15_000)
    await broker.heartbeat(app, dead, 50)
    await new Promise((r) => setTimeout(r, 120))
    expect((await statusJson()).apps[0]?.replicas).to.deep.equal([live])
  })

  it('reports orphaned entry state: ids no longer in the file', async () => {
    await broker.syncCursors(
      [
        {app, id: 'old_job', signature: 'UTC @hourly'},
        {app, id: 'beat', signature: 'UTC @every 90s'},
        {app, id: 'a:b', signature: 'UTC @daily'},
      ],
      FIRE,
    )
    expect((await statusJson()).apps[0]?.orphans).to.deep.equal([
      {id: 'a:b', key: `qtab:${app}:entry:a:b`},
      {id: 'old_job', key: `qtab:${app}:entry:old_job`},
    ])
  })

  it('shows the schedule Redis holds when another replica runs a different file (schedule-changed)', async () => {
    await broker.syncCursors([{app, id: 'beat', signature: 'UTC @every 60s'}], FIRE)
    expect((await statusJson()).apps[0]?.entries[1]?.signature).to.equal('UTC @every 60s')
    const text = await qtab(['status', '-f', file.path, '--redis-url', server.url, '--app', app])
    expect(text.stdout.split('\n')[5]).to.equal(
      'beat: Redis holds schedule "UTC @every 60s", this file has "UTC @every 90s"',
    )
  })

  it('the QTasks worker heartbeat: alive only while GlobalConfig:main says running', async () => {
    await raw.hset(`${app}:GlobalConfig:main`, 'name', app, 'status', 'running')
    await raw.expire(`${app}:GlobalConfig:main`, 20)
    expect((await statusJson()).apps[0]?.worker).to.deep.equal({alive: true, status: 'running'})
    await raw.hset(`${app}:GlobalConfig:main`, 'status', 'stopped')
    expect((await statusJson()).apps[0]?.worker).to.deep.equal({alive: false, status: 'stopped'})
  })

  it('one report per APP= section, in file order; --app puts them all in one', async () => {
    const other = randomApp()
    const multi = tempQtabfile(`APP=${app}\n@hourly first\nAPP=${other}\n@daily second\n@weekly third\n`)
    try {
      const r = await qtab(['status', '-f', multi.path, '--redis-url', server.url, '--json', '--tz', 'UTC'])
      const report = JSON.parse(r.stdout) as StatusReport
      expect(report.apps.map((a: AppStatus) => [a.app, a.entries.map((e) => e.id)])).to.deep.equal([
        [app, ['first']],
        [other, ['second', 'third']],
      ])
      const merged = await qtab(['status', '-f', multi.path, '--redis-url', server.url, '--json', '--app', app])
      const apps = (JSON.parse(merged.stdout) as StatusReport).apps
      expect(apps.map((a) => [a.app, a.entries.map((e) => e.id)])).to.deep.equal([[app, ['first', 'second', 'third']]])
    } finally {
      multi.cleanup()
    }
  })

  describe('--check (container health check)', () => {
    const info: ReplicaInfo = {replicaId: 'c1', host: 'box-a', pid: 1, startedAt: 'a', seenAt: 'b', entries: 2}
    const check = (...extra: string[]) =>
      qtab(['status', '-f', file.path, '--redis-url', server.url, '--app', app, '--check', ...extra])

    it('exit 0 and one line when a replica on the host is alive', async () => {
      await broker.heartbeat(app, info, 15_000)
      expect(await check('--host', 'box-a')).to.deep.equal({
        code: 0,
        stdout: `ok: live qtab run replicas on host box-a: ${app}: 1\n`,
        stderr: '',
      })
      expect(await check('--any-host')).to.deep.equal({
        code: 0,
        stdout: `ok: live qtab run replicas: ${app}: 1\n`,
        stderr: '',
      })
    })

    it('exit 4 when only another host has one, or none is alive', async () => {
      await broker.heartbeat(app, info, 15_000)
      expect(await check('--host', 'box-b')).to.deep.equal({
        code: 4,
        stdout: `no live qtab run replica on host box-b for app ${app}\n`,
        stderr: '',
      })
      await raw.del(`qtab:${app}:replica:c1`)
      expect((await check('--any-host')).code).to.equal(4)
    })
  })

  it('text output: app line, entry table with - for never enqueued', async () => {
    const {uuid} = await fireDaily()
    const r = await qtab(['status', '-f', file.path, '--redis-url', server.url, '--app', app])
    expect(r.code).to.equal(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).to.equal(`app ${app}  QTasks worker: none (no GlobalConfig:main heartbeat)  qtab run replicas: 0`)
    expect(lines[2]).to.match(/^ID {12}TASK {10}LAST FIRE {13}ENQUEUED +LAST UUID +STATUS +NEXT +IN +MISFIRE +OVERLAP$/)
    expect(lines[3]).to.match(
      new RegExp(
        `^daily_report  daily_report  2026-12-03T16:00:00Z  (now|.+ ago) +${uuid}  new +\\S+ +(in .+|now)  latest +allow$`,
      ),
    )
    expect(lines[4]).to.match(/^beat {10}echo {10}- {21}- +- +- +\S+ +(in .+|now) {2}skip +skip$/)
  })

  describe('errors', () => {
    it('Redis unreachable: exit 3, host:port, password redacted, no stack', async () => {
      const r = await qtab(['status', '-f', file.path, '--redis-url', 'redis://u:hunter2@127.0.0.1:1/0'])
      expect(r).to.deep.equal({
        code: 3,
        stdout: '',
        stderr: 'qtab: cannot connect to redis at redis://u:***@127.0.0.1:1/0: connect ECONNREFUSED 127.0.0.1:1\n',
      })
    })

    it('bad URL or bad --app: exit 2', async () => {
      const bad = await qtab(['status', '-f', file.path, '--redis-url', 'http://x:pw@h/0'])
      expect(bad).to.deep.equal({
        code: 2,
        stdout: '',
        stderr: 'qtab: invalid redis url http://x:***@h/0: the scheme must be redis:// or rediss://\n',
      })
      const appBad = await qtab(['status', '-f', file.path, '--app', 'a:b'])
      expect(appBad).to.deep.equal({
        code: 2,
        stdout: '',
        stderr: 'qtab: --app "a:b" contains ":" (QTasks splits its storage keys on ":")\n',
      })
    })

    it('a file with errors: exit 1 before touching Redis', async () => {
      const r = await qtab(['status', '-f', 'test/fixtures/bad-json.qtab', '--redis-url', 'redis://127.0.0.1:1/0'])
      expect(r.code).to.equal(1)
      expect(r.stderr).to.match(/^qtab: test\/fixtures\/bad-json.qtab has errors:\n/)
    })
  })
})
