// Spec reporter + a plain closing line "N passed, N failed, N skipped"
// (mocha's own "N passing" line is not one that CI's log reader knows).
'use strict'
const Mocha = require('mocha')
const {Spec} = Mocha.reporters
const {EVENT_RUN_END} = Mocha.Runner.constants

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options)
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats
      process.stdout.write(`${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`)
    })
  }
}
module.exports = SummaryReporter
