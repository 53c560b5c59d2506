/**
 * Workspace symbols: the title, headings, items (number and title) and labels of every indexed
 * document, ranked by `fuzzyScore` less the kind's rank.
 *
 * Each document's list is built once per version (`DocumentCache`), compact: the lower-cased names
 * joined by line breaks into one string, and per name a few words of two typed arrays. `hot`, read
 * for every symbol a query visits: the letters and digits of the name, one bit each (what rejects
 * most symbols); its length, rank and first character; the letters and digits that start its
 * words; Bloom filters of the first two characters of its words (32 bits) and of its pairs of
 * adjacent letters or digits (64 bits). `cold`, read only for a symbol that passed those: where
 * the name starts, which model object it comes from, and a 256-bit Bloom filter of its pairs. No
 * object and no string per symbol: names are rebuilt from the model for the symbols returned only.
 *
 * A query keeps the best `limit` symbols in a bounded heap. A first pass visits only the symbols
 * that start with the query's first character (each document keeps them sorted by it) for prefix
 * matches, the best kind; when these fill the heap, no other kind of match could enter and the
 * query is done. Otherwise a second pass visits every symbol, titles and headings of every
 * document before the items (so that the heap's floor rises before the many long items), and
 * reads a name only when the filters allow a match: the mask must hold every letter of the query;
 * a substring needs every pair of the query in the pair filters, and a word start among the
 * initials and word-start pairs for a score above an inner one; a word-prefix ("fuzzy") match needs
 * the query's first letter among the initials and every later letter either paired with the one
 * before it or among the initials. Once the heap is full, a kind of match is not looked for when
 * even its best score for the symbol's rank and length could not enter. The filters reject only
 * symbols that cannot match (test/unit/workspace-symbols.test.ts checks this against a naive
 * scoring of every symbol), so the answer is exactly the best `limit` by score, ties broken by
 * shorter name, then index order.
 */
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { DeclDocument, Span } from '../model';
import { DocumentCache, type WorkspaceIndex } from '../workspace';
import type { CancellationToken } from '../cancellation';
import { throwIfCancelled } from '../cancellation';

export const MAX_SYMBOLS = 500;

/** Where a symbol comes from: the low three bits of its INFO word (the rest is the heading's or item's index). */
const enum Src {
	Title = 0,
	Heading = 1,
	HeadingLabel = 2,
	Axis = 3,
	Point = 4,
	ItemLabel = 5,
}

/** Per source: the symbol kind, and the rank that orders kinds on equal scores (titles, headings, labels, axes, points). */
const KIND: readonly SymbolKind[] = [SymbolKind.File, SymbolKind.Namespace, SymbolKind.Key, SymbolKind.EnumMember, SymbolKind.Field, SymbolKind.Key];
const RANK: readonly number[] = [0, 1, 2, 3, 4, 2];

/** Int32 words per symbol in `DocSymbols.hot`: MASK, HEAD, INITIALS, STARTS32, then PAIRS64 (two words). */
const HOT = 6;
/** `charBit` of every character of the name: what rejects most symbols. */
const MASK = 0;
/** The length (at most HEAD_LENGTH_MAX) << 19 | rank << 16 | first character. */
const HEAD = 1;
/** `charBit` of the first character of every word. */
const INITIALS = 2;
/** A 32-bit Bloom filter of the first two characters of every word, when both are letters or digits (`pairBit1` / 8). */
const STARTS32 = 3;
/** A 64-bit Bloom filter of the pairs of adjacent letters or digits (`pairBit1` / 4). */
const PAIRS64 = 4;

/** Int32 words per symbol in `DocSymbols.cold`: START, LENGTH, INFO (`index << 3 | Src`), then PAIR_WORDS of the 256-bit Bloom filter. */
const COLD = 11;
const START = 0;
const LENGTH = 1;
const INFO = 2;
const PAIRS = 3;
const PAIR_WORDS = 8;

/** The longest length a head holds: longer names count as this long until their own length is read. */
const HEAD_LENGTH_MAX = 0x1fff;

/** The bit of a character in the letter masks: a–z, digits folded onto five bits, everything non-ASCII on one. */
function charBit(c: number): number {
	if (c >= 97 && c <= 122) return 1 << (c - 97);
	if (c >= 48 && c <= 57) return 1 << (26 + ((c - 48) % 5));
	if (c > 127) return 1 << 31;
	return 0;
}

/** The first Bloom bit (0–255) of a pair of adjacent letters or digits; its bit in the 32-bit filter is this one divided by eight. */
function pairBit1(a: number, b: number): number {
	return Math.imul(a * 31 + b, 0x9e3779b1) >>> 24;
}

/** The second Bloom bit (0–255) of a pair, by an independent hash. */
function pairBit2(a: number, b: number): number {
	return Math.imul(a * 131 + b * 7 + 17, 0x85ebca77) >>> 24;
}

/** Sets bit `p` (0–255) of the filter at `words[o]`. */
function setBit(words: Int32Array, o: number, p: number): void {
	words[o + (p >>> 5)] |= 1 << (p & 31);
}

function hasBit(words: Int32Array, o: number, p: number): boolean {
	return (words[o + (p >>> 5)] & (1 << (p & 31))) !== 0;
}

const ALNUM_RE = /[\p{L}\p{N}]/u;

/** Whether `c`, the code unit at `s[i]` (lower-case text), is a letter or digit: ASCII by code, the rest by a Unicode test. */
function isAlnumCode(s: string, i: number, c: number): boolean {
	if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true;
	if (c < 128) return false;
	return ALNUM_RE.test(s[i]);
}

function isAlnum(s: string, i: number): boolean {
	return isAlnumCode(s, i, s.charCodeAt(i));
}

/** A letter or digit that follows something else or starts the name (at `from`). */
function isWordStart(s: string, i: number, from: number): boolean {
	return isAlnum(s, i) && (i === from || !isAlnum(s, i - 1));
}

interface DocSymbols {
	/** The lower-cased names, each followed by a line break (a query never holds one, so no match spans two names). */
	readonly text: string;
	readonly count: number;
	/** HOT words per symbol. */
	readonly hot: Int32Array;
	/** COLD words per symbol. */
	readonly cold: Int32Array;
	/** The symbols ordered by their first character (then by number). */
	readonly byFirst: Int32Array;
	/** The distinct first characters, in that order, and where each one's symbols start in `byFirst` (one more entry: the end). */
	readonly firsts: string;
	/** `charBit` of every first character: a document without the query's first letter is skipped at once. */
	readonly firstMask: number;
	readonly firstAt: Int32Array;
	/** The number of the first item's symbol: the title, headings and their labels come before. */
	readonly items: number;
}

const cache = new DocumentCache<DocSymbols>();

function symbolsOf(doc: DeclDocument): DocSymbols {
	return cache.get(doc, (d) => {
		const names: string[] = [];
		const infos: number[] = [];
		const add = (name: string, src: Src, index: number): void => {
			names.push(name);
			infos.push((index << 3) | src);
		};
		if (d.title) add(d.title.text, Src.Title, 0);
		d.headings.forEach((h, k) => {
			add(h.text, Src.Heading, k);
			if (h.label) add(`#${h.label.name}`, Src.HeadingLabel, k);
		});
		const items = names.length;
		d.items.forEach((it, k) => {
			add(`${it.printed} ${it.title}`, it.depth === 0 ? Src.Axis : Src.Point, k);
			if (it.label) add(`#${it.label.name}`, Src.ItemLabel, k);
		});
		const count = names.length;
		// One lower-casing for the whole document, name by name only when that changed the length
		// (no lower-case mapping shortens a character, so an unchanged total means unchanged names).
		names.push(''); // a line break after the last name too
		const joined = names.join('\n');
		names.pop();
		let text = joined.toLowerCase();
		let lengths: readonly number[] = names.map((n) => n.length);
		if (text.length !== joined.length) {
			const lower = names.map((n) => n.toLowerCase());
			lengths = lower.map((n) => n.length);
			lower.push('');
			text = lower.join('\n');
		}
		const hot = new Int32Array(count * HOT);
		const cold = new Int32Array(count * COLD);
		let start = 0;
		for (let k = 0; k < count; k++) {
			const h = k * HOT;
			const c = k * COLD;
			const end = start + lengths[k];
			let mask = 0;
			let initials = 0;
			let prev = -1; // the previous character when it is a letter or digit
			for (let i = start; i < end; i++) {
				const ch = text.charCodeAt(i);
				const bit = charBit(ch);
				mask |= bit;
				if (!isAlnumCode(text, i, ch)) {
					prev = -1;
					continue;
				}
				if (prev < 0) initials |= bit;
				else {
					const p = pairBit1(prev, ch);
					setBit(cold, c + PAIRS, p);
					setBit(cold, c + PAIRS, pairBit2(prev, ch));
					hot[h + PAIRS64 + (p >>> 7)] |= 1 << ((p >>> 2) & 31);
					if (i - 1 === start || !isAlnum(text, i - 2)) hot[h + STARTS32] |= 1 << (p >>> 3);
				}
				prev = ch;
			}
			hot[h + MASK] = mask;
			hot[h + HEAD] = (Math.min(end - start, HEAD_LENGTH_MAX) << 19) | (RANK[infos[k] & 7] << 16) | (end > start ? text.charCodeAt(start) : 0);
			hot[h + INITIALS] = initials;
			cold[c + START] = start;
			cold[c + LENGTH] = end - start;
			cold[c + INFO] = infos[k];
			start = end + 1;
		}
		const firstOf = (k: number): number => hot[k * HOT + HEAD] & 0xffff;
		const byFirst = Int32Array.from(Array.from({ length: count }, (_, k) => k).sort((a, b) => firstOf(a) - firstOf(b) || a - b));
		let firsts = '';
		let firstMask = 0;
		const firstAt: number[] = [];
		for (let n = 0; n < count; n++) {
			if (n > 0 && firstOf(byFirst[n]) === firstOf(byFirst[n - 1])) continue;
			firsts += String.fromCharCode(firstOf(byFirst[n]));
			firstMask |= charBit(firstOf(byFirst[n]));
			firstAt.push(n);
		}
		firstAt.push(count);
		return { text, count, hot, cold, byFirst, firsts, firstMask, firstAt: Int32Array.from(firstAt), items };
	});
}

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

/** A query compiled for the filters. */
class Query {
	/** Trimmed, lower-cased, single spaces. */
	readonly q: string;
	readonly length: number;
	/** `charBit` of every character. */
	readonly mask: number;
	readonly first: number;
	/** `charBit` of the first character when it is a letter or digit (it can start a word), else 0. */
	readonly firstBit: number;
	/** The Bloom bits of every pair of adjacent letters or digits, in 256 and in 32 bits. */
	readonly pairs = new Int32Array(PAIR_WORDS);
	readonly pairs64lo: number;
	readonly pairs64hi: number;
	/** `charBit` of the letters a word-prefix match needs at word starts: the first, and every one after a character that is no letter or digit. */
	readonly initials: number;
	/** The 32-bit Bloom bit of the first two characters when both are letters or digits (what a word must start with for a substring at a word start), else 0. */
	readonly start32: number;
	/**
	 * Per later letter or digit of the query, what a fuzzy match needs (either one): its pair with
	 * the character before (the two Bloom bits, or -1 when that is no letter or digit: then a
	 * continuation starts a word too), or the letter among the initials (`charBit`).
	 */
	readonly steps: Int32Array;

	constructor(query: string) {
		const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
		this.q = q;
		this.length = q.length;
		let mask = 0;
		let lo = 0;
		let hi = 0;
		let initials = 0;
		const steps: number[] = [];
		let prev = -1;
		for (let j = 0; j < q.length; j++) {
			const c = q.charCodeAt(j);
			const bit = charBit(c);
			mask |= bit;
			if (!isAlnumCode(q, j, c)) {
				prev = -1;
				continue;
			}
			const p1 = prev < 0 ? -1 : pairBit1(prev, c);
			const p2 = prev < 0 ? -1 : pairBit2(prev, c);
			if (p1 >= 0) {
				setBit(this.pairs, 0, p1);
				setBit(this.pairs, 0, p2);
				if (p1 < 128) lo |= 1 << ((p1 >>> 2) & 31);
				else hi |= 1 << ((p1 >>> 2) & 31);
			}
			if (j > 0) steps.push(p1, p2, bit);
			if (prev < 0) initials |= bit;
			prev = c;
		}
		this.mask = mask;
		this.initials = initials;
		this.pairs64lo = lo;
		this.pairs64hi = hi;
		this.first = q.charCodeAt(0);
		this.firstBit = q.length > 0 && isAlnumCode(q, 0, this.first) ? charBit(this.first) : 0;
		this.start32 = this.firstBit !== 0 && q.length > 1 && isAlnum(q, 1) ? 1 << (pairBit1(this.first, q.charCodeAt(1)) >>> 3) : 0;
		this.steps = Int32Array.from(steps);
	}

	/** Whether the 256-bit filter at `cold[c + PAIRS]` holds every pair of the query (a substring may exist). */
	pairsIn(cold: Int32Array, c: number): boolean {
		const p = this.pairs;
		for (let w = 0; w < PAIR_WORDS; w++) if ((cold[c + PAIRS + w] & p[w]) !== p[w]) return false;
		return true;
	}

	/** Whether a word-prefix match may exist by the 64-bit filter (`lo`, `hi`): each later letter pairs with its predecessor or starts a word. */
	fuzzyIn64(initials: number, lo: number, hi: number): boolean {
		const steps = this.steps;
		for (let s = 0; s < steps.length; s += 3) {
			if ((initials & steps[s + 2]) !== 0) continue;
			const p = steps[s];
			if (p < 0 || ((p < 128 ? lo : hi) & (1 << ((p >>> 2) & 31))) === 0) return false;
		}
		return true;
	}

	/** The same by the 256-bit filter at `cold[c + PAIRS]`. */
	fuzzyIn(initials: number, cold: Int32Array, c: number): boolean {
		const steps = this.steps;
		for (let s = 0; s < steps.length; s += 3) {
			if ((initials & steps[s + 2]) !== 0) continue;
			if (steps[s] < 0 || !hasBit(cold, c + PAIRS, steps[s]) || !hasBit(cold, c + PAIRS, steps[s + 1])) return false;
		}
		return true;
	}
}

interface ListEntry {
	readonly doc: DeclDocument;
	readonly ds: DocSymbols;
	/** The `containerName` of the document's symbols, made at the first answer that needs it. */
	container?: string;
}

/** The documents in index order, and their symbol lists (the same order, one indirection less in the walk). */
interface Snapshot {
	readonly entries: readonly ListEntry[];
	readonly symbols: readonly DocSymbols[];
}

/**
 * The symbol lists of every document, kept up to date from the index's change events: after a
 * keystroke only the changed document's list is rebuilt (lazily, at the next query).
 */
class SymbolLists {
	readonly #index: WorkspaceIndex;
	readonly #entries = new Map<string, ListEntry>();
	readonly #dirty = new Set<string>();
	#all = true;
	#list: Snapshot | undefined;

	constructor(index: WorkspaceIndex) {
		this.#index = index;
		index.onDidChange((uri) => {
			if (uri === '') this.#all = true;
			else this.#dirty.add(uri);
		});
	}

	get(token?: CancellationToken): Snapshot {
		if (this.#all) {
			this.#all = false;
			this.#dirty.clear();
			this.#entries.clear();
			this.#list = undefined;
			for (const uri of this.#index.uris()) this.#dirty.add(uri);
		}
		if (this.#dirty.size > 0) {
			let n = 0;
			for (const uri of this.#dirty) {
				if (token && (++n & 255) === 0) throwIfCancelled(token);
				const doc = this.#index.get(uri);
				if (doc) this.#entries.set(uri, { doc, ds: symbolsOf(doc) });
				else this.#entries.delete(uri);
				this.#dirty.delete(uri);
			}
			this.#list = undefined;
		}
		if (!this.#list) {
			const entries = [...this.#entries.values()];
			this.#list = { entries, symbols: entries.map((e) => e.ds) };
		}
		return this.#list;
	}
}

const lists = new WeakMap<WorkspaceIndex, SymbolLists>();

function allSymbols(index: WorkspaceIndex, token?: CancellationToken): Snapshot {
	let l = lists.get(index);
	if (!l) lists.set(index, (l = new SymbolLists(index)));
	return l.get(token);
}

/** Whether (s1, l1, d1, i1) ranks below (s2, l2, d2, i2): lower score, then longer name, then later document and symbol. */
function ranksBelow(s1: number, l1: number, d1: number, i1: number, s2: number, l2: number, d2: number, i2: number): boolean {
	if (s1 !== s2) return s1 < s2;
	if (l1 !== l2) return l1 > l2;
	if (d1 !== d2) return d1 > d2;
	return i1 > i2;
}

/** Whether symbol `k` of document `d`, of this score and name length, ranks above the heap's worst entry (f…; fScore is -Infinity while the heap is not full). */
function enters(score: number, len: number, d: number, k: number, fScore: number, fLength: number, fDoc: number, fSym: number): boolean {
	return ranksBelow(fScore, fLength, fDoc, fSym, score, len, d, k);
}

/** The best `capacity` symbols seen so far, as a binary heap whose root is the worst of them (`ranksBelow`). */
class TopSymbols {
	score: Float64Array;
	len: Int32Array;
	doc: Int32Array;
	sym: Int32Array;
	size = 0;

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
	}

	#grow(): void {
		const n = Math.min(this.capacity, this.score.length * 2);
		const score = new Float64Array(n);
		score.set(this.score);
		this.score = score;
		const len = new Int32Array(n);
		len.set(this.len);
		this.len = len;
		const doc = new Int32Array(n);
		doc.set(this.doc);
		this.doc = doc;
		const sym = new Int32Array(n);
		sym.set(this.sym);
		this.sym = sym;
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

/**
 * The best symbols for a query, at most `limit`, best first: by `fuzzyScore` less the kind's rank,
 * then shorter names, then documents in index order and symbols in document order. Throws
 * `CancelledError` when the token is cancelled.
 */
export function workspaceSymbols(query: string, index: WorkspaceIndex, token?: CancellationToken, limit = MAX_SYMBOLS): WorkspaceSymbol[] {
	const Q = new Query(query);
	const { q, length: qlen, mask: qMask, first, firstBit, pairs64lo: qLo, pairs64hi: qHi, start32: qStart32, initials: qInitials } = Q;
	const fuzzy = qlen >= 2 && firstBit !== 0;
	const { entries: docs, symbols } = allSymbols(index, token);
	const top = new TopSymbols(Math.max(1, limit));
	// the worst entry of the heap once it is full: what a symbol must beat to enter
	let fScore = -Infinity;
	let fLength = 0;
	let fDoc = 0;
	let fSym = 0;
	const add = (score: number, len: number, d: number, k: number): void => {
		top.add(score, len, d, k);
		if (top.full) {
			fScore = top.score[0];
			fLength = top.len[0];
			fDoc = top.doc[0];
			fSym = top.sym[0];
		}
	};

	// First pass: prefix matches, among the symbols that start with the query's first character.
	if (qlen > 0) {
		const firstChar = q[0];
		const firstCharBit = charBit(first);
		for (let d = 0; d < docs.length; d++) {
			if (token && (d & 255) === 0) throwIfCancelled(token);
			const ds = symbols[d];
			if (firstCharBit !== 0 && (ds.firstMask & firstCharBit) === 0) continue;
			const { text, hot, cold, byFirst, firsts, firstAt } = ds;
			const f = firsts.indexOf(firstChar);
			if (f < 0) continue;
			for (let n = firstAt[f], to = firstAt[f + 1]; n < to; n++) {
				const k = byFirst[n];
				if ((hot[k * HOT + MASK] & qMask) !== qMask) continue;
				const head = hot[k * HOT + HEAD];
				const rank = (head >>> 16) & 7;
				let len = head >>> 19;
				if (len === HEAD_LENGTH_MAX) len = cold[k * COLD + LENGTH];
				if (len < qlen) continue;
				const score = prefixScore(len, qlen) - rank;
				if (enters(score, len, d, k, fScore, fLength, fDoc, fSym) && text.startsWith(q, cold[k * COLD + START])) add(score, len, d, k);
			}
		}
		// no other kind of match could enter: done
		if (top.full && fScore > substringScore(true, 1, qlen + 1)) return answer(top, docs, index);
	}

	// Second pass: every symbol; for the empty query, by rank; else substrings and fuzzy matches.
	// Titles and headings (short, ranked high) before items (long, ranked low), for every document:
	// the heap's floor rises before the many items are visited.
	const finder = new Finder(q);
	for (let part = 0; part < 2; part++) {
		// the items and their labels rank 2 or lower: done when none of them could enter
		if (part === 1 && top.full && fScore > (qlen === 0 ? 100 : substringScore(true, 1, qlen + 1)) - 2) break;
		for (let d = 0; d < docs.length; d++) {
			if (token && (d & 63) === 0) throwIfCancelled(token);
			const { text, count: all, hot, cold, items } = symbols[d];
			finder.reset(text);
			// names are searched one by one until that has read an eighth of the text, then natively
			let scanned = 0;
			const count = part === 0 ? items : all;
			for (let k = part === 0 ? 0 : items, h = k * HOT; k < count; k++, h += HOT) {
				if ((hot[h + MASK] & qMask) !== qMask) continue;
				const head = hot[h + HEAD];
				const rank = (head >>> 16) & 7;
				let len = head >>> 19;
				if (len === HEAD_LENGTH_MAX) len = cold[k * COLD + LENGTH];
				if (len < qlen) continue;
				if (qlen === 0) {
					if (enters(100 - rank, len, d, k, fScore, fLength, fDoc, fSym)) add(100 - rank, len, d, k);
					continue;
				}
				// each kind of match, best first, looked for only when its best score for this symbol
				// could enter and the filters allow it
				if (!enters(substringScore(true, 1, len) - rank, len, d, k, fScore, fLength, fDoc, fSym)) continue;
				const initials = hot[h + INITIALS];
				const initial = (initials & firstBit) !== 0; // the query's first letter starts a word
				const wordStart = initial && (hot[h + STARTS32] & qStart32) === qStart32; // and so do its first two characters
				const lo = hot[h + PAIRS64];
				const hi = hot[h + PAIRS64 + 1];
				let substring = (lo & qLo) === qLo && (hi & qHi) === qHi && enters(substringScore(wordStart, 1, len) - rank, len, d, k, fScore, fLength, fDoc, fSym);
				let wordPrefix = fuzzy && (initials & qInitials) === qInitials && enters(fuzzyRunsScore(1, len) - rank, len, d, k, fScore, fLength, fDoc, fSym) && Q.fuzzyIn64(initials, lo, hi);
				if (!substring && !wordPrefix) continue;
				const c = k * COLD;
				const start = cold[c + START];
				if ((head & 0xffff) === first && text.startsWith(q, start)) continue; // a prefix: the first pass took it
				substring &&= Q.pairsIn(cold, c);
				wordPrefix &&= Q.fuzzyIn(initials, cold, c);
				let score = 0;
				if (substring) {
					let at: number;
					if (scanned * 8 < text.length) {
						scanned += len;
						at = substringIn(q, text, start + 1, start + len);
					} else at = substringAt(finder, text, start + 1, start + len);
					if (at > 0) score = substringScore(isWordStart(text, at, start), at - start, len);
				}
				if (score === 0 && wordPrefix) {
					const runs = fuzzyRuns(q, text, start, start + len);
					if (runs > 0) score = fuzzyRunsScore(runs, len);
				}
				if (score > 0 && enters(score - rank, len, d, k, fScore, fLength, fDoc, fSym)) add(score - rank, len, d, k);
			}
		}
	}
	return answer(top, docs, index);
}

/** The symbols of the heap, best first, as LSP workspace symbols. */
function answer(top: TopSymbols, docs: readonly ListEntry[], index: WorkspaceIndex): WorkspaceSymbol[] {
	return top.sorted().map((e) => {
		const entry = docs[top.doc[e]];
		const { doc } = entry;
		const s = symbolAt(doc, entry.ds.cold[top.sym[e] * COLD + INFO]);
		entry.container ??= doc.title?.text ? `${doc.title.text} · ${index.relativePath(doc.uri)}` : index.relativePath(doc.uri);
		return { name: s.name, kind: s.kind, containerName: entry.container, location: { uri: doc.uri, range: doc.lineIndex.toRange(s.span) } };
	});
}
