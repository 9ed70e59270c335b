import {expect} from 'chai'
import type {MisfirePolicy} from '../../src/qtabfile/types.js'
import {dueFires, MAX_CATCH_UP_FIRES} from '../../src/scheduler/misfire-policy.js'
import {everySchedule} from '../helpers/fake-schedule.js'

describe('dueFires (DESIGN §3 misfire policies)', () => {
  const minute = everySchedule(60_000)
  const M = 60_000
  // [title, cursor, now, policy, grace, expected] — instants in minutes since the epoch
  const table: [string, number, number, MisfirePolicy, number, number[]][] = [
    ['nothing due before the next fire', 10, 10.5, 'latest', 60_000, []],
    ['on time: latest enqueues the one fire', 10, 11, 'latest', 60_000, [11]],
    ['on time: all enqueues the one fire', 10, 11, 'all', 60_000, [11]],
    ['on time: skip enqueues the one fire', 10, 11, 'skip', 60_000, [11]],
    ['fire at the cursor is not due again', 11, 11, 'all', 60_000, []],
    ['5 missed: latest only the newest', 10, 15.5, 'latest', 60_000, [15]],
    ['5 missed: all, oldest first', 10, 15.5, 'all', 60_000, [11, 12, 13, 14, 15]],
    ['5 missed: skip keeps only those ≤ grace late', 10, 15.5, 'skip', 60_000, [15]],
    ['skip with a wider grace (13 is exactly 2.5 min late)', 10, 15.5, 'skip', 150_000, [13, 14, 15]],
    ['skip: exactly grace late is still on time', 10, 15, 'skip', 240_000, [11, 12, 13, 14, 15]],
    ['skip: every fire too late', 10, 15.9, 'skip', 30_000, []],
    ['clock behind the cursor: nothing', 20, 15, 'all', 60_000, []],
  ]
  for (const [title, cursor, now, policy, grace, want] of table) {
    it(`${title}: (${cursor}, ${now}] ${policy} grace=${grace / 1000}s -> [${want}]`, () => {
      expect(dueFires(minute, cursor * M, now * M, policy, grace)).to.deep.equal(want.map((m) => m * M))
    })
  }

  it(`all is capped at the newest ${MAX_CATCH_UP_FIRES}, oldest first`, () => {
    const got = dueFires(minute, 0, 250 * M, 'all', 0)
    expect(got).to.have.length(100)
    expect(got[0]).to.equal(151 * M)
    expect(got[99]).to.equal(250 * M)
  })

  it('a schedule that never fires again yields nothing', () => {
    expect(dueFires({next: () => null}, 0, 1e12, 'all', 0)).to.deep.equal([])
  })

  it('a schedule that does not move forward cannot hang', () => {
    expect(dueFires({next: () => 5}, 0, 10, 'all', 0)).to.deep.equal([5])
  })
})
