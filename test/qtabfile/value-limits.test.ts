// Inputs that parse as JSON or durations but could not reach a worker intact (found by trying
// to break qtab as a new user would): each is a positioned lint error, not a run-time crash.
import {expect} from 'chai'
import {lintText} from '../../src/lint/lint-files.js'

const lint = (line: string) =>
  lintText(line + '\n', 'Q', {defaultTz: 'UTC', now: Date.parse('2026-12-03T00:00:00Z')}).map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.message} [${d.rule}]`,
  )

describe('value limits: what would break a worker or qtab run is a lint error', () => {
  it('args nested deeper than 100 levels', () => {
    expect(lint(`@daily deep args=${'['.repeat(3000)}${']'.repeat(3000)}`)).to.deep.equal([
      '1:18 error args: nested deeper than 100 levels [json]',
    ])
    expect(lint(`@daily ok args=${'['.repeat(100)}${']'.repeat(100)}`)).to.deep.equal([])
  })

  it('integers beyond ±2^53 and numbers out of range', () => {
    expect(lint('@daily big args=[12345678901234567890]')).to.deep.equal([
      '1:17 error args: the number 12345678901234567000 is beyond ±2^53 and would lose digits; pass it as a string [json]',
    ])
    expect(lint('@daily inf kwargs={"x": 1e400}')).to.deep.equal([
      '1:19 error kwargs: a number is out of range (it would become Infinity) [json]',
    ])
    expect(lint('@daily fine args=[9007199254740991, 1.5, -3]')).to.deep.equal([])
  })

  it('@every longer than ten years', () => {
    expect(lint('@every 99999999999d long')).to.deep.equal([
      "1:8 error @every '99999999999d' is longer than 3650d; use @yearly or a cron expression [every-syntax]",
    ])
    expect(lint('@every 3650d decade')).to.deep.equal([])
  })

  it('APP=qtab would mix qtab keys into the app prefix', () => {
    expect(lint('APP=qtab')).to.deep.equal([
      '1:5 error APP "qtab" would put qtab\'s own keys (qtab:{APP}:…) under the app\'s prefix [option-value]',
    ])
  })
})
