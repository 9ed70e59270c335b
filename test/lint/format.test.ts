import {expect} from 'chai'
import {lintExitCode} from '../../src/lint/exit-code.js'
import {escapeProperty, formatGithub} from '../../src/lint/format/github.js'
import {formatJson} from '../../src/lint/format/json.js'
import {formatText} from '../../src/lint/format/text.js'
import type {Diagnostic} from '../../src/qtabfile/types.js'

const error: Diagnostic = {
  file: 'Qtabfile',
  line: 4,
  column: 9,
  endColumn: 11,
  severity: 'error',
  rule: 'cron-range',
  message: 'hour 24 is out of range 0-23',
}
const warning: Diagnostic = {
  file: 'ops/Qtabfile',
  line: 2,
  column: 1,
  severity: 'warning',
  rule: 'dom-dow-or',
  message: 'fires when day-of-month 13 OR day-of-week FRI matches (Vixie rule)',
}

describe('formatText', () => {
  it('prints FILE:LINE:COL: severity: message [rule] and a summary', () => {
    expect(formatText([error, error, warning], {color: false, filesChecked: 3})).to.equal(
      'Qtabfile:4:9: error: hour 24 is out of range 0-23 [cron-range]\n' +
        'Qtabfile:4:9: error: hour 24 is out of range 0-23 [cron-range]\n' +
        'ops/Qtabfile:2:1: warning: fires when day-of-month 13 OR day-of-week FRI matches (Vixie rule) [dom-dow-or]\n' +
        '2 errors, 1 warning in 2 files\n',
    )
  })
  it('says so when there is nothing to report', () => {
    expect(formatText([], {color: false, filesChecked: 1})).to.equal('no problems in 1 file\n')
  })
  it('colours only when told to', () => {
    expect(formatText([warning], {color: true, filesChecked: 1})).to.equal(
      'ops/Qtabfile:2:1: \u001b[33mwarning\u001b[39m: fires when day-of-month 13 OR day-of-week FRI matches (Vixie rule) \u001b[2m[dom-dow-or]\u001b[22m\n' +
        '0 errors, 1 warning in 1 file\n',
    )
  })
})

describe('formatJson', () => {
  it('prints one array of {file, line, column, severity, rule, message}', () => {
    expect(JSON.parse(formatJson([error, warning]))).to.deep.equal([
      {
        file: 'Qtabfile',
        line: 4,
        column: 9,
        severity: 'error',
        rule: 'cron-range',
        message: 'hour 24 is out of range 0-23',
      },
      {
        file: 'ops/Qtabfile',
        line: 2,
        column: 1,
        severity: 'warning',
        rule: 'dom-dow-or',
        message: 'fires when day-of-month 13 OR day-of-week FRI matches (Vixie rule)',
      },
    ])
    expect(formatJson([])).to.equal('[]\n')
  })
})

describe('formatGithub', () => {
  it('prints workflow annotations', () => {
    expect(formatGithub([error, warning])).to.equal(
      '::error file=Qtabfile,line=4,col=9,endColumn=11,title=qtab cron-range::hour 24 is out of range 0-23\n' +
        '::warning file=ops/Qtabfile,line=2,col=1,title=qtab dom-dow-or::fires when day-of-month 13 OR day-of-week FRI matches (Vixie rule)\n',
    )
  })
  it('escapes % CR LF in messages, and also : and , in properties', () => {
    const odd: Diagnostic = {...warning, file: 'a,b:c%.qtab', message: '100% sure\r\nline 2, col: 3'}
    expect(formatGithub([odd])).to.equal(
      '::warning file=a%2Cb%3Ac%25.qtab,line=2,col=1,title=qtab dom-dow-or::100%25 sure%0D%0Aline 2, col: 3\n',
    )
    expect(escapeProperty('x:y,z%\n')).to.equal('x%3Ay%2Cz%25%0A')
  })
})

describe('lintExitCode', () => {
  const table: [
    string,
    Pick<Parameters<typeof lintExitCode>[0], 'diagnostics'>['diagnostics'],
    number,
    boolean,
    0 | 1 | 2,
  ][] = [
    ['clean', [], 0, false, 0],
    ['warnings only', [warning], 0, false, 0],
    ['warnings only, strict', [warning], 0, true, 1],
    ['an error', [error, warning], 0, false, 1],
    ['an unreadable file wins', [error], 1, true, 2],
    ['unreadable, nothing else', [], 1, false, 2],
  ]
  for (const [name, diagnostics, unreadable, strict, want] of table) {
    it(`${name} -> ${want}`, () => {
      const report = {
        diagnostics,
        unreadable: Array.from({length: unreadable}, () => ({file: 'x', message: 'cannot read x'})),
      }
      expect(lintExitCode(report, {strict})).to.equal(want)
    })
  }
})
