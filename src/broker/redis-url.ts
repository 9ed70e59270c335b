import {RedisUrlError} from './errors.js'

/** Connection settings read from a `redis://` / `rediss://` URL. */
export interface RedisEndpoint {
  host: string
  port: number
  /** Database index, from the path (`/0`); 0 when absent. */
  db: number
  /** ACL user name; undefined for the default user. */
  username?: string
  /** Never printed: use `redacted` in messages. */
  password?: string
  /** True for `rediss://`. */
  tls: boolean
  /** The URL with any password replaced by `***`, safe for logs and errors. */
  redacted: string
  /** `host:port` for "redis unavailable at …" messages. */
  address: string
}

/**
 * Parses a Redis URL (`redis://[user[:password]@]host[:port][/db]`, or `rediss://` for TLS).
 * @throws RedisUrlError for any other scheme, a missing host, a bad port or a non-integer db;
 *   its message carries the redacted URL only.
 */
export function parseRedisUrl(url: string): RedisEndpoint {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new RedisUrlError(
      `invalid redis url ${redactRawUrl(url)} (expected redis://[user:password@]host[:port][/db])`,
    )
  }
  const redacted = redactParsed(parsed)
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RedisUrlError(`invalid redis url ${redacted}: the scheme must be redis:// or rediss://`)
  }
  if (!parsed.hostname) throw new RedisUrlError(`invalid redis url ${redacted}: no host`)
  const dbText = parsed.pathname.replace(/^\//, '')
  if (dbText !== '' && !/^\d+$/.test(dbText)) {
    throw new RedisUrlError(`invalid redis url ${redacted}: the path must be a database number, e.g. /0`)
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  const port = parsed.port ? Number(parsed.port) : 6379
  return {
    host,
    port,
    db: dbText === '' ? 0 : Number(dbText),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:',
    redacted,
    address: `${parsed.hostname}:${port}`,
  }
}

/**
 * The URL with its password replaced by `***` (`redis://user:***@host:6379/0`). Works on text
 * that is not a valid URL too, so even the error for a malformed URL never shows a password.
 */
export function redactUrl(url: string): string {
  try {
    return redactParsed(new URL(url))
  } catch {
    return redactRawUrl(url)
  }
}

/**
 * Replaces the password of every `scheme://user:password@` in free text (for log messages that
 * may quote a URL, e.g. an ioredis error).
 */
export function redactUrlsInText(text: string): string {
  if (!text.includes('://')) return text // the common case, on every log line: no regex
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):[^\s@]*@/gi, '$1:***@')
}

function redactParsed(parsed: URL): string {
  if (!parsed.password) return parsed.href.replace(/\/$/, '')
  const copy = new URL(parsed.href)
  copy.password = '***'
  // URL percent-encodes the asterisks; put them back so the redaction reads plainly.
  return copy.href.replace(':%2A%2A%2A@', ':***@').replace(/\/$/, '')
}

/** For text `new URL` rejects: hide everything between `://` and the last `@` after the user name. */
function redactRawUrl(text: string): string {
  const match = /^([^:/]*:\/\/)(.*)@/.exec(text)
  if (!match) return JSON.stringify(text)
  const userinfo = match[2] ?? ''
  const colon = userinfo.indexOf(':')
  const user = colon === -1 ? '' : userinfo.slice(0, colon)
  return JSON.stringify(`${match[1]}${user}:***@${text.slice(match[0].length)}`)
}
