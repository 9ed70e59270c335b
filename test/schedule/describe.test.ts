import {expect} from 'chai'
import {describeSchedule} from '../../src/schedule/describe.js'
import {fnv1a32} from '../../src/schedule/hash.js'

describe('describeSchedule', () => {
  const opts = {tz: 'Europe/Berlin', seed: 'job-a'}
  const cases: [string, string][] = [
    ['0 9 * * MON-FRI', 'At 09:00, Monday through Friday'],
    ['*/10 * * * * *', 'Every 10 seconds'],
    ['0 30 9 * * *', 'At 09:30'],
    ['@hourly', 'Every hour'],
    ['@DAILY', 'At 00:00'],
    ['0 0 15W * *', 'At 00:00, on the weekday nearest day 15 of the month'],
    ['0 0 * * 5L', 'At 00:00, on the last Friday of the month'],
    ['0 0 */2 * 1', 'At 00:00, every 2 days in a month, only on Monday'],
    ['@every 90s', 'every 1m 30s'],
    ['@every 1h30m', 'every 1h 30m'],
    ['@at 2027-01-01T00:00', 'once at 2027-01-01 00:00 Europe/Berlin'],
    ['@at 2027-01-01T00:00:30Z', 'once at 2027-01-01 01:00:30 Europe/Berlin'],
    ['61 * * * *', '61 * * * *'],
  ]
  for (const [text, want] of cases) it(`${text} → ${want}`, () => expect(describeSchedule(text, opts)).to.equal(want))

  it('H is described by the minute it hashed to', () => {
    const minute = fnv1a32('job-a\u0000minute') % 60
    expect(describeSchedule('H 9 * * *', opts)).to.equal(`At 09:${String(minute).padStart(2, '0')}`)
  })
})
