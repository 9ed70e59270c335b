import {Chalk, type ChalkInstance} from 'chalk'

/**
 * Colour only for people: on when the stream is a TTY, off under `NO_COLOR` (any non-empty
 * value, no-color.org), forced on by `FORCE_COLOR` (chalk itself ignores `NO_COLOR`).
 */
export function colorFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  const force = env.FORCE_COLOR
  let on: boolean
  if (env.NO_COLOR) on = false
  else if (force !== undefined) on = force !== '0' && force !== 'false'
  else on = Boolean(stream.isTTY)
  return new Chalk({level: on ? 1 : 0})
}
