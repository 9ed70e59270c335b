import {Flags} from '@oclif/core'
import {RedisAuthError, RedisUrlError} from '../broker/errors.js'
import {BaseCommand} from '../cli/base-command.js'
import {resolveFile, resolveRedisUrl} from '../cli/defaults.js'
import {QtabfileInvalidError, runDaemon} from '../daemon/run-daemon.js'
import {realClock} from '../scheduler/clock.js'
import {createLogger} from '../scheduler/logger.js'

export default class Run extends BaseCommand {
  static override description = `Run the scheduler: enqueue each due task into the QTasks Redis broker.

Each fire is enqueued once across any number of replicas sharing one Redis. SIGTERM/SIGINT
finish the enqueue in flight and exit 0; SIGHUP or a change of the file reloads it (a broken
file is reported and the running schedule is kept). --dry-run needs no Redis.`
  static override examples = [
    '<%= config.bin %> run --dry-run -f Qtabfile.example',
    'REDIS_URL=redis://:secret@redis:6379/0 <%= config.bin %> run',
    '<%= config.bin %> run --log-format json --app QueueTasks',
  ]
  static override flags = {
    app: Flags.string({description: 'QTasks app name for every entry (overrides APP= in the file)'}),
    debug: Flags.boolean({description: 'also log debug events (fires another replica already enqueued)'}),
    'dry-run': Flags.boolean({description: 'no Redis: print each enqueue as it would happen'}),
    file: Flags.string({char: 'f', description: 'Qtabfile to run [default: $QTAB_FILE or ./Qtabfile]'}),
    'log-format': Flags.string({
      default: 'text',
      description: 'log lines for people or machines',
      options: ['text', 'json'],
    }),
    'redis-url': Flags.string({
      description: 'redis:// or rediss:// URL [default: $REDIS_URL or redis://127.0.0.1:6379/0]',
    }),
    tz: Flags.string({description: 'zone for entries without tz=/TZ= [default: $QTAB_TZ or the system zone]'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Run)
    const defaultTz = this.defaultZone(flags.tz)
    if (flags.app !== undefined && (flags.app === '' || /[\s:]/.test(flags.app))) {
      this.fail(`--app: '${flags.app}' is not a QTasks app name (no whitespace, no ':')`, 2)
    }
    const logger = createLogger({format: flags['log-format'] as 'text' | 'json', debug: flags.debug})
    const stop = new AbortController()
    let reload = () => {}
    process.once('SIGTERM', () => stop.abort())
    process.once('SIGINT', () => stop.abort())
    process.on('SIGHUP', () => reload())
    try {
      await runDaemon({
        file: resolveFile(flags.file),
        defaultTz,
        app: flags.app,
        redisUrl: flags['dry-run'] ? null : resolveRedisUrl(flags['redis-url']),
        logger,
        clock: realClock,
        stopSignal: stop.signal,
        onReloadRequest: (fn) => (reload = fn),
      })
    } catch (error) {
      if (error instanceof QtabfileInvalidError) this.fail(`the Qtabfile has errors:\n${error.message}`, 1)
      if (error instanceof RedisUrlError || error instanceof RedisAuthError) this.fail(error.message, 2)
      throw error
    }
  }
}
