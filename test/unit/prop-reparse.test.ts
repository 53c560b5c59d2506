/**
 * The reparse of a changed document (`reparseDocument`, what `WorkspaceIndex` does on every
 * keystroke) reuses the previous version's model before the change and, moved, after it, and
 * patches lines, comments and the masked text: it must give exactly the model of a fresh parse,
 * and keep exactly the state a fresh parse keeps for the next reparse, whatever the edit (random
 * offsets, line breaks, headings, markers, comments, front-matter fences, labels; at the start and
 * the end, inside front matter and comments, on line breaks and blank lines, inside surrogate
 * pairs and CRLF pairs; several edits at once), over sequences of edits.
 *
 * PROP_SCALE multiplies the number of runs (PROP_SCALE=20 before committing a change of the reparse).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { getDocumentSymbols } from '../../server/src/core/features/documentSymbols';
import { parseDocument, parseStateOf, reparseCounts, reparseDocument } from '../../server/src/core/parser/parse';
import { commonSuffix } from '../../server/src/core/text';
import { commonPrefix } from '../../server/src/core/workspace';
import { anyDocument, corpusTexts, exampleTexts } from '../support/arbitraries';
import { checkModel, snapshot } from '../support/invariants';

const URI = 'file:///ws/doc.decl';
const examples = exampleTexts();
const whole = [...examples, ...corpusTexts()].map((t) => t.text);
const seed = Number(process.env.PROP_SEED ?? 20260107);
const scale = Number(process.env.PROP_SCALE ?? 1);
const runs = (n: number): fc.Parameters<unknown> => ({ numRuns: Math.max(1, Math.round(n * scale)), seed, endOnFailure: false });

const INSERTS = [
	'x', ' ', '\n', '\n\n', '\r\n', '\r', '# ', '## Heading\n', 'ARTICLE 5\n', 'Article 3\n', 'Chapter II\n', 'Part 1\n', 'SECTION ONE\n', '**Bold**\n',
	'1. ', '2. x\n', '(a) ', 'iv) y\n', '• z\n', '   ', '<!--', '-->', '---\n', '{#a}', 'Signatories\n', 'Glossary\n', 'Text:\n', '.', '',
	'<!-- note -->', '<!--\n', '\n-->', '\n\n# New part\n\n', '\n\nANNEX\n\n', 'Signed by:\n', '\t', '  (b) x\n', '\r\n\r\n', '😀', '\ud83d', '\ude00',
	'---\ntitle: T\n---\n', 'title: Y\n', 'Havana, 5 May 2019\n', '\n\nII. SECOND\n\n', '3. Third point. {#p3}\n', 'Preamble\n',
];

/** Where an edit lands: anywhere, or at a place the reparse treats specially. */
const TARGETS = ['any', 'any', 'start', 'end', 'lineBreak', 'lineStart', 'blankLine', 'comment', 'frontMatter', 'surrogate', 'crlf', 'heading'] as const;
type Target = (typeof TARGETS)[number];

interface Edit {
	readonly target: Target;
	readonly at: number;
	readonly remove: number;
	readonly insert: string;
	/** A second edit in the same version, further on (the texts then differ over a range holding unchanged text). */
	readonly also?: { readonly gap: number; readonly remove: number; readonly insert: string };
}

const insertion = fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 }));
const edit: fc.Arbitrary<Edit> = fc.record({
	target: fc.constantFrom(...TARGETS),
	at: fc.nat(),
	remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 200 })),
	insert: insertion,
	also: fc.option(fc.record({ gap: fc.nat({ max: 3000 }), remove: fc.nat({ max: 5 }), insert: insertion }), { freq: 5, nil: undefined }),
}, { requiredKeys: ['target', 'at', 'remove', 'insert'] });

/** Offsets of every match of `re` in `text`. */
function positions(text: string, re: RegExp): number[] {
	const out: number[] = [];
	for (const m of text.matchAll(re)) out.push(m.index!);
	return out;
}

/** The offset an edit starts at, and how much it removes (some targets remove exactly what they aim at). */
function place(text: string, e: Edit): { at: number; remove: number } {
	const pick = (list: number[], fallback: number): number => (list.length > 0 ? list[e.at % list.length] : fallback);
	const any = e.at % (text.length + 1);
	switch (e.target) {
		case 'start': return { at: 0, remove: e.remove % 4 };
		case 'end': return { at: text.length, remove: 0 };
		case 'lineBreak': return { at: pick(positions(text, /\r\n|\r|\n/g), any), remove: e.remove % 3 };
		case 'lineStart': return { at: pick(positions(text, /^/gm), any), remove: e.remove % 3 };
		// a blank line between blocks, deleted (or edited)
		case 'blankLine': {
			const at = pick(positions(text, /(?:\r\n|\r|\n)[ \t]*(?=\r\n|\r|\n)/g), any);
			return { at, remove: e.insert === '' ? 1 : e.remove % 3 };
		}
		case 'comment': return { at: pick(positions(text, /<!--|-->/g), any) + (e.at % 5), remove: e.remove % 5 };
		case 'frontMatter': return { at: Math.min(text.length, e.at % 60), remove: e.remove % 4 };
		// between the two halves of a surrogate pair
		case 'surrogate': return { at: pick(positions(text, /[\ud800-\udbff](?=[\udc00-\udfff])/g).map((p) => p + 1), any), remove: e.remove % 2 };
		// between the CR and the LF of a CRLF, or just around them
		case 'crlf': return { at: pick(positions(text, /\r\n/g).map((p) => p + 1 + ((e.at % 3) - 1)), any), remove: e.remove % 2 };
		case 'heading': return { at: pick(positions(text, /^(?:#|[A-Z]{2}|Article|Chapter|Part|Section)/gm), any) + (e.at % 4), remove: e.remove % 6 };
		default: return { at: any, remove: e.remove };
	}
}

function apply(text: string, e: Edit): string {
	const { at, remove } = place(text, e);
	const a = Math.min(at, text.length);
	let next = text.slice(0, a) + e.insert + text.slice(Math.min(text.length, a + remove));
	if (e.also) {
		const b = Math.min(next.length, a + e.insert.length + e.also.gap);
		next = next.slice(0, b) + e.also.insert + next.slice(Math.min(next.length, b + e.also.remove));
	}
	return next;
}

const withFrontMatter = (t: string): string => `---\ntitle: Joint statement\ndate: 2021-12-15\nsignatories:\n  - A\n  - B\n---\n${t}`;
const withEmoji = (t: string): string => t.replace(/\. /g, '. 😀 ').replace(/the /g, 'the 𝔸 ');
/** Comments inside lines (after markers and heading marks, between words, across a line break): what the parser reads of a line then differs from the text. */
const withInlineComments = (t: string): string => {
	// the title block stays clean: a reparse reads the text itself until it meets a blanked span (the guards are what is tested)
	const head = t.split('\n', 15).join('\n').length;
	return t.slice(0, head) + inlineComments(t.slice(head));
};
const inlineComments = (t: string): string => t
	.replace(/^([ \t]*(?:\d+[.)]|\([a-z]+\)|[•-]|#+|[IVX]+\.))/gm, (m, a: string, at: number) => (at % 3 === 0 ? `${a}<!--m-->` : m))
	.replace(/(\w) (\w)/g, (m, a: string, b: string, at: number) => (at % 11 === 0 ? `${a}<!--w-->${b}` : at % 13 === 0 ? `${a} <!--x\n--> ${b}` : m))
	// after the content of a line, and on a line of its own inside an item
	.replace(/(\w)(\r?\n)/g, (m, a: string, eol: string, at: number) => (at % 5 === 0 ? `${a} <!-- t -->${eol}` : at % 7 === 0 ? `${a}${eol}<!-- c -->${eol}` : m));
const base: fc.Arbitrary<string> = fc.oneof(
	anyDocument(examples),
	fc.constantFrom(...whole),
	fc.constantFrom(...whole).map((t) => t.replace(/\n/g, '\r\n')),
	fc.constantFrom(...whole).map(withFrontMatter),
	fc.constantFrom(...whole).map(withEmoji),
	fc.constantFrom(...whole).map(withInlineComments),
	// long enough that the rest after a change holds many sections to reuse
	fc.constantFrom(...examples.map((e) => e.text)).map((t) => Array.from({ length: 6 }, (_, k) => `# Part ${k + 1}\n\n${t}`).join('\n\n')),
);

/** Reparses `prev` (of text `current`) into `next` as the workspace index does, and checks it against a fresh parse. */
function check(prev: ReturnType<typeof parseDocument>, current: string, next: string, version: number, what: string): ReturnType<typeof parseDocument> {
	const prefix = commonPrefix(current, next);
	const suffix = version % 2 ? commonSuffix(current, next, Math.min(current.length, next.length) - prefix) : undefined;
	const doc = reparseDocument(prev, prefix, URI, version, next, {}, suffix);
	const fresh = parseDocument(URI, version, next);
	assert.equal(snapshot(doc), snapshot(fresh), `${what}: the reparse equals a fresh parse`);
	checkModel(doc);
	assert.deepEqual(parseStateOf(doc), parseStateOf(fresh), `${what}: the reparse keeps what a fresh parse keeps for the next one`);
	assert.equal(JSON.stringify(getDocumentSymbols(doc)), JSON.stringify(getDocumentSymbols(fresh)), `${what}: the outline equals a fresh one (symbols of reused items reused)`);
	return doc;
}

describe('properties: reparsing a changed document', function () {
	this.timeout(600_000);

	it('gives the model, the outline and the kept state of a fresh parse after every edit of a sequence, and reuses the unchanged start and rest', () => {
		const before = reparseCounts();
		let reusedStart = 0;
		fc.assert(fc.property(base, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
			let prev = parseDocument(URI, 1, text);
			getDocumentSymbols(prev);
			let current = text;
			edits.forEach((e, k) => {
				const next = apply(current, e);
				const doc = check(prev, current, next, k + 2, `edit ${k + 1} (${e.target})`);
				if (doc.items.length > 0 && prev.items.length > 0 && doc.items[0] === prev.items[0]) reusedStart++;
				prev = doc;
				current = next;
			});
		}), runs(100));
		const after = reparseCounts();
		assert.equal(after.failed, before.failed, 'no reparse failed internally (a failure falls back to a fresh parse, which would hide a bug)');
		assert.ok(reusedStart > 0, 'some edits reuse the start of the previous model');
		assert.ok(after.reusedTails > before.reusedTails, 'some edits take over the rest of the previous model');
	});

	it('typing in one place, then in others, keeps giving a fresh parse (the rest reused, its strings cut afresh when too many versions would be held)', () => {
		const before = reparseCounts();
		const places = fc.array(fc.record({ at: fc.nat(), keys: fc.array(fc.constantFrom('a', ' ', 'B', '.', '\n', ''), { minLength: 1, maxLength: 6 }) }), { minLength: 2, maxLength: 6 });
		const long = examples.map((e) => Array.from({ length: 8 }, (_, k) => `# Part ${k + 1}\n\n${e.text}`).join('\n\n'));
		fc.assert(fc.property(fc.constantFrom(...long), places, (text, spots) => {
			let prev = parseDocument(URI, 1, text);
			let current = text;
			let version = 2;
			for (const spot of spots) {
				const at = spot.at % (current.length + 1);
				for (const key of spot.keys) {
					const next = current.slice(0, at) + key + current.slice(at);
					prev = check(prev, current, next, version, `version ${version}`);
					current = next;
					version++;
				}
			}
		}), runs(25));
		const after = reparseCounts();
		assert.equal(after.failed, before.failed, 'no reparse failed internally');
		assert.ok(after.freshTails > before.freshTails, 'typing in many places cuts the strings of the rest afresh at times');
	});

	it('reads what comments blank inside the lines it parses as a fresh parse does (a reparse reads the text itself until then)', () => {
		// sections whose lines hold comments inside, after their content, on lines of their own inside items, across line breaks
		// rare, so that a reparse reads the text itself for a while before it meets one
		const comment = fc.oneof({ weight: 12, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('<!--c-->', ' <!-- note --> ', '<!--\n-->', '<!-- a\nb -->') });
		const words = fc.constantFrom('Support of workers', 'Actions. Against the erosion', 'The parties', 'e.g. this', 'Text:', 'ONE TWO', 'CHAPTER', ' x');
		const start = fc.constantFrom('', '1. ', '2. ', '(a) ', '• ', '   ', '# ', 'ANNEX ', 'I. ', 'Signed by:', '**', '1.', '(b)', 'IV.', '<!--c-->1. ', '<!--c-->   ', 'PART', 'Article 2');
		const line = fc.tuple(start, comment, words, comment, words, comment, fc.constantFrom('', ' {#l1}', '.', ':', '**'))
			.map((parts) => parts.join(''));
		const section = fc.array(fc.oneof(line, fc.constant(''), comment), { minLength: 1, maxLength: 12 }).map((ls) => ls.join('\n'));
		const doc = fc.array(section, { minLength: 2, maxLength: 10 }).map((ss) => `Title of the declaration\n\nHavana, 5 May 2019\n\n${ss.map((x, k) => `# Part ${k + 1}\n\n${x}`).join('\n\n')}\n`);
		fc.assert(fc.property(doc, fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
			let prev = parseDocument(URI, 1, text);
			let current = text;
			edits.forEach((e, k) => {
				const next = apply(current, { ...e, target: e.target === 'start' || e.target === 'frontMatter' ? 'any' : e.target });
				prev = check(prev, current, next, k + 2, `edit ${k + 1} (${e.target})`);
				current = next;
			});
		}), runs(150));
	});

	it('commonPrefix and commonSuffix find where two texts first and last differ', () => {
		fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), (a, b, p, q) => {
			const x = p + a + q;
			const y = p + b + q;
			const n = commonPrefix(x, y);
			assert.equal(x.slice(0, n), y.slice(0, n));
			assert.ok(n === Math.min(x.length, y.length) || x[n] !== y[n]);
			const max = Math.min(x.length, y.length) - n;
			const s = commonSuffix(x, y, max);
			assert.ok(s <= max && s >= Math.min(q.length, max));
			assert.equal(x.slice(x.length - s), y.slice(y.length - s));
			assert.ok(s === max || x[x.length - s - 1] !== y[y.length - s - 1]);
		}), runs(300));
		const big = 'x'.repeat(200_000);
		assert.equal(commonPrefix(big + 'a', big + 'b'), 200_000);
		assert.equal(commonPrefix(big, big), 200_000);
		assert.equal(commonSuffix(`a${big}`, `b${big}`), 200_000);
		assert.equal(commonSuffix(big, big, 5), 5);
	});
});
