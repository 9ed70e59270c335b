import {Args, Flags} from '@oclif/core'
import {DateTime} from 'luxon'
import {BaseCommand} from '../cli/base-command.js'
import {colorFor} from '../cli/color.js'
import {resolveFile} from '../cli/defaults.js'
import {loadQtabfile} from '../cli/load-qtabfile.js'
import {formatText} from '../lint/format/text.js'
import {nextFires, type NextSource} from '../next/next-fires.js'
import {renderNextTable} from '../next/render-table.js'
import {compileSchedule} from '../schedule/compile.js'
import {describeCompiled} from '../schedule/describe.js'

export default class Next extends BaseCommand {
  static override args = {
    ids: Args.string({description: 'entry ids to show (default: every entry)', required: false}),
  }
  static override description = `Preview the next fire times of a Qtabfile's entries, or of one expression.

Fires are strictly after --from (default: now), computed with qtab's time rules (time zones, DST).`
  static override examples = [
    '<%= config.bin %> next',
    '<%= config.bin %> next -f Qtabfile.example daily_report standup -n 3',
    '<%= config.bin %> next --expr "30 2 * * *" --tz America/New_York --from 2027-03-13T00:00 -n 3',
    '<%= config.bin %> next --json',
  ]
  static override flags = {
    count: Flags.integer({char: 'n', description: 'fires per entry [default: 1, or 5 with --expr]', min: 1, max: 1000}),
    expr: Flags.string({description: 'preview this schedule instead of a file (cron, @macro, @every, @at)'}),
    file: Flags.string({char: 'f', description: 'Qtabfile to read [default: $QTAB_FILE or ./Qtabfile]'}),
    from: Flags.string({description: 'start after this ISO-8601 instant (without an offset: in --tz) [default: now]'}),
    json: Flags.boolean({description: 'print one JSON array, one object per entry'}),
    tz: Flags.string({
      description: 'zone for entries without tz=/TZ= and for --expr [default: $QTAB_TZ or the system zone]',
    }),
  }
  static override strict = false

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Next)
    const ids = argv as string[]
    const defaultTz = this.defaultZone(flags.tz)
    const from =
      parseFrom(flags.from, defaultTz) ?? this.fail(`--from: '${flags.from}' is not an ISO-8601 date-time`, 2)
    if (flags.expr !== undefined && flags.file !== undefined) this.fail('--expr and --file cannot be used together', 2)
    if (flags.expr !== undefined && ids.length > 0) this.fail('entry ids cannot be combined with --expr', 2)

    const sources =
      flags.expr === undefined
        ? await this.fileSources(resolveFile(flags.file), defaultTz, ids)
        : this.exprSource(flags.expr, defaultTz)
    const count = flags.count ?? (flags.expr === undefined ? 1 : 5)
    const rows = nextFires(sources, from, count, (s) => describeCompiled(s.trigger))
    if (flags.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n')
    else process.stdout.write(renderNextTable(rows, from, colorFor(process.stdout)))
  }

  private exprSource(expr: string, tz: string): NextSource[] {
    const {schedule, problems} = compileSchedule(expr, {tz, seed: ''})
    if (!schedule) {
      const lines = problems.map(
        (p) => `--expr: ${p.severity}: ${p.message} (at character ${p.offset + 1}) [${p.rule}]`,
      )
      this.fail(lines.join('\n'), 1)
    }
    return [{id: null, task: null, schedule: expr, tz, trigger: schedule}]
  }

  private async fileSources(file: string, defaultTz: string, ids: string[]): Promise<NextSource[]> {
    const {entries, diagnostics} = await loadQtabfile(file, defaultTz)
    const errors = diagnostics.filter((d) => d.severity === 'error')
    if (errors.length > 0) this.fail(`${file} has errors:\n${formatText(errors, {color: false, filesChecked: 1})}`, 1)
    if (ids.length === 0) return entries
    const unknown = ids.filter((id) => !entries.some((e) => e.id === id))
    if (unknown.length > 0) {
      this.fail(
        `unknown entry id ${unknown.map((u) => `'${u}'`).join(', ')}; ${file} has: ${entries.map((e) => e.id).join(', ')}`,
        1,
      )
    }
    return entries.filter((e) => ids.includes(e.id))
  }
}

/** `--from`: an ISO-8601 date-time; without an offset it is read in `tz`. Undefined -> now. */
function parseFrom(text: string | undefined, tz: string): number | null {
  if (text === undefined) return Date.now()
  const dt = DateTime.fromISO(text, {zone: tz})
  return dt.isValid ? dt.toMillis() : null
}
