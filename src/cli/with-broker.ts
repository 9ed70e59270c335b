import {connect, type RedisBroker} from '../broker/broker.js'
import {BrokerConnectError, BrokerUnavailableError, RedisUnreachableError} from '../broker/errors.js'
import {UserError} from './user-error.js'

/** Exit code of a command that could not reach Redis (status, trigger). */
export const EXIT_REDIS_UNREACHABLE = 3

/**
 * Connects to Redis, runs `work`, and always closes the connection. Broker errors become user
 * errors (one line, no stack): a bad URL or refused credentials exit 2, an unreachable server
 * (at connect time or later) exits 3. Messages carry `host:port` and never a password.
 */
export async function withBroker<T>(url: string, work: (broker: RedisBroker) => Promise<T>): Promise<T> {
  let broker: RedisBroker
  try {
    broker = await connect(url)
  } catch (error) {
    if (error instanceof RedisUnreachableError) throw new UserError(error.message, EXIT_REDIS_UNREACHABLE)
    if (error instanceof BrokerConnectError) throw new UserError(error.message, 2)
    throw error
  }
  try {
    return await work(broker)
  } catch (error) {
    if (error instanceof BrokerUnavailableError) throw new UserError(error.message, EXIT_REDIS_UNREACHABLE)
    throw error
  } finally {
    await broker.close()
  }
}
