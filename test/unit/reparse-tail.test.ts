/**
 * A keystroke reparses only what it must (issue 7): the model before the change is reused as it
 * is, the model after it is the previous version's, moved, and only the lines between are parsed
 * (`parsedLineCount` counts them). Each case also compares with a fresh parse; the properties of
 * prop-reparse.test.ts cover the edits at large.
 */
import { strict as assert } from 'node:assert';
import type { DeclDocument } from '../../server/src/core/model';
import { parseDocument, parsedLineCount, reparseCounts, reparseDocument } from '../../server/src/core/parser/parse';
import { commonPrefix } from '../../server/src/core/text';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { snapshot } from '../support/invariants';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { getDocumentSymbols } from '../../server/src/core/features/documentSymbols';

const URI = 'file:///ws/long.decl';

/** A long document: a title block, then `parts` sections, each a heading, a lead-in, a numbered list with points, a comment and a paragraph. */
function longDocument(parts: number, eol = '\n'): string {
	const out = ['Joint Declaration on Long Documents', '', 'Havana, 5 May 2019', ''];
	for (let p = 1; p <= parts; p++) {
		out.push(`# Part ${p} {#part-${p}}`, '', 'The parties agree on the following axes:', '');
		for (let i = 1; i <= 4; i++) {
			out.push(`${i}. Support of the workers of part ${p} and their rights, point ${i}. More text follows here. {#p${p}-${i}}`);
			out.push(`   (a) A first point of axis ${i}.`, `   (b) A second point of axis ${i}, see axis ${i}.`);
		}
		out.push('', `<!-- drafting note ${p} -->`, '', `A closing paragraph of part ${p} that runs on for a while.`, '');
	}
	return out.join(eol);
}

/** Parses `next` from `prev` as the workspace index does; returns the model and how many lines were parsed one by one. */
function reparse(prev: DeclDocument, next: string, version: number): { doc: DeclDocument; parsed: number } {
	const before = parsedLineCount();
	const doc = reparseDocument(prev, commonPrefix(prev.text, next), URI, version, next);
	return { doc, parsed: parsedLineCount() - before };
}

function insertAt(text: string, needle: string, insert: string): string {
	const at = text.indexOf(needle);
	assert.ok(at >= 0, `${needle} is in the text`);
	return text.slice(0, at) + insert + text.slice(at);
}

describe('reparse: only the changed lines are parsed', () => {
	const text = longDocument(200);
	const lines = text.split('\n').length;

	it('a keystroke in the middle parses about one section, takes over the rest moved, and equals a fresh parse', () => {
		const prev = parseDocument(URI, 1, text);
		const tails = reparseCounts().reusedTails;
		const next = insertAt(text, 'Support of the workers of part 100 and', 'x');
		const { doc, parsed } = reparse(prev, next, 2);
		assert.equal(snapshot(doc), snapshot(parseDocument(URI, 2, next)));
		// a section is 17 lines; parsing from the change to the end would be about half of the 3,400 lines
		assert.ok(parsed < 60, `parsed ${parsed} of ${lines} lines`);
		assert.equal(reparseCounts().reusedTails, tails + 1, 'the rest was taken over');
		// the start is the same objects; the rest is the previous version's, moved by one character
		const k = doc.items.findIndex((it) => it.text.includes('part 150'));
		assert.equal(doc.items[0], prev.items[0], 'an item before the change is the same object');
		assert.notEqual(doc.items[k], prev.items[k], 'an item after the change is a copy');
		assert.equal(doc.items[k].span.start, prev.items[k].span.start + 1, 'moved by the inserted character');
		assert.equal(doc.items[k].title, prev.items[k].title);
		// lines are offsets (LineTable), their objects made on first use: the same values, not the same objects
		assert.deepEqual(doc.lines[0], prev.lines[0], 'lines before the change are the same');
		assert.equal(doc.lines[3000].start, prev.lines[3000].start + 1, 'lines after it are moved');
	});

	it('the outline shares the symbols of items taken over when no line was added, and builds them afresh when lines moved', () => {
		const index = new WorkspaceIndex();
		index.setOpen(URI, 1, text);
		const flat = (symbols: readonly DocumentSymbol[], out: DocumentSymbol[] = []): DocumentSymbol[] => {
			for (const x of symbols) out.push(x, ...flat(x.children ?? []));
			return out;
		};
		const item150 = (symbols: readonly DocumentSymbol[]): DocumentSymbol => flat(symbols).find((x) => x.name.includes('part 150 and their rights, point 2'))!;
		const before = getDocumentSymbols(index.get(URI)!);
		// a keystroke before part 150: its item moved by one character, on the same lines
		const typed = insertAt(text, 'Support of the workers of part 100 and', 'x');
		index.setOpen(URI, 2, typed);
		const afterKey = getDocumentSymbols(index.get(URI)!);
		assert.equal(JSON.stringify(afterKey), JSON.stringify(getDocumentSymbols(parseDocument(URI, 2, typed))), 'the outline equals a fresh one');
		assert.equal(item150(afterKey), item150(before), 'the symbol of an item after the change is shared');
		// a new line before part 150: every position after it moved, so its symbol is new
		const broken = insertAt(typed, '# Part 101 ', 'A new paragraph line.\n\n');
		index.setOpen(URI, 3, broken);
		const afterLine = getDocumentSymbols(index.get(URI)!);
		assert.equal(JSON.stringify(afterLine), JSON.stringify(getDocumentSymbols(parseDocument(URI, 3, broken))), 'the outline equals a fresh one');
		assert.notEqual(item150(afterLine), item150(afterKey));
		assert.equal(item150(afterLine).range.start.line, item150(afterKey).range.start.line + 2);
	});

	it('a new line in the middle moves the rest by a line, and the outline positions with it', () => {
		const prev = parseDocument(URI, 1, text);
		const next = insertAt(text, '# Part 101 ', 'A new paragraph line.\n\n');
		const { doc, parsed } = reparse(prev, next, 2);
		assert.equal(snapshot(doc), snapshot(parseDocument(URI, 2, next)));
		assert.ok(parsed < 60, `parsed ${parsed} of ${lines} lines`);
		const h = doc.headings.find((x) => x.text === 'Part 150')!;
		const old = prev.headings.find((x) => x.text === 'Part 150')!;
		assert.equal(doc.lineIndex.positionAt(h.span.start).line, prev.lineIndex.positionAt(old.span.start).line + 2);
	});

	it('keystrokes at the start and at the end parse a few lines', () => {
		let prev = parseDocument(URI, 1, text);
		const start = reparse(prev, `The ${text}`, 2);
		assert.equal(snapshot(start.doc), snapshot(parseDocument(URI, 2, `The ${text}`)));
		assert.ok(start.parsed < 60, `start: parsed ${start.parsed} lines`);
		prev = start.doc;
		const end = reparse(prev, `${prev.text}A last line.\n`, 3);
		assert.equal(snapshot(end.doc), snapshot(parseDocument(URI, 3, `${prev.text}A last line.\n`)));
		assert.ok(end.parsed < 60, `end: parsed ${end.parsed} lines`);
	});

	it('typing inside a comment, and with CRLF line ends, parses a few lines', () => {
		const crlf = longDocument(200, '\r\n');
		let prev = parseDocument(URI, 1, crlf);
		let current = crlf;
		for (let k = 0; k < 5; k++) {
			const next = insertAt(current, 'drafting note 120', 'z');
			const { doc, parsed } = reparse(prev, next, k + 2);
			assert.equal(snapshot(doc), snapshot(parseDocument(URI, k + 2, next)));
			assert.ok(parsed < 60, `parsed ${parsed} lines`);
			prev = doc;
			current = next;
		}
	});

	it('an edit that changes what follows (a comment opened, a keyword heading that reorders nesting) parses on, and still equals a fresh parse', () => {
		const prev = parseDocument(URI, 1, text);
		for (const [needle, insert] of [['A closing paragraph of part 100', '<!-- '], ['# Part 100 ', 'Article 1\n\n'], ['# Part 100 ', 'Signatories\n\n']] as const) {
			const next = insertAt(text, needle, insert);
			const { doc } = reparse(prev, next, 2);
			assert.equal(snapshot(doc), snapshot(parseDocument(URI, 2, next)), `${JSON.stringify(insert)} before ${needle}`);
		}
	});

	it('reads lines that hold comments as a fresh parse does, though it reads the text itself until it meets one', () => {
		// each case: a section whose reading depends on what a comment blanks, edited just before it
		const cases = [
			// a heading in capitals over two lines, the second read ahead while the first is handled
			['Some text here.', '', 'ANNEX ONE', 'THE<!--c-->RULES', '', '1. An item.'],
			// an item whose first line ends with a comment, its title read over two lines
			['Lead in:', '', '1. First line of the item <!-- trailing -->', '   goes on here. More.', '2. Second.'],
			// a short line read as a running header: the list goes on after it only if the comment is blanked
			['1. First.', '2. Second.', '', 'Running Header', '', '3.<!--c--> Third.'],
			// an item written in capitals: a neighbour of the same kind only once the comment is blanked
			['Intro.', '', 'I.<!--c--> FIRST PART', '', 'II. SECOND PART', '', 'Text.'],
			// a heading in capitals over two lines, a comment after the content of the first
			['Some text here.', '', 'ANNEX ONE <!--c-->', 'THE RULES', '', '1. An item.'],
			// a bold heading over two lines with a comment at the end of the first (holding `**`)
			['Text.', '', '**Bold <!--**-->', 'heading**', '', 'More text.'],
			// a lead-in paragraph with a comment
			['The parties agree <!-- x --> on:', '', '• One.', '• Two.'],
		];
		for (const body of cases) {
			const parts = ['Title of the declaration', '', 'Havana, 5 May 2019', ''];
			for (let p = 1; p <= 4; p++) parts.push(`# Part ${p}`, '', 'Plain text of the part.', '', ...(p === 3 ? body : ['Nothing here.']), '');
			const text = parts.join('\n');
			const prev = parseDocument(URI, 1, text);
			const next = insertAt(text, 'Plain text of the part.\n\n' + body[0], 'x');
			const { doc } = reparse(prev, next, 2);
			assert.equal(snapshot(doc), snapshot(parseDocument(URI, 2, next)), body.join(' / '));
		}
	});

	it('the workspace index reparses an open document the same way', () => {
		const index = new WorkspaceIndex();
		index.setOpen(URI, 1, text);
		const first = index.get(URI)!;
		const next = insertAt(text, 'Support of the workers of part 100 and', 'x');
		index.setOpen(URI, 2, next);
		const before = parsedLineCount();
		const doc = index.get(URI)!;
		assert.ok(parsedLineCount() - before < 60, `parsed ${parsedLineCount() - before} lines`);
		assert.equal(doc.items[0], first.items[0]);
		assert.equal(snapshot(doc), snapshot(parseDocument(URI, 2, next)));
	});
});
