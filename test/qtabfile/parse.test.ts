import {expect} from 'chai'
import {parseQtabfile} from '../../src/qtabfile/parse.js'
import type {Diagnostic, Entry} from '../../src/qtabfile/types.js'
import {fakeCompile} from '../helpers/fake-compile.js'

/** An entry as the table writes it: `at`/`taskAt` are `line:column`; unlisted fields have their defaults. */
type EntryRow = Partial<Omit<Entry, 'pos' | 'taskPos' | 'trigger'>> & {task: string; schedule: string; at: string; taskAt: string}

interface Row {
  name: string
  input: string
  /** Every returned entry, in order (default: none). */
  entries?: EntryRow[]
  /** Every diagnostic as `line:column severity [rule] message`, in order (default: none). */
  diagnostics?: string[]
}

const FILE = 'Qtabfile'

function project(e: Entry): EntryRow {
  const {pos, taskPos, trigger, ...rest} = e
  expect(trigger.source).to.equal(e.schedule)
  expect(trigger.tz).to.equal(e.tz)
  expect(pos.file).to.equal(FILE)
  return {...rest, at: `${pos.line}:${pos.column}`, taskAt: `${taskPos.line}:${taskPos.column}`}
}

function full(row: EntryRow): EntryRow {
  return {
    id: row.task,
    tz: 'UTC',
    app: 'QueueTasks',
    queue: 'task_queue',
    priority: 0,
    args: [],
    kwargs: {},
    misfire: 'latest',
    grace: 60_000,
    jitter: 0,
    overlap: 'allow',
    ...row,
  }
}

const show = (d: Diagnostic) => `${d.line}:${d.column} ${d.severity} [${d.rule}] ${d.message}`

const rows: Row[] = [
  {
    name: 'DESIGN §1 example file',
    input: [
      "# comment lines start with '#'; blank lines are ignored",
      'TZ=Europe/Berlin              # a setting: applies to the entries below it',
      'APP=QueueTasks                # QTasks app name',
      '',
      '# schedule              task            options',
      '59 23 * * *             daily_report',
      '*/10 * * * * *          sync_stock      priority=5',
      '0 9 * * MON-FRI         standup         tz=America/New_York args=["team-a"] kwargs={"channel": "#general"}',
      '@hourly                 cleanup         misfire=skip',
      '@every 90s              heartbeat',
      '@at 2027-01-01T00:00    new_year        # one-shot, in the zone in force',
    ].join('\n'),
    entries: [
      {task: 'daily_report', schedule: '59 23 * * *', tz: 'Europe/Berlin', at: '6:1', taskAt: '6:25'},
      {task: 'sync_stock', schedule: '*/10 * * * * *', tz: 'Europe/Berlin', priority: 5, at: '7:1', taskAt: '7:25'},
      {
        task: 'standup',
        schedule: '0 9 * * MON-FRI',
        tz: 'America/New_York',
        args: ['team-a'],
        kwargs: {channel: '#general'},
        at: '8:1',
        taskAt: '8:25',
      },
      {task: 'cleanup', schedule: '@hourly', tz: 'Europe/Berlin', misfire: 'skip', at: '9:1', taskAt: '9:25'},
      {task: 'heartbeat', schedule: '@every 90s', tz: 'Europe/Berlin', at: '10:1', taskAt: '10:25'},
      {task: 'new_year', schedule: '@at 2027-01-01T00:00', tz: 'Europe/Berlin', at: '11:1', taskAt: '11:25'},
    ],
  },
  {
    name: 'settings apply only to the entries below them, and the last one wins',
    input: [
      '0 * * * * a',
      'TZ=Asia/Tokyo',
      'PRIORITY=3',
      'MISFIRE=all',
      'GRACE=5m',
      'JITTER=10s',
      'OVERLAP=skip',
      'QUEUE=cron',
      'APP=Billing',
      '0 * * * * b',
      'CRON_TZ=America/Chicago',
      'PRIORITY=-2',
      '0 * * * * c priority=7 tz=Europe/Paris misfire=latest grace=1s jitter=0s overlap=allow id=c1',
      '0 * * * * d',
    ].join('\n'),
    entries: [
      {task: 'a', schedule: '0 * * * *', at: '1:1', taskAt: '1:11'},
      {
        task: 'b',
        schedule: '0 * * * *',
        tz: 'Asia/Tokyo',
        priority: 3,
        misfire: 'all',
        grace: 300_000,
        jitter: 10_000,
        overlap: 'skip',
        queue: 'cron',
        app: 'Billing',
        at: '10:1',
        taskAt: '10:11',
      },
      {
        task: 'c',
        id: 'c1',
        schedule: '0 * * * *',
        tz: 'Europe/Paris',
        priority: 7,
        misfire: 'latest',
        grace: 1000,
        jitter: 0,
        overlap: 'allow',
        queue: 'cron',
        app: 'Billing',
        at: '13:1',
        taskAt: '13:11',
      },
      {
        task: 'd',
        schedule: '0 * * * *',
        tz: 'America/Chicago',
        priority: -2,
        misfire: 'all',
        grace: 300_000,
        jitter: 10_000,
        overlap: 'skip',
        queue: 'cron',
        app: 'Billing',
        at: '14:1',
        taskAt: '14:11',
      },
    ],
  },
  {
    name: 'CRLF line ends, a BOM and tabs',
    input: '\uFEFFTZ=Europe/London\r\n0\t9 *  * *\t\tmorning\tpriority=1\r\n\r\n\t@daily\tnightly\r\n',
    entries: [
      {task: 'morning', schedule: '0\t9 *  * *', tz: 'Europe/London', priority: 1, at: '2:1', taskAt: '2:13'},
      {task: 'nightly', schedule: '@daily', tz: 'Europe/London', at: '4:2', taskAt: '4:9'},
    ],
  },
  {
    name: 'the # of MON#2 and of a JSON string are not comments; a # after whitespace is',
    input: '0 9 * * MON#2 second_monday kwargs={"channel": "#general", "n": [1, 2]} # note id=x\nAPP=app#1 # c',
    entries: [
      {
        task: 'second_monday',
        schedule: '0 9 * * MON#2',
        kwargs: {channel: '#general', n: [1, 2]},
        app: 'QueueTasks',
        at: '1:1',
        taskAt: '1:15',
      },
    ],
  },
  {
    name: 'JSON values with spaces, nested brackets and quoted brackets',
    input: 'args=x\n0 0 * * * t args=[1, "a ]b", {"k": [2, 3]}] kwargs={"s": "} {", "t": true}',
    entries: [{task: 't', schedule: '0 0 * * *', args: [1, 'a ]b', {k: [2, 3]}], kwargs: {s: '} {', t: true}, at: '2:1', taskAt: '2:11'}],
    diagnostics: ['1:1 error [unknown-setting] unknown setting "args" (settings are upper case; args= as an option goes after the task name on an entry line)'],
  },
  {
    name: '6 fields when six cron tokens and a seventh follow; 5 otherwise',
    input: ['0 */5 * * * * every_5m_at_0s', '*/5 * * * MON six_tokens_no', '1 2 3 4 5 6 task extra'].join('\n'),
    entries: [
      {task: 'every_5m_at_0s', schedule: '0 */5 * * * *', at: '1:1', taskAt: '1:15'},
      {task: 'six_tokens_no', schedule: '*/5 * * * MON', at: '2:1', taskAt: '2:15'},
    ],
    diagnostics: ['3:18 error [syntax] unexpected "extra" after the task name; options are key=value'],
  },
  {
    name: 'a task name that is a cron field is rejected',
    input: ['0 0 * * * 5', '0 0 * * * MON', '0 0 * * * */5', '0 0 * * * L', '0 0 * * * ?', '0 0 * * * h', '0 0 * * * H(0-9)/2'].join('\n'),
    diagnostics: ['5', 'MON', '*/5', 'L', '?', 'h', 'H(0-9)/2'].map(
      (t, i) =>
        `${i + 1}:11 error [task-name-cron-token] task name "${t}" reads as a cron field, which makes the 5-vs-6-field split ambiguous; rename the task`,
    ),
  },
  {
    name: 'task names with ":" or control characters',
    input: '@hourly reports:daily\n@hourly a\u00a0b\n@hourly nul\u0000x',
    diagnostics: [
      '1:16 error [task-name] task name "reports:daily" contains ":" (QTasks splits its queue entries on ":")',
      '2:9 error [task-name] task name "a\u00a0b" contains whitespace',
      '3:9 error [task-name] task name "nul\\u0000x" contains a control or format character',
    ],
  },
  {
    name: 'missing task, unknown options, bad option values',
    input: [
      '0 0 * * *',
      '0 0 * * * priority=5',
      '@daily t1 Priority=1',
      '@daily t2 colour=red',
      '@daily t3 priority=1.5',
      '@daily t4 misfire=never overlap=no',
      '@daily t5 grace=5x jitter=',
      '@daily t6 tz=Mars/Base',
      '@daily t7 priority=1 priority=2',
      '@daily t8 =1',
      '@daily t9 priority=99999999999999999999',
    ].join('\n'),
    diagnostics: [
      '1:10 error [missing-task] missing task name after the schedule',
      '2:11 error [missing-task] missing task name after the schedule',
      '3:11 error [unknown-option] unknown option "Priority" (options are lower case)',
      '4:11 error [unknown-option] unknown option "colour" (known options: priority, args, kwargs, tz, id, misfire, grace, jitter, overlap)',
      '5:20 error [priority] priority must be an integer, not "1.5"',
      '6:19 error [option-value] misfire must be latest, all or skip, not "never"',
      '6:33 error [option-value] overlap must be allow or skip, not "no"',
      '7:17 error [option-value] grace "5x" is not a duration (such as 90s, 15m, 1h30m, 2d)',
      '7:27 error [option-value] jitter has an empty value',
      '8:14 error [unknown-zone] unknown time zone "Mars/Base" (expected an IANA name such as Europe/Berlin)',
      '9:22 error [duplicate-option] option priority is given twice on this line (first at column 11)',
      '10:11 error [syntax] option name missing before "="',
      '11:20 error [priority] priority 99999999999999999999 is out of range',
    ],
  },
  {
    name: 'JSON errors carry the column of the problem; wrong JSON kinds',
    input: [
      '@daily a args=[1,}',
      '@daily b kwargs={"channel": "#general" "n": 1}',
      '@daily c args={"a": 1}',
      '@daily d kwargs=[1]',
      '@daily e kwargs=null',
      '@daily f args=["unterminated # still json',
      '@daily g args=[1] x',
    ].join('\n'),
    diagnostics: [
      '1:18 error [json] args is not valid JSON: unexpected "}" in JSON',
      '2:40 error [json] kwargs is not valid JSON: expected "," or "}" in JSON',
      '3:15 error [args-not-array] args must be a JSON array (args=[...]), not an object',
      '4:17 error [kwargs-not-object] kwargs must be a JSON object (kwargs={...}), not an array',
      '5:17 error [kwargs-not-object] kwargs must be a JSON object (kwargs={...}), not null',
      '6:16 error [json] args is not valid JSON: unterminated JSON string',
      '7:19 error [syntax] unexpected "x" after the task name; options are key=value',
    ],
  },
  {
    name: 'settings: unknown names, bad values, text after the value',
    input: [
      'FOO=1',
      'TZ=Nowhere/Special',
      '@daily under_bad_tz',
      '@daily own_tz tz=UTC',
      'APP=a:b',
      'QUEUE=q extra words',
      'PRIORITY=high',
      '=x',
    ].join('\n'),
    entries: [{task: 'own_tz', schedule: '@daily', at: '4:1', taskAt: '4:8'}],
    diagnostics: [
      '1:1 error [unknown-setting] unknown setting "FOO" (known settings: TZ, CRON_TZ, APP, QUEUE, MISFIRE, GRACE, JITTER, OVERLAP, PRIORITY)',
      '2:4 error [unknown-zone] unknown time zone "Nowhere/Special" (expected an IANA name such as Europe/Berlin)',
      '5:6 error [option-value] APP "a:b" contains ":" (QTasks splits its storage keys on ":")',
      `6:9 error [syntax] unexpected "extra" after the setting; a setting's value ends at whitespace`,
      '7:10 error [priority] PRIORITY must be an integer, not "high"',
      '8:1 error [syntax] setting name missing before "="',
    ],
  },
  {
    name: 'duplicate ids: a task on two lines without id=, and two equal id= options',
    input: ['@daily report', '@hourly report', '@hourly report id=hourly', '@daily a id=same', '@daily b id=same'].join('\n'),
    entries: [
      {task: 'report', schedule: '@daily', at: '1:1', taskAt: '1:8'},
      {task: 'report', id: 'hourly', schedule: '@hourly', at: '3:1', taskAt: '3:9'},
      {task: 'a', id: 'same', schedule: '@daily', at: '4:1', taskAt: '4:8'},
    ],
    diagnostics: [
      '2:9 error [duplicate-id] id "report" (the task name) is already used on line 1; add id=NAME to tell the entries apart',
      '5:13 error [duplicate-id] id "same" is already used on line 4',
    ],
  },
  {
    name: 'schedule problems are mapped to file columns through tabs and runs of spaces',
    input: '  0\t\t99   *  *  *  t\n@every 0s t2\n@at nope t3\n@reboot t4\n@fortnightly t5',
    diagnostics: [
      '1:6 error [cron-range] 99 is out of range',
      '2:8 error [every-syntax] bad interval "0s"',
      '3:5 error [at-syntax] bad instant "nope"',
      '4:1 error [cron-reboot] @reboot has no calendar meaning',
      '5:1 error [cron-syntax] unknown macro "@fortnightly"',
    ],
  },
  {
    name: 'too few cron fields, a line that is no schedule, a bad field among six words',
    input: ['0 9 * * standup', '0 9 MON', 'hello world', '0 9 * * MONFRI later', '* * * * * * *'].join('\n'),
    diagnostics: [
      '1:1 error [cron-field-count] cron schedule has 4 fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)',
      '2:1 error [cron-field-count] cron schedule has 3 fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)',
      '2:8 error [missing-task] missing task name after the schedule',
      '3:1 error [syntax] unexpected "hello": expected a schedule (5 or 6 cron fields, @macro, @every or @at), a NAME=value setting or a # comment',
      '4:9 error [cron-syntax] bad field "MONFRI"',
      '5:13 error [task-name-cron-token] task name "*" reads as a cron field, which makes the 5-vs-6-field split ambiguous; rename the task',
    ],
  },
  {
    name: 'an unknown default zone is reported on each entry that uses it',
    input: '@daily a\nTZ=UTC\n@daily b',
    entries: [{task: 'b', schedule: '@daily', at: '3:1', taskAt: '3:8'}],
    diagnostics: ['1:1 error [unknown-zone] unknown time zone "Bogus/Zone" (from --tz, QTAB_TZ or the system)'],
  },
  {name: 'empty file', input: ''},
  {name: 'only comments and blank lines', input: '# a\n\n   \t\n  # b\r\n'},
]

describe('parseQtabfile', () => {
  for (const row of rows) {
    it(row.name, () => {
      const defaultTz = row.name.startsWith('an unknown default zone') ? 'Bogus/Zone' : 'UTC'
      const result = parseQtabfile(row.input, FILE, {defaultTz, compile: fakeCompile})
      expect(result.diagnostics.map(show)).to.deep.equal(row.diagnostics ?? [])
      expect(result.entries.map(project)).to.deep.equal((row.entries ?? []).map(full))
    })
  }

  it('gives endColumn for a span and the file name on every diagnostic', () => {
    const {diagnostics} = parseQtabfile('@daily reports:daily', 'dir/Qtabfile', {defaultTz: 'UTC', compile: fakeCompile})
    expect(diagnostics).to.deep.equal([
      {
        file: 'dir/Qtabfile',
        line: 1,
        column: 15,
        endColumn: 16,
        severity: 'error',
        rule: 'task-name',
        message: 'task name "reports:daily" contains ":" (QTasks splits its queue entries on ":")',
      },
    ])
  })

  it('counts lines including a trailing empty one', () => {
    expect(parseQtabfile('a\nb\n', FILE, {defaultTz: 'UTC', compile: fakeCompile}).lineCount).to.equal(3)
  })
})
