/**
 * The words of a document, found once per document version: where a term can be used. Words inside
 * comments and front matter (blanked in `doc.masked`), wiki references, URLs and labels are left out.
 * Each document also gets a small Bloom filter of its lower-case words (and of their singulars), so
 * that a change of the workspace's term names re-matches only the documents that may hold them.
 */
import type { DeclDocument, Span } from '../model';
import { findUrls, findWikiLinks } from '../parser/inline';
import { singulars, WORD_RE } from './names';

export interface Tokens {
	readonly count: number;
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	/** May hold a lower-case word (false positives possible, no false negatives). */
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

export function tokenize(doc: DeclDocument): Tokens {
	const text = doc.masked;
	const excluded = excludedSpans(doc);
	let starts: Int32Array = new Int32Array(Math.max(16, text.length >> 3));
	let ends: Int32Array = new Int32Array(starts.length);
	let count = 0;
	const distinct = new Set<string>();
	let x = 0;
	WORD_RE.lastIndex = 0;
	for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
		const s = m.index;
		const e = s + m[0].length;
		while (x < excluded.length && excluded[x].end <= s) x++;
		if (x < excluded.length && excluded[x].start < e) continue;
		if (count === starts.length) {
			const grow = (a: Int32Array): Int32Array => {
				const b = new Int32Array(a.length * 2);
				b.set(a);
				return b;
			};
			starts = grow(starts);
			ends = grow(ends);
		}
		starts[count] = s;
		ends[count] = e;
		count++;
		distinct.add(m[0].toLowerCase());
	}
	const filter = new WordFilter(distinct.size * 2);
	for (const w of distinct) {
		filter.add(w);
		for (const s of singulars(w)) filter.add(s);
	}
	return { count, starts: starts.subarray(0, count), ends: ends.subarray(0, count), filter };
}

/** A Bloom filter of strings: about 8 bits an entry, two hashes (≈ 5 % false positives). */
export class WordFilter {
	readonly #bits: Uint32Array;
	readonly #mask: number;

	constructor(entries: number) {
		let size = 64;
		while (size < entries * 8) size *= 2;
		this.#bits = new Uint32Array(size >>> 5);
		this.#mask = size - 1;
	}

	add(word: string): void {
		const h = hash(word);
		const a = h & this.#mask;
		const b = (Math.imul(h, 0x9e3779b1) >>> 7) & this.#mask;
		this.#bits[a >>> 5] |= 1 << (a & 31);
		this.#bits[b >>> 5] |= 1 << (b & 31);
	}

	has(word: string): boolean {
		const h = hash(word);
		const a = h & this.#mask;
		const b = (Math.imul(h, 0x9e3779b1) >>> 7) & this.#mask;
		return (this.#bits[a >>> 5] & (1 << (a & 31))) !== 0 && (this.#bits[b >>> 5] & (1 << (b & 31))) !== 0;
	}
}

/** FNV-1a over UTF-16 code units. */
function hash(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}
