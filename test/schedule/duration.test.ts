import {expect} from 'chai'
import {formatDuration, parseDuration} from '../../src/schedule/duration.js'

describe('parseDuration', () => {
  const table: [string, number | null][] = [
    ['90s', 90],
    ['15m', 900],
    ['1h30m', 5400],
    ['2d', 172_800],
    ['1d2h3m4s', 93_784],
    ['0s', 0],
    ['1H', 3600],
    ['', null],
    ['90', null],
    ['1.5h', null],
    ['30m1h', null],
    ['1h1h', null],
    ['-5s', null],
    ['5ms', null],
    ['5 s', null],
  ]
  for (const [text, want] of table) {
    it(`${JSON.stringify(text)} -> ${want}`, () => expect(parseDuration(text)).to.equal(want))
  }
})

describe('formatDuration', () => {
  it('round-trips', () => {
    expect(formatDuration(5400)).to.equal('1h30m')
    expect(formatDuration(93_784)).to.equal('1d2h3m4s')
    expect(formatDuration(0)).to.equal('0s')
    expect(parseDuration(formatDuration(86_401))).to.equal(86_401)
  })
})
