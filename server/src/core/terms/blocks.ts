/**
 * The blocks of a document version — runs of non-blank lines of `doc.masked` — and what each block holds,
 * shared between versions, so that a keystroke re-scans only the blocks it changed (terms and references).
 *
 * Words never cross a line break, and the scans that read further (wiki references, URLs, natural
 * references, quoted and acronym definitions) stop at a blank line: what is found in a block depends on its
 * text alone, plus the few positions the parser decides there (its `{#label}`s and the starts of its
 * heading names: the block's *structure*). So the findings of a block are kept relative to its start, in a
 * `BlockData`, and a new version takes over the previous version's `BlockData` for every block whose text
 * and structure are unchanged, wherever it moved. Unchanged blocks are found without hashing the text: the
 * common prefix and suffix of the two versions' texts are compared natively (and narrowed to where the same
 * comments are blanked), a block lying in either (at the same offset, or shifted by the edit's length change)
 * is the previous version's block there, if there was one with the same extent; a block of the changed region
 * between them may have been cut and pasted there, and is looked up by its text among that region's old
 * blocks only. The blocks themselves are found again only around the change (`repartition`).
 *
 * The masked text is never read whole: the parser builds it from slices of the text, and V8 would copy all
 * of it into one piece at the first read (`maskedSlice` reads the text and blanks what is blanked).
 *
 * Caching rules: the blocks of a version are found once (`docBlocks` keeps the latest analysed version of
 * each URI in a small table, bounded; it is also how the next version finds its predecessor). A `BlockData`
 * is referenced only by the versions whose blocks use it, so it goes with them; it holds no substring of a
 * text (`detach`), since an unchanged block must not keep alive the whole text it was first read from (old
 * versions' texts kept that way once tripled the server's peak memory).
 */
import type { DeclDocument, Span } from '../model';
import { findUrls } from '../parser/inline';
import { blankOf, firstEndingAfter } from '../parser/incremental';
import { detach } from '../text';
import { DocumentCache, textsInCommon } from '../workspace';
import { scanWikiRefs, type NaturalRef, type WikiRef } from '../refs/scan';
import type { AcronymDefinition } from './acronyms';
import type { Use } from './dictionary';
import type { PackedWords } from './tokens';

/** A quoted definition (`"Term" means …`) found in a block, offsets relative to the block. */
export interface QuotedFinding {
	readonly name: string;
	readonly nameStart: number;
	readonly definition: string;
	readonly start: number;
	readonly end: number;
}

/** What a block's text alone determines, offsets relative to the block; each part computed when first needed. */
export class TextData {
	/** Wiki references. */
	wiki?: readonly WikiRef[];
	/** Spans of plain URLs. */
	urls?: readonly Span[];
	quoted?: readonly QuotedFinding[];
	acronymDefinitions?: readonly AcronymDefinition[];
}

/**
 * The undefined-acronym candidates of a block (words taken for acronyms by the block alone, offsets relative
 * to the block), and what the words in capitals at its ends need from the neighbouring blocks: three words in
 * capitals or more separated by spaces (a blank line included), `*` or `_` only are shouted text, not acronyms.
 */
export interface AcronymCandidates {
	/** `[start, end)` pairs. */
	readonly spans: Int32Array;
	/** Per candidate: bit 1 in the run of capital words that opens the block, bit 2 in the one that closes it. */
	readonly where: Uint8Array;
	/** How many capital words open the block (only spaces, `*` and `_` before them), at most 3. */
	readonly head: number;
	/** How many close it (only spaces, `*` and `_` after them), at most 3. */
	readonly tail: number;
	/** Every word of the block is one run of capital words, opening and closing it. */
	readonly whole: boolean;
	/** The block has no word and only `*`, `_` and spaces: a run of capital words goes on across it. */
	readonly transparent: boolean;
}

/** The uses matched in a block for one set of dictionaries, offsets relative to the block. */
export interface BlockMatch {
	/** The dictionaries (their signatures' numbers). */
	readonly sig: string;
	/** The word of the block the scan entered it at. */
	readonly entry: number;
	/** Where the scan ended, relative to the block's first word. */
	readonly end: number;
	readonly uses: readonly Use[];
}

/** What one block holds: its text's findings (`text`, shared with blocks of other structure) and those that depend on its structure. */
export class BlockData {
	/** `[kind, start, end]` triples relative to the block, in order: kind 0 a label's span, 1 the start of a heading's name (start = end). */
	readonly struct: Int32Array;
	/** Its references sorted by position, as indices into its wiki references then its natural ones. */
	order?: Int32Array;
	/** Its references (natural ones skip a heading's own keyword) at the document's offsets for the block at `base`, and all of them sorted. */
	placed?: { readonly base: number; readonly wiki: readonly WikiRef[]; readonly natural: readonly NaturalRef[]; readonly all: readonly (WikiRef | NaturalRef)[] };
	/** Its words (`blockWords`). */
	words?: PackedWords;
	acronyms?: AcronymCandidates;
	match?: BlockMatch;
	/** The uses of `match` at absolute offsets for the block at `base`. */
	placedUses?: { readonly match: BlockMatch; readonly base: number; readonly uses: readonly Use[] };

	constructor(readonly text: TextData, struct: Int32Array) {
		this.struct = struct;
		blockWork.blocks++;
	}

	/** The relative spans of the block's labels, in order. */
	labels(): readonly Span[] {
		if (this.struct.length === 0) return NONE;
		const out: Span[] = [];
		for (let i = 0; i < this.struct.length; i += 3) if (this.struct[i] === 0) out.push({ start: this.struct[i + 1], end: this.struct[i + 2] });
		return out;
	}

	/** True when a heading's name starts at `rel`. */
	headingAt(rel: number): boolean {
		for (let i = 0; i < this.struct.length; i += 3) if (this.struct[i] === 1 && this.struct[i + 1] === rel) return true;
		return false;
	}
}

export interface DocBlocks {
	/** Serial number of this set of blocks. */
	readonly id: number;
	readonly doc: DeclDocument;
	readonly count: number;
	/** Offsets of each block: from its first line's start to its last line's end. */
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	readonly data: readonly BlockData[];
}

/** Shared by every block without findings of a kind (most blocks have none): no array per block. */
export const NONE: readonly never[] = Object.freeze([]);
const NO_STRUCT = new Int32Array(0);

/** `list`, or `NONE` when it is empty. */
export function orNone<T>(list: readonly T[]): readonly T[] {
	return list.length === 0 ? NONE : list;
}

/** Work done, for the tests (they count work, not time): `BlockData`s and `TextData`s created. */
export const blockWork = { blocks: 0, texts: 0 };


const blankedCache = new DocumentCache<readonly Span[]>();

/** The spans blanked in `doc.masked` (sorted, disjoint): the front matter (or a byte-order mark), then the comments. */
export function blankedSpans(doc: DeclDocument): readonly Span[] {
	return blankedCache.get(doc, (d) => {
		const head = d.frontMatter?.span ?? (d.text.charCodeAt(0) === 0xfeff ? { start: 0, end: 1 } : undefined);
		return head ? [head, ...d.comments] : d.comments;
	});
}

/**
 * `doc.masked.slice(from, to)`, read from `doc.text`: the parser builds the masked text of a version from slices,
 * and V8 copies all of it into one piece as soon as any of it is read, which a keystroke must not cost. The
 * comments and the front matter in the range are blanked here as the parser blanks them (line breaks kept).
 */
export function maskedSlice(doc: DeclDocument, from: number, to: number): string {
	if (from >= to) return '';
	const spans = blankedSpans(doc);
	let k = firstEndingAfter(spans, from);
	if (k >= spans.length || spans[k].start >= to) return doc.text.slice(from, to);
	let out = '';
	let at = from;
	for (; k < spans.length && spans[k].start < to; k++) {
		const s = Math.max(from, spans[k].start);
		const e = Math.min(to, spans[k].end);
		out += doc.text.slice(at, s) + blankOf(doc.text, { start: s, end: e });
		at = e;
	}
	return out + doc.text.slice(at, to);
}

/** True when `[start, end)` of the masked text holds only spaces and tabs (read as `maskedSlice` does). */
function blankIn(doc: DeclDocument, spans: readonly Span[], start: number, end: number): boolean {
	const text = doc.text;
	let k = firstEndingAfter(spans, start);
	for (let i = start; i < end; i++) {
		while (k < spans.length && spans[k].end <= i) k++;
		if (k < spans.length && spans[k].start <= i) {
			// blanked: a space, unless a line break (none inside a line)
			i = Math.min(end, spans[k].end) - 1;
			continue;
		}
		const c = text.charCodeAt(i);
		if (c !== 32 && c !== 9) return false;
	}
	return true;
}

/** The text of block `b` (as in the masked text). */
export function blockText(blocks: DocBlocks, b: number): string {
	return maskedSlice(blocks.doc, blocks.starts[b], blocks.ends[b]);
}

/** Wiki references of block `b` (relative to it). */
export function blockWiki(blocks: DocBlocks, b: number): readonly WikiRef[] {
	const t = blocks.data[b].text;
	return (t.wiki ??= orNone(scanWikiRefs(blockText(blocks, b)).map(detachWiki)));
}

/** Spans of the plain URLs of block `b` (relative to it). */
export function blockUrls(blocks: DocBlocks, b: number): readonly Span[] {
	const t = blocks.data[b].text;
	return (t.urls ??= orNone(findUrls(blockText(blocks, b)).map((u) => u.span)));
}

function detachWiki(r: WikiRef): WikiRef {
	return {
		...r,
		target: detach(r.target),
		docPart: detach(r.docPart),
		labelPart: r.labelPart === undefined ? undefined : detach(r.labelPart),
		alias: r.alias === undefined ? undefined : detach(r.alias),
	};
}

/** How many URIs keep their latest analysed version. */
const LATEST_MAX = 32;
/** How many weak entries (`held`) before the dead ones are swept (then twice as many as are left). */
const HELD_PRUNE = 256;
let heldLimit = HELD_PRUNE;
const latest = new Map<string, DocBlocks>();
let serial = 0;

/**
 * The blocks of the documents open in the editor, weakly (`keepFindable`): an open document keeps its blocks
 * alive (its words hold them) even when indexing the workspace pushed it out of `latest`, and its next version
 * still finds them. Only open documents: a `WeakRef` holds its target until the running job ends, and a host
 * that checks thousands of files in one go would keep all their blocks.
 */
const held = new Map<string, WeakRef<DocBlocks>>();

/** Lets the next version of the document find these blocks while anything holds them (see `held`). */
export function keepFindable(blocks: DocBlocks): void {
	if (held.get(blocks.doc.uri)?.deref() === blocks) return;
	held.set(blocks.doc.uri, new WeakRef(blocks));
	if (held.size > heldLimit) {
		for (const [uri, ref] of held) if (!ref.deref()) held.delete(uri);
		heldLimit = Math.max(HELD_PRUNE, 2 * held.size);
	}
}

/** The blocks of a document version, taking over the unchanged ones from the latest version of its URI analysed before. */
export function docBlocks(doc: DeclDocument): DocBlocks {
	const last = latest.get(doc.uri) ?? held.get(doc.uri)?.deref();
	if (last?.doc === doc) {
		// most recently used last, so the table drops the documents not asked for longest
		latest.delete(doc.uri);
		latest.set(doc.uri, last);
		return last;
	}
	const made = build(doc, last);
	latest.delete(doc.uri);
	latest.set(doc.uri, made);
	if (latest.size > LATEST_MAX) latest.delete(latest.keys().next().value as string);
	return made;
}

/** The positions the parser decided (labels, heading names) in document order, as `[kind, start, end]` triples. */
function structure(doc: DeclDocument): Int32Array {
	const hs = doc.headings;
	const items = doc.items;
	let n = 0;
	for (const h of hs) n += h.label ? 2 : 1;
	for (const it of items) if (it.label) n++;
	const out = new Int32Array(n * 3);
	let o = 0;
	let h = 0;
	let hPart = 0; // 0: the heading's name next, 1: its label
	let i = 0;
	const put = (kind: number, s: Span): void => {
		out[o++] = kind;
		out[o++] = s.start;
		out[o++] = kind === 1 ? s.start : s.end;
	};
	// headings and item labels are each in document order: merged
	for (;;) {
		while (i < items.length && !items[i].label) i++;
		let hs0: Span | undefined;
		if (h < hs.length) hs0 = hPart === 0 ? hs[h].nameSpan : hs[h].label?.span;
		if (h < hs.length && !hs0) {
			h++;
			hPart = 0;
			continue;
		}
		const is0 = i < items.length ? items[i].label!.span : undefined;
		if (!hs0 && !is0) break;
		if (hs0 && (!is0 || hs0.start <= is0.start)) {
			put(hPart === 0 ? 1 : 0, hs0);
			if (hPart === 0 && hs[h].label) hPart = 1;
			else {
				h++;
				hPart = 0;
			}
		} else {
			put(0, is0!);
			i++;
		}
	}
	// the parser keeps them in order; should it not, sort
	let sorted = true;
	for (let k = 3; k < out.length && sorted; k += 3) if (out[k + 1] < out[k - 2]) sorted = false;
	if (!sorted) {
		const triples: number[][] = [];
		for (let k = 0; k < out.length; k += 3) triples.push([out[k], out[k + 1], out[k + 2]]);
		triples.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
		triples.forEach((t, k) => out.set(t, k * 3));
	}
	return out;
}

/**
 * The blocks of `lines` from line `from` on, into `s0`/`e0`, until a blank line `k` for which `stop(k)` holds
 * (or the end); returns that line (or `lines.length`).
 */
function scanBlocks(doc: DeclDocument, from: number, s0: number[], e0: number[], stop?: (k: number) => boolean): number {
	// the lines' offsets (reading `doc.lines` would make an object per line of every document)
	const { starts, ends } = doc.lineIndex.table;
	const count = starts.length;
	const spans = blankedSpans(doc);
	for (let k = from; k < count;) {
		if (blankIn(doc, spans, starts[k], ends[k])) {
			if (stop?.(k)) return k;
			k++;
			continue;
		}
		let j = k;
		while (j + 1 < count && !blankIn(doc, spans, starts[j + 1], ends[j + 1])) j++;
		s0.push(starts[k]);
		e0.push(ends[j]);
		k = j + 1;
	}
	return count;
}

/** The last block of `blocks` starting at or before `offset`, or -1. */
function blockBefore(blocks: DocBlocks, offset: number): number {
	let lo = 0;
	let hi = blocks.count - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (blocks.starts[mid] <= offset) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

/**
 * The blocks of a changed text from those of the previous version: the lines around the change are read, the
 * blocks before them are the previous version's, those after them the previous version's moved by the change
 * of length. Lines before the common prefix's last line are unchanged, and so is their grouping up to the block
 * that may run on into the change; after a blank line wholly in the common suffix (with the line break before
 * it), the grouping is the old one.
 */
function repartition(doc: DeclDocument, prev: DocBlocks, prefix: number, suffixStart: number, delta: number): { starts: Int32Array; ends: Int32Array } {
	const { starts: lineStarts } = doc.lineIndex.table;
	const lineCount = lineStarts.length;
	const k0 = doc.lineIndex.lineAt(prefix).index;
	// from the block holding the line before the change (it may run on into it), else from the changed line
	let from = k0;
	let keep = 0; // previous blocks kept as they are
	if (k0 > 0) {
		const before = blockBefore(prev, lineStarts[k0 - 1]);
		if (before >= 0 && prev.ends[before] >= lineStarts[k0 - 1]) {
			from = doc.lineIndex.lineAt(prev.starts[before]).index;
			keep = before;
		} else keep = before + 1;
	}
	const s0: number[] = [];
	const e0: number[] = [];
	// a blank line whose line break before it is in the common suffix too (a CRLF pair has two characters)
	const stop = scanBlocks(doc, from, s0, e0, (k) => lineStarts[k] >= suffixStart + 2);
	// the previous blocks after the blank line the scan stopped at, moved
	let after = prev.count;
	if (stop < lineCount) after = blockBefore(prev, lineStarts[stop] - delta) + 1;
	const count = keep + s0.length + (prev.count - after);
	const starts = new Int32Array(count);
	const ends = new Int32Array(count);
	starts.set(prev.starts.subarray(0, keep));
	ends.set(prev.ends.subarray(0, keep));
	for (let i = 0; i < s0.length; i++) {
		starts[keep + i] = s0[i];
		ends[keep + i] = e0[i];
	}
	for (let p = after, i = keep + s0.length; p < prev.count; p++, i++) {
		starts[i] = prev.starts[p] + delta;
		ends[i] = prev.ends[p] + delta;
	}
	return { starts, ends };
}

/**
 * Where the masked texts of two versions agree: a common prefix `[0, prefix)`, and a common suffix from
 * `suffixStart` (in `doc`; `suffixStart - delta` in `old`). Found on the texts (the masked texts are not read
 * whole, see `maskedSlice`), then narrowed to where the same spans are blanked.
 */
function masksInCommon(old: DeclDocument, doc: DeclDocument): { prefix: number; suffixStart: number; delta: number } {
	const a = old.text;
	const b = doc.text;
	const common = textsInCommon(old, doc);
	let prefix = common.prefix;
	const suffix = common.suffix;
	let suffixStart = b.length - suffix;
	const delta = b.length - a.length;
	const x = blankedSpans(old);
	const y = blankedSpans(doc);
	// the spans blanked before the prefix's end, cut there, pairwise the same
	for (let i = 0; ; i++) {
		const u = i < x.length && x[i].start < prefix ? x[i] : undefined;
		const v = i < y.length && y[i].start < prefix ? y[i] : undefined;
		if (!u && !v) break;
		if (!u || !v || u.start !== v.start || Math.min(u.end, prefix) !== Math.min(v.end, prefix)) {
			prefix = Math.min(u?.start ?? prefix, v?.start ?? prefix);
			break;
		}
	}
	// the spans blanked after the suffix's start, cut there, pairwise the same (moved)
	for (let i = x.length - 1, j = y.length - 1; ; i--, j--) {
		const u = i >= 0 && x[i].end + delta > suffixStart ? x[i] : undefined;
		const v = j >= 0 && y[j].end > suffixStart ? y[j] : undefined;
		if (!u && !v) break;
		if (!u || !v || u.end + delta !== v.end || Math.max(u.start + delta, suffixStart) !== Math.max(v.start, suffixStart)) {
			suffixStart = Math.max(u ? u.end + delta : suffixStart, v ? v.end : suffixStart);
			break;
		}
	}
	return { prefix, suffixStart, delta };
}

function build(doc: DeclDocument, prev: DocBlocks | undefined): DocBlocks {
	const text = doc.text;
	// what the previous version's masked text has in common with this one
	let prefix = 0;
	let suffixStart = text.length + 1;
	let delta = 0;
	let starts: Int32Array;
	let ends: Int32Array;
	if (prev && prev.doc.text === text) {
		prefix = text.length;
		starts = prev.starts;
		ends = prev.ends;
	} else if (prev) {
		({ prefix, suffixStart, delta } = masksInCommon(prev.doc, doc));
		({ starts, ends } = repartition(doc, prev, prefix, suffixStart, delta));
	} else {
		const s0: number[] = [];
		const e0: number[] = [];
		scanBlocks(doc, 0, s0, e0);
		starts = Int32Array.from(s0);
		ends = Int32Array.from(e0);
	}
	const count = starts.length;
	const struct = structure(doc);

	const data: BlockData[] = new Array<BlockData>(count);
	let p = 0; // the previous version's blocks, walked along
	let x = 0; // the structure triples, walked along
	/** The previous version's blocks that changed place (between the common prefix and suffix) by their text: made when first needed. */
	let moved: Map<string, BlockData[]> | undefined;
	for (let b = 0; b < count; b++) {
		const s = starts[b];
		const e = ends[b];
		while (x < struct.length && struct[x + 1] < s) x += 3;
		let y = x;
		while (y < struct.length && struct[y + 1] < e) y += 3;
		let old: BlockData | undefined;
		if (prev) {
			const target = e <= prefix ? s : s >= suffixStart ? s - delta : -1;
			if (target >= 0) {
				while (p < prev.count && prev.starts[p] < target) p++;
				if (p < prev.count && prev.starts[p] === target && prev.ends[p] - target === e - s) old = prev.data[p];
			} else {
				// a block of the changed region: perhaps one moved there (cut and pasted), found by its text; the
				// map holds the texts of the previous version's changed region only, and goes when this returns
				moved ??= movedBlocks(prev, prefix, suffixStart - delta);
				const same = moved.get(maskedSlice(doc, s, e));
				old = same?.find((d) => sameStructure(d.struct, struct, x, y, s)) ?? same?.[0];
			}
		}
		if (old && sameStructure(old.struct, struct, x, y, s)) data[b] = old;
		else {
			const rel = x === y ? NO_STRUCT : struct.slice(x, y);
			for (let k = 0; k < rel.length; k += 3) {
				rel[k + 1] -= s;
				rel[k + 2] -= s;
			}
			let t = old?.text;
			if (!t) {
				t = new TextData();
				blockWork.texts++;
			}
			data[b] = new BlockData(t, rel);
		}
		x = y;
	}
	return { id: ++serial, doc, count, starts, ends, data };
}

/** The previous version's blocks in `[from, to)` of its text by their text. */
function movedBlocks(prev: DocBlocks, from: number, to: number): Map<string, BlockData[]> {
	const out = new Map<string, BlockData[]>();
	for (let p = 0; p < prev.count; p++) {
		if (prev.ends[p] <= from || prev.starts[p] >= to) continue;
		const key = maskedSlice(prev.doc, prev.starts[p], prev.ends[p]);
		const list = out.get(key);
		if (list) list.push(prev.data[p]);
		else out.set(key, [prev.data[p]]);
	}
	return out;
}

function sameStructure(rel: Int32Array, struct: Int32Array, from: number, to: number, base: number): boolean {
	if (rel.length !== to - from) return false;
	for (let k = 0; k < rel.length; k += 3) {
		if (rel[k] !== struct[from + k] || rel[k + 1] !== struct[from + k + 1] - base || rel[k + 2] !== struct[from + k + 2] - base) return false;
	}
	return true;
}
