import {expect} from 'chai'
import {fires} from './helpers.js'

// Instants are exact ISO strings with the zone's offset; the local wall time is the part before it.
describe('DESIGN §2 DST rules (cronie), every UTC-offset change', () => {
  const cases: {title: string; expr: string; tz: string; from: string; want: string[]}[] = [
    {
      title: 'spring-forward: fixed-time fires once at 03:00 EDT (cron-parser says 03:30)',
      expr: '30 2 * * *',
      tz: 'America/New_York',
      from: '2027-03-12T12:00:00Z',
      want: ['2027-03-13T02:30:00-05:00', '2027-03-14T03:00:00-04:00', '2027-03-15T02:30:00-04:00'],
    },
    {
      title: 'spring-forward: several fixed-time wall times in the gap fire once, at the gap end',
      expr: '0,20,40 2 * * *',
      tz: 'America/New_York',
      from: '2027-03-14T00:00:00-05:00',
      want: ['2027-03-14T03:00:00-04:00', '2027-03-15T02:00:00-04:00'],
    },
    {
      title: 'spring-forward: a gap fire and a real 03:00 fire are one fire',
      expr: '30 2,3 * * *',
      tz: 'America/New_York',
      from: '2027-03-14T00:00:00-05:00',
      want: ['2027-03-14T03:00:00-04:00', '2027-03-14T03:30:00-04:00', '2027-03-15T02:30:00-04:00'],
    },
    {
      title: 'spring-forward: wildcard hour has no fire for the missing 02:00',
      expr: '0 * * * *',
      tz: 'America/New_York',
      from: '2027-03-14T00:30:00-05:00',
      want: ['2027-03-14T01:00:00-05:00', '2027-03-14T03:00:00-04:00', '2027-03-14T04:00:00-04:00'],
    },
    {
      title: 'spring-forward: wildcard minute (*/30 2) has no fire at all that day',
      expr: '*/30 2 * * *',
      tz: 'America/New_York',
      from: '2027-03-13T12:00:00Z',
      want: ['2027-03-15T02:00:00-04:00', '2027-03-15T02:30:00-04:00'],
    },
    {
      title: 'fall-back: fixed-time fires once, in the first pass (EDT)',
      expr: '30 1 * * *',
      tz: 'America/New_York',
      from: '2027-11-05T12:00:00Z',
      want: ['2027-11-06T01:30:00-04:00', '2027-11-07T01:30:00-04:00', '2027-11-08T01:30:00-05:00'],
    },
    {
      title: 'fall-back: wildcard hour fires in both passes (01:00 EDT and 01:00 EST)',
      expr: '0 * * * *',
      tz: 'America/New_York',
      from: '2027-11-07T03:30:00Z',
      want: [
        '2027-11-07T00:00:00-04:00',
        '2027-11-07T01:00:00-04:00',
        '2027-11-07T01:00:00-05:00',
        '2027-11-07T02:00:00-05:00',
      ],
    },
    {
      title: 'fall-back: wildcard minute with fixed hour fires in both passes',
      expr: '*/30 1 * * *',
      tz: 'America/New_York',
      from: '2027-11-06T12:00:00Z',
      want: [
        '2027-11-07T01:00:00-04:00',
        '2027-11-07T01:30:00-04:00',
        '2027-11-07T01:00:00-05:00',
        '2027-11-07T01:30:00-05:00',
        '2027-11-08T01:00:00-05:00',
      ],
    },
    {
      title: 'spring-forward 30-minute shift: Lord_Howe 02:15 runs at 02:30 +11:00',
      expr: '15 2 * * *',
      tz: 'Australia/Lord_Howe',
      from: '2027-10-02T00:00:00+10:30',
      want: ['2027-10-02T02:15:00+10:30', '2027-10-03T02:30:00+11:00', '2027-10-04T02:15:00+11:00'],
    },
    {
      title: 'fall-back 30-minute shift: Lord_Howe 01:45 runs once (+11:00)',
      expr: '45 1 * * *',
      tz: 'Australia/Lord_Howe',
      from: '2027-04-03T12:00:00+11:00',
      want: ['2027-04-04T01:45:00+11:00', '2027-04-05T01:45:00+10:30'],
    },
    {
      title: 'two-hour gap: Troll 01:30 runs at 03:00 +02:00',
      expr: '30 1 * * *',
      tz: 'Antarctica/Troll',
      from: '2027-03-27T12:00:00Z',
      want: ['2027-03-28T03:00:00+02:00', '2027-03-29T01:30:00+02:00'],
    },
    {
      title: 'two-hour fold: Troll 01:30 runs once, in the first pass (+02:00)',
      expr: '30 1 * * *',
      tz: 'Antarctica/Troll',
      from: '2027-10-30T12:00:00Z',
      want: ['2027-10-31T01:30:00+02:00', '2027-11-01T01:30:00+00:00'],
    },
    {
      title: 'spring-forward at midnight: Santiago 00:30 runs at 01:00 -03:00',
      expr: '30 0 * * *',
      tz: 'America/Santiago',
      from: '2027-09-04T12:00:00-04:00',
      want: ['2027-09-05T01:00:00-03:00', '2027-09-06T00:30:00-03:00'],
    },
    {
      title: 'seconds field, fixed minute/hour: 02:30:15 in the gap runs at 03:00:00 EDT',
      expr: '15 30 2 * * *',
      tz: 'America/New_York',
      from: '2027-03-14T00:00:00-05:00',
      want: ['2027-03-14T03:00:00-04:00', '2027-03-15T02:30:15-04:00'],
    },
    {
      title: 'London: 01:30 in the gap runs at 02:00 BST',
      expr: '30 1 * * *',
      tz: 'Europe/London',
      from: '2027-03-27T12:00:00Z',
      want: ['2027-03-28T02:00:00+01:00', '2027-03-29T01:30:00+01:00'],
    },
  ]
  for (const c of cases) {
    it(`${c.title} [${c.expr} ${c.tz}]`, () => expect(fires(c.expr, c.tz, c.from, c.want.length)).to.deep.equal(c.want))
  }
})
