// The tests module the extension host loads (--extensionTestsPath): it require()s this file and
// awaits run(); resolving means exit code 0, rejecting 1. Runs every *.test.js beside it with mocha
// (BDD: describe/it) and mocha's spec report, which reaches the terminal through the workbench.
// Environment (inherited from whoever started the editor): E2E_GREP runs only the tests whose full
// title matches;
// E2E_RESULT_FILE receives {passed, failed, pending, durationMs, failures: [{title, error}]}.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, slow: 2_000 });
	if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
	for (const file of readdirSync(__dirname).sort()) {
		if (file.endsWith('.test.js')) mocha.addFile(join(__dirname, file));
	}
	return new Promise((resolve, reject) => {
		const failures: { title: string; error: string }[] = [];
		const runner = mocha.run((failed) => {
			const stats = runner.stats;
			const summary = { passed: stats?.passes ?? 0, failed, pending: stats?.pending ?? 0, durationMs: stats?.duration ?? 0, failures };
			if (process.env.E2E_RESULT_FILE) writeFileSync(process.env.E2E_RESULT_FILE, JSON.stringify(summary, null, '\t'));
			if (failed > 0) reject(new Error(`${failed} editor test(s) failed`));
			else resolve();
		});
		runner.on('fail', (test, error: unknown) => failures.push({ title: test.fullTitle(), error: error instanceof Error ? error.message : String(error) }));
	});
}
