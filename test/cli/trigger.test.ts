import {expect} from 'chai'
import {Redis} from 'ioredis'
import {qtab} from '../helpers/cli.js'
import {deleteAppKeys, randomApp, startRedisServer, type RedisServer} from '../helpers/redis-server.js'
import {tempQtabfile} from '../helpers/temp-file.js'
import {TASK_FIELDS} from '../helpers/task-fields.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const FILE = `TZ=UTC
0 16 * * *   daily_report  priority=2 args=["nightly", 42] kwargs={"team": "ops", "note": "é"}
@hourly      sleep_task    overlap=skip
`

describe('qtab trigger (compiled CLI, real redis-server)', () => {
  let server: RedisServer
  let raw: Redis
  let app: string
  let file: {path: string; cleanup: () => void}
  const trigger = (...args: string[]) =>
    qtab(['trigger', '-f', file.path, '--redis-url', server.url, '--app', app, ...args])

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
  beforeEach(() => {
    app = randomApp()
  })
  afterEach(async () => deleteAppKeys(raw, app))

  it('writes the complete 9-field task hash and the exact queue entry; leaves the cursor alone', async () => {
    const state = `qtab:${app}:entry:daily_report`
    await raw.hset(state, 'sig', 'UTC 0 16 * * *', 'cursor', '1796313600000', 'last_fire', '1796313600000')
    const before = Date.now()
    const r = await trigger('daily_report')
    const after = Date.now()
    const uuid = r.stdout.split('\n')[0] ?? ''
    expect(uuid).to.match(UUID_V4)
    expect(r).to.deep.equal({
      code: 0,
      stdout: `${uuid}\nenqueued daily_report: RPUSH ${app}:task_queue daily_report:${uuid}:2\n`,
      stderr: '',
    })

    const hash = await raw.hgetall(`${app}:${uuid}`)
    expect(Object.keys(hash)).to.deep.equal(TASK_FIELDS)
    expect(hash).to.deep.include({
      task_name: 'daily_report',
      priority: '2',
      args: '["nightly", 42]',
      kwargs: '{"team": "ops", "note": "\\u00e9"}',
      status: 'new',
      qtab_id: 'daily_report',
    })
    expect(hash.created_at).to.match(/^\d{10}\.\d{1,6}$/)
    expect(hash.updated_at).to.equal(hash.created_at)
    expect(Date.parse(hash.qtab_fire ?? '')).to.be.within(before, after)
    expect(await raw.lrange(`${app}:task_queue`, 0, -1)).to.deep.equal([`daily_report:${uuid}:2`])
    expect(await raw.hgetall(state)).to.deep.equal({
      sig: 'UTC 0 16 * * *',
      cursor: '1796313600000',
      last_fire: '1796313600000',
      last_uuid: uuid,
      last_task_key: `${app}:${uuid}`,
      last_enqueued_at: hash.created_at,
    })
  })

  it('--args, --kwargs and --priority replace the entry values for this run only', async () => {
    const r = await trigger(
      'daily_report',
      '--args',
      '["adhoc", 1.5]',
      '--kwargs',
      '{"x": null}',
      '--priority',
      '-5',
      '--json',
    )
    expect(r.code).to.equal(0)
    const out = JSON.parse(r.stdout) as Record<string, string>
    const uuid = out.uuid ?? ''
    expect(out).to.deep.equal({
      kind: 'enqueued',
      id: 'daily_report',
      task: 'daily_report',
      app,
      queueKey: `${app}:task_queue`,
      uuid,
      taskKey: `${app}:${uuid}`,
      queueEntry: `daily_report:${uuid}:-5`,
      createdAt: await raw.hget(`${app}:${uuid}`, 'created_at'),
    })
    expect(await raw.hmget(`${app}:${uuid}`, 'priority', 'args', 'kwargs')).to.deep.equal([
      '-5',
      '["adhoc", 1.5]',
      '{"x": null}',
    ])
    expect(await raw.lrange(`${app}:task_queue`, 0, -1)).to.deep.equal([`daily_report:${uuid}:-5`])
  })

  it('ignores overlap=skip by default; --respect-overlap refuses while the last task runs', async () => {
    const first = await trigger('sleep_task')
    const firstUuid = first.stdout.split('\n')[0] ?? ''
    await raw.hset(`${app}:${firstUuid}`, 'status', 'process')
    const second = await trigger('sleep_task')
    expect(second.code).to.equal(0)
    const refused = await trigger('sleep_task', '--respect-overlap')
    expect(refused).to.deep.equal({
      code: 1,
      stdout: '',
      stderr: `qtab: not enqueued: sleep_task's previous task ${second.stdout.split('\n')[0]} is still new or process (overlap=skip)\n`,
    })
    expect(await raw.llen(`${app}:task_queue`)).to.equal(2)
  })

  it('unknown id: exit 1 listing the ids of the file', async () => {
    expect(await trigger('nope')).to.deep.equal({
      code: 1,
      stdout: '',
      stderr: `qtab: unknown entry id 'nope'; ${file.path} has: daily_report, sleep_task\n`,
    })
  })

  it('bad overrides: exit 2 with one line per flag, before connecting', async () => {
    const r = await qtab([
      'trigger',
      'daily_report',
      '-f',
      file.path,
      '--redis-url',
      'redis://127.0.0.1:1/0',
      '--args',
      '{"a": 1}',
      '--kwargs',
      '[1',
      '--priority',
      '1.5',
    ])
    expect(r).to.deep.equal({
      code: 2,
      stdout: '',
      stderr: [
        `qtab: --args must be a JSON array such as '["a", 1]', not an object`,
        'qtab: --kwargs is not valid JSON: expected "," or "]" in JSON',
        'qtab: --priority must be an integer, not "1.5"',
        '',
      ].join('\n'),
    })
    const kw = await qtab(['trigger', 'daily_report', '-f', file.path, '--kwargs', '"s"'])
    expect(kw.stderr).to.equal(`qtab: --kwargs must be a JSON object such as '{"team": "ops"}', not a string\n`)
    expect(kw.code).to.equal(2)
  })

  it('Redis unreachable: exit 3, nothing enqueued, password redacted', async () => {
    const r = await qtab(['trigger', 'daily_report', '-f', file.path, '--redis-url', 'redis://:pw@127.0.0.1:1/0'])
    expect(r).to.deep.equal({
      code: 3,
      stdout: '',
      stderr: 'qtab: cannot connect to redis at redis://:***@127.0.0.1:1/0: connect ECONNREFUSED 127.0.0.1:1\n',
    })
  })
})
