// Differential test against cron-parser, the reference cron library of qtab's stack. qtab's
// engine is its own (field positions for lint, W, L-n, a version-stable H, cronie's DST rules,
// Vixie's rule for `*/n` day-of-month), so the comparison is limited to what both define the
// same way: no W / L-n / H, no `*/n` day field beside a restricted other one, and zones
// without offset changes (UTC and fixed-offset zones), where DST rules cannot differ.
import {expect} from 'chai'
import {CronExpressionParser} from 'cron-parser'
import {compileSchedule} from '../../src/schedule/compile.js'
import {prng} from '../helpers/prng.js'

const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Tokyo', 'Etc/GMT+5', 'Asia/Kathmandu', 'Africa/Nairobi']
const DOW_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

describe('cron-parser reference: same fires where both libraries define them the same way', () => {
  it('2,000 random expressions x 3 fires agree with CronExpressionParser', () => {
    const seed = Number(process.env.QTAB_PROP_SEED ?? Math.floor(Math.random() * 2 ** 31))
    const rand = prng(seed)
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
    const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)] as T
    const field = (lo: number, hi: number): string => {
      switch (int(0, 5)) {
        case 0:
          return '*'
        case 1:
          return `*/${int(2, Math.max(2, Math.floor((hi - lo) / 2)))}`
        case 2: {
          const a = int(lo, hi)
          return `${a}-${int(a, hi)}`
        }
        case 3:
          return [...new Set([int(lo, hi), int(lo, hi), int(lo, hi)])].sort((x, y) => x - y).join(',')
        default:
          return String(int(lo, hi))
      }
    }
    const dowField = (): string => {
      switch (int(0, 4)) {
        case 0:
          return '*'
        case 1:
          return `${pick(DOW_NAMES)}-${DOW_NAMES[6]}`
        case 2:
          return `${int(0, 6)}L`
        case 3:
          return `${int(0, 6)}#${int(1, 4)}`
        default:
          return field(0, 6)
      }
    }
    const failures: string[] = []
    let compared = 0
    for (let i = 0; i < 2000; i++) {
      let dom = int(0, 5) === 0 ? 'L' : field(1, 31)
      let dow = dowField()
      // A day field starting with `*/` is unrestricted for Vixie (AND); cron-parser ORs it.
      if (dom.startsWith('*/') && dow !== '*') dom = '*'
      if (dow.startsWith('*/') && dom !== '*') dow = '*'
      const fields = [field(0, 59), field(0, 23), dom, field(1, 12), dow]
      if (rand() < 0.3) fields.unshift(field(0, 59))
      const expr = fields.join(' ')
      const tz = pick(ZONES)
      const from = Date.UTC(int(1995, 2035), int(0, 11), int(1, 28), int(0, 23), int(0, 59), int(0, 59))
      const ours = compileSchedule(expr, {tz, seed: 'ref'}).schedule
      let theirs: number[]
      try {
        const it = CronExpressionParser.parse(expr, {currentDate: new Date(from), tz})
        theirs = [0, 1, 2].map(() => it.next().getTime())
      } catch {
        continue // cron-parser rejects (e.g. a day it considers impossible) or runs past its loop limit
      }
      if (!ours) {
        failures.push(`${expr} (${tz}): qtab rejects, cron-parser accepts`)
        continue
      }
      compared++
      const got: number[] = []
      let t: number | null = from
      while (got.length < 3 && (t = ours.next(t)) !== null) got.push(t)
      if (JSON.stringify(got) !== JSON.stringify(theirs)) {
        const iso = (xs: number[]) => xs.map((x) => new Date(x).toISOString()).join(', ')
        failures.push(
          `${expr} (${tz}) from ${new Date(from).toISOString()}: qtab ${iso(got)} / cron-parser ${iso(theirs)}`,
        )
      }
    }
    expect(compared, 'expressions both libraries accept').to.be.above(1800)
    expect(failures.length, `seed ${seed}\n      ${failures.slice(0, 10).join('\n      ')}`).to.equal(0)
  })
})
