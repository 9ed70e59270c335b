import {expect} from 'chai'
import {Redis} from 'ioredis'
import {connect, FIRES_PER_CALL, type RedisBroker} from '../../src/broker/broker.js'
import {RedisAuthError, RedisUnreachableError, RedisUrlError} from '../../src/broker/errors.js'
import {loadScript} from '../../src/broker/scripts.js'
import {deleteAppKeys, randomApp, startRedisServer, type RedisServer} from '../helpers/redis-server.js'
import {makeEntry} from '../helpers/entry.js'
import {TASK_FIELDS} from '../helpers/task-fields.js'

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
    expect(Object.keys(hash)).to.deep.equal(TASK_FIELDS)
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

  describe('enqueueFires.lua: many fires per script call', () => {
    /** Script calls (EVAL + EVALSHA) the server has run so far. */
    async function scriptCalls(): Promise<number> {
      const info = await raw.info('commandstats')
      let calls = 0
      for (const m of info.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)) calls += Number(m[1])
      return calls
    }

    async function readyMany(count: number, overrides: Parameters<typeof makeEntry>[0] = {}) {
      const entries = Array.from({length: count}, (_, i) =>
        makeEntry({app, id: `e${String(i).padStart(5, '0')}`, ...overrides}),
      )
      await broker.syncCursors(
        entries.map((e) => ({app, id: e.id, signature: `${e.tz} ${e.schedule}`})),
        FIRE - 1000,
      )
      return entries
    }

    it('mixed outcomes in one call: enqueued, duplicate, overlap-skipped, schedule-changed', async () => {
      const fresh = await ready(
        makeEntry({app, id: 'fresh', task: 't_fresh', priority: -5, args: [1], kwargs: {k: 'v'}}),
      )
      const done = await ready(makeEntry({app, id: 'done'}))
      const busy = await ready(makeEntry({app, id: 'busy', overlap: 'skip'}))
      const moved = await ready(makeEntry({app, id: 'moved'}))
      const [doneFirst, busyFirst] = await broker.enqueueFires([
        {entry: done, fire: FIRE},
        {entry: busy, fire: FIRE - 500},
      ])
      const busyUuid = busyFirst?.kind === 'enqueued' ? busyFirst.uuid : ''
      expect(doneFirst?.kind).to.equal('enqueued')
      await broker.syncCursors([{app, id: 'moved', signature: 'UTC 30 16 * * *'}], FIRE - 500)
      await raw.del(`${app}:task_queue`)

      const calls = await scriptCalls()
      const outcomes = await broker.enqueueFires([
        {entry: fresh, fire: FIRE},
        {entry: done, fire: FIRE},
        {entry: busy, fire: FIRE},
        {entry: moved, fire: FIRE},
      ])
      expect((await scriptCalls()) - calls).to.equal(1)
      const uuid = outcomes[0]?.kind === 'enqueued' ? outcomes[0].uuid : ''
      expect(outcomes).to.deep.equal([
        {kind: 'enqueued', uuid, createdAt: outcomes[0]?.kind === 'enqueued' ? outcomes[0].createdAt : ''},
        {kind: 'duplicate'},
        {kind: 'overlap-skipped', previousUuid: busyUuid},
        {kind: 'schedule-changed', storedSignature: 'UTC 30 16 * * *'},
      ])
      expect(uuid).to.match(UUID_V4)

      const hash = await raw.hgetall(`${app}:${uuid}`)
      expect(Object.keys(hash)).to.deep.equal(TASK_FIELDS)
      expect(hash).to.deep.equal({
        task_name: 't_fresh',
        priority: '-5',
        args: '[1]',
        kwargs: '{"k": "v"}',
        created_at: hash.created_at,
        updated_at: hash.created_at,
        status: 'new',
        qtab_id: 'fresh',
        qtab_fire: '2026-12-03T16:00:00.000Z',
      })
      expect(hash.created_at).to.match(/^\d{10}\.\d{1,6}$/)
      expect(await raw.lrange(`${app}:task_queue`, 0, -1)).to.deep.equal([`t_fresh:${uuid}:-5`])
      // the skipped fire is consumed; the refused one left the other replica's cursor alone
      expect(await raw.hget(`qtab:${app}:entry:busy`, 'cursor')).to.equal(String(FIRE))
      expect(await raw.hgetall(`qtab:${app}:entry:moved`)).to.deep.equal({
        sig: 'UTC 30 16 * * *',
        cursor: String(FIRE - 500),
      })
    })

    it('RPUSHes in fire order; created_at never decreases along the batch (TIME per fire)', async () => {
      const entries = await readyMany(50)
      const outcomes = await broker.enqueueFires(entries.map((entry) => ({entry, fire: FIRE})))
      const uuids = outcomes.map((o) => (o.kind === 'enqueued' ? o.uuid : 'not enqueued'))
      expect(await raw.lrange(`${app}:task_queue`, 0, -1)).to.deep.equal(
        entries.map((e, i) => `${e.task}:${uuids[i]}:0`),
      )
      const stamps = outcomes.map((o) => (o.kind === 'enqueued' ? Number(o.createdAt) : NaN))
      for (let i = 1; i < stamps.length; i++) expect(stamps[i]).to.be.at.least(stamps[i - 1] as number)
    })

    it('a batch larger than FIRES_PER_CALL goes out as several calls, in order, one entry across chunks', async () => {
      const count = FIRES_PER_CALL + 117
      const entries = await readyMany(count)
      // Each entry fires twice; sorted by instant as the scheduler sends them, so an entry's
      // two fires land in different calls.
      const batch = [
        ...entries.map((entry) => ({entry, fire: FIRE})),
        ...entries.map((entry) => ({entry, fire: FIRE + 1000})),
      ]
      const calls = await scriptCalls()
      const outcomes = await broker.enqueueFires(batch)
      expect((await scriptCalls()) - calls).to.equal(Math.ceil(batch.length / FIRES_PER_CALL))
      expect(outcomes.filter((o) => o.kind === 'enqueued')).to.have.length(batch.length)
      const queue = await raw.lrange(`${app}:task_queue`, 0, -1)
      expect(queue).to.deep.equal(
        outcomes.map((o, i) => `${batch[i]?.entry.task}:${o.kind === 'enqueued' ? o.uuid : ''}:0`),
      )
      const last = await raw.hgetall(`qtab:${app}:entry:${entries[count - 1]?.id}`)
      expect(last.cursor).to.equal(String(FIRE + 1000))
      expect(last.last_uuid).to.equal(queue[queue.length - 1]?.split(':')[1])
      // replayed: every fire is a duplicate now
      const again = await broker.enqueueFires(batch)
      expect(new Set(again.map((o) => o.kind))).to.deep.equal(new Set(['duplicate']))
    })

    it('EVALSHA after SCRIPT FLUSH with several calls in flight (NOSCRIPT reload for each)', async function () {
      if (!server.owned) this.skip()
      const entries = await readyMany(2 * FIRES_PER_CALL + 1)
      await broker.enqueueFires([{entry: entries[0] as (typeof entries)[0], fire: FIRE - 500}])
      await raw.script('FLUSH')
      const outcomes = await broker.enqueueFires(entries.map((entry) => ({entry, fire: FIRE})))
      expect(outcomes.filter((o) => o.kind === 'enqueued')).to.have.length(entries.length)
      expect(await raw.llen(`${app}:task_queue`)).to.equal(entries.length + 1)
    })

    it('an error reply (task hash already exists) writes nothing for the whole call', async () => {
      const uuids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']
      let next = 0
      const pinned = await connect(server.url, {newUuid: () => uuids[next++ % 2] as string})
      try {
        const entries = await readyMany(2)
        await raw.hset(`${app}:${uuids[1]}`, 'status', 'success')
        const error = await pinned.enqueueFires(entries.map((entry) => ({entry, fire: FIRE}))).catch((e: Error) => e)
        expect((error as Error).message).to.equal(`ERR qtab enqueueFires: task hash already exists: ${app}:${uuids[1]}`)
        expect(await raw.exists(`${app}:task_queue`, `${app}:${uuids[0]}`)).to.equal(0)
        expect(await raw.hgetall(`qtab:${app}:entry:e00000`)).to.deep.equal({
          sig: 'UTC 0 16 * * *',
          cursor: String(FIRE - 1000),
        })
      } finally {
        await pinned.close()
      }
    })
  })

  it('the script file opens with its contract block', () => {
    const lua = loadScript('enqueueFires.lua')
    for (const line of [
      'KEYS[k+1]',
      'KEYS[k+3]',
      'ARGV[1] ',
      'ARGV[a+11]',
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

  it('a database the server does not have -> RedisUrlError (ioredis alone would stay on db 0)', async () => {
    const port = new URL(secured.url).port
    const error = await connect(`redis://:s3cret@127.0.0.1:${port}/99`).catch((e: Error) => e)
    expect(error).to.be.instanceOf(RedisUrlError)
    expect((error as Error).message).to.equal(
      `redis at redis://:***@127.0.0.1:${port}/99 has no database 99: ERR DB index is out of range`,
    )
  })

  it('nothing listening -> RedisUnreachableError with the cause', async () => {
    const error = await connect('redis://u:pw@127.0.0.1:1/0').catch((e: Error) => e)
    expect(error).to.be.instanceOf(RedisUnreachableError)
    expect((error as Error).message).to.equal(
      'cannot connect to redis at redis://u:***@127.0.0.1:1/0: connect ECONNREFUSED 127.0.0.1:1',
    )
  })
})
