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
 * Maintained incrementally from the index's change events, at the next query: a changed document
 * rewrites its own range in place (or moves to the end when it grew past its range; ranges left
 * behind are compacted when they are a third of the index); an unchanged one keeps its range. The
 * first query builds the whole index.
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
export const RANK: readonly number[] = [0, 1, 2, 3, 4, 2];

/** Slices. */
export const LIVE = 0;
export const ITEM = 1;
/** The characters with a slice of their own in MASK, INIT and FIRST: a–z, 0–9, and one for everything non-ASCII (`charSlice`). */
export const CHARS = 37;
export const MASK0 = 2;
export const INIT0 = MASK0 + CHARS;
export const FIRST0 = INIT0 + CHARS;
export const STARTS0 = FIRST0 + CHARS;
export const PAIR0 = STARTS0 + 32;
/** The bits of the pair filter (a power of two), and the shift that maps a 32-bit hash onto them. */
export const PAIR_BITS = Number(process.env.PAIR_BITS ?? 256);
const PAIR_SHIFT = 32 - Math.log2(PAIR_BITS);
export const SLICES = PAIR0 + PAIR_BITS;

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

/** The first Bloom bit (0 to PAIR_BITS - 1) of a pair of adjacent characters. */
export function pairBit1(a: number, b: number): number {
	return Math.imul(a * 31 + b, 0x9e3779b1) >>> PAIR_SHIFT;
}

/** The second Bloom bit of a pair, by an independent hash. */
export function pairBit2(a: number, b: number): number {
	return Math.imul(a * 131 + b * 7 + 17, 0x85ebca77) >>> PAIR_SHIFT;
}

/** The STARTS bit (0–31) of the first two characters of a word. */
export function startBit(a: number, b: number): number {
	return Math.imul(a * 31 + b, 0x9e3779b1) >>> 27;
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

/** A document of the index: its range of words, and its place in the index's order. */
export interface Slot {
	readonly uri: string;
	doc: DeclDocument;
	ds: DocSymbols;
	/** The first word of the range, its words in use (ceil(count / 32)) and its capacity. */
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
	/** SLICES slices of `cap` words each, slice after slice. */
	bits = new Int32Array(0);
	/** Per symbol (word * 32 + bit): see HEAD_LENGTH_MAX. */
	head = new Int32Array(0);
	/** Per word: the slot that owns it, or -1. */
	owner = new Int32Array(0);
	/** The words per slice. */
	cap = 0;
	/** Words allocated from the start (the rest is free); of those, the words no slot owns. */
	used = 0;
	garbage = 0;
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
		if (this.#pending.size > 0) {
			// room for every pending document at once: one growth (or compaction) at most
			let need = 0;
			for (const [uri, { ds }] of this.#pending) {
				const at = this.#byUri.get(uri);
				const words = (ds.count + 31) >>> 5;
				if (at === undefined || this.slots[at]!.capacity < words) need += words;
			}
			if (this.used + need > this.cap) this.#reserve(need);
			for (const [uri, { doc, ds }] of this.#pending) {
				if (token && (++n & 63) === 0) throwIfCancelled(token);
				this.#put(uri, doc, ds);
				this.#pending.delete(uri);
			}
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

	/** What the index holds: symbols, words in use and allocated, and bytes of slices (with heads and owners) and of the documents' names and cold words (names counted at two bytes a character). */
	stats(): { symbols: number; words: number; cap: number; sliceBytes: number; docBytes: number } {
		let symbols = 0;
		let docBytes = 0;
		for (const s of this.slots) {
			if (!s) continue;
			symbols += s.ds.count;
			docBytes += s.ds.cold.byteLength + s.ds.text.length * 2;
		}
		return { symbols, words: this.used - this.garbage, cap: this.cap, sliceBytes: this.bits.byteLength + this.head.byteLength + this.owner.byteLength, docBytes };
	}

	#remove(at: number): void {
		const s = this.slots[at]!;
		this.#clear(s.off, s.capacity);
		this.owner.fill(-1, s.off, s.off + s.capacity);
		this.garbage += s.capacity;
		this.slots[at] = undefined;
		this.#byUri.delete(s.uri);
		this.#freeSlots.push(at);
		this.#reorder = true;
	}

	#put(uri: string, doc: DeclDocument, ds: DocSymbols): void {
		const words = (ds.count + 31) >>> 5;
		let at = this.#byUri.get(uri);
		let s = at === undefined ? undefined : this.slots[at];
		if (s && s.capacity >= words) {
			this.#clear(s.off, s.capacity);
		} else {
			if (s) {
				// left behind (a compaction below drops it)
				this.#clear(s.off, s.capacity);
				this.owner.fill(-1, s.off, s.off + s.capacity);
				this.garbage += s.capacity;
				s.capacity = 0;
				s.words = 0;
			}
			// a document that grew past its range gets some room to grow again
			const capacity = s ? words + Math.max(1, words >>> 3) : words;
			if (this.used + capacity > this.cap) this.#reserve(capacity);
			if (!s) {
				at = this.#freeSlots.pop() ?? this.slots.length;
				s = { uri, doc, ds, off: 0, words: 0, capacity: 0, order: 0 };
				this.slots[at] = s;
				this.#byUri.set(uri, at);
				this.#reorder = true;
			}
			s.off = this.used;
			s.capacity = capacity;
			this.used += capacity;
			this.owner.fill(at!, s.off, s.off + capacity);
		}
		s.doc = doc;
		s.ds = ds;
		s.words = words;
		this.#write(s);
	}

	/** Zeroes words [off, off + n) of every slice and their heads. */
	#clear(off: number, n: number): void {
		if (n === 0) return;
		const { bits, cap } = this;
		for (let sl = 0; sl < SLICES; sl++) bits.fill(0, sl * cap + off, sl * cap + off + n);
		this.head.fill(0, off * 32, (off + n) * 32);
	}

	/** Writes the bits and heads of a slot's symbols, word by word (`scratch` gathers one word's bits). */
	#write(s: Slot): void {
		const { text, count, cold } = s.ds;
		const { bits, cap, head } = this;
		for (let w = 0; w < s.words; w++) {
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
						scratch[PAIR0 + pairBit1(prev, ch)] |= bit;
						scratch[PAIR0 + pairBit2(prev, ch)] |= bit;
						if (wordStart) scratch[STARTS0 + startBit(prev, ch)] |= bit;
					}
					wordStart = alnum && !prevAlnum;
					prev = ch;
					prevAlnum = alnum;
				}
			}
			const o = s.off + w;
			for (let sl = 0; sl < SLICES; sl++) if (scratch[sl] !== 0) bits[sl * cap + o] = scratch[sl];
		}
	}

	/** Makes room for `need` more words at the end: compacts the ranges (left behind ones dropped) into new arrays, with room to spare. */
	#reserve(need: number): void {
		const live = this.used - this.garbage;
		// the first build takes what it needs (documents that change later get room of their own); later ones an eighth more
		const cap = Math.max(64, Math.ceil((live + need) * (live === 0 ? 1.01 : 1.125)) + 16);
		const bits = new Int32Array(SLICES * cap);
		const head = new Int32Array(cap * 32);
		const owner = new Int32Array(cap).fill(-1);
		// the live ranges in the order they lie, copied in runs of adjacent ranges
		const slots = this.slots.map((s, at) => ({ s, at })).filter((x): x is { s: Slot; at: number } => x.s !== undefined && x.s.capacity > 0);
		slots.sort((a, b) => a.s.off - b.s.off);
		let to = 0;
		for (let r = 0; r < slots.length; ) {
			const from = slots[r].s.off;
			let end = from;
			let e = r;
			const base = to;
			while (e < slots.length && slots[e].s.off === end) {
				const { s, at } = slots[e];
				s.off = base + (end - from);
				owner.fill(at, s.off, s.off + s.capacity);
				end += s.capacity;
				e++;
			}
			const n = end - from;
			for (let sl = 0; sl < SLICES; sl++) bits.set(this.bits.subarray(sl * this.cap + from, sl * this.cap + end), sl * cap + to);
			head.set(this.head.subarray(from * 32, end * 32), to * 32);
			to += n;
			r = e;
		}
		this.bits = bits;
		this.head = head;
		this.owner = owner;
		this.cap = cap;
		this.used = to;
		this.garbage = 0;
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
