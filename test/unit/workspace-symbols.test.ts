/**
 * Workspace symbols (server/src/core/refs/symbols.ts): the query's filters (letter masks, pair
 * filters, the first-character pass, the heap's floor) must never drop a symbol that the scoring
 * accepts. A naive matcher written from the documented rules scores every symbol of the workspace;
 * the query must answer exactly its best `limit`, in its order. Plus ranking, the empty query,
 * cancellation and per-version caching.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { WorkspaceSymbol } from 'vscode-languageserver-types';
import { CancelledError, type CancellationToken } from '../../server/src/core/cancellation';
import { DeclarationService } from '../../server/src/core/service';
import { fuzzyScore, MAX_SYMBOLS, workspaceSymbols } from '../../server/src/core/refs/symbols';
import { symbolIndexOf } from '../../server/src/core/refs/symbolIndex';

const FOLDER = 'file:///ws/';
const seed = Number(process.env.PROP_SEED ?? 20260107);
const scale = Number(process.env.PROP_SCALE ?? 1);
const runs = (n: number): fc.Parameters<unknown> => ({ numRuns: Math.max(1, Math.round(n * scale)), seed, endOnFailure: false });

// ------------------------------------------------------------------ the naive reference

const ALNUM = /[\p{L}\p{N}]/u;
const isAlnum = (s: string, i: number): boolean => i >= 0 && i < s.length && ALNUM.test(s[i]);
const isWordStart = (s: string, i: number): boolean => isAlnum(s, i) && !isAlnum(s, i - 1);

/** The documented score of name `s` (lower case) for query `q` (lower case, trimmed, single spaces), from the rules alone. */
function naiveScore(q: string, s: string): number {
	const len = Math.min(s.length, 200);
	if (q === '') return 100;
	if (s === q) return 1000;
	if (s.startsWith(q)) return 900 - len / 10;
	let first = -1;
	for (let p = s.indexOf(q, 1); p >= 0; p = s.indexOf(q, p + 1)) {
		if (isWordStart(s, p)) return 800 - Math.min(p, 100) / 2 - len / 20;
		if (first < 0) first = p;
	}
	if (first > 0) return 700 - Math.min(first, 100) / 2 - len / 20;
	if (q.length < 2) return 0;
	// each query character: the next occurrence that continues the previous match, or starts a word (a space: any)
	let prev = -2;
	let runs = 0;
	for (const ch of q.split('')) {
		let found = -1;
		for (let p = prev + 1; p < s.length && found < 0; p++) if (s[p] === ch && (p === prev + 1 || ch === ' ' || isWordStart(s, p))) found = p;
		if (found < 0) return 0;
		if (found !== prev + 1) runs++;
		prev = found;
	}
	return 500 - runs * 10 - len / 20;
}

interface Row {
	readonly key: string;
	readonly score: number;
	readonly len: number;
	readonly d: number;
	readonly i: number;
}

/** Every symbol of the workspace scored naively, sorted as documented, the best `limit`. */
function naiveAnswer(service: DeclarationService, query: string, limit: number): string[] {
	const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
	const rows: Row[] = [];
	service.index.uris().forEach((uri, d) => {
		const doc = service.index.get(uri);
		if (!doc) return;
		const syms: [string, number, number][] = [];
		if (doc.title) syms.push([doc.title.text, 0, doc.title.span.start]);
		for (const h of doc.headings) {
			syms.push([h.text, 1, h.nameSpan.start]);
			if (h.label) syms.push([`#${h.label.name}`, 2, h.label.span.start]);
		}
		for (const it of doc.items) {
			syms.push([`${it.printed} ${it.title}`, it.depth === 0 ? 3 : 4, it.firstLineSpan.start]);
			if (it.label) syms.push([`#${it.label.name}`, 2, it.label.span.start]);
		}
		syms.forEach(([name, rank, at], i) => {
			const lower = name.toLowerCase();
			const score = naiveScore(q, lower);
			if (score > 0) rows.push({ key: `${uri}|${name}|${doc.lineIndex.positionAt(at).line}`, score: score - rank, len: lower.length, d, i });
		});
	});
	rows.sort((a, b) => b.score - a.score || a.len - b.len || a.d - b.d || a.i - b.i);
	return rows.slice(0, limit).map((r) => r.key);
}

const keyOf = (s: WorkspaceSymbol): string => ('range' in s.location ? `${s.location.uri}|${s.name}|${s.location.range.start.line}` : '');

// ------------------------------------------------------------------ generated workspaces

const WORDS = [
	'scope', 'Scope', 'SCOPE', 'telescope', 'cope', 'Provisions', 'of', 'record', 'the', 'in', 'ion', 'region', 'Région', 'İstanbul', 'Straße', 'ΣΟΦΙΑ',
	'x1', 'a-b', '2024', 'x', 'xy', 'yx', 'For', 'public', 'housing', 'rent', 'control', 'Ärger', '日本', '🙂', "o'clock", 'co-op', 'qz', 'zq', 'I', 'Ii',
];
const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0129'.split('')), minLength: 1, maxLength: 7 }) });
const phrase = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
const label = fc.option(fc.constantFrom('scope', 'cope-1', 'x', 'housing', 'ion2'), { nil: undefined });
const block = fc.oneof(
	fc.record({ heading: phrase, label }).map(({ heading, label: l }) => `# ${heading}${l ? ` {#${l}}` : ''}\n`),
	fc.array(fc.record({ item: phrase, label, sub: fc.array(phrase, { maxLength: 2 }) }), { minLength: 1, maxLength: 6 }).map((items) =>
		items.map(({ item, label: l, sub }, n) => `${n + 1}. ${item}${l ? ` {#${l}}` : ''}\n${sub.map((p, k) => `   (${'abc'[k]}) ${p}\n`).join('')}`).join(''),
	),
);
const documentText = fc.record({ title: phrase, blocks: fc.array(block, { maxLength: 8 }) }).map(({ title, blocks }) => `${title}\n\n${blocks.join('\n')}`);
const workspace = fc.array(documentText, { minLength: 1, maxLength: 10 });

function serviceOf(texts: readonly string[]): DeclarationService {
	const service = new DeclarationService();
	service.index.setFolders([FOLDER]);
	texts.forEach((t, k) => service.index.setDisk(`${FOLDER}d${k}.decl`, t));
	return service;
}

/** All names of the workspace, for deriving queries. */
function namesOf(service: DeclarationService): string[] {
	return workspaceSymbols('', service.index, undefined, 1e6).map((s) => s.name);
}

/** A query derived from the workspace's names: a slice, a subsequence, initials, a word, or noise. */
const queryPick = fc.record({
	mode: fc.integer({ min: 0, max: 6 }),
	pick: fc.nat(),
	a: fc.nat(),
	b: fc.nat(),
	noise: fc.string({ unit: fc.constantFrom(...'scopexyzqi1 #-éİ'.split('')), maxLength: 5 }),
	upper: fc.boolean(),
});

function deriveQuery(names: readonly string[], p: { mode: number; pick: number; a: number; b: number; noise: string; upper: boolean }): string {
	const name = names.length > 0 ? names[p.pick % names.length] : '';
	let q: string;
	switch (p.mode) {
		case 0: {
			const from = p.a % (name.length + 1);
			q = name.slice(from, from + 1 + (p.b % 12));
			break;
		}
		case 1:
			q = name.split('').filter((_, k) => ((p.a >> k % 24) & 1) === 1).join('').slice(0, 8);
			break;
		case 2:
			q = name
				.split(/[^\p{L}\p{N}]+/u)
				.filter(Boolean)
				.map((w) => w.slice(0, 1 + (p.b % 2)))
				.join('');
			break;
		case 3:
			q = WORDS[p.a % WORDS.length];
			break;
		case 4:
			q = p.noise;
			break;
		case 5:
			q = `  ${name.slice(0, 1 + (p.b % 6))}  `;
			break;
		default:
			q = '';
	}
	return p.upper ? q.toUpperCase() : q;
}

describe('workspace symbols: the filters never drop a match', function () {
	this.timeout(120_000);

	it('fuzzyScore equals the naive score on arbitrary strings', () => {
		const text = fc.string({ unit: fc.constantFrom(...'abcxy1 -#éİ'.split('')), maxLength: 14 });
		fc.assert(
			fc.property(text, text, (q0, s0) => {
				const q = q0.trim().toLowerCase().replace(/\s+/g, ' ');
				const s = s0.toLowerCase();
				assert.equal(fuzzyScore(q, s), naiveScore(q, s), `query ${JSON.stringify(q)} in ${JSON.stringify(s)}`);
			}),
			runs(3000),
		);
	});

	it('answers exactly the best symbols of a naive scoring of every symbol, for any limit', () => {
		fc.assert(
			fc.property(workspace, fc.array(queryPick, { minLength: 1, maxLength: 6 }), fc.constantFrom(1, 3, 10, 40, 1e6), (texts, picks, limit) => {
				const service = serviceOf(texts);
				const names = namesOf(service);
				for (const p of picks) {
					const query = deriveQuery(names, p);
					const got = workspaceSymbols(query, service.index, undefined, limit).map(keyOf);
					assert.deepEqual(got, naiveAnswer(service, query, limit), `query ${JSON.stringify(query)}, limit ${limit}`);
				}
			}),
			runs(150),
		);
	});

	it('finds every match in a large workspace of similar names (the heap full, text searched natively)', () => {
		const texts: string[] = [];
		for (let d = 0; d < 40; d++) {
			const items = Array.from({ length: 30 }, (_, k) => `${k + 1}. Provisions ${d % 3 ? 'of the region' : 'on telescopes'} ${k} xy ${k % 7 ? 'scope' : 'co op'} public ${d * 30 + k}`);
			texts.push(`Declaration ${d} on the Scope of Records\n\n# Scope {#scope}\n\n# Provisions of record ${d}\n\n${items.join('\n')}\n`);
		}
		const service = serviceOf(texts);
		for (const query of ['Scope', 'scope', 'cope', 'ion', 'xy', 'prvsns', 'p', '1', 'of record 3', 'pr of', 'zz', 'telescopes', '#scope', 'c op', '']) {
			for (const limit of [MAX_SYMBOLS, 7, 1e6]) {
				const got = workspaceSymbols(query, service.index, undefined, limit).map(keyOf);
				assert.deepEqual(got, naiveAnswer(service, query, limit), `query ${JSON.stringify(query)}, limit ${limit}`);
			}
		}
	});

	it('handles names whose lower case is longer, and names longer than the head holds', () => {
		const long = `${'Very long title '.repeat(700)}with scope at the end`;
		const service = serviceOf([
			'İİİ İstanbul title\n\n# İnci scope\n\n1. After the dotted I: scope here.\n2. Straße and ΣΟΦΙΑ.\n',
			`Long\n\n# ${long}\n\n# Short scope\n`,
		]);
		for (const query of ['scope', 'istanbul', 'i̇stanbul', 'i̇', 'straße', 'σοφια', 'end', 'very long', 'vltwsate', 'here', '']) {
			assert.deepEqual(workspaceSymbols(query, service.index, undefined, 1e6).map(keyOf), naiveAnswer(service, query, 1e6), `query ${JSON.stringify(query)}`);
		}
		assert.equal(workspaceSymbols('at the end', service.index)[0].name, long);
	});
});

describe('workspace symbols: ranking', () => {
	const service = serviceOf([
		'Scope\n\n# The scope of work {#scope}\n\n# Telescope\n\n1. Social cooperation pension.\n2. Scope and method.\n',
		'Other\n\n# Scopes\n',
	]);
	const names = (q: string): string[] => workspaceSymbols(q, service.index).map((s) => s.name);

	it('puts exact matches, then prefixes, then word starts, then inner substrings, then fuzzy matches', () => {
		assert.deepEqual(names('scope'), ['Scope', 'Scopes', '#scope', 'The scope of work', '2. Scope and method', 'Telescope', '1. Social cooperation pension']);
	});

	it('on equal scores, ranks titles, headings, labels, axes, points; then shorter names; then index order', () => {
		const s = serviceOf(['Alpha\n\n# Alpha\n\n1. Alpha\n', 'Alpha\n']);
		const got = workspaceSymbols('alpha', s.index);
		assert.deepEqual(
			got.map((x) => [x.name, 'range' in x.location ? x.location.uri : '']),
			[
				['Alpha', `${FOLDER}d0.decl`],
				['Alpha', `${FOLDER}d1.decl`],
				['Alpha', `${FOLDER}d0.decl`],
				['1. Alpha', `${FOLDER}d0.decl`],
			],
		);
	});

	it('matches case-insensitively, with runs of spaces in the query taken as one', () => {
		assert.equal(names('  THE   SCOPE ')[0], 'The scope of work');
	});

	it('caps the answer at MAX_SYMBOLS', () => {
		const texts = Array.from({ length: 30 }, (_, d) => `Doc ${d}\n\n${Array.from({ length: 25 }, (_, k) => `${k + 1}. Axis ${k}.`).join('\n')}\n`);
		const big = serviceOf(texts);
		assert.equal(workspaceSymbols('axis', big.index).length, MAX_SYMBOLS);
	});
});

describe('workspace symbols: the empty query', () => {
	it('answers every symbol up to the cap, titles first, then headings, labels, axes and points', () => {
		const service = serviceOf(['T0\n\n# H0 {#l0}\n\n1. A0\n   (a) P0\n', 'T1\n\n# H1\n']);
		assert.deepEqual(
			workspaceSymbols('', service.index).map((s) => s.name),
			['T0', 'T1', 'H0', 'H1', '#l0', '1. A0', '1(a) P0'],
		);
		assert.deepEqual(workspaceSymbols('   ', service.index).map((s) => s.name), workspaceSymbols('', service.index).map((s) => s.name));
		assert.deepEqual(workspaceSymbols('', service.index, undefined, 2).map((s) => s.name), ['T0', 'T1']);
	});
});

describe('workspace symbols: cancellation', () => {
	const texts = Array.from({ length: 600 }, (_, d) => `Doc ${d}\n\n# Scope\n\n1. Axis ${d}.\n`);
	const service = serviceOf(texts);
	workspaceSymbols('warm', service.index);

	it('throws CancelledError for a cancelled token, before and during the walk', () => {
		assert.throws(() => workspaceSymbols('scope', service.index, { isCancellationRequested: true }), CancelledError);
		for (const query of ['scope', 'axs', '']) {
			let reads = 0;
			const token: CancellationToken = {
				get isCancellationRequested() {
					return ++reads > 1;
				},
			};
			assert.throws(() => workspaceSymbols(query, service.index, token), CancelledError, `query ${JSON.stringify(query)}`);
		}
	});

	it('answers in full when the token is never cancelled, and through the service', () => {
		assert.equal(workspaceSymbols('scope', service.index, { isCancellationRequested: false }).length, MAX_SYMBOLS);
		assert.throws(() => service.getWorkspaceSymbols('scope', { isCancellationRequested: true }), CancelledError);
	});
});

describe('workspace symbols: documents change', () => {
	it('answers from the current version of every document', () => {
		const service = serviceOf(['Alpha\n\n# Old heading\n', 'Beta\n\n# Other heading\n']);
		const uri = `${FOLDER}d0.decl`;
		assert.deepEqual(workspaceSymbols('heading', service.index).map((s) => s.name), ['Old heading', 'Other heading']);
		service.index.setOpen(uri, 1, 'Alpha\n\n# New heading\n\n1. Heading axis.\n');
		assert.deepEqual(workspaceSymbols('heading', service.index).map((s) => s.name), ['New heading', 'Other heading', '1. Heading axis']);
		service.index.setOpen(uri, 2, 'Alpha\n\n# Newer heading\n');
		assert.deepEqual(workspaceSymbols('heading', service.index).map((s) => s.name), ['Newer heading', 'Other heading']);
		service.index.closeOpen(uri);
		assert.deepEqual(workspaceSymbols('heading', service.index).map((s) => s.name), ['Old heading', 'Other heading']);
		service.index.deleteDisk(`${FOLDER}d1.decl`);
		assert.deepEqual(workspaceSymbols('heading', service.index).map((s) => s.name), ['Old heading']);
	});

	it('names documents by their path relative to the current workspace folders', () => {
		const service = serviceOf(['Alpha\n\n# Heading\n']);
		service.index.setDisk('file:///ws/sub/b.decl', 'Beta\n\n# Heading two\n');
		assert.deepEqual(workspaceSymbols('heading', service.index).map((s) => s.containerName), ['Alpha · d0.decl', 'Beta · sub/b.decl']);
		service.index.setFolders(['file:///ws/sub/']);
		assert.deepEqual(workspaceSymbols('heading', service.index).map((s) => s.containerName), ['Alpha · d0.decl', 'Beta · b.decl']);
	});

	it('locates each symbol in its document', () => {
		const text = 'Title line\n\n# A heading {#lab}\n\n1. First axis.\n';
		const service = serviceOf([text]);
		const ranges = workspaceSymbols('', service.index).map((s) => ('range' in s.location ? [s.name, s.location.range.start.line, s.location.range.start.character, s.location.range.end.character] : []));
		assert.deepEqual(ranges, [
			['Title line', 0, 0, 10],
			['A heading', 2, 2, 11],
			['#lab', 2, 12, 18],
			['1. First axis', 4, 0, 14],
		]);
	});
});

describe('workspace symbols: the index follows the documents from query to query', function () {
	this.timeout(120_000);

	/** Every name of the workspace, from the models (not through the index, which a query would bring up to date). */
	const modelNames = (service: DeclarationService): string[] =>
		service.index.uris().flatMap((uri) => {
			const doc = service.index.get(uri);
			if (!doc) return [];
			return [
				...(doc.title ? [doc.title.text] : []),
				...doc.headings.flatMap((h) => [h.text, ...(h.label ? [`#${h.label.name}`] : [])]),
				...doc.items.flatMap((it) => [`${it.printed} ${it.title}`, ...(it.label ? [`#${it.label.name}`] : [])]),
			];
		});
	const many = (n: number, word: string): string => Array.from({ length: n }, (_, k) => `${k + 1}. ${word} scope ${k}`).join('\n');

	type Op =
		| { kind: 'disk' | 'open'; doc: number; text: string }
		| { kind: 'close' | 'delete' | 'folders'; doc: number }
		| { kind: 'grow'; doc: number; n: number };
	const op: fc.Arbitrary<Op> = fc.oneof(
		fc.record({ kind: fc.constantFrom('disk' as const, 'open' as const), doc: fc.nat(9), text: documentText }),
		fc.record({ kind: fc.constantFrom('close' as const, 'delete' as const, 'folders' as const), doc: fc.nat(9) }),
		fc.record({ kind: fc.constant('grow' as const), doc: fc.nat(9), n: fc.integer({ min: 1, max: 90 }) }),
	);

	it('answers as the naive scoring after documents changed, grew, were added, closed and deleted between queries', () => {
		fc.assert(
			fc.property(workspace, fc.array(fc.record({ ops: fc.array(op, { maxLength: 4 }), pick: queryPick, limit: fc.constantFrom(3, 40, 1e6) }), { minLength: 1, maxLength: 8 }), fc.constantFrom(1, 2, 5, 512), (texts, steps, chunkWords) => {
				const service = serviceOf(texts);
				// small chunks: documents fill them, move to new ones, and leave them to be compacted or dropped
				symbolIndexOf(service.index).chunkWords = chunkWords;
				let version = 0;
				for (const { ops, pick, limit } of steps) {
					for (const o of ops) {
						const uri = `${FOLDER}d${o.doc}.decl`;
						if (o.kind === 'disk') service.index.setDisk(uri, o.text);
						else if (o.kind === 'open') service.index.setOpen(uri, ++version, o.text);
						else if (o.kind === 'close') service.index.closeOpen(uri);
						else if (o.kind === 'delete') service.index.deleteDisk(uri);
						else if (o.kind === 'folders') service.index.setFolders([o.doc % 2 ? FOLDER : 'file:///other/']);
						else if (o.kind === 'grow') service.index.setOpen(uri, ++version, `Grown ${o.n}\n\n# Heading\n\n${many(o.n, 'grown')}\n`);
					}
					const query = deriveQuery(modelNames(service), pick);
					const got = workspaceSymbols(query, service.index, undefined, limit).map(keyOf);
					assert.deepEqual(got, naiveAnswer(service, query, limit), `query ${JSON.stringify(query)}, limit ${limit}`);
				}
			}),
			runs(120),
		);
	});

	it('puts a document deleted and added again after the others on equal scores (the index order)', () => {
		const service = serviceOf(['Alpha\n', 'Alpha\n', 'Alpha\n']);
		const uris = (): string[] => workspaceSymbols('alpha', service.index).map((s) => ('range' in s.location ? s.location.uri : ''));
		assert.deepEqual(uris(), [`${FOLDER}d0.decl`, `${FOLDER}d1.decl`, `${FOLDER}d2.decl`]);
		service.index.deleteDisk(`${FOLDER}d0.decl`);
		service.index.setDisk(`${FOLDER}d0.decl`, 'Alpha\n');
		assert.deepEqual(uris(), [`${FOLDER}d1.decl`, `${FOLDER}d2.decl`, `${FOLDER}d0.decl`]);
		service.index.deleteDisk(`${FOLDER}d2.decl`);
		assert.deepEqual(uris(), [`${FOLDER}d1.decl`, `${FOLDER}d0.decl`]);
	});

	it('rewrites only a changed document, moves one that grew, and compacts what moving left behind', () => {
		const texts = Array.from({ length: 50 }, (_, d) => `Doc ${d}\n\n# Heading ${d}\n\n${many(40, `word${d}`)}\n`);
		const service = serviceOf(texts);
		const ix = symbolIndexOf(service.index);
		ix.chunkWords = 16;
		workspaceSymbols('scope', service.index);
		const before = ix.stats();
		assert.equal(before.symbols, 50 * 42);
		assert.equal(before.words, 50 * 2);
		// a change within the document's range: same words, nothing else rebuilt
		const d7 = ix.slots.find((s) => s?.uri === `${FOLDER}d7.decl`)!;
		const d8 = ix.slots.find((s) => s?.uri === `${FOLDER}d8.decl`)!;
		const { off: off7 } = d7;
		const ds8 = d8.ds;
		service.index.setOpen(`${FOLDER}d7.decl`, 1, `Doc 7\n\n# Heading 7 changed\n\n${many(41, 'word7')}\n`);
		assert.equal(workspaceSymbols('heading 7 changed', service.index)[0].name, 'Heading 7 changed');
		assert.equal(d7.off, off7);
		assert.equal(d8.ds, ds8);
		// documents that grow past their ranges move to the end, again and again: the index stays compact
		for (let round = 1; round <= 30; round++) {
			for (let d = 0; d < 50; d += 5) service.index.setOpen(`${FOLDER}d${d}.decl`, round + 1, `Doc ${d}\n\n# Heading ${d}\n\n${many(40 + 20 * round, `word${d}`)}\n`);
			const query = round % 2 ? 'word10 scope' : 'scope 41';
			assert.deepEqual(workspaceSymbols(query, service.index, undefined, 1e6).map(keyOf), naiveAnswer(service, query, 1e6), `round ${round}`);
		}
		const after = ix.stats();
		assert.equal(after.symbols, 40 * 42 + 1 + 10 * (2 + 40 + 600));
		// every chunk is at most half left behind, besides the end of a chunk too short for the next document
		assert.ok(after.cap <= 2 * (after.words + 16 * after.chunks), `${after.cap} words in ${after.chunks} chunks allocated for ${after.words} in use`);
		assert.ok(after.chunks <= 2 * (after.words / 16 + 10), `${after.chunks} chunks for ${after.words} words`);
		// deleted documents leave the index
		for (let d = 0; d < 50; d++) service.index.deleteDisk(`${FOLDER}d${d}.decl`);
		for (let d = 0; d < 50; d++) service.index.closeOpen(`${FOLDER}d${d}.decl`);
		assert.deepEqual(workspaceSymbols('scope', service.index), []);
		assert.equal(ix.stats().symbols, 0);
	});

	it('keeps what a cancelled update did, and the next query answers in full', () => {
		const texts = Array.from({ length: 700 }, (_, d) => `Doc ${d}\n\n# Scope ${d}\n\n1. Axis ${d}.\n`);
		const service = serviceOf(texts);
		for (const cancelAt of [2, 5, 9]) {
			let reads = 0;
			const token: CancellationToken = {
				get isCancellationRequested() {
					return ++reads >= cancelAt;
				},
			};
			assert.throws(() => workspaceSymbols('axis 1', service.index, token), CancelledError);
			service.index.setDisk(`${FOLDER}d${cancelAt}.decl`, `Changed ${cancelAt}\n\n1. Axis changed.\n`);
		}
		for (const query of ['axis 1', 'scope', 'changed', '']) assert.deepEqual(workspaceSymbols(query, service.index).map(keyOf), naiveAnswer(service, query, MAX_SYMBOLS), `query ${JSON.stringify(query)}`);
	});
});
