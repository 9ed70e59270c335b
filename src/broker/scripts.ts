import {existsSync, readFileSync} from 'node:fs'
import type {Redis, Result, ClientContext} from 'ioredis'

/** Reply of `enqueueFires.lua`: one `[code, detail]` per fire (see the script's contract header). */
export type EnqueueFireReply = [code: number, detail: string]
/** Reply of `syncCursor-1.lua`: `[code, cursor ms text]`. */
export type SyncCursorReply = [code: number, cursor: string]

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext> {
    /**
     * `enqueueFires.lua`, n fires in one call. `args` is flat: numkeys (3n), then KEYS (per fire:
     * entry state hash, task hash, queue list), then ARGV: mode, then per fire: fire ms,
     * signature, overlap, uuid, task, priority, args, kwargs, qtab_id, qtab_fire, queue entry.
     * Built by `enqueueFiresArgs` in `broker.ts`.
     * @returns per fire, in order: `[1, created_at]` enqueued, `[2, cursor]` duplicate,
     *   `[3, previous uuid]` overlap-skipped, `[4, stored signature]` schedule changed elsewhere.
     */
    qtabEnqueueFires(args: string[]): Result<EnqueueFireReply[], Context>
    /**
     * `syncCursor-1.lua`. KEYS: entry state hash. ARGV: signature, now ms.
     * @returns `[0, stored cursor]` kept, `[1, now]` reset.
     */
    qtabSyncCursor(stateKey: string, signature: string, nowMs: string): Result<SyncCursorReply, Context>
  }
}

/**
 * The Lua scripts, by ioredis command name. File names follow BullMQ: `name-N.lua`, N = KEYS
 * count; a name without `-N` takes a variable number of KEYS, and its caller passes numkeys first.
 */
const SCRIPT_FILES = {
  qtabEnqueueFires: 'enqueueFires.lua',
  qtabSyncCursor: 'syncCursor-1.lua',
} as const

/**
 * Registers qtab's scripts on a client with `defineCommand`: ioredis sends EVAL once per socket,
 * EVALSHA afterwards, and re-sends on NOSCRIPT (e.g. after SCRIPT FLUSH or a server restart).
 * The scripts are read from `src/broker/scripts` or, after `npm run build`, `dist/scripts`
 * (copied there by `scripts/copy-lua.js`).
 */
export function defineScripts(redis: Redis): void {
  for (const [name, file] of Object.entries(SCRIPT_FILES)) {
    if (name in redis) continue
    redis.defineCommand(name, {numberOfKeys: keyCount(file), lua: loadScript(file)})
  }
}

/**
 * Where the scripts are, relative to this module: `src/broker/scripts` when run from the sources
 * (tsx), `dist/scripts` once bundled (this code then sits in `dist/chunks` or `dist/commands`).
 */
const SCRIPT_DIRS = ['./scripts/', '../scripts/']

/** Reads a script's source; exported for tests that check the contract header. */
export function loadScript(file: string): string {
  const urls = SCRIPT_DIRS.map((dir) => new URL(`${dir}${file}`, import.meta.url))
  const found = urls.find((url) => existsSync(url)) ?? (urls[0] as URL)
  return readFileSync(found, 'utf8')
}

/** N of `name-N.lua`; undefined (numkeys passed by the caller) for a plain `name.lua`. */
function keyCount(file: string): number | undefined {
  const match = /-(\d+)\.lua$/.exec(file)
  return match ? Number(match[1]) : undefined
}
