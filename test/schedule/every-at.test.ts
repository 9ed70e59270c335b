import {expect} from 'chai'
import {atInstant, isAtInPast} from '../../src/schedule/compile.js'
import {compiled, fires} from './helpers.js'

describe('DESIGN §1 @every: multiples of the interval since the Unix epoch', () => {
  it('@every 90s fires on multiples of 90 s, whatever the zone', () => {
    // 2027-01-01T00:00:00Z = 1798761600 s = 19986240 × 90
    const want = ['2027-01-01T00:01:30Z', '2027-01-01T00:03:00Z']
    expect(fires('@every 90s', 'UTC', '2027-01-01T00:00:00Z', 2)).to.deep.equal(want)
    const berlin = compiled('@every 90s', 'Europe/Berlin')
    expect(berlin.next(Date.parse('2027-01-01T00:00:00Z'))).to.equal(Date.parse(want[0] as string))
  })

  it('@every 1h30m from the epoch: 1970-01-01T00:00Z + k·5400 s', () => {
    expect(fires('@every 1h30m', 'UTC', '1970-01-01T00:00:00Z', 2)).to.deep.equal([
      '1970-01-01T01:30:00Z',
      '1970-01-01T03:00:00Z',
    ])
  })

  it('@every 7d fires on Thursdays 00:00 UTC (the epoch was a Thursday); a fire at `after` is excluded', () => {
    expect(fires('@every 7d', 'UTC', '2027-01-07T00:00:00Z', 1)).to.deep.equal(['2027-01-14T00:00:00Z'])
  })
})

describe('DESIGN §1 @at: one fire', () => {
  it('with an offset: that instant', () => {
    expect(fires('@at 2027-01-01T00:00:00+02:00', 'America/New_York', '2026-01-01T00:00:00Z', 2)).to.deep.equal([
      '2026-12-31T17:00:00-05:00',
    ])
    expect(fires('@at 2027-01-01T00:00Z', 'Asia/Tokyo', '2026-01-01T00:00:00Z', 2)).to.deep.equal([
      '2027-01-01T09:00:00+09:00',
    ])
  })

  it('without an offset: read in the zone in force', () => {
    expect(fires('@at 2027-01-01T00:00', 'Europe/Berlin', '2026-01-01T00:00:00Z', 2)).to.deep.equal([
      '2027-01-01T00:00:00+01:00',
    ])
    expect(fires('@at 2027-06-01T12:30:15', 'Europe/Berlin', '2026-01-01T00:00:00Z', 1)).to.deep.equal([
      '2027-06-01T12:30:15+02:00',
    ])
  })

  it('DESIGN §2: a wall time in a gap runs at the end of the gap; a repeated one in the first pass', () => {
    expect(fires('@at 2027-03-14T02:30', 'America/New_York', '2026-01-01T00:00:00Z', 1)).to.deep.equal([
      '2027-03-14T03:00:00-04:00',
    ])
    expect(fires('@at 2027-11-07T01:30', 'America/New_York', '2026-01-01T00:00:00Z', 1)).to.deep.equal([
      '2027-11-07T01:30:00-04:00',
    ])
  })

  it('next() is null once the instant is not after `after`; atInstant and isAtInPast tell lint', () => {
    const at = compiled('@at 2027-01-01T00:00Z', 'UTC')
    const instant = Date.parse('2027-01-01T00:00:00Z')
    expect(at.next(instant - 1)).to.equal(instant)
    expect(at.next(instant)).to.equal(null)
    expect(atInstant(at)).to.equal(instant)
    expect(isAtInPast(at, instant)).to.equal(true)
    expect(isAtInPast(at, instant - 1)).to.equal(false)
    expect(atInstant(compiled('@hourly', 'UTC'))).to.equal(undefined)
    expect(isAtInPast(compiled('@hourly', 'UTC'), instant)).to.equal(false)
  })
})
