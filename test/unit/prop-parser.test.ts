/**
 * Property-based tests of the pure core (issue 8): the parser never throws, its model is
 * well-formed, every LSP range the service answers with is inside the document, and parsing is a
 * function of the text alone (no-op edits, incremental edits). `npm run fuzz` runs the same
 * properties a million times; here a few thousand cases keep `npm test` fast.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/core/parser/parse';
import { updateTextDocument } from '../../server/src/lsp/textDocuments';
import { DeclarationService } from '../../server/src/core/service';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import {
	anyDocument, anyString, applyMutation, CORPUS_DIR, corpusTexts, declDocument, exampleTexts, mutatedText, mutation, nastyString,
} from '../support/arbitraries';
import { checkModel, checkService, snapshot } from '../support/invariants';

const URI = 'file:///ws/doc.decl';
const examples = exampleTexts();
const corpus = corpusTexts();
const seed = Number(process.env.PROP_SEED ?? 20260101);
/** Scales every property's number of runs (PROP_SCALE=10 for a longer local run). */
const scale = Number(process.env.PROP_SCALE ?? 1);
const runs = (n: number): fc.Parameters<unknown> => ({ numRuns: Math.max(1, Math.round(n * scale)), seed, endOnFailure: false });

const position: fc.Arbitrary<Position> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ line: fc.integer({ min: 0, max: 50 }), character: fc.integer({ min: 0, max: 120 }) }) },
	{ weight: 1, arbitrary: fc.record({ line: fc.integer({ min: -3, max: 1e9 }), character: fc.integer({ min: -3, max: 2 ** 31 }) }) },
);

function parseChecked(text: string) {
	const doc = parseDocument(URI, 1, text);
	assert.equal(doc.text, text, 'the model keeps the text');
	assert.ok(!doc.diagnostics.some((d) => d.message.startsWith('Internal parser error')), `the parser's last-resort guard fired: ${doc.diagnostics[0]?.message}`);
	checkModel(doc);
	return doc;
}

describe('properties: the parser', function () {
	this.timeout(60_000);

	it('never throws and yields a well-formed model for arbitrary strings (any unit, lone surrogates, controls)', () => {
		fc.assert(fc.property(anyString, (t) => void parseChecked(t)), runs(1500));
	});

	it('never throws and yields a well-formed model for declaration-like documents', () => {
		fc.assert(fc.property(declDocument, (t) => void parseChecked(t)), runs(1000));
	});

	it('never throws on mutations of the seed and the examples (lines deleted, duplicated, swapped; truncated; line ends mixed)', () => {
		assert.ok(examples.length > 0, 'examples/ holds the seed');
		fc.assert(fc.property(mutatedText(examples, 200), (t) => void parseChecked(t)), runs(400));
	});

	it('never throws on mutations of the real corpus', function () {
		if (corpus.length === 0) {
			console.log(`      (real corpus not found at ${CORPUS_DIR}: skipped)`);
			this.skip();
		}
		fc.assert(fc.property(mutatedText(corpus, 150), (t) => void parseChecked(t)), runs(400));
	});

	it('parses every whole corpus document and example, also truncated at random offsets and with line ends converted', function () {
		const docs = [...examples, ...corpus];
		if (corpus.length === 0) console.log(`      (real corpus not found at ${CORPUS_DIR}: examples only)`);
		for (const { name, text } of docs) {
			const doc = parseChecked(text);
			const service = new DeclarationService();
			service.index.setOpen(URI, 1, text);
			checkService(service, URI, [{ line: 0, character: 0 }, doc.lineIndex.positionAt(text.length >> 1), doc.lineIndex.positionAt(text.length)]);
			fc.assert(fc.property(mutation.filter((m) => m.kind === 'truncate' || m.kind === 'line-ends'), (m) => void parseChecked(applyMutation(text, m))), { ...runs(2), numRuns: 2 });
			assert.ok(doc.items.length + doc.headings.length + doc.paragraphs.length > 0, `${name} has some structure`);
		}
	});
});

describe('properties: LSP answers of the service', function () {
	this.timeout(60_000);

	it('every range (symbols, folding, selection, diagnostics, axes, links, lenses, hints, locations) is inside the document; outline children inside parents; selection chains strictly growing', () => {
		fc.assert(fc.property(anyDocument([...examples, ...corpus]), fc.array(position, { minLength: 1, maxLength: 6 }), (text, probes) => {
			const service = new DeclarationService();
			service.index.setOpen(URI, 1, text);
			checkService(service, URI, probes);
		}), runs(700));
	});

	it('the same holds for hostile Unicode around declaration constructs', () => {
		fc.assert(fc.property(fc.array(fc.oneof(declDocument, nastyString(40)), { maxLength: 4 }).map((p) => p.join('')), fc.array(position, { maxLength: 4 }), (text, probes) => {
			const service = new DeclarationService();
			service.index.setOpen(URI, 1, text);
			checkService(service, URI, probes);
		}), runs(500));
	});
});

/** An edit given as offsets into the current text, so that every generated edit is valid. */
interface OffsetEdit {
	readonly a: number;
	readonly b: number;
	readonly text: string;
}

const offsetEdit: fc.Arbitrary<OffsetEdit> = fc.record({
	a: fc.nat(),
	b: fc.nat(),
	text: fc.oneof(fc.constant(''), nastyString(6), fc.constantFrom('\n', '\r\n', '\r', '\n\n', '1. ', '  ', '# ', '{#a}', '[[#a]]', 'axis 3', '<!--', '-->', '---\n', '\t(a) ')),
});

/** An offset between the CR and the LF of a CRLF is no LSP position (it means the end of the line): move it before the CR. */
function snap(text: string, o: number): number {
	return o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o;
}

function toChange(doc: TextDocument, e: OffsetEdit): { change: TextDocumentContentChangeEvent; start: number; end: number } {
	const text = doc.getText();
	const len = text.length;
	const start = snap(text, Math.min(e.a, e.b) % (len + 1));
	const end = snap(text, Math.min(len, start + (Math.max(e.a, e.b) % 50)));
	return { change: { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: e.text }, start, end };
}

describe('properties: parsing depends on the text alone', function () {
	this.timeout(60_000);

	it('a no-op edit (a slice replaced by itself; text inserted then deleted) gives the same model', () => {
		fc.assert(fc.property(anyDocument(examples), fc.nat(), fc.nat(), fc.string({ maxLength: 5 }), (text, x, y, ins) => {
			const index = new WorkspaceIndex();
			index.setOpen(URI, 1, text);
			const before = snapshot(index.get(URI)!);
			let doc = TextDocument.create(URI, 'declaration', 1, text);
			const a = snap(text, Math.min(x, y) % (text.length + 1));
			const b = snap(text, Math.max(a, Math.max(x, y) % (text.length + 1)));
			doc = updated(doc, [{ range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text: text.slice(a, b) }], 2);
			doc = updated(doc, [{ range: { start: doc.positionAt(a), end: doc.positionAt(a) }, text: ins }], 3);
			doc = updated(doc, [{ range: { start: doc.positionAt(a), end: doc.positionAt(a + ins.length) }, text: '' }], 4);
			assert.equal(doc.getText(), text, 'the edits are a no-op');
			index.setOpen(URI, doc.version, doc.getText());
			assert.equal(snapshot(index.get(URI)!), before, 'same model after a no-op edit');
		}), runs(500));
	});

	it('random sequences of incremental edits (TextDocument.update as the server applies didChange, then setOpen) give the model of a fresh parse of the final text', () => {
		fc.assert(fc.property(anyDocument(examples), fc.array(fc.array(offsetEdit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (text, batches) => {
			const service = new DeclarationService();
			let doc = TextDocument.create(URI, 'declaration', 1, text);
			service.index.setOpen(URI, 1, text);
			let expected = text;
			for (const batch of batches) {
				const changes: TextDocumentContentChangeEvent[] = [];
				for (const e of batch) {
					// each change of a batch applies to the text left by the previous one, as in LSP
					const probe = TextDocument.create(URI, 'declaration', 0, expected);
					const { change, start, end } = toChange(probe, e);
					changes.push(change);
					expected = expected.slice(0, start) + e.text + expected.slice(end);
				}
				doc = updated(doc, changes, doc.version + 1);
				service.index.setOpen(URI, doc.version, doc.getText());
				service.getDocumentSymbols(URI); // parse intermediate versions too
			}
			assert.equal(doc.getText(), expected, 'TextDocument applied the edits as offsets say');
			const incremental = service.index.get(URI)!;
			assert.equal(incremental.version, doc.version);
			checkModel(incremental);
			assert.equal(snapshot(incremental), snapshot(parseDocument(URI, doc.version, expected)), 'incremental model equals a fresh parse');
		}), runs(500));
	});
});

/** How the server applies `didChange` (TextDocument.update, with its CR/LF repair). */
function updated(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
	return updateTextDocument(doc, changes, version);
}
