import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {expect} from 'chai'
import {qtab} from '../helpers/cli.js'

describe('qtab lint (compiled CLI)', () => {
  it('passes Qtabfile.example, also with --strict', async () => {
    const r = await qtab(['lint', 'Qtabfile.example', '--strict'])
    expect(r.stderr).to.equal('')
    expect(r.stdout).to.equal('no problems in 1 file\n')
    expect(r.code).to.equal(0)
  })

  it('reports every problem of many files as FILE:LINE:COL, exit 1', async () => {
    const r = await qtab(['lint', 'test/fixtures/bad-schedule.qtab', 'test/fixtures/bad-task-name.qtab'])
    expect(r.code).to.equal(1)
    expect(r.stderr).to.equal('')
    expect(r.stdout.split('\n')).to.deep.equal([
      'test/fixtures/bad-schedule.qtab:1:3: error: hour 24 is out of range 0-23 [cron-range]',
      "test/fixtures/bad-schedule.qtab:2:5: error: this schedule never fires: no date has day-of-month '30' in month '2' [cron-never-fires]",
      'test/fixtures/bad-schedule.qtab:3:1: error: cron schedule has 4 fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (seconds first) [cron-field-count]',
      'test/fixtures/bad-schedule.qtab:4:1: error: @reboot has no calendar meaning; qtab only runs calendar schedules [cron-reboot]',
      'test/fixtures/bad-schedule.qtab:5:4: error: unknown time zone "Mars/Olympus" (expected an IANA name such as Europe/Berlin) [unknown-zone]',
      'test/fixtures/bad-task-name.qtab:1:16: error: task name "reports:daily" contains ":" (QTasks splits its queue entries on ":") [task-name]',
      'test/fixtures/bad-task-name.qtab:2:9: error: task name "5" reads as a cron field, which makes the 5-vs-6-field split ambiguous; rename the task [task-name-cron-token]',
      'test/fixtures/bad-task-name.qtab:3:13: error: task name "*" reads as a cron field, which makes the 5-vs-6-field split ambiguous; rename the task [task-name-cron-token]',
      'test/fixtures/bad-task-name.qtab:3:15: error: unexpected "MON" after the task name; options are key=value [syntax]',
      '9 errors, 0 warnings in 2 files',
      '',
    ])
  })

  it('warnings alone exit 0, and 1 with --strict', async () => {
    const plain = await qtab(['lint', 'test/fixtures/dom-dow-or.qtab'])
    expect(plain.code).to.equal(0)
    expect(plain.stdout).to.equal(
      'test/fixtures/dom-dow-or.qtab:1:5: warning: fires when day-of-month 13 OR day-of-week FRI matches (Vixie rule) [dom-dow-or]\n0 errors, 1 warning in 1 file\n',
    )
    const strict = await qtab(['lint', 'test/fixtures/dom-dow-or.qtab', '--strict'])
    expect(strict.code).to.equal(1)
  })

  it('--format json prints one array of {file,line,column,severity,rule,message}', async () => {
    const r = await qtab(['lint', '--format', 'json', 'test/fixtures/bad-schedule.qtab'])
    expect(r.code).to.equal(1)
    const parsed = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(parsed).to.be.an('array').that.is.not.empty
    expect(parsed[0]).to.deep.equal({
      file: 'test/fixtures/bad-schedule.qtab',
      line: 1,
      column: 3,
      severity: 'error',
      rule: 'cron-range',
      message: 'hour 24 is out of range 0-23',
    })
    for (const d of parsed)
      expect(Object.keys(d).sort()).to.deep.equal(['column', 'file', 'line', 'message', 'rule', 'severity'])
  })

  it('--format github prints workflow annotations', async () => {
    const r = await qtab(['lint', '--format', 'github', 'test/fixtures/bad-schedule.qtab'])
    expect(r.code).to.equal(1)
    expect(r.stdout.split('\n')[0]).to.equal(
      '::error file=test/fixtures/bad-schedule.qtab,line=1,col=3,endColumn=5,title=qtab cron-range::hour 24 is out of range 0-23',
    )
  })

  it('an unreadable file exits 2 with a clear message, other files are still checked', async () => {
    const r = await qtab(['lint', 'no/such/Qtabfile', 'test/fixtures/dom-dow-or.qtab'])
    expect(r.code).to.equal(2)
    expect(r.stderr).to.equal('qtab: cannot read no/such/Qtabfile: no such file\n')
    expect(r.stdout).to.contain('test/fixtures/dom-dow-or.qtab:1:5: warning:')
    expect(r.stdout.split('\n').at(-2)).to.equal('0 errors, 1 warning in 1 file; 1 file could not be read')
  })

  it('a binary or UTF-16 file is one encoding error, not one per line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qtab-lint-'))
    try {
      writeFileSync(join(dir, 'u16'), Buffer.from('\ufeff@daily x\n', 'utf16le'))
      writeFileSync(join(dir, 'bin'), Buffer.from([0x40, 0x64, 0x00, 0xc3, 0x28, 0x0a, 0x2a, 0x20, 0x0a]))
      const r = await qtab(['lint', join(dir, 'u16'), join(dir, 'bin')])
      expect(r.code).to.equal(1)
      expect(r.stdout).to.equal(
        `${join(dir, 'u16')}:1:1: error: file is UTF-16; save it as UTF-8 [encoding]\n` +
          `${join(dir, 'bin')}:1:4: error: file is not valid UTF-8 [encoding]\n` +
          '2 errors, 0 warnings in 2 files\n',
      )
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('a bad flag value is a usage error, exit 2', async () => {
    const r = await qtab(['lint', '--format', 'xml', 'Qtabfile.example'])
    expect(r.code).to.equal(2)
    expect(r.stderr).to.contain('Expected --format=xml to be one of: text, json, github')
    expect(r.stderr).not.to.match(/\n\s+at /)
  })

  it('an unknown --tz is a usage error naming the setting, exit 2', async () => {
    const r = await qtab(['lint', '--tz', 'Mars/Olympus', 'Qtabfile.example'])
    expect(r.code).to.equal(2)
    expect(r.stderr).to.equal(
      "qtab: --tz: unknown time zone 'Mars/Olympus' (expected an IANA name such as Europe/Berlin)\n",
    )
  })

  it('colours only when asked: NO_COLOR wins, FORCE_COLOR forces', async () => {
    const none = await qtab(['lint', 'test/fixtures/dom-dow-or.qtab'], {NO_COLOR: '1'})
    expect(none.stdout).not.to.contain('\u001b[')
    const forced = await qtab(['lint', 'test/fixtures/dom-dow-or.qtab'], {NO_COLOR: undefined, FORCE_COLOR: '1'})
    expect(forced.stdout).to.contain('\u001b[33mwarning\u001b[39m')
  })
})
