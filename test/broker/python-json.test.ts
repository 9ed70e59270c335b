import {expect} from 'chai'
import {pythonJsonDumps} from '../../src/broker/python-json.js'

// Expected texts were produced by CPython 3 `json.dumps(value)` (default arguments).
describe('pythonJsonDumps matches Python json.dumps defaults', () => {
  const table: [string, unknown, string][] = [
    ['QTasks protocol example args', ['2026-12-03', 42], '["2026-12-03", 42]'],
    ['QTasks protocol example kwargs', {team: 'ops', note: 'é'}, '{"team": "ops", "note": "\\u00e9"}'],
    ['empty args', [], '[]'],
    ['empty kwargs', {}, '{}'],
    ['nested, spacing', {a: [1, {b: null}]}, '{"a": [1, {"b": null}]}'],
    ['literals', [null, true, false], '[null, true, false]'],
    ['astral char as a surrogate pair', ['😀'], '["\\ud83d\\ude00"]'],
    ['BMP non-latin, lower-case hex', {ünï: '日本'}, '{"\\u00fcn\\u00ef": "\\u65e5\\u672c"}'],
    ['DEL and control chars', ['\x7f', '\x00\x1f'], '["\\u007f", "\\u0000\\u001f"]'],
    ['short escapes', ['a"b\\c\n\t\r\b\f'], '["a\\"b\\\\c\\n\\t\\r\\b\\f"]'],
    ['negative int', [-5], '[-5]'],
    ['-0 (JSON "-0" is int 0 in Python)', [-0], '[0]'],
    ['float', [1.5, -0.5, 0.1, 123.456], '[1.5, -0.5, 0.1, 123.456]'],
    ['float round-trip digits', [0.30000000000000004], '[0.30000000000000004]'],
    [
      'small floats switch to exponent below 1e-4',
      [0.0001, 1e-5, 2.5e-300, 5e-324],
      '[0.0001, 1e-05, 2.5e-300, 5e-324]',
    ],
    ['float with fraction near 2^44', [12345678901234.5], '[12345678901234.5]'],
    ['integral beyond 2^53 is a Python float', [1e300, 18014398509481984], '[1e+300, 1.8014398509481984e+16]'],
    ['max double', [1.7976931348623157e308], '[1.7976931348623157e+308]'],
    ['allow_nan spellings', [NaN, Infinity, -Infinity], '[NaN, Infinity, -Infinity]'],
  ]
  for (const [name, value, want] of table) {
    it(`${name}: ${want}`, () => expect(pythonJsonDumps(value)).to.equal(want))
  }

  it('rejects values JSON cannot hold, naming the type', () => {
    expect(() => pythonJsonDumps([undefined])).to.throw(
      TypeError,
      'pythonJsonDumps: a undefined is not JSON serializable',
    )
    expect(() => pythonJsonDumps({f: () => 1})).to.throw(TypeError, 'a function is not JSON serializable')
  })

  it('round-trips through JSON.parse for every BMP and astral sample', () => {
    const sample = {s: 'é😀日本\u2028\ud800x', n: [1, 2.25]}
    expect(JSON.parse(pythonJsonDumps(sample))).to.deep.equal(sample)
  })
})
