/**
 * The diagnostics of a document open in the editor are computed block by block, each block's findings
 * (words, term uses, undefined-acronym candidates, quoted and acronym definitions, wiki and natural
 * references) taken over from the previous version while the block's text and structure are unchanged,
 * wherever it moved (terms/blocks.ts). They must be exactly those of a fresh computation, whatever the
 * edits: checked over random sequences of edits (moved and duplicated blocks, labels duplicated, acronyms
 * defined and undefined, shouted text across blank lines, positions shifted), against a workspace that sees
 * the text for the first time. The work is counted, not timed: a keystroke rescans the block typed in only.
 *
 * PROP_SCALE multiplies the number of runs.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultConfig } from '../../server/src/core/config';
import type { Ref } from '../../server/src/core/refs/analysis';
import { docRefs, refScanWork } from '../../server/src/core/refs/analysis';
import { DeclarationService } from '../../server/src/core/service';
import { acronymWork } from '../../server/src/core/terms/analysis';
import { parseDocument } from '../../server/src/core/parser/parse';
import { blockWork, maskedSlice } from '../../server/src/core/terms/blocks';
import { matchWork } from '../../server/src/core/terms/dictionary';
import { termsOf } from '../../server/src/core/terms/state';
import { tokenWork, wordRun } from '../../server/src/core/terms/tokens';
import { BUNDLED_URI, MINI_BUNDLED } from './terms-support';

const seed = Number(process.env.PROP_SEED ?? 20260311);
const scale = Number(process.env.PROP_SCALE ?? 1);

const GLOSSARY = [
	'Shared glossary',
	'',
	'Glossary',
	'',
	'Working Group: the drafting group.',
	"IMCWP: International Meeting of Communist and Workers' Parties.",
	'Party Congress: the highest body.',
	'Group Leader: who chairs a working group.',
	'Unused Term: a term nobody uses.',
	'',
].join('\n');

const OTHER = ['Other declaration', '', '1. First axis. {#x}', '2. Second axis.', ''].join('\n');

const DOC = [
	'Joint Declaration on Cooperation',
	'',
	'Havana, 5 May 2019',
	'',
	'The RWF calls the meeting.',
	'',
	'The parties, with the Regional Workers Fund (RWF) and the ILO, meet with the NATO delegation. The RWF and the Working Group agree.',
	'',
	'"Party" means a member of the IMCWP; the Party Congress decides.',
	'',
	'# Part One {#one}',
	'',
	'The parties will act on the following axes:',
	'',
	'1. Solidarity with the ABC of workers, as set out in axis 2 and points 1(a) and 3. {#a}',
	'   (a) Support of the WFTU and the EU, see [[#b]] and [[#missing]].',
	'   (b) Campaigns for the UN, see paragraph 2 of article 1 and § 9.',
	'2. Defence of peoples, see axes 1-3 and [[other#x]], [[other]] and [[nowhere]]. {#b}',
	'3. Actions of the DTCN with https://example.org/NATO-ILO and www.un.org/WHO. {#c}',
	'',
	'LIMITED RIGHT OF',
	'',
	'REPLACEMENT FOR THE UN',
	'',
	'The parties support the IPU',
	'',
	'* * *',
	'',
	'ABC DEF met in Havana.',
	'',
	'# Article 1',
	'',
	'The Working',
	'',
	'Group meets. COVID-19 and UN-HABITAT, NGOs, I-A and XIV. The Unused Term is used.',
	'',
	'Glossary',
	'',
	'Local Term: a term of this document.',
	'',
].join('\n');

const PIECES = [
	'x', ' ', '\n', '\n\n', 'NATO', 'ILO', 'RWF', 'ABC', 'ABC DEF GHI', '(ILO)', 'International Labour Organization (ILO)',
	'Regional Workers Fund (RWF)', '"Party" means a member.', 'axis 3', 'axes 2 and 5', 'points 1-3', 'paragraph 2 of article 1',
	'§ 4', 'point 1(b)', '[[#a]]', '[[#c]]', '[[other#x]]', '{#a}', '{#b}', '{#z}', '1. ', '2. ', '(a) ', '# ', '# Article 2\n',
	'Working Group', 'Working\n\nGroup', 'Working', 'Group Leader', 'Local Term', 'Glossary\n\n', 'WFTU: World Federation.', 'https://x.org/ILO ', '*', '<!-- -->', '<!--',
	'-->', 'COVID-19', 'NGOs', '\r\n',
];

function workspace(root: string): DeclarationService {
	const service = new DeclarationService({ config: defaultConfig, bundledGlossary: { uri: BUNDLED_URI, text: MINI_BUNDLED } });
	service.index.setFolders([root]);
	service.index.setDisk(`${root}glossary.decl`, GLOSSARY);
	service.index.setDisk(`${root}other.decl`, OTHER);
	return service;
}

function describeRef(r: Ref, refs: ReturnType<typeof docRefs>): unknown {
	if (r.kind === 'wiki') {
		const t = refs.wikiLocal.get(r);
		return ['wiki', r.span, r.target, r.docPart, r.labelPart ?? null, t ? (t.kind === 'item' ? t.item.marker.span : t.heading.span) : null];
	}
	const res = refs.naturalResults.get(r);
	const target = !res ? null : res.kind === 'item' ? ['item', res.item.marker.span] : res.kind === 'heading' ? ['heading', res.heading.span] : res;
	return ['natural', r.span, r.keywordText, r.keywordSpan, r.phraseSpan, r.number, r.digitsSpan ?? null, r.suffixes, r.inRange, r.external ?? null, r.container ?? null, target];
}

/** What the features make of the document: its diagnostics, blocks, words, term uses and definitions, references and their targets. */
function observe(service: DeclarationService, uri: string): string {
	const doc = service.index.get(uri)!;
	const { info, uses } = termsOf(service.context()).entry(doc);
	const refs = docRefs(doc);
	const words = wordRun(info.tokens, 0, info.tokens.count);
	return JSON.stringify({
		diagnostics: service.getDiagnostics(uri),
		blocks: [...info.tokens.blocks.starts].map((s, i) => `${s}-${info.tokens.blocks.ends[i]}`).join(' '),
		words: [...words.starts].map((s, i) => `${s}-${words.ends[i]}:${words.hashes[i]}`).join(' '),
		uses: uses.map((u) => [u.start, u.end, u.key, u.level, u.plural]),
		definitions: info.defs.map((d) => [d.kind, d.names, d.nameSpans, d.termSpan, d.span, d.definition, d.line, d.form ?? null]),
		references: refs.all.map((r) => describeRef(r, refs)),
		labels: [...refs.labels.labels.keys()],
	}, null, 1);
}

let freshCount = 0;

/** The same, for the text seen for the first time (another workspace, another folder: nothing to take over). */
function fresh(text: string): string {
	const root = `file:///fresh-${++freshCount}/`;
	const service = workspace(root);
	service.index.setOpen(`${root}doc.decl`, 1, text);
	return observe(service, `${root}doc.decl`);
}

function firstDifference(a: string, b: string): string {
	const x = a.split('\n');
	const y = b.split('\n');
	for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `line ${i}: incremental ${x[i]} / fresh ${y[i]}`;
	return '';
}

/** An editing session: the document open in one workspace, changed version after version. */
class Session {
	readonly root = 'file:///inc/';
	readonly uri = `${this.root}doc.decl`;
	readonly service = workspace(this.root);
	version = 1;

	constructor(public text: string) {
		this.service.index.setOpen(this.uri, 1, text);
		observe(this.service, this.uri);
	}

	set(text: string): void {
		this.text = text;
		this.service.index.setOpen(this.uri, ++this.version, text);
	}

	check(what: string): void {
		const got = observe(this.service, this.uri);
		const want = fresh(this.text);
		if (got !== want) assert.fail(`${what}: ${firstDifference(got, want)}\ntext: ${JSON.stringify(this.text)}`);
	}
}

/** The blocks of a text (runs of non-blank lines) as offsets. */
function blocksOf(text: string): { start: number; end: number }[] {
	const out: { start: number; end: number }[] = [];
	let at = 0;
	let open: { start: number; end: number } | undefined;
	for (const line of text.split('\n')) {
		if (line.trim() === '') open = undefined;
		else if (open) open.end = at + line.length;
		else out.push((open = { start: at, end: at + line.length }));
		at += line.length + 1;
	}
	return out;
}

/** Where an edit lands: anywhere, or at the first or last character of a block (where a reused block must end exactly). */
type Where = 'any' | 'blockStart' | 'blockEnd';

type Edit =
	| { readonly kind: 'insert'; readonly where: Where; readonly at: number; readonly piece: string }
	| { readonly kind: 'remove'; readonly where: Where; readonly at: number; readonly length: number }
	| { readonly kind: 'replace'; readonly where: Where; readonly at: number; readonly length: number; readonly piece: string }
	| { readonly kind: 'move'; readonly block: number; readonly to: number }
	| { readonly kind: 'duplicateLine'; readonly line: number }
	| { readonly kind: 'twice'; readonly at: number; readonly gap: number; readonly piece: string };

function offset(text: string, where: Where, at: number): number {
	const bs = blocksOf(text);
	if (where === 'any' || bs.length === 0) return at % (text.length + 1);
	const b = bs[at % bs.length];
	return where === 'blockStart' ? b.start : b.end - 1;
}

function apply(text: string, e: Edit): string {
	switch (e.kind) {
		case 'insert': {
			const at = offset(text, e.where, e.at);
			return text.slice(0, at) + e.piece + text.slice(at);
		}
		case 'remove': {
			const at = offset(text, e.where, e.at);
			return text.slice(0, at) + text.slice(at + e.length);
		}
		case 'replace': {
			const at = offset(text, e.where, e.at);
			return text.slice(0, at) + e.piece + text.slice(at + e.length);
		}
		case 'move': {
			// a block (with the blank line after it) cut and pasted before another block, or at the end
			const bs = blocksOf(text);
			if (bs.length < 2) return text;
			const b = bs[e.block % bs.length];
			const cut = text.slice(b.start, b.end);
			const rest = text.slice(0, b.start) + text.slice(Math.min(text.length, b.end + 2));
			const targets = [...blocksOf(rest).map((x) => x.start), rest.length];
			const to = targets[e.to % targets.length];
			return to === rest.length ? `${rest}${rest.endsWith('\n') ? '' : '\n'}\n${cut}\n` : `${rest.slice(0, to)}${cut}\n\n${rest.slice(to)}`;
		}
		case 'duplicateLine': {
			const lines = text.split('\n');
			const k = e.line % lines.length;
			lines.splice(k, 0, lines[k]);
			return lines.join('\n');
		}
		case 'twice': {
			// two places changed in one version: the text in between is neither a common prefix nor a common suffix
			const at = e.at % (text.length + 1);
			const at2 = Math.min(text.length, at + e.gap);
			return text.slice(0, at) + e.piece + text.slice(at, at2) + e.piece + text.slice(at2);
		}
	}
}

const whereArb = fc.constantFrom<Where>('any', 'any', 'blockStart', 'blockEnd');
const editArb: fc.Arbitrary<Edit> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), where: whereArb, at: fc.nat(), piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })) }) },
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), where: whereArb, at: fc.nat(), length: fc.oneof(fc.nat({ max: 3 }), fc.nat({ max: 80 })) }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), where: whereArb, at: fc.nat(), length: fc.constantFrom(1, 1, 2), piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ minLength: 1, maxLength: 2 })) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), block: fc.nat(), to: fc.nat() }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('twice' as const), at: fc.nat(), gap: fc.nat({ max: 400 }), piece: fc.constantFrom(...PIECES) }) },
);

/** A document of `n` numbered paragraphs (blocks) with terms, acronyms and references in each. */
function large(n: number): string {
	const out = ['Joint statement', '', 'The Regional Workers Fund (RWF) meets.', '', 'The parties will act on the following axes:', ''];
	for (let k = 1; k <= n; k++) out.push(`${k}. The Working Group of the IMCWP met the NATO delegation, the RWF and the ABC, see axis ${k} and [[#p${k}]]. {#p${k}}`, '');
	return out.join('\n');
}

function work(): number[] {
	return [blockWork.blocks, blockWork.texts, tokenWork.blocks, matchWork.blocks, acronymWork.blocks, refScanWork.blocks];
}

/** How many blocks each step redid since `before`: new block data, new text data, words, uses, acronym candidates, references. */
function since(before: number[]): Record<string, number> {
	const now = work();
	const names = ['blocks', 'texts', 'words', 'uses', 'acronyms', 'references'];
	return Object.fromEntries(names.map((n, i) => [n, now[i] - before[i]]));
}

describe('the masked text read in pieces', () => {
	it('maskedSlice gives the slices of doc.masked without reading it (comments, front matter, a byte-order mark)', () => {
		const parts = ['<!--', '-->', '<!-- note -->', '\n', '\r\n', '\n\n', 'word', ' ', '---\n', 'title: T\n', '\ufeff', 'a<!--b\n-->c', '# H\n'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 10 }), (pieces, ranges) => {
				const text = pieces.join('');
				const doc = parseDocument('file:///m.decl', 1, text);
				for (const [a, b] of ranges) {
					const from = a % (text.length + 1);
					const to = from + (b % (text.length - from + 1));
					assert.equal(maskedSlice(doc, from, to), doc.masked.slice(from, to), JSON.stringify({ text, from, to }));
				}
			}),
			{ numRuns: Math.max(1, Math.round(200 * scale)), seed, endOnFailure: false },
		);
	});
});

describe('diagnostics of an open document, block by block', () => {
	it('the fixture has every kind of finding, and the incremental session starts equal to a fresh one', () => {
		const s = new Session(DOC);
		const o = JSON.parse(observe(s.service, s.uri)) as { diagnostics: { code: string }[] };
		const codes = new Set(o.diagnostics.map((d) => d.code));
		for (const c of ['undefined-acronym', 'unresolved-reference', 'acronym-before-definition', 'unused-definition']) assert.ok(codes.has(c), `${c} in ${[...codes].join(', ')}`);
		s.check('first version');
	});

	it('gives the diagnostics, uses, definitions and references of a fresh computation after any sequence of edits', () => {
		fc.assert(
			fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
				const s = new Session(DOC);
				edits.forEach((e, i) => {
					s.set(apply(s.text, e));
					s.check(`edit ${i + 1} of ${JSON.stringify(edits)}`);
				});
			}),
			{ numRuns: Math.max(1, Math.round(40 * scale)), seed, endOnFailure: false },
		);
	});

	it('the named cases: a moved block, a duplicated label, an acronym defined then undefined, shouted text across blank lines, everything shifted', () => {
		const s = new Session(DOC);
		const step = (what: string, text: string): void => {
			s.set(text);
			s.check(what);
		};
		// a block moved to the end and back
		const moved = apply(s.text, { kind: 'move', block: 6, to: 99 });
		step('block moved', moved);
		step('block moved back', DOC);
		// a label duplicated: a duplicate-label error, and [[#a]] still resolves to the first
		step('label duplicated', s.text.replace('{#c}', '{#a}'));
		assert.ok(s.service.getDiagnostics(s.uri).some((d) => d.code === 'duplicate-label'));
		step('label back', DOC);
		// an acronym defined (its uses resolve, the undefined-acronym goes), then undefined again
		const defined = s.text.replace('Actions of the DTCN', 'Actions of the Democratic Trade Council of Nations (DTCN)');
		step('acronym defined', defined);
		assert.ok(!s.service.getDiagnostics(s.uri).some((d) => d.code === 'undefined-acronym' && (d.data as { acronym: string }).acronym === 'DTCN'));
		step('acronym undefined', DOC);
		assert.ok(s.service.getDiagnostics(s.uri).some((d) => d.code === 'undefined-acronym' && (d.data as { acronym: string }).acronym === 'DTCN'));
		// shouted text (three words in capitals or more) runs on across blank lines and a line of `*`: then broken
		const undefinedAcronyms = (): string[] => s.service.getDiagnostics(s.uri).filter((d) => d.code === 'undefined-acronym').map((d) => (d.data as { acronym: string }).acronym);
		assert.ok(!['IPU', 'DEF'].some((a) => undefinedAcronyms().includes(a)), undefinedAcronyms().join());
		step('shouted text broken', s.text.replace('LIMITED RIGHT OF', 'LIMITED RIGHT, OF'));
		step('shouted text whole again', DOC);
		step('shouted text over a separator broken', s.text.replace('* * *', '* - *'));
		assert.ok(['IPU', 'DEF'].every((a) => undefinedAcronyms().includes(a)), undefinedAcronyms().join());
		// everything after the top shifted, by a line and by a character
		step('a line at the top', `Draft\n\n${DOC}`);
		step('a character at the top', `xDraft\n\n${DOC}`);
		step('gone again', DOC);
		// a name across a blank line: the next block is entered past its first word, then at it again
		step('no name across', DOC.replace('The Working\n\nGroup meets.', 'The Workin\n\nGroup Leader meets.'));
		step('a name across', DOC.replace('The Working\n\nGroup meets.', 'The Working\n\nGroup Leader meets.'));
		step('no name across again', DOC.replace('The Working\n\nGroup meets.', 'The Workin\n\nGroup Leader meets.'));
	});

	it('the first or the last character of any block replaced (the length unchanged: the block only just in the changed region)', () => {
		const s = new Session(DOC);
		for (const b of blocksOf(DOC)) {
			for (const at of [b.start, b.end - 1]) {
				s.set(`${DOC.slice(0, at)}Q${DOC.slice(at + 1)}`);
				s.check(`character ${at} replaced`);
				s.set(DOC);
			}
		}
	});

	it('a keystroke rescans only the block typed in, however large the document (work counted, not timed)', () => {
		const text = large(400);
		const s = new Session(text);
		const at = text.indexOf('axis 200');
		let before = work();
		s.set(`${text.slice(0, at)}x${text.slice(at)}`);
		observe(s.service, s.uri);
		assert.deepEqual(since(before), { blocks: 1, texts: 1, words: 1, uses: 1, acronyms: 1, references: 1 });
		// everything after it shifted back by one character: only that block again
		before = work();
		s.set(text);
		observe(s.service, s.uri);
		assert.deepEqual(since(before), { blocks: 1, texts: 1, words: 1, uses: 1, acronyms: 1, references: 1 });
		s.check('after the keystrokes');
	});

	it('the open document still takes over its blocks after many other documents were analysed (workspace indexing)', () => {
		const text = large(100);
		const s = new Session(text);
		for (let k = 0; k < 80; k++) {
			const uri = `${s.root}other-${k}.decl`;
			s.service.index.setDisk(uri, large(3));
			s.service.getDiagnostics(uri);
		}
		observe(s.service, s.uri);
		const at = text.indexOf('axis 50');
		const before = work();
		s.set(`${text.slice(0, at)}x${text.slice(at)}`);
		observe(s.service, s.uri);
		assert.deepEqual(since(before), { blocks: 1, texts: 1, words: 1, uses: 1, acronyms: 1, references: 1 });
	});

	it('a block cut and pasted elsewhere is found by its text: nothing is rescanned', () => {
		const text = large(200);
		const s = new Session(text);
		const from = text.indexOf('10. The Working');
		const to = text.indexOf('190. The Working');
		const end = text.indexOf('\n\n', from) + 2;
		const block = text.slice(from, end);
		const before = work();
		s.set(text.slice(0, from) + text.slice(end, to) + block + text.slice(to));
		observe(s.service, s.uri);
		assert.deepEqual(since(before), { blocks: 0, texts: 0, words: 0, uses: 0, acronyms: 0, references: 0 });
		s.check('block moved');
	});

	it('a block whose text is unchanged but whose structure changed (a label no longer a label) is rescanned, its text findings kept', () => {
		const text = 'Joint statement\n\n1. The first axis.\n\n   More of the first axis, which the parties develop together in every country concerned, see axis 1. {#ABCD}\n\nThe end.\n';
		const s = new Session(text);
		assert.ok(!s.service.getDiagnostics(s.uri).some((d) => d.code === 'undefined-acronym'));
		const before = work();
		// no longer an item: the second block's `{#ABCD}` is not a label any more, so `ABCD` is a word there
		s.set(text.replace('1. The first', 'The first'));
		assert.ok(s.service.getDiagnostics(s.uri).some((d) => d.code === 'undefined-acronym'));
		assert.deepEqual(since(before), { blocks: 2, texts: 1, words: 2, uses: 2, acronyms: 2, references: 2 });
		s.check('the item made a paragraph');
	});
});
