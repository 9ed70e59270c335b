import {expect} from 'chai'
import {qtab} from '../helpers/cli.js'

describe('qtab next (compiled CLI)', () => {
  it('--expr --json: exact fires strictly after --from, DESIGN §2 spring-forward rule', async () => {
    const r = await qtab([
      'next',
      '--expr',
      '30 2 * * *',
      '--tz',
      'America/New_York',
      '--from',
      '2027-03-13T00:00',
      '-n',
      '3',
      '--json',
    ])
    expect(r.stderr).to.equal('')
    expect(r.code).to.equal(0)
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(rows).to.have.length(1)
    expect(rows[0]).to.include({id: null, task: null, schedule: '30 2 * * *', tz: 'America/New_York'})
    expect(rows[0]?.description).to.be.a('string').that.is.not.empty
    expect(rows[0]?.next).to.deep.equal([
      '2027-03-13T02:30:00-05:00',
      '2027-03-14T03:00:00-04:00',
      '2027-03-15T02:30:00-04:00',
    ])
    expect(Object.keys(rows[0] ?? {})).to.deep.equal(['id', 'task', 'schedule', 'tz', 'description', 'next'])
  })

  it('--from is exclusive: a fire exactly at --from is not listed', async () => {
    const r = await qtab([
      'next',
      '--expr',
      '*/5 * * * *',
      '--tz',
      'UTC',
      '--from',
      '2027-01-06T10:00:00Z',
      '-n',
      '2',
      '--json',
    ])
    expect((JSON.parse(r.stdout) as {next: string[]}[])[0]?.next).to.deep.equal([
      '2027-01-06T10:05:00Z',
      '2027-01-06T10:10:00Z',
    ])
  })

  it('file mode --json: one object per entry, in file order, in each entry zone', async () => {
    const r = await qtab([
      'next',
      '-f',
      'Qtabfile.example',
      '--from',
      '2027-01-01T00:00:00Z',
      '--json',
      'standup',
      'new_decade',
    ])
    expect(r.code).to.equal(0)
    const rows = JSON.parse(r.stdout) as {id: string; task: string; tz: string; next: string[]}[]
    expect(rows.map((x) => [x.id, x.task, x.tz, x.next])).to.deep.equal([
      ['standup', 'echo', 'America/New_York', ['2027-01-01T09:00:00-05:00']],
      ['new_decade', 'echo', 'Asia/Tokyo', ['2030-01-01T00:00:00+09:00']],
    ])
  })

  it('table: id, task, schedule, description, zone, next fire and relative time', async () => {
    const r = await qtab(['next', '-f', 'Qtabfile.example', '--from', '2027-01-01T00:00:00Z', 'heartbeat', '-n', '2'])
    expect(r.code).to.equal(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).to.match(/^ID\s+TASK\s+SCHEDULE\s+DESCRIPTION\s+ZONE\s+NEXT\s+IN$/)
    expect(lines[1]).to.match(/^heartbeat\s+echo\s+@every 90s\s+.+\s+UTC\s+2027-01-01T00:01:30Z\s+in 1m 30s$/)
    expect(lines[2]).to.match(/^\s+2027-01-01T00:03:00Z\s+in 3m$/)
  })

  it('an invalid expression: message on stderr, nothing on stdout, exit 1', async () => {
    const r = await qtab(['next', '--expr', '0 24 * * *', '--json'])
    expect(r.code).to.equal(1)
    expect(r.stdout).to.equal('')
    expect(r.stderr).to.contain('hour 24 is out of range 0-23')
  })

  it('a file with errors: diagnostics on stderr, nothing on stdout, exit 1', async () => {
    const r = await qtab(['next', '-f', 'test/fixtures/bad-schedule.qtab'])
    expect(r.code).to.equal(1)
    expect(r.stdout).to.equal('')
    expect(r.stderr).to.contain('test/fixtures/bad-schedule.qtab:1:3: error: hour 24 is out of range 0-23 [cron-range]')
  })

  it('an unknown id lists the known ids, exit 1', async () => {
    const r = await qtab(['next', '-f', 'test/fixtures/dst-gap.qtab', 'nope'])
    expect(r.code).to.equal(1)
    expect(r.stderr).to.equal("qtab: unknown entry id 'nope'; test/fixtures/dst-gap.qtab has: nightly_backup\n")
  })

  it('a missing file exits 2 naming it', async () => {
    const r = await qtab(['next', '-f', 'missing.qtab'])
    expect(r.code).to.equal(2)
    expect(r.stderr).to.equal('qtab: cannot read missing.qtab: no such file\n')
  })

  it('a bad --from exits 2 naming the flag', async () => {
    const r = await qtab(['next', '--expr', '@daily', '--from', 'tomorrow'])
    expect(r.code).to.equal(2)
    expect(r.stderr).to.equal("qtab: --from: 'tomorrow' is not an ISO-8601 date-time\n")
  })
})
