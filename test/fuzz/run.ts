/**
 * The long fuzz run (issue 8): the properties of test/unit/prop-*.test.ts, a million times.
 * Started by `npm run fuzz -- --runs 1000000 [--seed N] [--workers N] [--minutes M]` (scripts/fuzz.mjs);
 * this file is one worker: `node --import tsx test/fuzz/run.ts --runs N --seed S [--path P] [--minutes M]`.
 *
 * Every case parses one generated document and checks the model; a fixed share of the cases also
 * asks the service for every LSP answer (1 in 10), replays random incremental edits (1 in 20) and
 * checks every edit the service proposes (1 in 50). On failure it prints the seed, the replay path
 * and the shrunk counterexample, and exits 1. The last line is JSON with the figures.
 */
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/core/parser/parse';
import { DeclarationService, RenameRefusal } from '../../server/src/core/service';
import { updateTextDocument } from '../../server/src/lsp/textDocuments';
import { anyDocument, corpusTexts, exampleTexts, nastyString } from '../support/arbitraries';
import { checkModel, checkService, checkWorkspaceEdit, snapshot } from '../support/invariants';

const argv = process.argv.slice(2);
const arg = (name: string, fallback?: string): string | undefined => {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : fallback;
};
const numRuns = Number(arg('runs', '10000'));
const seed = Number(arg('seed', String(Date.now() % 2 ** 31)));
const path = arg('path');
const minutes = arg('minutes');
const quiet = argv.includes('--quiet');

const URI = 'file:///ws/doc.decl';
const corpus = corpusTexts();
const sources = [...exampleTexts(), ...corpus];
if (corpus.length === 0 && !quiet) console.error('real corpus not found: fuzzing generated documents, mutations of examples/ only');

const probe: fc.Arbitrary<Position> = fc.record({ line: fc.integer({ min: -1, max: 60 }), character: fc.integer({ min: -1, max: 150 }) });
const edit = fc.record({ a: fc.nat(), b: fc.nat(), text: fc.oneof(fc.constant(''), nastyString(5), fc.constantFrom('\n', '\r\n', '\r', '1. ', '{#a}', '[[#a]]', '<!--', '-->', '---\n')) });

const counts = { cases: 0, service: 0, incremental: 0, edits: 0, proposed: 0, chars: 0 };
const started = Date.now();
let nextReport = 50_000;

const property = fc.property(anyDocument(sources), fc.noBias(fc.nat(99)), fc.array(probe, { minLength: 1, maxLength: 3 }), fc.array(edit, { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 8 }), (text, dice, probes, edits, newName) => {
	counts.cases++;
	counts.chars += text.length;
	if (!quiet && counts.cases >= nextReport) {
		nextReport += 50_000;
		const secs = (Date.now() - started) / 1000;
		console.error(`seed ${seed}: ${counts.cases} cases in ${secs.toFixed(0)} s (${(counts.cases / secs).toFixed(0)}/s)`);
	}
	const doc = parseDocument(URI, 1, text);
	if (doc.text !== text) throw new Error('the model lost the text');
	if (doc.diagnostics.some((d) => d.message.startsWith('Internal parser error'))) throw new Error(`the parser's last-resort guard fired: ${doc.diagnostics[0].message}`);
	checkModel(doc);
	if (dice < 10) {
		counts.service++;
		const service = new DeclarationService();
		service.index.setFolders(['file:///ws/']);
		service.index.setOpen(URI, 1, text);
		checkService(service, URI, probes);
		if (dice < 2) {
			counts.edits++;
			for (const p of probes) {
				try {
					const e = service.rename(URI, p, newName);
					if (e) {
						counts.proposed++;
						checkWorkspaceEdit(service, e, 'rename');
					}
				} catch (err) {
					if (!(err instanceof RenameRefusal)) throw err;
				}
			}
			const ds = service.getDiagnostics(URI);
			for (const d of ds) {
				for (const a of service.getCodeActions(URI, d.range, [d])) {
					if (a.edit) {
						counts.proposed++;
						checkWorkspaceEdit(service, a.edit, `code action ${a.title}`);
					}
				}
			}
		}
	}
	if (dice >= 95) {
		counts.incremental++;
		let td = TextDocument.create(URI, 'declaration', 1, text);
		const service = new DeclarationService();
		service.index.setOpen(URI, 1, text);
		let expected = text;
		for (const e of edits) {
			const len = expected.length;
			const snap = (o: number): number => (o > 0 && expected.charCodeAt(o - 1) === 13 && expected.charCodeAt(o) === 10 ? o - 1 : o);
			const start = snap(Math.min(e.a, e.b) % (len + 1));
			const end = snap(Math.min(len, start + (Math.max(e.a, e.b) % 40)));
			td = updateTextDocument(td, [{ range: { start: td.positionAt(start), end: td.positionAt(end) }, text: e.text }], td.version + 1);
			expected = expected.slice(0, start) + e.text + expected.slice(end);
			service.index.setOpen(URI, td.version, td.getText());
		}
		if (td.getText() !== expected) throw new Error(`incremental text drifted: ${JSON.stringify(td.getText())} !== ${JSON.stringify(expected)}`);
		if (snapshot(service.index.get(URI)!) !== snapshot(parseDocument(URI, td.version, expected))) throw new Error('incremental model differs from a fresh parse');
	}
});

const details = fc.check(property, {
	numRuns,
	seed,
	path,
	endOnFailure: false,
	interruptAfterTimeLimit: minutes ? Number(minutes) * 60_000 : undefined,
	markInterruptAsFailure: false,
});
const secs = (Date.now() - started) / 1000;
if (details.failed) {
	console.log(`FAILED after ${details.numRuns} cases: seed ${details.seed}, path ${JSON.stringify(details.counterexamplePath)}`);
	console.log(`replay: npm run fuzz -- --seed ${details.seed} --path ${JSON.stringify(details.counterexamplePath)} --runs ${numRuns}`);
	console.log(`shrunk counterexample (${details.numShrinks} shrinks): ${fc.stringify(details.counterexample)}`);
	console.log(`error: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
}
console.log(JSON.stringify({ seed, failed: details.failed, interrupted: details.interrupted, runs: details.numRuns, skipped: details.numSkips, seconds: Math.round(secs), ...counts, minutes: minutes ? Number(minutes) : undefined }));
process.exit(details.failed ? 1 : 0);
