import {expect} from 'chai'
import {lintFiles} from '../../src/lint/lint-files.js'
import type {DstNotes} from '../../src/lint/types.js'
import type {Diagnostic} from '../../src/qtabfile/types.js'

const NOW = Date.parse('2026-06-01T00:00:00Z')
const fixture = (name: string) => `test/fixtures/${name}.qtab`
const show = (d: Diagnostic) => `${d.line}:${d.column} ${d.severity} [${d.rule}] ${d.message}`

async function lint(name: string, dstNotes?: DstNotes): Promise<string[]> {
  const report = await lintFiles([fixture(name)], {defaultTz: 'UTC', now: NOW, dstNotes})
  expect(report.unreadable).to.deep.equal([])
  for (const d of report.diagnostics) expect(d.file).to.equal(fixture(name))
  return report.diagnostics.map(show)
}

const cases: {name: string; diagnostics: string[]}[] = [
  {name: 'valid', diagnostics: []},
  {name: 'crlf-bom-tabs', diagnostics: []},
  {
    name: 'bad-task-name',
    diagnostics: [
      '1:16 error [task-name] task name "reports:daily" contains ":" (QTasks splits its queue entries on ":")',
      '2:9 error [task-name-cron-token] task name "5" reads as a cron field, which makes the 5-vs-6-field split ambiguous; rename the task',
      '3:13 error [task-name-cron-token] task name "*" reads as a cron field, which makes the 5-vs-6-field split ambiguous; rename the task',
      '3:15 error [syntax] unexpected "MON" after the task name; options are key=value',
    ],
  },
  {
    name: 'bad-json',
    diagnostics: [
      '1:15 error [args-not-array] args must be a JSON array (args=[...]), not an object',
      '2:40 error [json] kwargs is not valid JSON: expected "," or "}" in JSON',
      '3:20 error [json] args is not valid JSON: expected "," or "]" in JSON',
    ],
  },
  {
    name: 'at-past',
    diagnostics: [
      '2:1 warning [at-past] @at 2020-01-01T00:00 is in the past (2020-01-01T00:00:00+01:00); this entry will never fire',
    ],
  },
  {
    name: 'dom-dow-or',
    diagnostics: ['1:5 warning [dom-dow-or] fires when day-of-month 13 OR day-of-week FRI matches (Vixie rule)'],
  },
  {
    name: 'bad-schedule',
    diagnostics: [
      '1:3 error [cron-range] hour 24 is out of range 0-23',
      "2:5 error [cron-never-fires] this schedule never fires: no date has day-of-month '30' in month '2'",
      '3:1 error [cron-field-count] cron schedule has 4 fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)',
      '4:1 error [cron-reboot] @reboot has no calendar meaning; qtab only runs calendar schedules',
      '5:4 error [unknown-zone] unknown time zone "Mars/Olympus" (expected an IANA name such as Europe/Berlin)',
    ],
  },
  {
    name: 'bad-options',
    diagnostics: [
      '1:1 error [unknown-setting] unknown setting "FOO" (known settings: TZ, CRON_TZ, APP, QUEUE, MISFIRE, GRACE, JITTER, OVERLAP, PRIORITY)',
      '2:10 error [unknown-option] unknown option "colour" (known options: priority, args, kwargs, tz, id, misfire, grace, jitter, overlap)',
      '3:8 error [duplicate-id] id "a" (the task name) is already used on line 2; add id=NAME to tell the entries apart',
      '4:8 warning [misfire-grace] misfire=skip with grace 0s skips every fire that is even slightly late; allow a few seconds of grace',
      '5:11 warning [jitter-interval] jitter 2m is not shorter than the 1m between fires; fires may bunch up or swap order',
    ],
  },
]

describe('lintFiles', () => {
  for (const c of cases) {
    it(`${c.name}.qtab`, async () => expect(await lint(c.name)).to.deep.equal(c.diagnostics))
  }

  it('dst-gap.qtab: the engine DST note for the next 12 months, as a warning', async () => {
    expect(await lint('dst-gap')).to.deep.equal([
      '2:1 warning [dst] on 2027-03-14 America/New_York skips 02:00-03:00: the 02:30 fire runs at 03:00 EDT instead',
    ])
  })

  it('asks dstNotes about [now, now + 365 days) in the entry zone', async () => {
    const calls: [string, string, number, number][] = []
    const dstNotes: DstNotes = (schedule, from, to) => {
      calls.push([schedule.source, schedule.tz, from, to])
      return [{date: '2027-03-14', message: 'a note'}]
    }
    expect(await lint('dst-gap', dstNotes)).to.deep.equal(['2:1 warning [dst] a note'])
    expect(calls).to.deep.equal([['30 2 * * *', 'America/New_York', NOW, NOW + 365 * 86_400_000]])
  })

  it('lints every file and lists unreadable ones instead of throwing', async () => {
    const report = await lintFiles([fixture('missing'), fixture('dom-dow-or'), 'test/fixtures'], {
      defaultTz: 'UTC',
      now: NOW,
    })
    expect(report.files).to.deep.equal([fixture('missing'), fixture('dom-dow-or'), 'test/fixtures'])
    expect(report.unreadable).to.deep.equal([
      {file: fixture('missing'), message: 'cannot read test/fixtures/missing.qtab: no such file'},
      {file: 'test/fixtures', message: 'cannot read test/fixtures: is a directory'},
    ])
    expect(report.diagnostics.map((d) => `${d.file} ${d.rule}`)).to.deep.equal([`${fixture('dom-dow-or')} dom-dow-or`])
  })
})
