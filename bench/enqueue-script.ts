// Server time of one enqueueFires.lua call of 500 fires, per fire, and of variants with one part
// removed (TIME, the pre-check pass, the created_at trim, the state HSET, the whole loop), to see
// where Redis spends its time. Run: `node --import tsx bench/enqueue-script.ts`. Noisy: compare rounds.
import {randomUUID} from 'node:crypto'
import {Redis} from 'ioredis'
import {enqueueFiresArgs} from '../src/broker/broker.js'
import {loadScript} from '../src/broker/scripts.js'
import {makeEntry} from '../test/helpers/entry.js'
import {startRedisServer} from '../test/helpers/redis-server.js'
const server = await startRedisServer()
const raw = new Redis(server.url)
const app = 'L'
const N = 500
const entries = Array.from({length: N}, (_, i) => makeEntry({app, id: `e${i}`, task: 'bench', schedule: '* * * * * *'}))
const full = loadScript('enqueueFires.lua')
const variants: Record<string, string> = {
  full,
  noTime: full.replace("local time = redis.call('TIME')", "local time = {'1796313071', '401366'}"),
  noPass1: full.replace("if seen[taskKey] or redis.call('EXISTS', taskKey) == 1 then", 'if false then'),
  noFormat: full.replace("createdAt = string.gsub(createdAt, '0+$', '')", ''),
  noStateHset: full.replace(
    /if isFire then\n {6}redis.call\('HSET', stateKey,\n {8}'last_uuid'/,
    "if false then\n      redis.call('HSET', stateKey,\n        'last_uuid'",
  ),
  emptyLoop: full.replace('local replies = {}', 'do return {} end\nlocal replies = {}'),
}
let fire = 1_800_000_000_000
for (let round = 0; round < 3; round++)
  for (const [name, lua] of Object.entries(variants)) {
    fire += 1000
    const args = enqueueFiresArgs(
      'fire',
      entries.map((entry) => ({entry, fire})),
      entries.map(() => randomUUID()),
    )
    await raw.config('RESETSTAT')
    const t0 = performance.now()
    await raw.eval(lua, ...(args as [string]))
    const t = performance.now() - t0
    const us = /cmdstat_eval:calls=1,usec=(\d+)/.exec(await raw.info('commandstats'))?.[1]
    if (round === 2)
      console.log(name.padEnd(12), `redis ${(Number(us) / N).toFixed(2)} µs/fire, wall ${t.toFixed(1)} ms`)
  }
raw.disconnect()
await server.stop()
