import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {colorFor} from '../cli/color.js'
import {resolveFile} from '../cli/defaults.js'
import {lintExitCode} from '../lint/exit-code.js'
import {formatGithub} from '../lint/format/github.js'
import {formatJson} from '../lint/format/json.js'
import {formatText} from '../lint/format/text.js'
import {lintFiles} from '../lint/lint-files.js'
import {dstNotes} from '../schedule/dst-notes.js'

export default class Lint extends BaseCommand {
  static override args = {
    files: Args.string({description: 'Qtabfiles to check [default: $QTAB_FILE or ./Qtabfile]', required: false}),
  }
  static override description = `Validate Qtabfiles: syntax, ranges, zones, task names, options, DST surprises.

Prints FILE:LINE:COL: error|warning: message [rule] for every problem in every file.
Exit 0 clean, 1 problems (warnings only with --strict), 2 usage error or unreadable file.`
  static override examples = [
    '<%= config.bin %> lint',
    '<%= config.bin %> lint Qtabfile deploy/*.qtab --strict',
    '<%= config.bin %> lint --format github',
    '<%= config.bin %> lint --format json Qtabfile',
  ]
  static override flags = {
    format: Flags.string({default: 'text', description: 'output format', options: ['text', 'json', 'github']}),
    strict: Flags.boolean({description: 'exit 1 on warnings too'}),
    tz: Flags.string({description: 'zone for entries without tz=/TZ= [default: $QTAB_TZ or the system zone]'}),
  }
  static override strict = false

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Lint)
    const files = argv.length > 0 ? (argv as string[]) : [resolveFile(undefined)]
    const defaultTz = this.defaultZone(flags.tz)

    const report = await lintFiles(files, {defaultTz, now: Date.now(), dstNotes})
    for (const u of report.unreadable) process.stderr.write(`qtab: ${u.message}\n`)
    const color = colorFor(process.stdout).level > 0
    const out =
      flags.format === 'json'
        ? formatJson(report.diagnostics)
        : flags.format === 'github'
          ? formatGithub(report.diagnostics)
          : formatText(report.diagnostics, {
              color,
              filesChecked: files.length - report.unreadable.length,
              unreadable: report.unreadable.length,
            })
    process.stdout.write(out)
    const code = lintExitCode(report, {strict: flags.strict})
    if (code !== 0) this.exit(code)
  }
}
