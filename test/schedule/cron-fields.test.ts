import {expect} from 'chai'
import {compileSchedule} from '../../src/schedule/compile.js'
import {fnv1a32} from '../../src/schedule/hash.js'
import {fires} from './helpers.js'

// 2027-05-01 is a Saturday, 2027-05-15 a Saturday, 2027-08-15 a Sunday, 2027-01-31 a Sunday.
describe('DESIGN §1 cron fields: fire instants (UTC unless stated)', () => {
  const cases: [title: string, expr: string, from: string, want: string[]][] = [
    [
      '5 fields: minute hour dom month dow',
      '0 9 * * MON-FRI',
      '2027-01-01T10:00:00Z',
      ['2027-01-04T09:00:00Z', '2027-01-05T09:00:00Z'],
    ],
    [
      '6 fields: seconds first',
      '*/20 * * * * *',
      '2027-01-01T00:00:00Z',
      ['2027-01-01T00:00:20Z', '2027-01-01T00:00:40Z', '2027-01-01T00:01:00Z'],
    ],
    [
      'lists, ranges and steps',
      '5-40/5,59 0 * * *',
      '2027-01-01T00:30:00Z',
      ['2027-01-01T00:35:00Z', '2027-01-01T00:40:00Z', '2027-01-01T00:59:00Z'],
    ],
    [
      '`a/n` runs from a to the end of the range',
      '10/25 0 * * *',
      '2027-01-01T00:00:00Z',
      ['2027-01-01T00:10:00Z', '2027-01-01T00:35:00Z', '2027-01-02T00:10:00Z'],
    ],
    [
      'month and day names in any case',
      '0 0 * feb Sun',
      '2027-01-01T00:00:00Z',
      ['2027-02-07T00:00:00Z', '2027-02-14T00:00:00Z'],
    ],
    ['Sunday as 7 and as 0', '0 0 * * 7', '2027-01-01T00:00:00Z', ['2027-01-03T00:00:00Z', '2027-01-10T00:00:00Z']],
    [
      'range ending at 7 includes Sunday',
      '0 0 * * 6-7',
      '2027-01-04T00:00:00Z',
      ['2027-01-09T00:00:00Z', '2027-01-10T00:00:00Z'],
    ],
    ['? in day-of-month', '0 0 ? * MON', '2027-01-01T00:00:00Z', ['2027-01-04T00:00:00Z', '2027-01-11T00:00:00Z']],
    [
      'L: last day of month',
      '0 0 L * *',
      '2027-01-01T00:00:00Z',
      ['2027-01-31T00:00:00Z', '2027-02-28T00:00:00Z', '2027-03-31T00:00:00Z'],
    ],
    [
      'L-2: two days before the last',
      '0 0 L-2 * *',
      '2028-02-01T00:00:00Z',
      ['2028-02-27T00:00:00Z', '2028-03-29T00:00:00Z'],
    ],
    ['15W on a Saturday → Friday 14th', '0 0 15W 5 *', '2027-01-01T00:00:00Z', ['2027-05-14T00:00:00Z']],
    ['15W on a Sunday → Monday 16th', '0 0 15W 8 *', '2027-01-01T00:00:00Z', ['2027-08-16T00:00:00Z']],
    [
      '1W when the 1st is a Saturday → Monday 3rd, not the previous month',
      '0 0 1W 5 *',
      '2027-04-01T00:00:00Z',
      ['2027-05-03T00:00:00Z'],
    ],
    ['31W when the 31st is a Sunday → Friday 29th', '0 0 31W 10 *', '2027-01-01T00:00:00Z', ['2027-10-29T00:00:00Z']],
    [
      '31W skips months without a 31st',
      '0 0 31W * *',
      '2027-04-01T00:00:00Z',
      ['2027-05-31T00:00:00Z', '2027-07-30T00:00:00Z'],
    ],
    [
      'LW: last weekday (Jan 31 2027 is a Sunday)',
      '0 0 LW * *',
      '2027-01-01T00:00:00Z',
      ['2027-01-29T00:00:00Z', '2027-02-26T00:00:00Z', '2027-03-31T00:00:00Z'],
    ],
    ['#: second Monday', '0 0 * * 1#2', '2027-01-01T00:00:00Z', ['2027-01-11T00:00:00Z', '2027-02-08T00:00:00Z']],
    [
      '#: fifth Monday skips months without one',
      '0 0 * * MON#5',
      '2027-01-01T00:00:00Z',
      ['2027-03-29T00:00:00Z', '2027-05-31T00:00:00Z', '2027-08-30T00:00:00Z'],
    ],
    ['nL: last Friday', '0 0 * * 5L', '2027-01-01T00:00:00Z', ['2027-01-29T00:00:00Z', '2027-02-26T00:00:00Z']],
    ['NAMEL: FRIL is the last Friday', '0 0 * * FRIL', '2027-03-01T00:00:00Z', ['2027-03-26T00:00:00Z']],
    [
      'Vixie: both restricted → either matches',
      '0 0 13 * 5',
      '2027-01-01T00:00:00Z',
      ['2027-01-08T00:00:00Z', '2027-01-13T00:00:00Z', '2027-01-15T00:00:00Z'],
    ],
    [
      'Vixie: */10 DOM counts as unrestricted → both must match',
      '0 0 */10 * 1',
      '2027-01-01T00:00:00Z',
      ['2027-01-11T00:00:00Z', '2027-02-01T00:00:00Z', '2027-03-01T00:00:00Z'],
    ],
    [
      'Vixie: * DOW → DOM alone',
      '0 0 13 * *',
      '2027-01-01T00:00:00Z',
      ['2027-01-13T00:00:00Z', '2027-02-13T00:00:00Z'],
    ],
    ['rare but possible: Feb 29 on a fifth Monday', '0 0 * 2 1#5', '2027-01-01T00:00:00Z', ['2044-02-29T00:00:00Z']],
    ['@hourly in upper case', '@HOURLY', '2027-01-01T00:00:00Z', ['2027-01-01T01:00:00Z', '2027-01-01T02:00:00Z']],
    ['@Daily', '@Daily', '2027-01-01T00:00:00Z', ['2027-01-02T00:00:00Z']],
    ['@midnight', '@midnight', '2027-01-01T00:00:00Z', ['2027-01-02T00:00:00Z']],
    ['@weekly is Sunday 00:00', '@weekly', '2027-01-01T00:00:00Z', ['2027-01-03T00:00:00Z']],
    ['@monthly', '@monthly', '2027-01-01T00:00:00Z', ['2027-02-01T00:00:00Z']],
    ['@yearly and @annually', '@annually', '2027-01-01T00:00:00Z', ['2028-01-01T00:00:00Z']],
  ]
  for (const [title, expr, from, want] of cases) {
    it(`${title} [${expr}]`, () => expect(fires(expr, 'UTC', from, want.length)).to.deep.equal(want))
  }

  it('a fire exactly at `after` is excluded; `after` need not be a whole second', () => {
    expect(fires('*/5 * * * *', 'UTC', '2027-01-06T10:00:00Z', 1)).to.deep.equal(['2027-01-06T10:05:00Z'])
    expect(fires('* * * * * *', 'UTC', '2027-01-06T10:00:00.500Z', 1)).to.deep.equal(['2027-01-06T10:00:01Z'])
  })

  it('evaluates in the given zone', () => {
    expect(fires('0 9 * * *', 'Asia/Kathmandu', '2027-01-01T00:00:00Z', 1)).to.deep.equal(['2027-01-01T09:00:00+05:45'])
  })
})

describe('DESIGN §1 H: hashed from the entry id (FNV-1a of "<seed>\\0<field>")', () => {
  it('FNV-1a 32 matches the published test vectors', () => {
    expect(fnv1a32('')).to.equal(0x811c9dc5)
    expect(fnv1a32('a')).to.equal(0xe40c292c)
    expect(fnv1a32('foobar')).to.equal(0xbf9cf968)
  })

  it('same seed → same minute, on every call', () => {
    const a = fires('H * * * *', 'UTC', '2027-01-01T00:00:00Z', 2, 'job-a')
    expect(fires('H * * * *', 'UTC', '2027-01-01T00:00:00Z', 2, 'job-a')).to.deep.equal(a)
    // minute = fnv1a32("job-a\0minute") % 60
    const minute = fnv1a32('job-a\u0000minute') % 60
    expect(a[0]).to.equal(`2027-01-01T00:${String(minute).padStart(2, '0')}:00Z`)
  })

  it('different seeds spread over the hour', () => {
    const minutes = new Set<string>()
    for (let i = 0; i < 100; i++)
      minutes.add((fires('H * * * *', 'UTC', '2027-01-01T00:00:00Z', 1, `job-${i}`)[0] as string).slice(14, 16))
    expect(minutes.size).to.be.greaterThan(40)
  })

  it('H/15 fires every 15 minutes from a hashed start below 15', () => {
    const start = fnv1a32('job-a\u0000minute') % 15
    const mm = (m: number) => String(m).padStart(2, '0')
    expect(fires('H/15 * * * *', 'UTC', '2027-01-01T00:00:00Z', 4, 'job-a')).to.deep.equal(
      [start, start + 15, start + 30, start + 45].map((m) => `2027-01-01T00:${mm(m)}:00Z`),
    )
  })

  it('H(0-29) stays within its range, H(0-29)/10 steps inside it', () => {
    for (let i = 0; i < 50; i++) {
      const minute = Number(
        (fires('H(0-29) * * * *', 'UTC', '2027-01-01T00:00:00Z', 1, `s${i}`)[0] as string).slice(14, 16),
      )
      expect(minute).to.be.within(0, 29)
    }
    const start = fnv1a32('job-a\u0000minute') % 10
    expect(
      fires('H(0-29)/10 0 * * *', 'UTC', '2027-01-01T00:00:00Z', 3, 'job-a').map((s) => Number(s.slice(14, 16))),
    ).to.deep.equal([start, start + 10, start + 20])
  })
})

describe('compileSchedule problems: rule, offset and length into the text', () => {
  const cases: [text: string, rule: string, offset: number, length: number, message: string][] = [
    ['61 * * * *', 'cron-range', 0, 2, 'minute 61 is out of range 0-59'],
    ['0 24 * * *', 'cron-range', 2, 2, 'hour 24 is out of range 0-23'],
    ['0 0 32 * *', 'cron-range', 4, 2, 'day-of-month 32 is out of range 1-31'],
    ['0 0 0 * *', 'cron-range', 4, 1, 'day-of-month 0 is out of range 1-31'],
    ['0 0 * 13 *', 'cron-range', 6, 2, 'month 13 is out of range 1-12'],
    ['0 0 * * 8', 'cron-range', 8, 1, 'day-of-week 8 is out of range 0-7'],
    ['60 0 0 * * *', 'cron-range', 0, 2, 'second 60 is out of range 0-59'],
    ['*/0 * * * *', 'cron-range', 2, 1, "minute step 0 in '*/0' must be at least 1"],
    ['5-1 * * * *', 'cron-range', 0, 3, "minute range '5-1' runs backwards"],
    ['0 0 * * 1#6', 'cron-range', 9, 2, 'day-of-week occurrence #6 is out of range 1-5'],
    ['0 0 32W * *', 'cron-range', 4, 2, "day-of-month 32 in '32W' is out of range 1-31"],
    ['a * * * *', 'cron-syntax', 0, 1, "minute field has 'a' where a number was expected"],
    ['1.5 * * * *', 'cron-syntax', 0, 3, "minute field has '1.5' where a number was expected"],
    ['* * * * mon-', 'cron-syntax', 12, 1, 'day-of-week field has a missing value where a number or name was expected'],
    ['0 0 1 JANX *', 'cron-syntax', 6, 4, "month 'JANX' is not a month name (use JAN-DEC or 1-12)"],
    ['0 0 * * MONDAY', 'cron-syntax', 8, 6, "day-of-week 'MONDAY' is not a day name (use SUN-SAT or 0-7)"],
    ['1,,2 * * * *', 'cron-syntax', 2, 0, "minute field '1,,2' has an empty list item"],
    ['*/5/2 * * * *', 'cron-syntax', 2, 3, "minute step '5/2' in '*/5/2' is not a whole number"],
    ['? * * * *', 'cron-syntax', 0, 1, "minute field has '?' where a number was expected"],
    [
      '',
      'cron-field-count',
      0,
      0,
      'cron needs 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first); got an empty schedule',
    ],
    [
      '* * *',
      'cron-field-count',
      0,
      5,
      "cron needs 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first); got 3 fields in '* * *'",
    ],
    [
      '* * * * * * *',
      'cron-field-count',
      0,
      13,
      "cron needs 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first); got 7 fields in '* * * * * * *'",
    ],
    ['0 0 30 2 *', 'cron-never-fires', 4, 6, "this schedule never fires: no date has day-of-month '30' in month '2'"],
    [
      '0 0 31 4,6 *',
      'cron-never-fires',
      4,
      8,
      "this schedule never fires: no date has day-of-month '31' in month '4,6'",
    ],
    ['@reboot', 'cron-reboot', 0, 7, '@reboot has no calendar meaning; qtab only runs calendar schedules'],
    ['@REBOOT', 'cron-reboot', 0, 7, '@reboot has no calendar meaning; qtab only runs calendar schedules'],
    [
      '@fortnightly',
      'cron-syntax',
      0,
      12,
      "unknown macro '@fortnightly' (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every or @at)",
    ],
    ['@daily 5', 'cron-syntax', 7, 1, "'@daily' takes no argument; unexpected '5'"],
    ['@every', 'every-syntax', 0, 6, '@every takes exactly one argument, a duration such as 90s, 15m, 1h30m or 2d'],
    ['@every 5 m', 'every-syntax', 9, 1, '@every takes exactly one argument, a duration such as 90s, 15m, 1h30m or 2d'],
    ['@every 1.5h', 'every-syntax', 7, 4, "@every '1.5h' is not a duration such as 90s, 15m, 1h30m or 2d"],
    ['@every 0s', 'every-syntax', 7, 2, "@every '0s' must be at least 1s"],
    [
      '@at tomorrow',
      'at-syntax',
      4,
      8,
      "@at 'tomorrow' is not an ISO-8601 date-time such as 2027-01-01T00:00 (seconds and an offset like Z or +02:00 are optional)",
    ],
    ['@at 2027-02-30T00:00', 'at-syntax', 4, 16, "@at '2027-02-30T00:00' is not a real date and time"],
    ['@at 2027-01-01T24:00', 'at-syntax', 4, 16, "@at '2027-01-01T24:00' is not a real date and time"],
  ]
  for (const [text, rule, offset, length, message] of cases) {
    it(`${JSON.stringify(text)} → ${rule} at ${offset}+${length}`, () => {
      const result = compileSchedule(text, {tz: 'UTC', seed: 'job'})
      expect(result.schedule).to.equal(undefined)
      expect(result.problems).to.deep.equal([{severity: 'error', rule, message, offset, length}])
    })
  }

  it('Vixie OR keeps a never-matching DOM alive when DOW is restricted: 0 0 30 FEB 1#5 fires on a fifth Monday', () => {
    expect(fires('0 0 30 FEB 1#5', 'UTC', '2027-01-01T00:00:00Z', 1)).to.deep.equal(['2044-02-29T00:00:00Z'])
  })

  it('an unknown zone is an unknown-zone problem, never a raw engine error', () => {
    const result = compileSchedule('0 9 * * *', {tz: 'Mars/Olympus', seed: 'job'})
    expect(result.schedule).to.equal(undefined)
    expect(result.problems).to.deep.equal([
      {
        severity: 'error',
        rule: 'unknown-zone',
        message: "unknown time zone 'Mars/Olympus' (expected an IANA name such as Europe/Berlin)",
        offset: 0,
        length: 9,
      },
    ])
  })

  it('reports one problem per bad field', () => {
    expect(
      compileSchedule('61 24 * * *', {tz: 'UTC', seed: 'job'}).problems.map((p) => [p.rule, p.offset]),
    ).to.deep.equal([
      ['cron-range', 0],
      ['cron-range', 3],
    ])
  })
})
