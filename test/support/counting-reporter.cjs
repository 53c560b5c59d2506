// Mocha's spec reporter, which also writes the run's counts to $TEST_COUNTS_FILE (JSON)
// so that scripts/test.mjs can sum every suite into one "N passed, N failed" line.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
	constructor(runner, options) {
		super(runner, options);
		runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
			const file = process.env.TEST_COUNTS_FILE;
			if (!file) return;
			const { passes = 0, failures = 0, pending = 0 } = this.stats;
			fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
		});
	}
}
module.exports = CountingReporter;
