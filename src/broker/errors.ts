import type {EnqueueOutcome} from './outcome.js'

/**
 * Errors the broker throws, one class per thing a caller reacts to differently
 * (`qtab run` exits 2 on a `BrokerConnectError` at start-up). Messages never contain a password.
 */

/** Base class: the broker could not be set up from the given URL. */
export class BrokerConnectError extends Error {
  override name = 'BrokerConnectError'
}

/** The Redis URL is malformed or uses an unsupported scheme. */
export class RedisUrlError extends BrokerConnectError {
  override name = 'RedisUrlError'
}

/** The server rejected the credentials (WRONGPASS, NOAUTH, or an ACL user without rights). */
export class RedisAuthError extends BrokerConnectError {
  override name = 'RedisAuthError'
}

/** Nothing answered at the address (refused, unresolvable host, timeout, TLS failure). */
export class RedisUnreachableError extends BrokerConnectError {
  override name = 'RedisUnreachableError'
}

/** A Redis command failed after start-up; `address` is `host:port`, `cause` the underlying error. */
export class BrokerUnavailableError extends Error {
  override name = 'BrokerUnavailableError'
  /** For a failed batch: the outcomes of the calls that did complete, undefined for the rest. */
  outcomes?: (EnqueueOutcome | undefined)[]
  constructor(
    message: string,
    readonly address: string,
    options?: {cause?: unknown},
  ) {
    super(message, options)
  }
}

/** A script replied with a code this version does not know: a bug or a mismatched script. */
export class UnknownScriptReplyError extends Error {
  override name = 'UnknownScriptReplyError'
  constructor(
    readonly script: string,
    readonly code: unknown,
  ) {
    super(`${script}: unknown reply code ${JSON.stringify(code)}`)
  }
}
