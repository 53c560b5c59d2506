/**
 * The words of a document, found once per document version: where a term can be used. Words inside
 * comments and front matter (blanked in `doc.masked`), wiki references, URLs and labels are left out.
 * Each word keeps the hash of its lower-case form (the dictionaries are keyed by it); each document
 * also gets a small Bloom filter of those hashes (and of the singulars' hashes), so that a change of
 * the workspace's term names re-matches only the documents that may hold them.
 */
import type { DeclDocument, Span } from '../model';
import { findUrls, findWikiLinks } from '../parser/inline';
import { hashLower, singularHashes } from './names';

export interface Tokens {
	readonly count: number;
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	/** `hashLower` of each word. */
	readonly hashes: Uint32Array;
	/** `caseFlags` of each word. */
	readonly flags: Uint8Array;
	/** May hold a word's hash (false positives possible, no false negatives). */
	readonly filter: WordFilter;
	/** For documents tokenised by blocks: the blocks in order, and their words by key. */
	readonly blocks?: readonly Block[];
	/** For documents tokenised by blocks: this tokenisation's serial number, and that of the one its blocks were taken from. */
	readonly id?: number;
	readonly prevId?: number;
	readonly byKey?: ReadonlyMap<string, Block>;
	/** The singulars' hashes of the words (block by block), kept to rebuild the filter of the next version. */
	readonly extra?: Uint32Array;
}

/** Spans that are not document text for terms: wiki references, URLs and `{#label}`s. */
export function excludedSpans(doc: DeclDocument): Span[] {
	const out: Span[] = [];
	for (const l of findWikiLinks(doc.masked)) out.push(l.span);
	for (const u of findUrls(doc.masked)) out.push(u.span);
	for (const h of doc.headings) if (h.label) out.push(h.label.span);
	for (const i of doc.items) if (i.label) out.push(i.label.span);
	out.sort((a, b) => a.start - b.start);
	return out;
}

const WORD_CHAR_RE = /^[\p{L}\p{N}\p{M}]$/u;
/** For the BMP: 0 not known yet, 1 a word character, 2 not. */
const bmpClass = new Uint8Array(65536);

/** The length (1 or 2 UTF-16 units) of the word character at `i`, or 0: letters, digits and combining marks. */
function wordCharLength(text: string, i: number): number {
	const c = text.charCodeAt(i);
	if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
	if (c >= 0xd800 && c <= 0xdbff) {
		const d = text.charCodeAt(i + 1);
		if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR_RE.test(text.slice(i, i + 2)) ? 2 : 0;
		return 0;
	}
	let k = bmpClass[c];
	if (k === 0) {
		k = WORD_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
		bmpClass[c] = k;
	}
	return k === 1 ? 1 : 0;
}

/**
 * A block of the document: a run of non-blank lines. Words never cross a line break, so a block's words
 * depend only on its text and the excluded spans inside it (`key`): an edit re-tokenises only the
 * blocks it changed, and uses are matched again only there (see `matchUses`).
 */
export interface Block {
	/** The block's text and its excluded spans (relative): what its words and uses depend on. */
	readonly key: string;
	/** Offset of the block in the document. */
	readonly start: number;
	/** Index of its first word and number of words. */
	readonly first: number;
	readonly count: number;
	/** Its index in the document's blocks, and that of the block of the previous tokenisation its words were copied from (or -1). */
	readonly index: number;
	readonly prev: number;
	/** Its singulars' hashes in `Tokens.extra`. */
	readonly extraFirst: number;
	readonly extraCount: number;
}

/** The words of one block as scanned (offsets in the document), and the hashes it adds to the filter. */
interface BlockWords {
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	readonly hashes: Uint32Array;
	readonly flags: Uint8Array;
	/** The singulars' hashes (for the filter only). */
	readonly extra: Uint32Array;
}

let serial = 0;

/** Work done, for the tests (they count work, not time). */
export const tokenWork = { blocks: 0 };

/**
 * The words of a document. With `blocks` (kept for documents open in the editor), it is tokenised block
 * by block, each block's words reused from `prev` when its key is unchanged.
 */
export function tokenize(doc: DeclDocument, prev?: Tokens, blocks = false): Tokens {
	const text = doc.masked;
	const excluded = excludedSpans(doc);
	if (!blocks) {
		tokenWork.blocks++;
		const w = scanWords(text, 0, text.length, excluded, 0);
		const filter = new WordFilter(text.length >> 2);
		for (const h of w.hashes) filter.add(h);
		for (const h of w.extra) filter.add(h);
		return { count: w.hashes.length, starts: w.starts, ends: w.ends, hashes: w.hashes, flags: w.flags, filter };
	}
	// words are kept once, in the document's arrays: an unchanged block's words are copied from the previous version's
	const byKey = new Map<string, Block>();
	const list: Block[] = [];
	/** Per block: its words in `prev`, or scanned now. */
	const parts: (Block | BlockWords)[] = [];
	const lines = doc.lines;
	let total = 0;
	let extraTotal = 0;
	let x = 0;
	for (let k = 0; k < lines.length;) {
		if (isBlank(text, lines[k].start, lines[k].end)) {
			k++;
			continue;
		}
		const start = lines[k].start;
		let j = k;
		while (j + 1 < lines.length && !isBlank(text, lines[j + 1].start, lines[j + 1].end)) j++;
		const end = lines[j].end;
		k = j + 1;
		while (x < excluded.length && excluded[x].end <= start) x++;
		let key = text.slice(start, end);
		for (let y = x; y < excluded.length && excluded[y].start < end; y++) key += `\u0000${Math.max(0, excluded[y].start - start)},${Math.min(end, excluded[y].end) - start}`;
		let part: Block | BlockWords | undefined = prev?.byKey?.get(key);
		let count: number;
		let extraCount: number;
		if (part) {
			count = part.count;
			extraCount = part.extraCount;
		} else {
			tokenWork.blocks++;
			const w = scanWords(text, start, end, excluded, x);
			part = w;
			count = w.hashes.length;
			extraCount = w.extra.length;
		}
		const block: Block = { key, start, first: total, count, index: list.length, prev: 'hashes' in part ? -1 : part.index, extraFirst: extraTotal, extraCount };
		list.push(block);
		if (!byKey.has(key)) byKey.set(key, block);
		parts.push(part);
		total += count;
		extraTotal += extraCount;
	}
	const starts = new Int32Array(total);
	const ends = new Int32Array(total);
	const hashes = new Uint32Array(total);
	const flags = new Uint8Array(total);
	const extra = new Uint32Array(extraTotal);
	for (let b = 0; b < list.length; b++) {
		const block = list[b];
		const part = parts[b];
		const at = block.first;
		if ('hashes' in part) {
			starts.set(part.starts, at);
			ends.set(part.ends, at);
			hashes.set(part.hashes, at);
			flags.set(part.flags, at);
			extra.set(part.extra, block.extraFirst);
		} else {
			// copied from the previous version's arrays, moved by the block's shift
			const p = prev!;
			const shift = block.start - part.start;
			for (let i = 0; i < block.count; i++) {
				starts[at + i] = p.starts[part.first + i] + shift;
				ends[at + i] = p.ends[part.first + i] + shift;
			}
			hashes.set(p.hashes.subarray(part.first, part.first + block.count), at);
			flags.set(p.flags.subarray(part.first, part.first + block.count), at);
			extra.set(p.extra!.subarray(part.extraFirst, part.extraFirst + block.extraCount), block.extraFirst);
		}
	}
	// the filter of an open document is built when asked for (when the workspace's names change), not per keystroke
	let filter: WordFilter | undefined;
	const entries = text.length >> 2;
	return {
		count: total,
		starts,
		ends,
		hashes,
		flags,
		get filter(): WordFilter {
			if (!filter) {
				filter = new WordFilter(entries);
				for (let i = 0; i < total; i++) filter.add(hashes[i]);
				for (let i = 0; i < extraTotal; i++) filter.add(extra[i]);
			}
			return filter;
		},
		blocks: list,
		byKey,
		extra,
		id: ++serial,
		prevId: prev?.id,
	};
}

const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

/**
 * Bit 1: the word has an upper-case letter and no lower-case one; bit 2: it has two upper-case letters or
 * more, or holds characters outside ASCII (then it is left to `isAcronymLike`). For the undefined-acronym scan.
 */
export function caseFlags(text: string, s: number, e: number): number {
	let upper = 0;
	let lower = 0;
	for (let i = s; i < e; i++) {
		const c = text.charCodeAt(i);
		if (c >= 128) {
			const w = text.slice(s, e);
			return (!LOWER.test(w) && UPPER.test(w) ? 1 : 0) | 2;
		}
		if (c >= 65 && c <= 90) upper++;
		else if (c >= 97 && c <= 122) lower++;
	}
	return (lower === 0 && upper > 0 ? 1 : 0) | (upper >= 2 ? 2 : 0);
}

function isBlank(text: string, start: number, end: number): boolean {
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c !== 32 && c !== 9) return false;
	}
	return true;
}

/** The words of `text[from, to)` outside the excluded spans (`excluded[x]` the first that may reach `from`). */
function scanWords(text: string, from: number, n: number, excluded: readonly Span[], x: number): BlockWords {
	let starts: Int32Array = new Int32Array(Math.max(16, (n - from) >> 3));
	let ends: Int32Array = new Int32Array(starts.length);
	let hashes: Uint32Array = new Uint32Array(starts.length);
	let flags: Uint8Array = new Uint8Array(starts.length);
	let extra: Uint32Array = new Uint32Array(16);
	let extraCount = 0;
	let count = 0;
	const singular = new Uint32Array(3);
	let i = from;
	while (i < n) {
		let len = wordCharLength(text, i);
		if (len === 0) {
			i++;
			continue;
		}
		const s = i;
		while (len > 0) {
			i += len;
			len = i < n ? wordCharLength(text, i) : 0;
		}
		const e = i;
		while (x < excluded.length && excluded[x].end <= s) x++;
		if (x < excluded.length && excluded[x].start < e) continue;
		if (count === starts.length) {
			starts = grow(starts);
			ends = grow(ends);
			const h = new Uint32Array(hashes.length * 2);
			h.set(hashes);
			hashes = h;
			const f = new Uint8Array(flags.length * 2);
			f.set(flags);
			flags = f;
		}
		const h = hashLower(text, s, e);
		starts[count] = s;
		ends[count] = e;
		hashes[count] = h;
		flags[count] = caseFlags(text, s, e);
		count++;
		const k = singularHashes(text, s, e, singular);
		if (extraCount + k > extra.length) {
			const b = new Uint32Array(extra.length * 2);
			b.set(extra);
			extra = b;
		}
		for (let j = 0; j < k; j++) extra[extraCount++] = singular[j];
	}
	return { starts: starts.slice(0, count), ends: ends.slice(0, count), hashes: hashes.slice(0, count), flags: flags.slice(0, count), extra: extra.slice(0, extraCount) };
}

function grow(a: Int32Array): Int32Array {
	const b = new Int32Array(a.length * 2);
	b.set(a);
	return b;
}

/** A Bloom filter of 32-bit hashes, two probes, sized for about 8 bits an entry. */
export class WordFilter {
	readonly #bits: Uint32Array;
	readonly #mask: number;

	constructor(entries: number) {
		let size = 256;
		while (size < entries * 8) size *= 2;
		this.#bits = new Uint32Array(size >>> 5);
		this.#mask = size - 1;
	}

	add(h: number): void {
		const a = h & this.#mask;
		const b = (Math.imul(h, 0x9e3779b1) >>> 11) & this.#mask;
		this.#bits[a >>> 5] |= 1 << (a & 31);
		this.#bits[b >>> 5] |= 1 << (b & 31);
	}

	has(h: number): boolean {
		const a = h & this.#mask;
		const b = (Math.imul(h, 0x9e3779b1) >>> 11) & this.#mask;
		return (this.#bits[a >>> 5] & (1 << (a & 31))) !== 0 && (this.#bits[b >>> 5] & (1 << (b & 31))) !== 0;
	}
}
