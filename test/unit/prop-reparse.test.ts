/**
 * The reparse of a changed document (`reparseDocument`, what `WorkspaceIndex` does on every
 * keystroke) reuses the previous version's model up to a restart point before the change: it must
 * give exactly the model of a fresh parse, whatever the edit (random offsets, line breaks, headings,
 * markers, comments, front-matter fences, labels), over sequences of edits.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { getDocumentSymbols } from '../../server/src/core/features/documentSymbols';
import { parseDocument, reparseDocument } from '../../server/src/core/parser/parse';
import { commonPrefix } from '../../server/src/core/workspace';
import { anyDocument, corpusTexts, exampleTexts } from '../support/arbitraries';
import { checkModel, snapshot } from '../support/invariants';

const URI = 'file:///ws/doc.decl';
const examples = exampleTexts();
const whole = [...examples, ...corpusTexts()].map((t) => t.text);
const seed = Number(process.env.PROP_SEED ?? 20260107);
const scale = Number(process.env.PROP_SCALE ?? 1);
const runs = (n: number): fc.Parameters<unknown> => ({ numRuns: Math.max(1, Math.round(n * scale)), seed, endOnFailure: false });

const INSERTS = ['x', ' ', '\n', '\n\n', '\r\n', '\r', '# ', '## Heading\n', 'ARTICLE 5\n', 'Article 3\n', 'Chapter II\n', 'Part 1\n', 'SECTION ONE\n', '**Bold**\n', '1. ', '2. x\n', '(a) ', 'iv) y\n', '• z\n', '   ', '<!--', '-->', '---\n', '{#a}', 'Signatories\n', 'Glossary\n', 'Text:\n', '.', ''];

interface Edit {
	readonly at: number;
	readonly remove: number;
	readonly insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
	at: fc.nat(),
	remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 200 })),
	insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 })),
});

const base: fc.Arbitrary<string> = fc.oneof(anyDocument(examples), fc.constantFrom(...whole), fc.constantFrom(...whole).map((t) => t.replace(/\n/g, '\r\n')));

describe('properties: reparsing a changed document', function () {
	this.timeout(120_000);

	it('gives the model and the outline of a fresh parse after every edit of a sequence, and reuses the unchanged start', () => {
		let reused = 0;
		fc.assert(fc.property(base, fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
			let prev = parseDocument(URI, 1, text);
			getDocumentSymbols(prev);
			let current = text;
			edits.forEach((e, k) => {
				const at = e.at % (current.length + 1);
				const next = current.slice(0, at) + e.insert + current.slice(Math.min(current.length, at + e.remove));
				const doc = reparseDocument(prev, commonPrefix(current, next), URI, k + 2, next);
				const fresh = parseDocument(URI, k + 2, next);
				assert.equal(snapshot(doc), snapshot(fresh), `edit ${k + 1} at ${at}: the reparse equals a fresh parse`);
				checkModel(doc);
				assert.equal(JSON.stringify(getDocumentSymbols(doc)), JSON.stringify(getDocumentSymbols(fresh)), `edit ${k + 1} at ${at}: the outline equals a fresh one (symbols of reused items reused)`);
				if (doc.items.length > 0 && prev.items.length > 0 && doc.items[0] === prev.items[0]) reused++;
				prev = doc;
				current = next;
			});
		}), runs(60));
		assert.ok(reused > 0, 'some edits reuse the start of the previous model');
	});

	it('commonPrefix finds where two texts first differ', () => {
		fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), fc.string({ maxLength: 5 }), (a, b, p) => {
			const n = commonPrefix(p + a, p + b);
			assert.equal((p + a).slice(0, n), (p + b).slice(0, n));
			assert.ok(n === Math.min(p.length + a.length, p.length + b.length) || (p + a)[n] !== (p + b)[n]);
		}), runs(300));
		const big = 'x'.repeat(200_000);
		assert.equal(commonPrefix(big + 'a', big + 'b'), 200_000);
		assert.equal(commonPrefix(big, big), 200_000);
	});
});
