import {expect} from 'chai'
import {Redis} from 'ioredis'
import {connect, type RedisBroker} from '../../src/broker/broker.js'
import {RedisAuthError, RedisUnreachableError, RedisUrlError} from '../../src/broker/errors.js'
import {loadScript} from '../../src/broker/scripts.js'
import {deleteAppKeys, randomApp, startRedisServer, type RedisServer} from '../helpers/redis-server.js'
import {makeEntry} from '../helpers/entry.js'

const FIRE = Date.parse('2026-12-03T16:00:00.000Z')
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('RedisBroker on a real redis-server', () => {
  let server: RedisServer
  let broker: RedisBroker
  let raw: Redis
  let app: string

  before(async () => {
    server = await startRedisServer()
    raw = new Redis(server.url)
  })
  after(async () => {
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
    if (server.owned) await raw.script('FLUSH') // next test re-loads the scripts: the NOSCRIPT path
  })

  /** Syncs the cursor one second before the fire, as the scheduler does at first sight. */
  async function ready(entry = makeEntry({app})) {
    await broker.syncCursors([{app, id: entry.id, signature: `${entry.tz} ${entry.schedule}`}], FIRE - 1000)
    return entry
  }

  it('writes exactly the 9 hash fields with QTasks encodings, then the exact list entry', async () => {
    const entry = await ready(
      makeEntry({app, task: 'daily_report', priority: 2, args: ['2026-12-03', 42], kwargs: {team: 'ops', note: 'é'}}),
    )
    const before = Date.now() / 1000
    const [outcome] = await broker.enqueueFires([{entry, fire: FIRE}])
    const after = Date.now() / 1000
    if (outcome?.kind !== 'enqueued') throw new Error(`expected enqueued, got ${JSON.stringify(outcome)}`)
    expect(outcome.uuid).to.match(UUID_V4)

    const hash = await raw.hgetall(`${app}:${outcome.uuid}`)
    expect(Object.keys(hash)).to.deep.equal([
      'task_name',
      'priority',
      'args',
      'kwargs',
      'created_at',
      'updated_at',
      'status',
      'qtab_id',
      'qtab_fire',
    ])
    expect(hash).to.deep.include({
      task_name: 'daily_report',
      priority: '2',
      args: '["2026-12-03", 42]',
      kwargs: '{"team": "ops", "note": "\\u00e9"}',
      status: 'new',
      qtab_id: 'daily_report',
      qtab_fire: '2026-12-03T16:00:00.000Z',
    })
    expect(hash.created_at).to.match(/^\d{10}\.\d{1,6}$/) // epoch seconds, never ms
    expect(hash.updated_at).to.equal(hash.created_at)
    expect(hash.created_at).to.equal(outcome.createdAt)
    expect(Number(hash.created_at)).to.be.within(before - 1, after + 1)

    expect(await raw.lrange(`${app}:task_queue`, 0, -1)).to.deep.equal([`daily_report:${outcome.uuid}:2`])
    expect(await raw.hgetall(`qtab:${app}:entry:daily_report`)).to.deep.equal({
      sig: 'UTC 0 16 * * *',
      cursor: String(FIRE),
      last_fire: String(FIRE),
      last_uuid: outcome.uuid,
      last_task_key: `${app}:${outcome.uuid}`,
      last_enqueued_at: hash.created_at,
    })
  })

  it('round-trips unicode: args decode to the original values', async () => {
    const args = ['é', '😀', '日本', 'tab\there', '"quoted"']
    const entry = await ready(makeEntry({app, args, kwargs: {ключ: 'значение'}}))
    const [outcome] = await broker.enqueueFires([{entry, fire: FIRE}])
    const uuid = outcome?.kind === 'enqueued' ? outcome.uuid : ''
    const hash = await raw.hgetall(`${app}:${uuid}`)
    expect(hash.args).to.equal('["\\u00e9", "\\ud83d\\ude00", "\\u65e5\\u672c", "tab\\there", "\\"quoted\\""]')
    expect(JSON.parse(hash.args ?? '')).to.deep.equal(args)
    expect(JSON.parse(hash.kwargs ?? '')).to.deep.equal({ключ: 'значение'})
  })

  it('a fire at or before the cursor is a duplicate and writes nothing', async () => {
    const entry = await ready()
    const [first] = await broker.enqueueFires([{entry, fire: FIRE}])
    expect(first?.kind).to.equal('enqueued')
    const again = await broker.enqueueFires([
      {entry, fire: FIRE},
      {entry, fire: FIRE - 60_000},
    ])
    expect(again).to.deep.equal([{kind: 'duplicate'}, {kind: 'duplicate'}])
    expect(await raw.llen(`${app}:task_queue`)).to.equal(1)
    expect(await raw.keys(`${app}:*`)).to.have.length(2) // one task hash + the queue
  })

  it('a fire before the synced cursor is a duplicate (first sight replays nothing)', async () => {
    const entry = makeEntry({app})
    await broker.syncCursors([{app, id: entry.id, signature: 'UTC 0 16 * * *'}], FIRE)
    expect(await broker.enqueueFires([{entry, fire: FIRE}])).to.deep.equal([{kind: 'duplicate'}])
  })

  it('batches fires sharing an instant into one call, in order, several entries', async () => {
    const a = await ready(makeEntry({app, id: 'a', task: 'ta'}))
    const b = await ready(makeEntry({app, id: 'b', task: 'tb', queue: 'other'}))
    const outcomes = await broker.enqueueFires([
      {entry: a, fire: FIRE},
      {entry: b, fire: FIRE},
      {entry: a, fire: FIRE},
    ])
    expect(outcomes.map((o) => o.kind)).to.deep.equal(['enqueued', 'enqueued', 'duplicate'])
    const [oa, ob] = outcomes.map((o) => (o.kind === 'enqueued' ? o.uuid : ''))
    expect(await raw.lrange(`${app}:task_queue`, 0, -1)).to.deep.equal([`ta:${oa}:0`])
    expect(await raw.lrange(`${app}:other`, 0, -1)).to.deep.equal([`tb:${ob}:0`])
  })

  describe('overlap=skip reads the previous task status', () => {
    for (const [status, expected] of [
      ['new', 'overlap-skipped'],
      ['process', 'overlap-skipped'],
      ['success', 'enqueued'],
      ['error', 'enqueued'],
    ] as const) {
      it(`previous task ${status} -> ${expected}`, async () => {
        const entry = await ready(makeEntry({app, overlap: 'skip'}))
        const [first] = await broker.enqueueFires([{entry, fire: FIRE}])
        const firstUuid = first?.kind === 'enqueued' ? first.uuid : ''
        await raw.hset(`${app}:${firstUuid}`, 'status', status)
        const [second] = await broker.enqueueFires([{entry, fire: FIRE + 60_000}])
        expect(second?.kind).to.equal(expected)
        if (second?.kind === 'overlap-skipped') {
          expect(second.previousUuid).to.equal(firstUuid)
          expect(await raw.llen(`${app}:task_queue`)).to.equal(1)
          // the skipped fire is consumed: never replayed as a misfire
          expect(await raw.hget(`qtab:${app}:entry:${entry.id}`, 'cursor')).to.equal(String(FIRE + 60_000))
          expect(await raw.hget(`qtab:${app}:entry:${entry.id}`, 'last_fire')).to.equal(String(FIRE))
        } else {
          expect(await raw.llen(`${app}:task_queue`)).to.equal(2)
        }
      })
    }
  })

  it('a fire under another replica’s schedule signature is refused as schedule-changed', async () => {
    const entry = await ready()
    await broker.syncCursors([{app, id: entry.id, signature: 'UTC 30 16 * * *'}], FIRE - 500)
    expect(await broker.enqueueFires([{entry, fire: FIRE}])).to.deep.equal([
      {kind: 'schedule-changed', storedSignature: 'UTC 30 16 * * *'},
    ])
    expect(await raw.exists(`${app}:task_queue`)).to.equal(0)
  })

  it('syncCursors keeps a cursor for the same signature and resets it for a new one', async () => {
    const req = {app, id: 'x', signature: 'UTC @every 90s'}
    expect(await broker.syncCursors([req], 1000)).to.deep.equal([1000])
    expect(await broker.syncCursors([req], 5000)).to.deep.equal([1000])
    expect(await broker.syncCursors([{...req, signature: 'UTC @every 60s'}], 9000)).to.deep.equal([9000])
  })

  it('trigger enqueues without checking or moving the cursor', async () => {
    const entry = await ready()
    await broker.enqueueFires([{entry, fire: FIRE}])
    const outcome = await broker.trigger(entry, FIRE - 3_600_000)
    expect(outcome.kind).to.equal('enqueued')
    const uuid = outcome.kind === 'enqueued' ? outcome.uuid : ''
    expect(await raw.hget(`${app}:${uuid}`, 'qtab_fire')).to.equal('2026-12-03T15:00:00.000Z')
    const state = await raw.hgetall(`qtab:${app}:entry:${entry.id}`)
    expect(state.cursor).to.equal(String(FIRE))
    expect(state.last_fire).to.equal(String(FIRE))
    expect(state.last_uuid).to.equal(uuid)
    expect(await raw.llen(`${app}:task_queue`)).to.equal(2)
  })

  it('EVALSHA after SCRIPT FLUSH still works (NOSCRIPT reload), also inside a batch', async function () {
    if (!server.owned) this.skip()
    const a = await ready(makeEntry({app, id: 'a'}))
    const b = await ready(makeEntry({app, id: 'b'}))
    await broker.enqueueFires([{entry: a, fire: FIRE}])
    await raw.script('FLUSH')
    const outcomes = await broker.enqueueFires([
      {entry: a, fire: FIRE + 1000},
      {entry: b, fire: FIRE + 1000},
    ])
    expect(outcomes.map((o) => o.kind)).to.deep.equal(['enqueued', 'enqueued'])
    expect(await raw.llen(`${app}:task_queue`)).to.equal(3)
  })

  it('readState reports cursor, last fire, last uuid and the QTasks status', async () => {
    const entry = await ready()
    const [o] = await broker.enqueueFires([{entry, fire: FIRE}])
    const uuid = o?.kind === 'enqueued' ? o.uuid : ''
    await raw.hset(`${app}:${uuid}`, 'status', 'success')
    const [state, missing] = await broker.readState(app, [entry.id, 'nope'])
    expect(state).to.deep.include({
      id: 'daily_report',
      cursor: FIRE,
      signature: 'UTC 0 16 * * *',
      lastFire: FIRE,
      lastUuid: uuid,
      lastStatus: 'success',
    })
    expect(missing).to.deep.equal({
      id: 'nope',
      cursor: null,
      signature: null,
      lastFire: null,
      lastUuid: null,
      lastEnqueuedAt: null,
      lastStatus: null,
    })
  })

  it('heartbeat writes qtab:{app}:replica:{id} with a TTL; readReplicas lists it', async () => {
    const info = {replicaId: 'h-1', host: 'h', pid: 1, startedAt: 'a', seenAt: 'b', entries: 3}
    await broker.heartbeat(app, info, 15_000)
    const ttl = await raw.pttl(`qtab:${app}:replica:h-1`)
    expect(ttl).to.be.within(14_000, 15_000)
    expect(await broker.readReplicas(app)).to.deep.equal([info])
  })

  it('the script file opens with its contract block', () => {
    const lua = loadScript('enqueueFire-3.lua')
    for (const line of [
      'KEYS[1]',
      'KEYS[3]',
      'ARGV[12]',
      '1  ENQUEUED',
      '2  DUPLICATE',
      '3  OVERLAP_SKIPPED',
      '4  SCHEDULE_CHANGED',
    ])
      expect(lua).to.include(line)
  })
})

describe('connect fails fast with distinguishable, redacted errors', () => {
  let secured: RedisServer
  before(async () => {
    secured = await startRedisServer(['--requirepass', 's3cret'])
  })
  after(async () => secured.stop())

  it('malformed URL -> RedisUrlError, password redacted', async () => {
    for (const url of ['http://u:hunter2@h:1', 'redis://u:hunter2@h:1/abc', 'redis://u:hunter2@[bad']) {
      const error = await connect(url).then(
        () => null,
        (e: Error) => e,
      )
      expect(error).to.be.instanceOf(RedisUrlError)
      expect(error?.message).to.not.include('hunter2')
      expect(error?.message).to.include('u:***@')
    }
  })

  it('wrong password -> RedisAuthError naming the redacted URL', async () => {
    const port = new URL(secured.url).port
    const error = await connect(`redis://default:wrong@127.0.0.1:${port}/0`).catch((e: Error) => e)
    expect(error).to.be.instanceOf(RedisAuthError)
    expect((error as Error).message).to.match(
      new RegExp(`^redis at redis://default:\\*\\*\\*@127\\.0\\.0\\.1:${port}/0 refused the credentials: WRONGPASS`),
    )
  })

  it('no password where one is required -> RedisAuthError (NOAUTH)', async () => {
    const error = await connect(secured.url).catch((e: Error) => e)
    expect(error).to.be.instanceOf(RedisAuthError)
    expect((error as Error).message).to.include('NOAUTH')
  })

  it('right password connects', async () => {
    const port = new URL(secured.url).port
    const broker = await connect(`redis://:s3cret@127.0.0.1:${port}/0`)
    expect(broker.endpoint.redacted).to.equal(`redis://:***@127.0.0.1:${port}/0`)
    await broker.close()
  })

  it('nothing listening -> RedisUnreachableError with the cause', async () => {
    const error = await connect('redis://u:pw@127.0.0.1:1/0').catch((e: Error) => e)
    expect(error).to.be.instanceOf(RedisUnreachableError)
    expect((error as Error).message).to.equal(
      'cannot connect to redis at redis://u:***@127.0.0.1:1/0: connect ECONNREFUSED 127.0.0.1:1',
    )
  })
})
