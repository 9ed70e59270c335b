import {Command} from '@oclif/core'
import {QtabfileReadError} from '../qtabfile/read.js'
import {isValidZone} from '../schedule/compile.js'
import {resolveDefaultTz} from './defaults.js'
import {UserError} from './user-error.js'

/**
 * Shared error handling: a user error is one line on stderr (`qtab: message`) and a non-zero
 * exit, never a stack trace. oclif's own `this.error` word-wraps at 80 columns when stderr is
 * not a TTY, which breaks messages in CI logs, so we write the line ourselves.
 */
export abstract class BaseCommand extends Command {
  protected override async catch(err: Error & {exitCode?: number}): Promise<unknown> {
    if (err instanceof UserError || err instanceof QtabfileReadError) {
      process.stderr.write(`qtab: ${err.message}\n`)
      this.exit(err instanceof UserError ? err.exitCode : 2)
    }
    return super.catch(err)
  }

  /** Prints a user error and exits with `exitCode`. */
  protected fail(message: string, exitCode: number): never {
    throw new UserError(message, exitCode)
  }

  /** The default zone (`--tz`, `QTAB_TZ`, system zone), validated: an unknown zone is a usage error. */
  protected defaultZone(flag: string | undefined): string {
    const tz = resolveDefaultTz(flag)
    if (!isValidZone(tz)) {
      const source = flag === undefined && process.env.QTAB_TZ ? 'QTAB_TZ' : '--tz'
      this.fail(`${source}: unknown time zone '${tz}' (expected an IANA name such as Europe/Berlin)`, 2)
    }
    return tz
  }
}
