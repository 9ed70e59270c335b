import {expect} from 'chai'
import {dstNotes} from '../../src/schedule/dst-notes.js'
import {compiled} from './helpers.js'

const YEAR_2027: [number, number] = [Date.parse('2027-01-01T00:00:00Z'), Date.parse('2028-01-01T00:00:00Z')]

describe('dstNotes: zone changes that move, drop or double a fire (DESIGN §2)', () => {
  const cases: [expr: string, tz: string, want: {date: string; message: string}[]][] = [
    [
      '30 2 * * *',
      'America/New_York',
      [
        {
          date: '2027-03-14',
          message: 'on 2027-03-14 America/New_York skips 02:00-03:00: the 02:30 fire runs at 03:00 EDT instead',
        },
      ],
    ],
    [
      '0,30 2 * * *',
      'America/New_York',
      [
        {
          date: '2027-03-14',
          message: 'on 2027-03-14 America/New_York skips 02:00-03:00: the 02:00 and 02:30 fires run once, at 03:00 EDT',
        },
      ],
    ],
    [
      '30 1 * * *',
      'America/New_York',
      [
        {
          date: '2027-11-07',
          message:
            'on 2027-11-07 America/New_York repeats 01:00-02:00: the 01:30 fire runs once, in the first pass (EDT)',
        },
      ],
    ],
    [
      '0 */2 * * *',
      'America/New_York',
      [
        {
          date: '2027-03-14',
          message: 'on 2027-03-14 America/New_York skips 02:00-03:00: no fire for the missing 02:00',
        },
      ],
    ],
    // Every hour keeps its real-time spacing through a whole-hour change: nothing to warn about.
    ['0 * * * *', 'America/New_York', []],
    ['*/10 * * * * *', 'Europe/Berlin', []],
    // ...but not through Lord Howe's 30-minute change, unless the pattern repeats every 30 minutes.
    [
      '0 * * * *',
      'Australia/Lord_Howe',
      [
        {
          date: '2027-10-03',
          message: 'on 2027-10-03 Australia/Lord_Howe skips 02:00-02:30: no fire for the missing 02:00',
        },
      ],
    ],
    ['*/30 * * * *', 'Australia/Lord_Howe', []],
    [
      '15 2 * * *',
      'Australia/Lord_Howe',
      [
        {
          date: '2027-10-03',
          message: 'on 2027-10-03 Australia/Lord_Howe skips 02:00-02:30: the 02:15 fire runs at 02:30 GMT+11 instead',
        },
      ],
    ],
    ['0 9 * * *', 'America/New_York', []],
    ['30 2 * * 1-5', 'America/New_York', []],
    ['0 * * * *', 'UTC', []],
    ['@every 1h', 'America/New_York', []],
    [
      '@at 2027-03-14T02:30',
      'America/New_York',
      [
        {
          date: '2027-03-14',
          message:
            'on 2027-03-14 America/New_York skips 02:00-03:00: the @at time does not exist; it runs at 03:00 EDT',
        },
      ],
    ],
  ]
  for (const [expr, tz, want] of cases) {
    it(`${expr} ${tz} → ${want.length} note(s)`, () =>
      expect(dstNotes(compiled(expr, tz), ...YEAR_2027)).to.deep.equal(want))
  }
})
