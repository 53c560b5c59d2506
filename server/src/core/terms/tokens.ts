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
	/** May hold a word's hash (false positives possible, no false negatives). */
	readonly filter: WordFilter;
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

export function tokenize(doc: DeclDocument): Tokens {
	const text = doc.masked;
	const n = text.length;
	const excluded = excludedSpans(doc);
	let starts: Int32Array = new Int32Array(Math.max(16, n >> 3));
	let ends: Int32Array = new Int32Array(starts.length);
	let hashes: Uint32Array = new Uint32Array(starts.length);
	let count = 0;
	const filter = new WordFilter(n >> 2);
	const singular = new Uint32Array(3);
	let x = 0;
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
		if (count === starts.length) {
			starts = grow(starts);
			ends = grow(ends);
			const h = new Uint32Array(hashes.length * 2);
			h.set(hashes);
			hashes = h;
		}
		const h = hashLower(text, s, e);
		starts[count] = s;
		ends[count] = e;
		hashes[count] = h;
		count++;
		filter.add(h);
		const k = singularHashes(text, s, e, singular);
		for (let j = 0; j < k; j++) filter.add(singular[j]);
	}
	return { count, starts: starts.slice(0, count), ends: ends.slice(0, count), hashes: hashes.slice(0, count), filter };
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
