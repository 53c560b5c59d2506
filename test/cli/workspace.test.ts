import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { CORPUS, decl, diagnosticLines, FIXTURES, LINE, referencesLanded, SEED } from './helpers';

interface SarifLog {
	version: string;
	runs: {
		tool: { driver: { name: string; version: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
		columnKind: string;
		originalUriBaseIds: Record<string, { uri: string }>;
		results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[];
	}[];
}

const CODES = ['unresolved-reference', 'duplicate-label', 'numbering-gap', 'duplicate-definition', 'undefined-acronym', 'unused-definition', 'front-matter'];

/** The SARIF 2.1.0 schema subset shipped in the fixtures, with the two string formats it uses. */
function sarifValidator(): (data: unknown) => string | undefined {
	const ajv = new Ajv({ allErrors: true, strict: false });
	ajv.addFormat('uri', (s: string) => {
		try {
			return Boolean(new URL(s).protocol);
		} catch {
			return false;
		}
	});
	// RFC 3986 characters only (no spaces, no `<`, `>`, `\`), percent signs followed by two hex digits
	ajv.addFormat('uri-reference', (s: string) => /^(?:[\w\-.~:/?#[\]@!$&'()*+,;=]|%[\da-f]{2})*$/i.test(s));
	ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
	const validate = ajv.compile(JSON.parse(readFileSync(join(FIXTURES, 'sarif-2.1.0-subset.schema.json'), 'utf8')));
	return (data) => (validate(data) ? undefined : ajv.errorsText(validate.errors, { separator: '\n' }));
}

describe('cli: check over a workspace', () => {
	it('a folder with broken references: errors exit 1, each line in the documented shape', function () {
		const r = decl(['check', 'test/cli/fixtures/broken']);
		assert.equal(r.status, 1, r.stdout + r.stderr);
		const lines = diagnosticLines(r.stdout);
		assert.ok(lines.includes('test/cli/fixtures/broken/draft.decl:11:1: warning numbering-gap Numbering skips from 2. to 4. (expected 3.)'), r.stdout);
		assert.ok(lines.some((l) => l.startsWith('test/cli/fixtures/broken/draft.decl:13:24: error duplicate-label ')), r.stdout);
		assert.match(r.stdout.trimEnd().split('\n').pop() ?? '', /^2 files checked: 1 error, \d+ warnings?(, .*)?\.$/);
	});

	it('a folder with broken references: every unresolved reference, and only those', function () {
		if (!referencesLanded()) {
			console.log('      (the references module does not report unresolved references yet: skipped)');
			this.skip();
		}
		const r = decl(['check', '--format', 'json', 'test/cli/fixtures/broken']);
		const report = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { line: number; code: string; message: string }[] }[] };
		const unresolved = report.files.flatMap((f) => f.diagnostics.filter((d) => d.code === 'unresolved-reference').map((d) => `${f.path.split('/').pop()}:${d.line}`));
		// axis 14 (line 11), point 9 and [[minutes-2023]] (line 17), [[charter#no-such-label]] and [[#nowhere]] (line 18)
		assert.deepEqual(unresolved.sort(), ['draft.decl:11', 'draft.decl:17', 'draft.decl:17', 'draft.decl:18', 'draft.decl:18'], r.stdout);
	});

	it('--format json: every file read, diagnostics with 1-based places and the editor range, a summary', () => {
		const r = decl(['check', '--format', 'json', 'test/cli/fixtures/broken']);
		assert.equal(r.status, 1);
		const report = JSON.parse(r.stdout) as { tool: { name: string }; files: { path: string; uri: string; diagnostics: { line: number; column: number; severity: string; code: string; range: { start: { line: number; character: number } } }[] }[]; summary: { files: number; errors: number } };
		assert.equal(report.tool.name, 'decl');
		assert.deepEqual(report.files.map((f) => f.path), ['test/cli/fixtures/broken/charter.decl', 'test/cli/fixtures/broken/draft.decl']);
		assert.ok(report.files.every((f) => f.uri.startsWith('file:///')));
		const dup = report.files[1].diagnostics.find((d) => d.code === 'duplicate-label');
		assert.deepEqual([dup?.line, dup?.column, dup?.range.start.line, dup?.range.start.character], [13, 24, 12, 23]);
		assert.equal(report.summary.files, 2);
		assert.equal(report.summary.errors, 1);
		assert.equal(r.stderr, '');
	});

	it('--format sarif: valid SARIF 2.1.0, a rule for every code, results relative to the working directory', () => {
		const r = decl(['check', '--format', 'sarif', SEED, 'test/cli/fixtures/broken']);
		assert.equal(r.status, 1);
		const log = JSON.parse(r.stdout) as SarifLog;
		const problems = sarifValidator()(log);
		assert.equal(problems, undefined, problems);
		assert.equal(log.version, '2.1.0');
		const run = log.runs[0];
		assert.equal(run.tool.driver.name, 'decl');
		const ruleIds = run.tool.driver.rules.map((x) => x.id);
		for (const code of CODES) assert.ok(ruleIds.includes(code), code);
		assert.equal(run.columnKind, 'utf16CodeUnits');
		assert.ok(run.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
		const dup = run.results.find((x) => x.ruleId === 'duplicate-label');
		assert.ok(dup);
		assert.equal(dup.level, 'error');
		assert.equal(run.tool.driver.rules[dup.ruleIndex].id, 'duplicate-label');
		const loc = dup.locations[0].physicalLocation;
		assert.deepEqual(loc.artifactLocation, { uri: 'test/cli/fixtures/broken/draft.decl', uriBaseId: '%SRCROOT%', index: 2 });
		assert.deepEqual(loc.region, { startLine: 13, startColumn: 24, endLine: 13, endColumn: 35 });
		for (const res of run.results) assert.ok(['error', 'warning', 'note'].includes(res.level));
	});

	it('--format sarif: columns in UTF-16 code units, as columnKind says, and a valid log for standard input', () => {
		const heading = '# \u{1F1F5}\u{1F1F9} ';
		const r = decl(['check', '--format', 'sarif', '-'], { input: `T\n\n${heading}{#x}\n\n${heading}{#x}\n` });
		const log = JSON.parse(r.stdout) as SarifLog;
		assert.equal(sarifValidator()(log), undefined);
		const region = log.runs[0].results.find((x) => x.ruleId === 'duplicate-label')?.locations[0].physicalLocation.region;
		assert.equal(region?.startColumn, heading.length + 1);
		const clean = decl(['check', '--format', 'sarif', SEED]);
		assert.equal(sarifValidator()(JSON.parse(clean.stdout)), undefined);
	});

	it('the real corpus and the seed: one workspace, sorted output, well under 2 s', function () {
		if (!existsSync(CORPUS)) {
			console.log(`      (no real corpus at ${CORPUS}: skipped)`);
			this.skip();
		}
		const files = readdirSync(CORPUS).filter((f) => f.endsWith('.decl'));
		assert.equal(files.length, 12, files.join(', '));
		const r = decl(['check', CORPUS, SEED]);
		assert.ok(r.status === 0 || r.status === 1, r.stderr);
		const lines = diagnosticLines(r.stdout);
		const summary = r.stdout.trimEnd().split('\n').pop() ?? '';
		assert.match(summary, /^13 files checked: /);
		const errors = lines.filter((l) => (LINE.exec(l) as RegExpExecArray)[4] === 'error').length;
		assert.equal(r.status, errors > 0 ? 1 : 0, 'exit 1 exactly when there are errors');
		const keys = lines.map((l) => {
			const m = LINE.exec(l) as RegExpExecArray;
			return [m[1], Number(m[2]), Number(m[3])] as const;
		});
		for (let i = 1; i < keys.length; i++) {
			const [a, b] = [keys[i - 1], keys[i]];
			assert.ok(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2]))), `sorted: ${lines[i - 1]} / ${lines[i]}`);
		}
		const counts = new Map<string, number>();
		for (const l of lines) counts.set((LINE.exec(l) as RegExpExecArray)[5], (counts.get((LINE.exec(l) as RegExpExecArray)[5]) ?? 0) + 1);
		console.log(`      decl check, 12 real documents + the seed: ${r.ms.toFixed(0)} ms wall clock (process start included), ${lines.length} diagnostics ${JSON.stringify(Object.fromEntries(counts))}`);
		assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
		// JSON and SARIF say the same
		const json = JSON.parse(decl(['check', '--format', 'json', CORPUS, SEED]).stdout) as { files: { diagnostics: unknown[] }[]; summary: { files: number } };
		assert.equal(json.summary.files, 13);
		assert.equal(json.files.reduce((n, f) => n + f.diagnostics.length, 0), lines.length);
		const sarif = JSON.parse(decl(['check', '--format', 'sarif', CORPUS, SEED]).stdout) as SarifLog;
		assert.equal(sarifValidator()(sarif), undefined);
		assert.equal(sarif.runs[0].results.length, lines.length);
		assert.ok(sarif.runs[0].results.every((x) => x.locations[0].physicalLocation.artifactLocation.uri.startsWith('file:///')), 'outside the working directory: absolute URIs');
	});

	it('the real corpus: every document outlines', function () {
		if (!existsSync(CORPUS)) this.skip();
		const files = readdirSync(CORPUS).filter((f) => f.endsWith('.decl')).map((f) => join(CORPUS, f));
		const r = decl(['outline', '--json', ...files]);
		assert.equal(r.status, 0, r.stderr);
		const out = JSON.parse(r.stdout) as { path: string; symbols: unknown[] }[];
		assert.equal(out.length, 12);
		assert.ok(out.every((o) => o.symbols.length > 0), 'every document has an outline');
		const text = decl(['outline', ...files]);
		assert.equal(text.status, 0);
		assert.ok(files.every((f) => text.stdout.includes(f)));
	});
});
