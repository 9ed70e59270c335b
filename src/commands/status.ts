import {hostname} from 'node:os'
import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {colorFor} from '../cli/color.js'
import {resolveFile, resolveRedisUrl} from '../cli/defaults.js'
import {checkAppFlag, loadValidEntries} from '../cli/load-entries.js'
import {withBroker} from '../cli/with-broker.js'
import {collectStatus} from '../status/collect-status.js'
import {checkHealth, EXIT_UNHEALTHY} from '../status/health.js'
import {renderStatus} from '../status/render-status.js'

export default class Status extends BaseCommand {
  static override description = `Show what Redis says about a Qtabfile's entries: last fire, last task and its QTasks status, next fire.

Per app: whether a QTasks worker is alive ({APP}:GlobalConfig:main with status=running), the live qtab run replicas (heartbeats not yet expired) and orphaned entry state (ids no longer in the file). STATUS is the last task's QTasks status (new, process, success, error, cancel, retry, ...), "gone" when its hash was deleted, "-" when nothing was enqueued yet.

--check is for container health checks: exit 0 when every app has a live replica on this host (or on --host NAME, or on any host with --any-host), else 4.

Exit 0 ok; 1 file has errors; 2 usage error, bad Redis URL or credentials; 3 Redis unreachable; 4 --check found no live replica.`
  static override examples = [
    '<%= config.bin %> status',
    '<%= config.bin %> status -f Qtabfile.example --redis-url redis://:secret@redis:6379/0',
    '<%= config.bin %> status --json',
    '<%= config.bin %> status --check',
    '<%= config.bin %> status --check --any-host',
  ]
  static override flags = {
    'any-host': Flags.boolean({description: 'with --check: count replicas on any host', exclusive: ['host']}),
    app: Flags.string({description: 'QTasks app name for every entry (overrides APP=)'}),
    check: Flags.boolean({description: 'health check: print one line, exit 0 when a replica is alive, else 4'}),
    file: Flags.string({char: 'f', description: 'Qtabfile to read [default: $QTAB_FILE or ./Qtabfile]'}),
    host: Flags.string({description: 'with --check: count replicas on this host [default: this machine]'}),
    json: Flags.boolean({description: 'print one JSON document ({checkedAt, apps: [...]})', exclusive: ['check']}),
    'redis-url': Flags.string({description: 'QTasks Redis [default: $REDIS_URL or redis://127.0.0.1:6379/0]'}),
    tz: Flags.string({description: 'zone for entries without tz=/TZ= [default: $QTAB_TZ or the system zone]'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Status)
    const app = checkAppFlag(flags.app)
    const entries = await loadValidEntries(resolveFile(flags.file), this.defaultZone(flags.tz), app)
    const report = await withBroker(resolveRedisUrl(flags['redis-url']), (broker) =>
      collectStatus(broker, entries, Date.now()),
    )
    if (flags.check) {
      const verdict = checkHealth(report, flags['any-host'] ? undefined : (flags.host ?? hostname()))
      process.stdout.write(verdict.message + '\n')
      if (!verdict.healthy) this.exit(EXIT_UNHEALTHY)
    } else if (flags.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
    else process.stdout.write(renderStatus(report, colorFor(process.stdout)))
  }
}
