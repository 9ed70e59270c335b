import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {resolveFile, resolveRedisUrl} from '../cli/defaults.js'
import {checkAppFlag, findEntry, loadValidEntries} from '../cli/load-entries.js'
import {withBroker} from '../cli/with-broker.js'
import {parseTriggerOverrides} from '../trigger/overrides.js'
import {triggerEntry} from '../trigger/trigger-entry.js'

export default class Trigger extends BaseCommand {
  static override args = {
    id: Args.string({description: 'id of the Qtabfile entry to enqueue', required: true}),
  }
  static override description = `Enqueue one entry now, by hand, exactly as a scheduled fire would (same atomic Lua script).

The entry's cursor is not touched, so its schedule is unaffected. A manual trigger is an explicit request, so it ignores overlap=skip unless --respect-overlap. Prints the task uuid, then the queue entry.

Exit 0 enqueued; 1 unknown id, file errors, or refused by --respect-overlap; 2 usage error, bad Redis URL or credentials; 3 Redis unreachable.`
  static override examples = [
    '<%= config.bin %> trigger daily_report',
    `<%= config.bin %> trigger standup -f Qtabfile.example --args '["team-b"]' --kwargs '{"channel": "#ops"}'`,
    '<%= config.bin %> trigger cleanup --priority 5 --respect-overlap',
    '<%= config.bin %> trigger daily_report --redis-url redis://:secret@redis:6379/0 --json',
  ]
  static override flags = {
    app: Flags.string({description: 'QTasks app name for the entry (overrides APP=)'}),
    args: Flags.string({description: 'positional arguments for this run only, a JSON array'}),
    file: Flags.string({char: 'f', description: 'Qtabfile to read [default: $QTAB_FILE or ./Qtabfile]'}),
    json: Flags.boolean({description: 'print one JSON object describing the enqueued task'}),
    kwargs: Flags.string({description: 'keyword arguments for this run only, a JSON object'}),
    priority: Flags.string({description: 'priority for this run only, an integer'}),
    'redis-url': Flags.string({description: 'QTasks Redis [default: $REDIS_URL or redis://127.0.0.1:6379/0]'}),
    'respect-overlap': Flags.boolean({description: "honour the entry's overlap=skip (default: enqueue anyway)"}),
    tz: Flags.string({description: 'zone for entries without tz=/TZ= [default: $QTAB_TZ or the system zone]'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Trigger)
    const parsed = parseTriggerOverrides({args: flags.args, kwargs: flags.kwargs, priority: flags.priority})
    if (!parsed.ok) this.fail(parsed.problems.join('\nqtab: '), 2)
    const app = checkAppFlag(flags.app)
    const file = resolveFile(flags.file)
    const entry = findEntry(await loadValidEntries(file, this.defaultZone(flags.tz), app), args.id, file)

    const result = await withBroker(resolveRedisUrl(flags['redis-url']), (broker) =>
      triggerEntry(broker, entry, parsed.overrides, {nowMs: Date.now(), respectOverlap: flags['respect-overlap']}),
    )
    if (result.kind === 'overlap-skipped') {
      this.fail(
        `not enqueued: ${result.id}'s previous task ${result.previousUuid} is still new or process (overlap=skip)`,
        1,
      )
    }
    if (flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n')
    else process.stdout.write(`${result.uuid}\nenqueued ${result.id}: RPUSH ${result.queueKey} ${result.queueEntry}\n`)
  }
}
