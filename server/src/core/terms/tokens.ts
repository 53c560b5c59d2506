/**
 * The words of a document, found once per document version, block by block: where a term can be used. Words
 * inside comments and front matter (blanked in `doc.masked`), wiki references, URLs and labels are left out.
 * Each word keeps the hash of its lower-case form (the dictionaries are keyed by it); each document also gets
 * a small Bloom filter of those hashes (and of the singulars' hashes), so that a change of the workspace's term
 * names re-matches only the documents that may hold them.
 *
 * A block's words are kept with the block (`BlockData.words`, offsets relative to it): a new version of a
 * document shares them for every unchanged block, wherever it moved, and scans only the blocks it changed.
 */
import type { DeclDocument, Span } from '../model';
import { blockText, blockUrls, blockWiki, docBlocks, maskedSlice, NONE, type DocBlocks } from './blocks';
import { hashLower, singularHashes } from './names';
import { grown } from '../text';

export interface Tokens {
	/** How many words the document has. */
	readonly count: number;
	/** The blocks the words are in. */
	readonly blocks: DocBlocks;
	/** Per block, the index of its first word in the document (`first[blocks.count]` is `count`). */
	readonly first: Int32Array;
	/** May hold a word's hash (false positives possible, no false negatives). */
	readonly filter: WordFilter;
}

/**
 * The words of a block, packed: `words[0]` is their number `n`; then per word its start, its end (relative to
 * the block) and its `hashLower` with its `caseFlags` in the top two bits; then the singulars' hashes of the
 * words (for the filter only).
 */
export type PackedWords = Uint32Array;

export const HASH_BITS = 0x3fffffff;

/** The words of block `b`, scanned when first asked for and kept with the block. */
export function blockWords(blocks: DocBlocks, b: number): PackedWords {
	const data = blocks.data[b];
	return (data.words ??= scanWords(blockText(blocks, b), blockExcluded(blocks, b)));
}

/**
 * Spans of block `b` that are not document text for terms, relative to it and sorted by start: wiki
 * references, URLs and `{#label}`s.
 */
export function blockExcluded(blocks: DocBlocks, b: number): readonly Span[] {
	const wiki = blockWiki(blocks, b);
	const urls = blockUrls(blocks, b);
	const labels = blocks.data[b].labels();
	if (wiki.length + urls.length + labels.length === 0) return NONE;
	const out: Span[] = [];
	for (const w of wiki) out.push(w.span);
	for (const u of urls) out.push(u);
	out.push(...labels);
	out.sort((x, y) => x.start - y.start);
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

/** Work done, for the tests (they count work, not time): blocks whose words were scanned. */
export const tokenWork = { blocks: 0 };

/** The words of a document: its blocks' (`blockWords`; `found`: its blocks, found already), unchanged blocks' shared with the versions before. */
export function tokenize(doc: DeclDocument, found?: DocBlocks): Tokens {
	const blocks = found?.doc === doc ? found : docBlocks(doc);
	const n = blocks.count;
	const first = new Int32Array(n + 1);
	let total = 0;
	for (let b = 0; b < n; b++) {
		first[b] = total;
		total += blockWords(blocks, b)[0];
	}
	first[n] = total;
	// the filter is built when asked for (when the workspace's names change), not per keystroke
	let filter: WordFilter | undefined;
	const entries = doc.text.length >> 2;
	return {
		count: total,
		blocks,
		first,
		get filter(): WordFilter {
			if (!filter) {
				filter = new WordFilter(entries);
				for (let b = 0; b < n; b++) {
					const w = blocks.data[b].words!;
					const k = w[0];
					for (let i = 0; i < k; i++) filter.add(w[3 + 3 * i] & HASH_BITS);
					for (let i = 1 + 3 * k; i < w.length; i++) filter.add(w[i]);
				}
			}
			return filter;
		},
	};
}

/**
 * A run of a document's words as the matcher reads them: `from` the index in the document of the first, offsets
 * relative to `base` (the start of the first word's block), and the masked text from `base` to the last word's end.
 */
export interface WordRun {
	readonly from: number;
	readonly count: number;
	readonly base: number;
	readonly text: string;
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	readonly hashes: Uint32Array;
}

/** The words `[from, to)` of the document (`to` clamped to its end). */
export function wordRun(tokens: Tokens, from: number, to: number): WordRun {
	const end = Math.min(to, tokens.count);
	const count = Math.max(0, end - from);
	const starts = new Int32Array(count);
	const ends = new Int32Array(count);
	const hashes = new Uint32Array(count);
	const { blocks, first } = tokens;
	// the block of word `from`
	let lo = 0;
	let hi = blocks.count - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (first[mid] <= from) lo = mid;
		else hi = mid - 1;
	}
	const base = blocks.count > 0 ? blocks.starts[lo] : 0;
	let j = 0;
	for (let b = lo; b < blocks.count && j < count; b++) {
		const w = blocks.data[b].words!;
		const shift = blocks.starts[b] - base;
		for (let i = Math.max(0, from + j - first[b]); i < w[0] && j < count; i++, j++) {
			starts[j] = w[1 + 3 * i] + shift;
			ends[j] = w[2 + 3 * i] + shift;
			hashes[j] = w[3 + 3 * i] & HASH_BITS;
		}
	}
	const text = count > 0 ? maskedSlice(blocks.doc, base, base + ends[count - 1]) : '';
	return { from, count, base, text, starts, ends, hashes };
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

/** The words of a block's text outside the excluded spans (sorted by start), packed (`PackedWords`). */
function scanWords(text: string, excluded: readonly Span[]): PackedWords {
	tokenWork.blocks++;
	const n = text.length;
	let x = 0;
	// scratch space kept from block to block (grown when a block needs more)
	let words = scratchWords;
	let extra = scratchExtra;
	let extraCount = 0;
	let count = 0;
	const singular = new Uint32Array(3);
	let i = 0;
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
		if (1 + 3 * (count + 1) > words.length) words = grown(words, words.length * 2);
		words[1 + 3 * count] = s;
		words[2 + 3 * count] = e;
		words[3 + 3 * count] = (hashLower(text, s, e) | (caseFlags(text, s, e) << 30)) >>> 0;
		count++;
		const k = singularHashes(text, s, e, singular);
		if (extraCount + k > extra.length) extra = grown(extra, extra.length * 2);
		for (let j = 0; j < k; j++) extra[extraCount++] = singular[j];
	}
	// kept unless a huge block grew them
	if (words.length <= SCRATCH_MAX) scratchWords = words;
	if (extra.length <= SCRATCH_MAX) scratchExtra = extra;
	const out = new Uint32Array(1 + 3 * count + extraCount);
	out[0] = count;
	out.set(words.subarray(1, 1 + 3 * count), 1);
	out.set(extra.subarray(0, extraCount), 1 + 3 * count);
	return out;
}

const SCRATCH_MAX = 1 << 16;
let scratchWords = new Uint32Array(1 + 3 * 256);
let scratchExtra = new Uint32Array(64);

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
