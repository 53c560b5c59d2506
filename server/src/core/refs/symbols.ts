/**
 * Workspace symbols: the title, headings, items (number and title) and labels of every indexed
 * document, ranked by `fuzzyScore` less the kind's rank.
 *
 * The symbols live in a workspace-wide bit-sliced index (symbolIndex.ts): per feature (a letter of
 * the name, a letter that starts a word or the name, a pair of adjacent characters in a Bloom
 * filter) one bit vector over every symbol of the workspace, kept up to date document by document.
 * A query combines the vectors its characters name, 32 symbols per operation, into the candidates,
 * and reads the names of those only: every match has all the letters of the query (MASK); a
 * substring or prefix has every adjacent pair of the query (PAIR); a word-prefix ("fuzzy") match
 * has the first letter of every word of the query at a word start (INIT), and every later
 * character either paired with the one before it or, for a letter or digit, at a word start (a
 * space: anywhere); the terms are ANDed rarest first (their density sampled from 64 words), so
 * most words are left empty after one or two. A first pass visits only the candidates that start
 * with the query's first character (FIRST) for prefix matches, the best kind; when these fill the
 * heap of the best `limit`, no other kind could enter and the query is done. Otherwise a second
 * pass visits the other candidates, titles and headings before items (so that the heap's floor
 * rises before the many long items); once the heap is full, a kind of match is not looked for when
 * even its best score for the symbol's rank and length could not enter (a substring at a word
 * start needs the query's first two characters to start a word: STARTS), and a substring is looked
 * for only as far into the name as an occurrence could still enter. The filters reject only
 * symbols that cannot match (test/unit/workspace-symbols.test.ts checks this against a naive
 * scoring of every symbol), so the answer is exactly the best `limit` by score, ties broken by
 * shorter name, then index order. No object and no string per symbol: names are rebuilt from the
 * model for the symbols returned only.
 */
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { DeclDocument, Span } from '../model';
import type { WorkspaceIndex } from '../workspace';
import type { CancellationToken } from '../cancellation';
import { throwIfCancelled } from '../cancellation';
import { grown } from '../text';
import {
	charSlice,
	COLD,
	FIRST0,
	HEAD_LENGTH_MAX,
	INFO,
	INIT0,
	isAlnum,
	isAlnumCode,
	isWordStart,
	ITEM,
	LENGTH,
	LIVE,
	MASK0,
	PAIR0,
	pairBit1,
	STARTS0,
	startBit,
	pairBit2,
	Src,
	START,
	symbolIndexOf,
	type Chunk,
	type SymbolIndex,
} from './symbolIndex';

export const MAX_SYMBOLS = 500;

/** Per source: the symbol kind. */
const KIND: readonly SymbolKind[] = [SymbolKind.File, SymbolKind.Namespace, SymbolKind.Key, SymbolKind.EnumMember, SymbolKind.Field, SymbolKind.Key];

/** The name, kind and span of a symbol of `doc` (by its INFO word), rebuilt from the model. */
function symbolAt(doc: DeclDocument, info: number): { name: string; kind: SymbolKind; span: Span } {
	const src = (info & 7) as Src;
	const index = info >>> 3;
	switch (src) {
		case Src.Title:
			return { name: doc.title!.text, kind: KIND[src], span: doc.title!.span };
		case Src.Heading: {
			const h = doc.headings[index];
			return { name: h.text, kind: KIND[src], span: h.nameSpan };
		}
		case Src.HeadingLabel: {
			const l = doc.headings[index].label!;
			return { name: `#${l.name}`, kind: KIND[src], span: l.span };
		}
		case Src.ItemLabel: {
			const l = doc.items[index].label!;
			return { name: `#${l.name}`, kind: KIND[src], span: l.span };
		}
		default: {
			const it = doc.items[index];
			return { name: `${it.printed} ${it.title}`, kind: KIND[src], span: it.firstLineSpan };
		}
	}
}

// The scores, best first: exact, prefix, substring at a word start, substring elsewhere, then
// word-prefix ("fuzzy") matches. Shorter names and earlier occurrences score higher within a kind.

function prefixScore(len: number, qlen: number): number {
	return len === qlen ? 1000 : 900 - Math.min(len, 200) / 10;
}

/** For a substring at `at` (> 0) characters into the name. */
function substringScore(wordStart: boolean, at: number, len: number): number {
	return (wordStart ? 800 : 700) - Math.min(at, 100) / 2 - Math.min(len, 200) / 20;
}

/** For a fuzzy match in `runs` (≥ 1) runs. */
function fuzzyRunsScore(runs: number, len: number): number {
	return 500 - runs * 10 - Math.min(len, 200) / 20;
}

/**
 * The occurrences of a query in one text, found by the native search and remembered: callers ask
 * in increasing order of position, so a visit of a document's names searches its text at most
 * once. Faster per character than `substringIn`, but it reads the text between the names it is
 * asked about too.
 */
class Finder {
	#text = '';
	#from = 0;
	/** The first occurrence at or after #from (-1: none; -2: not searched yet). */
	#at = -2;

	constructor(readonly q: string) {}

	reset(text: string): this {
		this.#text = text;
		this.#at = -2;
		return this;
	}

	/** The first occurrence at or after `p`, or -1. */
	nextAt(p: number): number {
		if (this.#at === -2 || p < this.#from || (this.#at >= 0 && this.#at < p)) {
			this.#from = p;
			this.#at = this.#text.indexOf(this.q, p);
		}
		return this.#at;
	}
}

/** The first occurrence of `q` in `text[from, end)` at a word start, else the first one, else -1 (`from` > the name's start). */
function substringIn(q: string, text: string, from: number, end: number): number {
	const q0 = q.charCodeAt(0);
	const last = end - q.length;
	let inner = -1;
	for (let p = from; p <= last; p++) {
		if (text.charCodeAt(p) !== q0 || !text.startsWith(q, p)) continue;
		if (isAlnumCode(text, p, q0) && !isAlnum(text, p - 1)) return p;
		if (inner < 0) inner = p;
	}
	return inner;
}

/** The same as `substringIn`, by a `Finder` of the query over `text`. */
function substringAt(finder: Finder, text: string, from: number, end: number): number {
	let inner = -1;
	for (let p = finder.nextAt(from); p >= 0 && p < end; p = finder.nextAt(p + 1)) {
		if (isAlnum(text, p) && !isAlnum(text, p - 1)) return p;
		if (inner < 0) inner = p;
	}
	return inner;
}

/**
 * The number of runs of a word-prefix match of `q` in `text[start, end)`, or 0 for none: from
 * left to right, each character of the query is the next occurrence that continues the previous
 * match or starts a word (`fphrc` in "For Public Housing and Rent Control").
 */
function fuzzyRuns(q: string, text: string, start: number, end: number): number {
	let j = 0;
	let prev = -2;
	let runs = 0;
	let i = start;
	while (j < q.length) {
		const c = q.charCodeAt(j);
		while (i < end && text.charCodeAt(i) !== c) i++;
		if (i >= end) return 0;
		if (i === prev + 1) j++;
		else if (c === 32 || isWordStart(text, i, start)) {
			j++;
			runs++;
		} else {
			i++;
			continue;
		}
		prev = i;
		i++;
	}
	return runs;
}

/**
 * How well `q` (lower case, trimmed, single spaces) matches the name `s` (lower case): 0 for no
 * match; higher is better. Exact 1000; prefix 900 less a tenth of the length; substring at a word
 * start (its first such occurrence) 800, elsewhere 700, less half the offset and a twentieth of the
 * length; word-prefix match (at least two characters) 500 less 10 per run and a twentieth of the
 * length; the empty query 100. The workspace query ranks by this less the kind's rank.
 */
export function fuzzyScore(q: string, s: string): number {
	const qlen = q.length;
	const len = s.length;
	if (qlen === 0) return 100;
	if (len < qlen) return 0;
	if (s.startsWith(q)) return prefixScore(len, qlen);
	const at = substringIn(q, s, 1, len);
	if (at > 0) return substringScore(isWordStart(s, at, 0), at, len);
	const runs = qlen >= 2 ? fuzzyRuns(q, s, 0, len) : 0;
	return runs > 0 ? fuzzyRunsScore(runs, len) : 0;
}

/** Whether (s1, l1, d1, i1) ranks below (s2, l2, d2, i2): lower score, then longer name, then later document and symbol. */
function ranksBelow(s1: number, l1: number, d1: number, i1: number, s2: number, l2: number, d2: number, i2: number): boolean {
	if (s1 !== s2) return s1 < s2;
	if (l1 !== l2) return l1 > l2;
	if (d1 !== d2) return d1 > d2;
	return i1 > i2;
}

/** The best `capacity` symbols seen so far, as a binary heap whose root is the worst of them (`ranksBelow`). */
class TopSymbols {
	score: Float64Array;
	len: Int32Array;
	doc: Int32Array;
	sym: Int32Array;
	size = 0;
	/** The worst entry once the heap is full: what a symbol must beat to enter (fScore is -Infinity until then). */
	fScore = -Infinity;
	fLength = 0;
	fDoc = 0;
	fSym = 0;

	constructor(readonly capacity: number) {
		const n = Math.min(capacity, 1024); // grown when a larger capacity fills up
		this.score = new Float64Array(n);
		this.len = new Int32Array(n);
		this.doc = new Int32Array(n);
		this.sym = new Int32Array(n);
	}

	get full(): boolean {
		return this.size === this.capacity;
	}

	/** Whether symbol `k` of document `d`, of this score and name length, ranks above the heap's worst entry (always, while the heap is not full). */
	enters(score: number, len: number, d: number, k: number): boolean {
		return ranksBelow(this.fScore, this.fLength, this.fDoc, this.fSym, score, len, d, k);
	}

	/** Adds a symbol; when full, it replaces the worst (the caller checked that it ranks above it). */
	add(score: number, len: number, d: number, i: number): void {
		let k: number;
		if (this.size < this.capacity) {
			if (this.size === this.score.length) this.#grow();
			// sift up from a new leaf
			k = this.size++;
			while (k > 0) {
				const parent = (k - 1) >> 1;
				if (!ranksBelow(score, len, d, i, this.score[parent], this.len[parent], this.doc[parent], this.sym[parent])) break;
				this.#copy(parent, k);
				k = parent;
			}
		} else {
			// replace the root, sift down
			k = 0;
			for (;;) {
				const l = 2 * k + 1;
				if (l >= this.size) break;
				const child = l + 1 < this.size && this.#below(l + 1, l) ? l + 1 : l;
				if (!ranksBelow(this.score[child], this.len[child], this.doc[child], this.sym[child], score, len, d, i)) break;
				this.#copy(child, k);
				k = child;
			}
		}
		this.score[k] = score;
		this.len[k] = len;
		this.doc[k] = d;
		this.sym[k] = i;
		if (this.size === this.capacity) {
			this.fScore = this.score[0];
			this.fLength = this.len[0];
			this.fDoc = this.doc[0];
			this.fSym = this.sym[0];
		}
	}

	#grow(): void {
		const n = Math.min(this.capacity, this.score.length * 2);
		this.score = grown(this.score, n);
		this.len = grown(this.len, n);
		this.doc = grown(this.doc, n);
		this.sym = grown(this.sym, n);
	}

	#below(a: number, b: number): boolean {
		return ranksBelow(this.score[a], this.len[a], this.doc[a], this.sym[a], this.score[b], this.len[b], this.doc[b], this.sym[b]);
	}

	#copy(from: number, to: number): void {
		this.score[to] = this.score[from];
		this.len[to] = this.len[from];
		this.doc[to] = this.doc[from];
		this.sym[to] = this.sym[from];
	}

	/** The positions of the entries, best first. */
	sorted(): number[] {
		return Array.from({ length: this.size }, (_, k) => k).sort((a, b) => (this.#below(a, b) ? 1 : -1));
	}
}

/** A query compiled into slices of the index. */
class Query {
	/** Trimmed, lower-cased, single spaces. */
	readonly q: string;
	readonly length: number;
	readonly first: number;
	/** The FIRST slice of the first character, or -1 (a character without a bit: every candidate's head is read). */
	readonly firstSlice: number;
	/** Whether a word-prefix match is possible: two characters at least, the first a letter or digit. */
	readonly fuzzy: boolean;
	/** What a substring or prefix needs, as terms (below): every pair of adjacent characters, every letter. */
	readonly sub: readonly number[];
	/** What a word-prefix match needs, as terms: every letter; the first letter of every word of the query at a word start; every later character that starts no word of the query (and is no space) paired with the one before it, or (a letter or digit) at a word start. */
	readonly fuzzyTerms: readonly number[];
	/** The slices a substring at a word start needs: the first character at a word start, and (of two characters or more) the first two starting a word; none when the first is no letter or digit. */
	readonly wordStart: Int32Array;

	constructor(query: string) {
		const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
		this.q = q;
		this.length = q.length;
		// a term is three slices a, b, c: (a & b) | c, c = -1 for none
		const sub: number[] = [];
		const fuzzy: number[] = [];
		const seen = new Set<string>();
		const term = (to: number[], a: number, b: number, c: number): void => {
			const key = `${to === sub ? 's' : 'f'}${a},${b},${c}`;
			if (seen.has(key)) return;
			seen.add(key);
			to.push(a, b, c);
		};
		let prevAlnum = false;
		for (let j = 0; j < q.length; j++) {
			const c = q.charCodeAt(j);
			const slice = charSlice(c);
			const alnum = isAlnumCode(q, j, c);
			if (slice >= 0) {
				term(sub, MASK0 + slice, MASK0 + slice, -1);
				term(fuzzy, MASK0 + slice, MASK0 + slice, -1);
			}
			if (alnum && !prevAlnum) term(fuzzy, INIT0 + slice, INIT0 + slice, -1);
			if (j > 0) {
				const p1 = PAIR0 + pairBit1(q.charCodeAt(j - 1), c);
				const p2 = PAIR0 + pairBit2(q.charCodeAt(j - 1), c);
				term(sub, p1, p2, -1);
				if (prevAlnum && alnum) term(fuzzy, p1, p2, INIT0 + slice);
				else if (!alnum && c !== 32) term(fuzzy, p1, p2, -1);
			}
			prevAlnum = alnum;
		}
		this.first = q.charCodeAt(0);
		this.firstSlice = q.length > 0 && charSlice(this.first) >= 0 ? FIRST0 + charSlice(this.first) : -1;
		this.fuzzy = q.length >= 2 && isAlnumCode(q, 0, this.first);
		this.wordStart = Int32Array.from(!isAlnumCode(q, 0, this.first) ? [] : q.length === 1 ? [INIT0 + charSlice(this.first)] : [INIT0 + charSlice(this.first), STARTS0 + startBit(this.first, q.charCodeAt(1))]);
		this.sub = sub;
		this.fuzzyTerms = fuzzy;
	}
}

/**
 * The terms (slices a, b, c: (a & b) | c), the rarest first (by 64 words sampled across the
 * index), at most `max` of them: a candidate's word ANDs them until nothing is left. The terms
 * left out only let more candidates through (their names are read): past the rarest few, the words
 * that are left hold true matches, and each further term only costs a read.
 */
function compile(terms: readonly number[], chunks: readonly Chunk[], max: number): Int32Array {
	const n = terms.length / 3;
	const density = new Float64Array(n);
	let total = 0;
	for (const ch of chunks) total += ch.used;
	for (let k = 0, ci = 0, before = 0; k < 64 && total > 0; k++) {
		// the sampled word, and its chunk
		let g = Math.floor(((k + 0.5) * total) / 64);
		while (g - before >= chunks[ci].used) before += chunks[ci++].used;
		g -= before;
		const { bits: B, cap } = chunks[ci];
		for (let t = 0; t < n; t++) {
			const c = terms[3 * t + 2];
			density[t] += popcount((B[terms[3 * t] * cap + g] & B[terms[3 * t + 1] * cap + g]) | (c < 0 ? 0 : B[c * cap + g]));
		}
	}
	const order = Array.from({ length: n }, (_, t) => t).sort((x, y) => density[x] - density[y]);
	const sorted = new Int32Array(3 * Math.min(n, max));
	for (let i = 0; i < sorted.length / 3; i++) sorted.set(terms.slice(3 * order[i], 3 * order[i] + 3), 3 * i);
	return sorted;
}

/** Terms as offsets into a chunk's bits (-1 stays -1), written into `out` (of the same length). */
function offsets(terms: Int32Array, cap: number, out: Int32Array): Int32Array {
	for (let i = 0; i < terms.length; i++) out[i] = terms[i] < 0 ? -1 : terms[i] * cap;
	return out;
}

/** The most terms a query's candidates are filtered by (of each kind). */
const MAX_TERMS = 8;

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The best symbols for a query, at most `limit`, best first: by `fuzzyScore` less the kind's rank,
 * then shorter names, then documents in index order and symbols in document order. Throws
 * `CancelledError` when the token is cancelled.
 */
export function workspaceSymbols(query: string, index: WorkspaceIndex, token?: CancellationToken, limit = MAX_SYMBOLS): WorkspaceSymbol[] {
	if (token) throwIfCancelled(token);
	const Q = new Query(query);
	const qlen = Q.length;
	const ix = symbolIndexOf(index, token);
	const top = new TopSymbols(Math.max(1, limit));
	subCandidates(Q, ix.chunks, token);
	if (qlen > 0) {
		prefixes(Q, ix, top, token);
		// no other kind of match could enter: done
		if (top.full && top.fScore > substringScore(true, 1, qlen + 1)) return answer(top, ix, index);
	}
	fuzzyCandidates(Q, ix.chunks, token);
	// Titles and headings (short, ranked high) before items (long, ranked low): the heap's floor
	// rises before the many items are visited.
	const scan = new Scan(Q);
	others(Q, ix, top, scan, 0, token);
	// the items and their labels rank 2 or lower: done when none of them could enter
	if (!(top.full && top.fScore > (qlen === 0 ? 100 : substringScore(true, 1, qlen + 1)) - 2)) others(Q, ix, top, scan, 1, token);
	return answer(top, ix, index);
}

/** Per word of every chunk (`sub`): the candidates for a substring or prefix (for the empty query, every symbol). */
function subCandidates(Q: Query, chunks: readonly Chunk[], token: CancellationToken | undefined): void {
	const subTerms = compile(Q.sub, chunks, MAX_TERMS);
	const subOffs = new Int32Array(subTerms.length);
	for (const ch of chunks) {
		const { bits: B, cap, used, sub } = ch;
		const live = LIVE * cap;
		const terms = offsets(subTerms, cap, subOffs);
		for (let w = 0; w < used; w++) {
			if (token && (w & 1023) === 0) throwIfCancelled(token);
			let c = B[live + w];
			for (let i = 0; c !== 0 && i < terms.length; i += 3) c &= B[terms[i] + w] & B[terms[i + 1] + w];
			sub[w] = c;
		}
	}
}

/** First pass: prefix matches, among the candidates that start with the query's first character. */
function prefixes(Q: Query, ix: SymbolIndex, top: TopSymbols, token: CancellationToken | undefined): void {
	const { q, length: qlen, first } = Q;
	const { chunks, slots } = ix;
	for (const ch of chunks) {
		const { bits: B, head, owner, cap, used, sub } = ch;
		const firstOff = Q.firstSlice >= 0 ? Q.firstSlice * cap : -1;
		for (let w = 0; w < used; w++) {
			let c = sub[w];
			if (c === 0) continue;
			if (firstOff >= 0) c &= B[firstOff + w];
			if (c === 0) continue;
			if (token && (w & 255) === 0) throwIfCancelled(token);
			const s = slots[owner[w]]!;
			const { text, cold } = s.ds;
			const d = s.order;
			for (; c !== 0; c &= c - 1) {
				const b = 31 - Math.clz32(c & -c);
				const hd = head[w * 32 + b];
				if ((hd & 0xffff) !== first) continue;
				const k = (w - s.off) * 32 + b;
				const rank = (hd >>> 16) & 7;
				let len = hd >>> 19;
				if (len === HEAD_LENGTH_MAX) len = cold[k * COLD + LENGTH];
				if (len < qlen) continue;
				const score = prefixScore(len, qlen) - rank;
				if (top.enters(score, len, d, k) && text.startsWith(q, cold[k * COLD + START])) top.add(score, len, d, k);
			}
		}
	}
}

/** Per word of every chunk (`fuzzy`): the candidates for a word-prefix match. */
function fuzzyCandidates(Q: Query, chunks: readonly Chunk[], token: CancellationToken | undefined): void {
	const fuzzyTerms = Q.fuzzy ? compile(Q.fuzzyTerms, chunks, MAX_TERMS) : undefined;
	const fuzzyOffs = new Int32Array(fuzzyTerms?.length ?? 0);
	for (const ch of chunks) {
		const { bits: B, cap, used, fuzzy } = ch;
		if (!fuzzyTerms) {
			fuzzy.fill(0, 0, used);
			continue;
		}
		const live = LIVE * cap;
		const terms = offsets(fuzzyTerms, cap, fuzzyOffs);
		for (let w = 0; w < used; w++) {
			if (token && (w & 1023) === 0) throwIfCancelled(token);
			let c = B[live + w];
			for (let i = 0; c !== 0 && i < terms.length; i += 3) c &= (B[terms[i] + w] & B[terms[i + 1] + w]) | (terms[i + 2] < 0 ? 0 : B[terms[i + 2] + w]);
			fuzzy[w] = c;
		}
	}
}

/** What the second pass keeps from name to name: the document whose text the finder holds, and how much of it was searched name by name. */
class Scan {
	readonly finder: Finder;
	readonly wsBuf: Int32Array;
	at = -1;
	scanned = 0;

	constructor(Q: Query) {
		this.finder = new Finder(Q.q);
		this.wsBuf = new Int32Array(Q.wordStart.length);
	}
}

/** Second pass: the candidates that are no prefix (`part` 0: titles, headings and their labels; 1: items and their labels). */
function others(Q: Query, ix: SymbolIndex, top: TopSymbols, scan: Scan, part: number, token: CancellationToken | undefined): void {
	const { q, length: qlen, first } = Q;
	const { chunks, slots } = ix;
	const { finder, wsBuf } = scan;
	scan.at = -1;
	scan.scanned = 0;
	for (const ch of chunks) {
		const { bits: B, head, owner, cap, used, sub, fuzzy } = ch;
		const items = ITEM * cap;
		const wsOffs = offsets(Q.wordStart, cap, wsBuf);
		for (let w = 0; w < used; w++) {
			let c = sub[w] | fuzzy[w];
			if (c === 0) continue;
			c &= part === 0 ? ~B[items + w] : B[items + w];
			if (c === 0) continue;
			if (token && (w & 255) === 0) throwIfCancelled(token);
			const s = slots[owner[w]]!;
			const { text, cold } = s.ds;
			const d = s.order;
			// the symbols where the query may start a word
			let ws = wsOffs.length > 0 ? -1 : 0;
			for (let i = 0; i < wsOffs.length; i++) ws &= B[wsOffs[i] + w];
			if (owner[w] !== scan.at) {
				scan.at = owner[w];
				finder.reset(text);
				// names are searched one by one until that has read an eighth of the text, then natively
				scan.scanned = 0;
			}
			for (; c !== 0; c &= c - 1) {
				const b = 31 - Math.clz32(c & -c);
				const hd = head[w * 32 + b];
				const k = (w - s.off) * 32 + b;
				const rank = (hd >>> 16) & 7;
				let len = hd >>> 19;
				if (len === HEAD_LENGTH_MAX) len = cold[k * COLD + LENGTH];
				if (len < qlen) continue;
				if (qlen === 0) {
					if (top.enters(100 - rank, len, d, k)) top.add(100 - rank, len, d, k);
					continue;
				}
				// each kind of match, best first, looked for only when its best score for this symbol could enter
				const bit = 1 << b;
				const wordStart = (ws & bit) !== 0;
				if (((sub[w] & bit) !== 0 ? substringScore(wordStart, 1, len) : fuzzyRunsScore(1, len)) - rank < top.fScore) continue;
				const substring = (sub[w] & bit) !== 0 && top.enters(substringScore(wordStart, 1, len) - rank, len, d, k);
				const wordPrefix = (fuzzy[w] & bit) !== 0 && top.enters(fuzzyRunsScore(1, len) - rank, len, d, k);
				if (!substring && !wordPrefix) continue;
				const start = cold[k * COLD + START];
				if ((hd & 0xffff) === first && text.startsWith(q, start)) continue; // a prefix: the first pass took it
				let score = 0;
				if (substring) {
					let pos: number;
					// when no word-prefix match could enter, only an occurrence close enough to the start could
					const room = wordPrefix ? 100 : 2 * ((wordStart ? 800 : 700) - Math.min(len, 200) / 20 - rank - top.fScore) + 1;
					if (room < 100 && room < len - qlen) {
						pos = substringIn(q, text, start + 1, start + Math.max(0, Math.floor(room)) + qlen);
						// an occurrence inside a word, when a later one starts a word: that one counts (and cannot enter)
						if (pos > 0 && !isWordStart(text, pos, start) && top.enters(substringScore(false, pos - start, len) - rank, len, d, k)) pos = substringIn(q, text, start + 1, start + len);
					} else if (scan.scanned * 8 < text.length) {
						scan.scanned += len;
						pos = substringIn(q, text, start + 1, start + len);
					} else pos = substringAt(finder, text, start + 1, start + len);
					if (pos > 0) score = substringScore(isWordStart(text, pos, start), pos - start, len);
				}
				if (score === 0 && wordPrefix) {
					const runs = fuzzyRuns(q, text, start, start + len);
					if (runs > 0) score = fuzzyRunsScore(runs, len);
				}
				if (score > 0 && top.enters(score - rank, len, d, k)) top.add(score - rank, len, d, k);
			}
		}
	}
}

/** The symbols of the heap, best first, as LSP workspace symbols. */
function answer(top: TopSymbols, ix: SymbolIndex, index: WorkspaceIndex): WorkspaceSymbol[] {
	return top.sorted().map((e) => {
		const slot = ix.ordered[top.doc[e]];
		const { doc } = slot;
		const s = symbolAt(doc, slot.ds.cold[top.sym[e] * COLD + INFO]);
		slot.container ??= doc.title?.text ? `${doc.title.text} · ${index.relativePath(doc.uri)}` : index.relativePath(doc.uri);
		return { name: s.name, kind: s.kind, containerName: slot.container, location: { uri: doc.uri, range: doc.lineIndex.toRange(s.span) } };
	});
}
