/**
 * The workspace-wide index of workspace symbols (the title, headings, items and labels of every
 * document), for `workspaceSymbols` (symbols.ts): a bit-sliced signature file.
 *
 * Every document owns a range of 32-symbol words, and every feature of a symbol is one bit in
 * one slice: a slice is a bit vector over all the symbols of the workspace, one Int32 per word, so
 * a query ANDs and ORs the few slices its characters name, 32 symbols per operation, and visits
 * only the symbols left (the candidates). The slices: LIVE (a symbol is there), ITEM (it is an
 * item or an item's label), MASK (`charSlice` of every character of the name), INIT (of the first
 * character of every word), FIRST (of the first character of the name), STARTS (a 32-bit Bloom
 * filter of the first two characters of every word) and PAIR (a 256-bit Bloom filter, two bits
 * each, of every pair of adjacent characters of the name). Per symbol besides:
 * `head` (its length, rank and first character, for the heap's floor before reading the name).
 *
 * Per document (per version): the lower-cased names joined by line breaks (one string), and per
 * name where it starts, how long it is and which model object it comes from (`DocSymbols`). No
 * object and no string per symbol.
 *
 * The words are kept in chunks of CHUNK_WORDS (the index grows by a chunk: nothing is copied).
 * Maintained incrementally from the index's change events, at the next query: a changed document
 * rewrites its own range in place (or moves to the end of the last chunk when it grew past its
 * range; a chunk that ranges left behind fill to a half is compacted in place); an unchanged one
 * keeps its range. The first query builds the whole index.
 *
 * At 5,000 files (404,000 symbols, 31 million characters of names): 30 chunks, 27 MB of slices
 * and heads (array buffers), 5 MB of cold words, and the names (one string per document).
 */
import type { DeclDocument } from '../model';
import type { WorkspaceIndex } from '../workspace';
import type { CancellationToken } from '../cancellation';
import { throwIfCancelled } from '../cancellation';

/** Where a symbol comes from: the low three bits of its INFO word (the rest is the heading's or item's index). */
export const enum Src {
	Title = 0,
	Heading = 1,
	HeadingLabel = 2,
	Axis = 3,
	Point = 4,
	ItemLabel = 5,
}

/** Per source: the rank that orders kinds on equal scores (titles, headings, labels, axes, points). */
const RANK: readonly number[] = [0, 1, 2, 3, 4, 2];

/** Slices. */
export const LIVE = 0;
export const ITEM = 1;
/** The characters with a slice of their own in MASK, INIT and FIRST: a–z, 0–9, and one for everything non-ASCII (`charSlice`). */
const CHARS = 37;
export const MASK0 = 2;
export const INIT0 = MASK0 + CHARS;
export const FIRST0 = INIT0 + CHARS;
export const STARTS0 = FIRST0 + CHARS;
export const PAIR0 = STARTS0 + 32;
/** The bits of the pair filter (128 would save 8 MB at 5,000 files, but pass twice the symbols: queries took 2–4 times as long). */
const PAIR_BITS = 256;
const SLICES = PAIR0 + PAIR_BITS;

/** Int32 words per symbol in `DocSymbols.cold`: START, LENGTH, INFO (`index << 3 | Src`). */
export const COLD = 3;
export const START = 0;
export const LENGTH = 1;
export const INFO = 2;

/** `head`: the length (at most HEAD_LENGTH_MAX) << 19 | rank << 16 | first character. */
export const HEAD_LENGTH_MAX = 0x1fff;

/** The character's slice (0 to CHARS - 1) in MASK, INIT and FIRST: a–z, then 0–9, then everything non-ASCII on one; -1 for the rest of ASCII. */
export function charSlice(c: number): number {
	if (c >= 97 && c <= 122) return c - 97;
	if (c >= 48 && c <= 57) return c - 22;
	if (c > 127) return 36;
	return -1;
}

/** The first Bloom bit (0–255) of a pair of adjacent characters. */
export function pairBit1(a: number, b: number): number {
	return Math.imul(a * 31 + b, 0x9e3779b1) >>> 24;
}

/** The second Bloom bit (0–255) of a pair, by an independent hash. */
export function pairBit2(a: number, b: number): number {
	return Math.imul(a * 131 + b * 7 + 17, 0x85ebca77) >>> 24;
}

/** The STARTS bit (0–31) of the first two characters of a word: the top of the pair's first bit. */
export function startBit(a: number, b: number): number {
	return pairBit1(a, b) >>> 3;
}

const ALNUM_RE = /[\p{L}\p{N}]/u;

/** Whether `c`, the code unit at `s[i]` (lower-case text), is a letter or digit: ASCII by code, the rest by a Unicode test. */
export function isAlnumCode(s: string, i: number, c: number): boolean {
	if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true;
	if (c < 128) return false;
	return ALNUM_RE.test(s[i]);
}

export function isAlnum(s: string, i: number): boolean {
	return isAlnumCode(s, i, s.charCodeAt(i));
}

/** A letter or digit that follows something else or starts the name (at `from`). */
export function isWordStart(s: string, i: number, from: number): boolean {
	return isAlnum(s, i) && (i === from || !isAlnum(s, i - 1));
}

/** The symbols of one document version. */
export interface DocSymbols {
	/** The lower-cased names, each followed by a line break (a query never holds one, so no match spans two names). */
	readonly text: string;
	readonly count: number;
	/** COLD words per symbol. */
	readonly cold: Int32Array;
}

function symbolsOf(d: DeclDocument): DocSymbols {
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
	const cold = new Int32Array(count * COLD);
	let start = 0;
	for (let k = 0; k < count; k++) {
		cold[k * COLD + START] = start;
		cold[k * COLD + LENGTH] = lengths[k];
		cold[k * COLD + INFO] = infos[k];
		start += lengths[k] + 1;
	}
	return { text, count, cold };
}

/** Words per chunk (16,384 symbols, 790 kB of slices); a document with more symbols gets a chunk of its own. */
const CHUNK_WORDS = 512;

/**
 * A part of the index: SLICES slices of `cap` words, documents' ranges one after the other from
 * the start. The index grows by adding chunks (nothing is copied); a chunk that ranges left behind
 * fill to a half is compacted in place.
 */
export class Chunk {
	/** SLICES slices of `cap` words each, slice after slice. */
	readonly bits: Int32Array;
	/** Per symbol (word * 32 + bit): see HEAD_LENGTH_MAX. */
	readonly head: Int32Array;
	/** Per word: the slot that owns it, or -1. */
	readonly owner: Int32Array;
	/** Words allocated from the start; of those, the words no slot owns. */
	used = 0;
	garbage = 0;
	/** Per word, for the query: its candidates for a substring or prefix, and for a word-prefix match. */
	readonly sub: Int32Array;
	readonly fuzzy: Int32Array;

	constructor(readonly cap: number) {
		this.bits = new Int32Array(SLICES * cap);
		this.head = new Int32Array(cap * 32);
		this.owner = new Int32Array(cap).fill(-1);
		this.sub = new Int32Array(cap);
		this.fuzzy = new Int32Array(cap);
	}
}

/** A document of the index: its range of words, and its place in the index's order. */
export interface Slot {
	readonly uri: string;
	doc: DeclDocument;
	ds: DocSymbols;
	/** The chunk of its range, the first word, its words in use (ceil(count / 32)) and its capacity. */
	chunk: Chunk;
	off: number;
	words: number;
	capacity: number;
	/** Its position in the index's order (ties between equal symbols go to the earlier document). */
	order: number;
	/** The `containerName` of the document's symbols, made at the first answer that needs it. */
	container?: string;
}

/** The word bits of the symbols of one word, gathered before they are written (SLICES words). */
const scratch = new Int32Array(SLICES);

export class SymbolIndex {
	readonly chunks: Chunk[] = [];
	/** The words of a new chunk (tests make it small, to see chunks added, compacted and dropped). */
	chunkWords = CHUNK_WORDS;
	/** Slots by number (undefined: free), and by position in the index's order. */
	readonly slots: (Slot | undefined)[] = [];
	ordered: Slot[] = [];
	readonly #byUri = new Map<string, number>();
	readonly #freeSlots: number[] = [];
	readonly #index: WorkspaceIndex;
	readonly #dirty = new Set<string>();
	/** Documents whose symbols are made but not yet written (a cancelled update resumes with them). */
	readonly #pending = new Map<string, { doc: DeclDocument; ds: DocSymbols }>();
	#all = true;
	#reorder = true;

	constructor(index: WorkspaceIndex) {
		this.#index = index;
		index.onDidChange((uri) => {
			if (uri === '') this.#all = true;
			else this.#dirty.add(uri);
		});
	}

	/** Brings the index up to date with the workspace's documents (only those that changed). */
	update(token?: CancellationToken): void {
		if (this.#all) {
			this.#all = false;
			// folders may have changed: container names are made again; documents are compared by identity
			for (const s of this.slots) if (s) s.container = undefined;
			for (const uri of this.#byUri.keys()) this.#dirty.add(uri);
			for (const uri of this.#index.uris()) this.#dirty.add(uri);
		}
		if (this.#dirty.size === 0 && this.#pending.size === 0) return;
		let n = 0;
		for (const uri of this.#dirty) {
			if (token && (++n & 63) === 0) throwIfCancelled(token);
			const doc = this.#index.get(uri);
			const at = this.#byUri.get(uri);
			if (!doc) {
				this.#pending.delete(uri);
				if (at !== undefined) this.#remove(at);
			} else if (at === undefined || this.slots[at]!.doc !== doc) {
				if (this.#pending.get(uri)?.doc !== doc) this.#pending.set(uri, { doc, ds: symbolsOf(doc) });
			} else this.#pending.delete(uri);
			this.#dirty.delete(uri);
			this.#reorder = true;
		}
		for (const [uri, { doc, ds }] of this.#pending) {
			if (token && (++n & 63) === 0) throwIfCancelled(token);
			this.#put(uri, doc, ds);
			this.#pending.delete(uri);
		}
		// a document deleted and added again moves to the end of the index's order
		if (this.#reorder) {
			this.#reorder = false;
			const ordered: Slot[] = [];
			for (const uri of this.#index.uris()) {
				const at = this.#byUri.get(uri);
				if (at === undefined) continue;
				const s = this.slots[at]!;
				s.order = ordered.length;
				ordered.push(s);
			}
			this.ordered = ordered;
		}
	}

	/** What the index holds: symbols, words in use and allocated, and bytes of the chunks (slices, heads, owners, the query's words) and of the documents' names and cold words (names counted at two bytes a character). */
	stats(): { symbols: number; chunks: number; words: number; cap: number; sliceBytes: number; docBytes: number } {
		let symbols = 0;
		let docBytes = 0;
		for (const s of this.slots) {
			if (!s) continue;
			symbols += s.ds.count;
			docBytes += s.ds.cold.byteLength + s.ds.text.length * 2;
		}
		let words = 0;
		let cap = 0;
		let sliceBytes = 0;
		for (const c of this.chunks) {
			words += c.used - c.garbage;
			cap += c.cap;
			sliceBytes += c.bits.byteLength + c.head.byteLength + c.owner.byteLength + c.sub.byteLength + c.fuzzy.byteLength;
		}
		return { symbols, chunks: this.chunks.length, words, cap, sliceBytes, docBytes };
	}

	#remove(at: number): void {
		const s = this.slots[at]!;
		this.#free(s);
		this.slots[at] = undefined;
		this.#byUri.delete(s.uri);
		this.#freeSlots.push(at);
		this.#reorder = true;
	}

	/** Leaves a slot's range behind (no longer live), and compacts its chunk when that is half garbage. */
	#free(s: Slot): void {
		const c = s.chunk;
		if (s.capacity > 0) {
			c.bits.fill(0, LIVE * c.cap + s.off, LIVE * c.cap + s.off + s.capacity);
			c.owner.fill(-1, s.off, s.off + s.capacity);
			c.garbage += s.capacity;
		}
		s.capacity = 0;
		s.words = 0;
		s.off = 0;
		if (c.garbage * 2 > c.cap) this.#compact(c);
	}

	#put(uri: string, doc: DeclDocument, ds: DocSymbols): void {
		const words = (ds.count + 31) >>> 5;
		let at = this.#byUri.get(uri);
		let s = at === undefined ? undefined : this.slots[at];
		if (!s || s.capacity < words) {
			// a document that grew past its range gets some room to grow again
			const capacity = s ? words + Math.max(1, words >>> 3) : words;
			if (s) this.#free(s);
			let c = this.chunks[this.chunks.length - 1];
			if (!c || c.used + capacity > c.cap) this.chunks.push((c = new Chunk(Math.max(this.chunkWords, capacity))));
			if (!s) {
				at = this.#freeSlots.pop() ?? this.slots.length;
				s = { uri, doc, ds, chunk: c, off: 0, words: 0, capacity: 0, order: 0, container: undefined }; // one shape for every slot
				this.slots[at] = s;
				this.#byUri.set(uri, at);
				this.#reorder = true;
			}
			s.chunk = c;
			s.off = c.used;
			s.capacity = capacity;
			c.used += capacity;
			c.owner.fill(at!, s.off, s.off + capacity);
		}
		s.doc = doc;
		s.ds = ds;
		s.words = words;
		this.#write(s);
	}

	/** Writes every slice of a slot's range (words past its symbols zeroed) and the heads of its symbols, word by word (`scratch` gathers one word's bits). */
	#write(s: Slot): void {
		const { text, count, cold } = s.ds;
		const { bits, cap, head } = s.chunk;
		for (let w = 0; w < s.capacity; w++) {
			scratch.fill(0);
			const to = Math.min(count, (w + 1) * 32);
			for (let k = w * 32; k < to; k++) {
				const bit = 1 << (k & 31);
				const start = cold[k * COLD + START];
				const end = start + cold[k * COLD + LENGTH];
				const info = cold[k * COLD + INFO];
				const src = info & 7;
				scratch[LIVE] |= bit;
				if (src >= Src.Axis) scratch[ITEM] |= bit;
				const first = end > start ? text.charCodeAt(start) : 0;
				head[(s.off + w) * 32 + (k & 31)] = (Math.min(end - start, HEAD_LENGTH_MAX) << 19) | (RANK[src] << 16) | first;
				if (end > start) {
					const f = charSlice(first);
					if (f >= 0) scratch[FIRST0 + f] |= bit;
				}
				let prev = -1; // the previous character
				let prevAlnum = false;
				let wordStart = false; // the previous character starts a word
				for (let i = start; i < end; i++) {
					const ch = text.charCodeAt(i);
					const c = charSlice(ch);
					const alnum = isAlnumCode(text, i, ch);
					if (c >= 0) {
						scratch[MASK0 + c] |= bit;
						if (alnum && !prevAlnum) scratch[INIT0 + c] |= bit;
					}
					if (prev >= 0) {
						const p = pairBit1(prev, ch);
						scratch[PAIR0 + p] |= bit;
						scratch[PAIR0 + pairBit2(prev, ch)] |= bit;
						if (wordStart) scratch[STARTS0 + (p >>> 3)] |= bit;
					}
					wordStart = alnum && !prevAlnum;
					prev = ch;
					prevAlnum = alnum;
				}
			}
			const o = s.off + w;
			for (let sl = 0; sl < SLICES; sl++) bits[sl * cap + o] = scratch[sl];
		}
	}

	/** Moves the live ranges of a chunk to its start, in runs of adjacent ranges (a chunk left empty is dropped unless it is the last). */
	#compact(c: Chunk): void {
		const live: Slot[] = [];
		for (const s of this.slots) if (s && s.chunk === c && s.capacity > 0) live.push(s);
		live.sort((a, b) => a.off - b.off);
		const { bits, head, owner, cap } = c;
		let to = 0;
		for (let r = 0; r < live.length; ) {
			const from = live[r].off;
			let end = from;
			let e = r;
			while (e < live.length && live[e].off === end) {
				live[e].off = to + (end - from);
				end += live[e].capacity;
				e++;
			}
			if (from !== to) {
				for (let sl = 0; sl < SLICES; sl++) bits.copyWithin(sl * cap + to, sl * cap + from, sl * cap + end);
				head.copyWithin(to * 32, from * 32, end * 32);
				owner.copyWithin(to, from, end);
			}
			to += end - from;
			r = e;
		}
		bits.fill(0, LIVE * cap + to, LIVE * cap + c.used);
		owner.fill(-1, to, c.used);
		c.used = to;
		c.garbage = 0;
		if (to === 0 && c !== this.chunks[this.chunks.length - 1]) this.chunks.splice(this.chunks.indexOf(c), 1);
	}
}

const indexes = new WeakMap<WorkspaceIndex, SymbolIndex>();

/** The symbol index of a workspace, brought up to date. Throws `CancelledError` when the token is cancelled (what was done is kept). */
export function symbolIndexOf(index: WorkspaceIndex, token?: CancellationToken): SymbolIndex {
	let ix = indexes.get(index);
	if (!ix) indexes.set(index, (ix = new SymbolIndex(index)));
	ix.update(token);
	return ix;
}
