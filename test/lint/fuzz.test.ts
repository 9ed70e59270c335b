import {readFileSync} from 'node:fs'
import {expect} from 'chai'
import {lintText} from '../../src/lint/lint-files.js'
import {splitLines} from '../../src/qtabfile/line-tokens.js'
import {prng} from '../helpers/prng.js'

const RUNS = 3000
const SEED = process.env.QTAB_FUZZ_SEED ? Number(process.env.QTAB_FUZZ_SEED) : Date.now() % 2 ** 31
const BASE = readFileSync('test/fixtures/valid.qtab', 'utf8')
const NOW = Date.parse('2026-06-01T00:00:00Z')

const CHARS = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '\uFEFF',
  '\u00a0',
  '\u2028',
  '\uD83D\uDE00',
  '\uD800',
  'é',
  '#',
  '"',
  '\\',
  '[',
  ']',
  '{',
  '}',
  '=',
  ':',
  ',',
  '-',
  '/',
  '*',
  '?',
  '@',
  'L',
  'W',
  'H',
  '(',
  ')',
  '0',
  '9',
  'x',
]
const PIECES = [
  '99999999999999999999999',
  '1e400',
  '@every',
  '@at',
  '@reboot',
  '@HOURLY',
  'args=[',
  'kwargs={"a": ',
  '"unterminated',
  'TZ=',
  'tz=Europe/Berlin',
  'priority=',
  'id=x',
  ' # c',
  'MON#2',
  '5L',
  '15W',
  'H(0-5)/2',
  '*/0',
  '0-',
  '2027-02-30T25:61',
  '[[[[[[[[',
  '}}}}',
  '\uFEFF',
  '\r',
]

type Rand = () => number
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T

function mutate(r: Rand, text: string): string {
  const at = Math.floor(r() * (text.length + 1))
  switch (Math.floor(r() * 7)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 5))
    case 1:
      return text.slice(0, at) + pick(r, CHARS) + text.slice(at)
    case 2:
      return text.slice(0, at) + pick(r, PIECES) + text.slice(at)
    case 3: {
      const len = Math.floor(r() * 40)
      return text.slice(0, at) + text.slice(at, at + len).repeat(1 + Math.floor(r() * 3)) + text.slice(at)
    }
    case 4: {
      const words = text.split(' ')
      const i = Math.floor(r() * words.length)
      const j = Math.floor(r() * words.length)
      ;[words[i], words[j]] = [words[j] as string, words[i] as string]
      return words.join(' ')
    }
    case 5: {
      const lines = text.split('\n')
      lines.splice(Math.floor(r() * lines.length), 0, pick(r, lines))
      return lines.join('\n')
    }
    default:
      return text.slice(0, at) + pick(r, PIECES).repeat(1 + Math.floor(r() * 200)) + text.slice(at)
  }
}

function randomFile(r: Rand): string {
  const lines: string[] = []
  for (let n = Math.floor(r() * 8); n > 0; n--) {
    const words: string[] = []
    for (let w = Math.floor(r() * 9); w > 0; w--)
      words.push(r() < 0.5 ? pick(r, PIECES) : pick(r, CHARS).repeat(1 + Math.floor(r() * 3)))
    lines.push(words.join(r() < 0.8 ? ' ' : '\t'))
  }
  return lines.join(r() < 0.5 ? '\n' : '\r\n')
}

describe('fuzz: parser and lint over random and mutated Qtabfiles', () => {
  it(`never throws, stays fast, and keeps every position inside the file (${RUNS} runs, QTAB_FUZZ_SEED=${SEED})`, function () {
    this.timeout(60_000)
    console.log(`      fuzz seed ${SEED} (replay with QTAB_FUZZ_SEED=${SEED})`)
    const r = prng(SEED)
    for (let run = 0; run < RUNS; run++) {
      let text = r() < 0.2 ? randomFile(r) : BASE
      for (let m = Math.floor(r() * 6) + (text === BASE ? 1 : 0); m > 0; m--) text = mutate(r, text)
      const context = `run ${run}, seed ${SEED}, input ${JSON.stringify(text.slice(0, 300))}`
      const started = performance.now()
      // The real DST scan (a year of zone changes per entry) on one run in ten keeps the run short.
      const dstNotes = run % 10 === 0 ? undefined : () => []
      const diagnostics = lintText(text, 'F', {defaultTz: 'UTC', now: NOW, dstNotes})
      expect(performance.now() - started, context).to.be.below(1000)
      const lines = splitLines(text)
      for (const d of diagnostics) {
        const where = `${context}: ${JSON.stringify(d)}`
        expect(d.line, where).to.be.within(1, lines.length)
        expect(d.column, where).to.be.within(1, (lines[d.line - 1] as string).length + 1)
        if (d.endColumn !== undefined)
          expect(d.endColumn, where).to.be.within(d.column, (lines[d.line - 1] as string).length + 1)
      }
    }
  })
})
