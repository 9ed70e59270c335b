import {expect} from 'chai'
import {formatInstant, formatRelative} from '../../src/next/format-time.js'

describe('formatInstant', () => {
  it('prints the wall time and offset of the zone', () => {
    expect(formatInstant(Date.parse('2027-03-14T07:00:00Z'), 'America/New_York')).to.equal('2027-03-14T03:00:00-04:00')
    expect(formatInstant(Date.parse('2027-01-01T00:00:00Z'), 'UTC')).to.equal('2027-01-01T00:00:00Z')
    expect(formatInstant(Date.parse('2027-10-03T15:30:00Z'), 'Australia/Lord_Howe')).to.equal(
      '2027-10-04T02:30:00+11:00',
    )
  })
})

describe('formatRelative', () => {
  const from = Date.parse('2027-01-01T00:00:00Z')
  const table: [number, string][] = [
    [0, 'now'],
    [45, 'in 45s'],
    [3 * 3600 + 12 * 60 + 7, 'in 3h 12m'],
    [3 * 3600 + 5, 'in 3h'],
    [2 * 86_400 + 4 * 3600, 'in 2d 4h'],
    [61, 'in 1m 1s'],
    [-303, '5m 3s ago'],
  ]
  for (const [seconds, want] of table) {
    it(`${seconds}s -> ${want}`, () => expect(formatRelative(from, from + seconds * 1000)).to.equal(want))
  }
})
