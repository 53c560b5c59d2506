/**
 * The parser of declaration documents (FORMAT.md §1–6 and §9). It is total: every input, however
 * broken, yields a `DeclDocument`, and it never throws (a last-resort guard turns an internal
 * error into an empty model with one diagnostic rather than an exception).
 *
 * One pass over the lines of the text with comments and front matter blanked out (`masked`), so
 * every offset is an offset into the original text.
 */
import type {
	CoreDiagnostic, DeclDocument, DocumentDate, DocumentTitle, FrontMatter, Heading, HeadingKeyword, HeadingStyle,
	Item, Label, List, MarkerKind, Paragraph, Signatories, Signatory, Span,
} from '../model';
import { LineIndex, SLICE_MIN, commonSuffix, detach, firstNonSpace, indentColumns, lastNonSpace, lineTable, splitLines, type LineTable } from '../text';
import { findComments } from './comments';
import { parseDateLine, type DateOrder } from './dates';
import { parseFrontMatter, type FrontMatterResult } from './frontMatter';
import {
	isCapsLine, isGlossaryHeading, isStructuralHeading, isShortLine, isSignatoriesHeading, matchKeywordHeading, slugify, trailingLabel,
} from './headings';
import { blankOf, firstEndingAfter, firstLineFrom, firstNotBefore, lineAt, maskedText, patchComments, patchLines } from './incremental';
import { ParsedItem, type ItemSource, type Move, type ParsedList } from './item';
import { KIND_ORDER, markerFor, matchMarker, type RawMarker } from './markers';
import { isWs, normalizeSpace, shorten } from './sentences';

export interface ParseOptions {
	/** How numeric dates are read (setting `declaration.dateOrder`). */
	readonly dateOrder?: DateOrder;
}

/** Parses `text`; never throws. */
export function parseDocument(uri: string, version: number, text: string, options: ParseOptions = {}): DeclDocument {
	return parseGuarded(uri, version, text, options, undefined);
}

/**
 * Parses `text`, a new version of `prev.text` that agrees with it on `text.slice(0, unchanged)`
 * and on its last `unchangedEnd` characters (found here when not given): the model is exactly what
 * `parseDocument` gives, but only the lines around the change are parsed. The model before the
 * last safe restart point ahead of the change is reused as it is, and the model after the first
 * heading past the change where the parser stands as it stood in `prev` is `prev`'s, moved.
 * Lines, comments and the masked text are patched the same way. Never throws.
 */
export function reparseDocument(prev: DeclDocument, unchanged: number, uri: string, version: number, text: string, options: ParseOptions = {}, unchangedEnd?: number): DeclDocument {
	const state = STATES.get(prev);
	if (!state || state.dateOrder !== (options.dateOrder ?? 'auto') || typeof text !== 'string') return parseDocument(uri, version, text, options);
	try {
		const n = Math.min(prev.text.length, text.length);
		const prefix = Math.max(0, Math.min(Math.floor(unchanged) || 0, n));
		const suffix = unchangedEnd === undefined ? commonSuffix(prev.text, text, n - prefix) : Math.max(0, Math.min(Math.floor(unchangedEnd) || 0, n - prefix));
		return new Parser(uri, version, text, options, { prev, state, prefix, suffix }).parse();
	} catch {
		// Defence in depth: whatever went wrong in reusing the previous version, a fresh parse is right.
		counters.failedReparses++;
		return parseDocument(uri, version, text, options);
	}
}

/** Work counters, for tests that prove a reparse parses only what it must. */
const counters = { lines: 0, reusedTails: 0, freshTails: 0, failedReparses: 0 };

/** How many lines the parser has handled one by one since the process started (a reparse counts only the lines it parsed). */
export function parsedLineCount(): number {
	return counters.lines;
}

/**
 * How many reparses took over the previous version's model after the change (`freshTails` of
 * them with its strings cut afresh from the new text), and how many failed internally and parsed
 * afresh instead (a bug: tests expect none).
 */
export function reparseCounts(): { readonly reusedTails: number; readonly freshTails: number; readonly failed: number } {
	return { reusedTails: counters.reusedTails, freshTails: counters.freshTails, failed: counters.failedReparses };
}

/**
 * The previous version's item that `item` is, moved by `lineDelta` lines, when a reparse took it
 * over unchanged after the edit (same marker, title, label and text; its lines and columns only
 * moved by whole lines). Lets per-item results such as outline symbols be reused.
 */
export function movedFrom(item: Item): { readonly from: Item; readonly lineDelta: number } | undefined {
	if (!(item instanceof ParsedItem)) return undefined;
	const m = item.moved;
	const items = m?.items.deref();
	if (!m || !items) return undefined;
	// the previous version's items are in document order: the one that starts where this one started
	const start = item.start - m.delta;
	const k = firstNotBefore(items.length, (i) => (items[i] as ParsedItem).start < start);
	const from = items[k];
	return from && (from as ParsedItem).start === start ? { from, lineDelta: m.lineDelta } : undefined;
}

/**
 * What a parse keeps for the reparse of the next version (checkpoints, line facts, blanks), as
 * plain data without the bookkeeping of reused texts: a reparse must keep exactly what a fresh
 * parse keeps (the property tests compare them). Undefined for a model no parse made.
 */
export function parseStateOf(doc: DeclDocument): unknown {
	const s = STATES.get(doc);
	if (!s) return undefined;
	return {
		...s,
		checkpoints: s.checkpoints.map(({ sources: _sources, seg: _seg, ...c }) => c),
		cs: Array.from(s.cs), ce: Array.from(s.ce), blank: Array.from(s.blank),
		frontMatterStable: String(s.frontMatterStable),
	};
}

function parseGuarded(uri: string, version: number, text: string, options: ParseOptions, resume: Resume | undefined): DeclDocument {
	try {
		return new Parser(uri, version, typeof text === 'string' ? text : String(text ?? ''), options, resume).parse();
	} catch (e) {
		// Defence in depth: a bug in the parser must not take the server down or lose the document.
		const safe = typeof text === 'string' ? text : '';
		const lines = splitLines(safe);
		return {
			uri, version, text: safe, masked: safe, lineIndex: new LineIndex(lines, safe.length), lines, comments: [],
			headings: [], rootHeadings: [], paragraphs: [], lists: [], items: [],
			diagnostics: [{ span: { start: 0, end: 0 }, severity: 'error', code: 'front-matter', message: `Internal parser error: ${(e as Error)?.message ?? e}` }],
		};
	}
}

/**
 * The parser state right after a heading past the title block. A heading closes every open list
 * and paragraph and ends any interrupted list, so the whole state is the open headings (their
 * nesting keys), the keyword order and the heading's line; the lines after it read nothing before
 * the heading's first line. So:
 * - after a root heading (`root`), the model before `next` is final and depends only on the text
 *   before it and a few lines after it: a reparse of a later change starts there;
 * - after any heading, the model of the rest depends only on that state and the text from the
 *   heading on: a reparse whose parse of the changed lines comes to a heading where it stands as
 *   the previous version stood takes the previous version's model of the rest, moved.
 */
interface Checkpoint {
	/** The next line to parse (the line after the heading). */
	readonly next: number;
	/** The heading's first line. */
	readonly first: number;
	readonly headings: number;
	readonly rootHeadings: number;
	readonly paragraphs: number;
	readonly lists: number;
	readonly items: number;
	readonly keywordOrder: readonly HeadingKeyword[];
	/** The open headings, outermost first, as indices into `headings`. */
	readonly open: readonly number[];
	/** The heading is a root heading: it closed every heading before it. */
	readonly root: boolean;
	/**
	 * The versions whose texts the model before this point holds substrings of, and those the
	 * model from here to the next checkpoint holds: reused objects keep their version's text alive,
	 * so reuse is bounded (`MAX_SOURCES`).
	 */
	readonly sources: readonly Source[];
	readonly seg: readonly Source[];
}

/** What a reparse of the next version needs of a parse. */
interface ParseState {
	readonly checkpoints: readonly Checkpoint[];
	readonly dateOrder: string;
	readonly titleLine: number;
	readonly dateLine: number;
	readonly bodyLine: number;
	/** Offset of the body line (the text length when there is none): comments are searched from there. */
	readonly bodyStart: number;
	/** End of the front matter, or -1. */
	readonly frontMatterEnd: number;
	readonly frontMatter: FrontMatterResult;
	/** An edit that starts at or after this offset leaves the front matter as it is (Infinity: any edit may change it). */
	readonly frontMatterStable: number;
	/** The blanked head of the text (front matter or byte-order mark), and its blank. */
	readonly head?: Span;
	readonly headBlank?: string;
	/** Per comment of the document: its blank (what replaces it in the masked text). */
	readonly blanks: readonly string[];
	/** Per line: first non-space offset, end of content, blank (in the masked text). */
	readonly cs: Int32Array;
	readonly ce: Int32Array;
	readonly blank: Uint8Array;
	/** Per heading: the outer part of its nesting key, and whether it subtitles the keyword heading before it. */
	readonly majors: readonly number[];
	readonly subtitles: readonly boolean[];
}

interface Resume {
	readonly prev: DeclDocument;
	readonly state: ParseState;
	/** Length of the common prefix of the two texts. */
	readonly prefix: number;
	/** Length of their common suffix (not overlapping the prefix). */
	readonly suffix: number;
}

/** One parsed version, as the source of the substrings the model holds (compared by identity, never by text). */
interface Source {
	readonly version: number;
}

/** The previous version's model after the change, for the reparse to take over once the parser stands as it stood. */
interface Tail {
	readonly prev: DeclDocument;
	readonly state: ParseState;
	/** Change of text length and of line count. */
	readonly delta: number;
	readonly lineDelta: number;
	/** The first line from which lines, masked text and line facts are the previous version's, moved. */
	readonly from: number;
	/** The first changed line (lines before it are the previous version's, unchanged). */
	readonly changed: number;
}

/** The parse state of each parsed document (for `reparseDocument`). */
const STATES = new WeakMap<DeclDocument, ParseState>();

/** Lines read ahead when one line is classified, at most (non-blank lines: `#listGoesOnAfter` reads 3). */
const LOOKAHEAD_LINES = 3;

/**
 * A model holds substrings of at most this many versions' texts (its own included) through reused
 * objects: typing in one place keeps the text the rest was parsed from and the current one, moving
 * to another place adds the previous place's; beyond that the reparse starts from the top (the
 * start) or cuts the reused strings afresh from the new text (the rest).
 */
const MAX_SOURCES = 3;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MItem = ParsedItem;
type MList = ParsedList;
type MHeading = Mutable<Heading>;

interface OpenItem {
	readonly item: MItem;
	readonly markerCol: number;
	readonly kind: MarkerKind;
	readonly value: number;
	/** Last line holding the item's own text (before its first child). */
	ownLastLine: number;
	/** Last non-blank line of the item, children included. */
	lastLine: number;
	readonly firstLine: number;
	readonly contentStart: number;
}

interface OpenHeading {
	readonly heading: Heading;
	/** Its index in the document's headings. */
	readonly index: number;
	/** Outer part of the nesting key (the `#` level, or 1 for capital and short lines, or the base of a keyword heading). */
	readonly major: number;
	/** Keyword kind for keyword headings (their rank comes from `keywordOrder` at comparison time). */
	readonly keyword?: HeadingKeyword;
	/** A capital or short line that subtitles the keyword heading just before it. */
	readonly subtitleOf?: OpenHeading;
}

const BIG_KEYWORDS: ReadonlySet<HeadingKeyword> = new Set(['part', 'title', 'chapter']);
/** Annexes and amendments stand beside the body, whatever came first: they are always outermost. */
const OUTERMOST_KEYWORDS: ReadonlySet<HeadingKeyword> = new Set(['annex', 'amendment']);

/** The text facts of one version: lines, comments, masked text, front matter and per-line facts. */
interface Prepared {
	readonly lines: LineTable;
	readonly comments: Span[];
	/** The blank of each comment. */
	readonly blanks: string[];
	/** The masked text of the model. */
	readonly masked: string;
	/** What the parser reads instead, as long as it reads nothing blanked: the text itself (a reparse), or `masked`. */
	readonly read: string;
	/** The blanked spans: the head, then the comments. */
	readonly spans: Span[];
	readonly fm: FrontMatterResult;
	readonly head?: Span;
	readonly headBlank?: string;
	readonly cs: Int32Array;
	readonly ce: Int32Array;
	readonly blank: Uint8Array;
	readonly tail?: Tail;
}

class Parser {
	readonly #uri: string;
	readonly #version: number;
	readonly #text: string;
	readonly #options: ParseOptions;
	/** What the parser reads: the masked text, or in a reparse the text itself until a read would reach a blanked span (`#maskedFor`). */
	#masked = '';
	/** The masked text of the model (built from slices of the text: V8 copies it into one piece only when it is read). */
	#realMasked = '';
	#readsText = false;
	#spans: Span[] = [];
	/** The lines' starts, and how many lines there are. */
	#starts: Int32Array = new Int32Array(0);
	#n = 0;
	/** What the items' lazy strings are read from. */
	#src: ItemSource = { text: '', masked: '', spans: [] };
	readonly #diagnostics: CoreDiagnostic[] = [];

	// per-line facts over the masked text
	#cs: Int32Array = new Int32Array(0); // first non-space offset
	#ce: Int32Array = new Int32Array(0); // end of content (trailing spaces dropped)
	#blank: Uint8Array = new Uint8Array(0);

	#headings: Heading[] = [];
	/** Per heading: the major of its nesting key, and whether it is a subtitle (kept for the next reparse). */
	#majors: number[] = [];
	#subtitles: boolean[] = [];
	#rootHeadings: Heading[] = [];
	readonly #headingStack: OpenHeading[] = [];
	#keywordOrder: HeadingKeyword[] = [];
	#paragraphs: Paragraph[] = [];
	#lists: MList[] = [];
	#items: MItem[] = [];
	readonly #resume: Resume | undefined;
	#checkpoints: Checkpoint[] = [];
	/** This version as a source, and the sources the model holds so far. */
	readonly #own: readonly Source[];
	#sources: readonly Source[];
	#tail: Tail | undefined;
	/** The previous version's model after the change was taken over: nothing is left to parse. */
	#synced = false;

	#stack: OpenItem[] = [];
	#list: MList | undefined;
	#suspended: { list: MList; stack: OpenItem[]; section?: Heading } | undefined;
	#para: { first: number; last: number } | undefined;
	#lastParagraph: Paragraph | undefined;
	#lastBlock: 'paragraph' | 'list' | 'heading' | 'none' = 'none';
	#lastHeadingLine = -2;
	#lastHeadingFirstLine = -2;
	/** The heading `#inListingSection` last answered for, and its answer. */
	#listingOf: Heading | undefined;
	#listing = false;

	constructor(uri: string, version: number, text: string, options: ParseOptions, resume: Resume | undefined) {
		this.#resume = resume;
		this.#uri = uri;
		this.#version = version;
		this.#text = text;
		this.#options = options;
		this.#own = [{ version }];
		this.#sources = this.#own;
	}

	parse(): DeclDocument {
		const text = this.#text;
		const order = this.#options.dateOrder ?? 'auto';
		const prep = (this.#resume && this.#patch(this.#resume, order)) || this.#prepare(order);
		const { lines, comments, masked, fm } = prep;
		this.#starts = lines.starts;
		this.#realMasked = masked;
		this.#masked = prep.read;
		this.#readsText = prep.tail !== undefined && prep.spans.length > 0;
		this.#spans = prep.spans;
		this.#src = { text, masked, spans: prep.spans };
		this.#cs = prep.cs;
		this.#ce = prep.ce;
		this.#blank = prep.blank;
		this.#tail = prep.tail;
		const lineIndex = new LineIndex(undefined, text.length, lines);
		const n = lines.starts.length;
		this.#n = n;
		this.#diagnostics.push(...fm.diagnostics);
		const frontMatter: FrontMatter | undefined = fm.frontMatter;
		const bodyLine = fm.bodyLine;

		// title block
		let title: DocumentTitle | undefined;
		let date: DocumentDate | undefined;
		let titleLine = -1;
		let dateLine = -1;
		if (frontMatter?.title) title = { text: frontMatter.title, span: valueSpan(text, frontMatter, 'title'), source: 'front-matter' };
		if (frontMatter?.date) date = { iso: frontMatter.date, text: String(frontMatter.data.date), span: valueSpan(text, frontMatter, 'date'), place: frontMatter.place, source: 'front-matter' };
		let seen = 0;
		for (let i = bodyLine; i < n && seen < 10; i++) {
			if (this.#blank[i]) continue;
			if (date && title) break; // nothing left to find
			seen++;
			this.#maskedFor(this.#cs[i], this.#ce[i]);
			const content = this.#masked.slice(this.#cs[i], this.#ce[i]);
			if (!date && dateLine < 0) {
				const d = parseDateLine(content, order);
				if (d) {
					dateLine = i;
					date = { iso: d.iso, time: d.time, text: content.slice(d.offset, d.offset + d.length), span: { start: this.#cs[i] + d.offset, end: this.#cs[i] + d.offset + d.length }, place: d.place ?? frontMatter?.place, source: 'line' };
					continue;
				}
			}
			if (!title && titleLine < 0 && !/^#{1,6}\s/.test(content) && !matchMarker(this.#masked, this.#cs[i], this.#ce[i]) && !parseDateLine(content, order)) {
				titleLine = i;
				title = { text: shorten(normalizeSpace(content)), span: { start: this.#cs[i], end: this.#ce[i] }, source: 'line' };
			}
		}
		let titleBlock: Span | undefined;
		if (titleLine >= 0) {
			const endLine = dateLine > titleLine ? dateLine : titleLine;
			titleBlock = { start: this.#cs[titleLine], end: this.#ce[endLine] };
		} else if (dateLine >= 0) {
			titleBlock = { start: this.#cs[dateLine], end: this.#ce[dateLine] };
		}
		const afterTitleBlock = Math.max(titleLine, dateLine);

		// blocks (from a restart point of the previous version when one is safe, up to where its model can be taken over)
		const frontMatterEnd = frontMatter ? frontMatter.span.end : -1;
		const from = this.#restore(bodyLine, titleLine, dateLine, frontMatterEnd);
		let i = from;
		for (; i < n; i++) {
			if (this.#blank[i]) continue;
			counters.lines++;
			if (this.#readsText) this.#maskedAround(i);
			if (i === titleLine || i === dateLine) {
				this.#closeParagraph();
				this.#closeList(false);
				continue;
			}
			const headings = this.#headings.length;
			i = this.#line(i, afterTitleBlock);
			if (this.#headings.length > headings && this.#lastHeadingFirstLine > afterTitleBlock) {
				this.#checkpoint(i + 1);
				if (this.#tail && this.#lastHeadingFirstLine >= this.#tail.from && this.#takeOver()) break;
			}
		}
		if (!this.#synced) {
			this.#closeParagraph();
			this.#closeList(false);
			this.#closeHeadings(n, undefined);
		}

		// principal list: the root list with the most top-level items, the first on a tie
		let principalList: MList | undefined;
		for (const l of this.#lists) {
			if (l.parentItem) continue;
			if (!principalList || l.items.length > principalList.items.length) principalList = l;
		}

		this.#numberingDiagnostics();
		this.#labelDiagnostics();
		const signatories = this.#signatories(frontMatter);

		const doc: DeclDocument = {
			uri: this.#uri,
			version: this.#version,
			text,
			masked,
			lineIndex,
			// the line objects are made on first use
			get lines() {
				return lineIndex.lines;
			},
			comments,
			frontMatter,
			title,
			date,
			titleBlock,
			headings: this.#headings,
			rootHeadings: this.#rootHeadings,
			paragraphs: this.#paragraphs,
			lists: this.#lists,
			items: this.#items,
			principalList,
			signatories,
			diagnostics: this.#diagnostics.sort((a, b) => a.span.start - b.span.start),
		};
		const bodyStart = bodyLine < n ? lines.starts[bodyLine] : text.length;
		STATES.set(doc, {
			checkpoints: this.#checkpoints, dateOrder: order, titleLine, dateLine, bodyLine, bodyStart, frontMatterEnd,
			frontMatter: fm, frontMatterStable: frontMatterStable(text, lines, fm), head: prep.head, headBlank: prep.headBlank, blanks: prep.blanks,
			cs: this.#cs, ce: this.#ce, blank: this.#blank, majors: this.#majors, subtitles: this.#subtitles,
		});
		return doc;
	}

	// ---------------------------------------------------------------- text facts

	/** Lines, front matter, comments, masked text and line facts of the whole text. */
	#prepare(order: DateOrder): Prepared {
		const text = this.#text;
		const lines = lineTable(text);
		const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
		const fm = parseFrontMatter(text, lines, bom, order);
		const bodyStart = fm.bodyLine < lines.starts.length ? lines.starts[fm.bodyLine] : text.length;
		const comments = findComments(text, bodyStart);
		const blanks = comments.map((c) => blankOf(text, c));
		const head = fm.frontMatter ? fm.frontMatter.span : bom ? { start: 0, end: 1 } : undefined;
		const headBlank = head && blankOf(text, head);
		const spans = head ? [head, ...comments] : comments;
		const masked = maskedText(text, spans, head ? [headBlank!, ...blanks] : blanks);
		const n = lines.starts.length;
		const cs = new Int32Array(n);
		const ce = new Int32Array(n);
		const blank = new Uint8Array(n);
		// the masked text is read (which copies it into one piece) only when a blanked span reaches into what is read of a line
		const mixed = lineFacts(text, spans, lines, fm.bodyLine, 0, n, cs, ce, blank);
		return { lines, comments, blanks, masked, read: mixed ? masked : text, spans, fm, head, headBlank, cs, ce, blank };
	}

	/**
	 * The same facts, patched from the previous version's: only the changed lines (and those whose
	 * masking changed) are split and measured. Also finds from which line on the previous version's
	 * model may be taken over. Undefined when the previous version cannot serve.
	 */
	#patch(resume: Resume, order: DateOrder): Prepared | undefined {
		const { prev, state, prefix, suffix } = resume;
		const text = this.#text;
		const oldText = prev.text;
		const delta = text.length - oldText.length;
		if (prev.lineIndex.lineCount !== state.cs.length) return undefined;
		const lp = patchLines(oldText, prev.lineIndex.table, text, prefix, suffix);
		if (!lp) return undefined;
		const { lines, lineDelta } = lp;
		const n = lines.starts.length;

		const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
		const fm = prefix >= state.frontMatterStable ? state.frontMatter : parseFrontMatter(text, lines, bom, order);
		const bodyStart = fm.bodyLine < n ? lines.starts[fm.bodyLine] : text.length;
		const cp = patchComments(oldText, prev.comments, state.bodyStart, text, bodyStart, prefix, suffix);
		let from = cp.from;
		let to = cp.to;
		const head = fm.frontMatter ? fm.frontMatter.span : bom ? { start: 0, end: 1 } : undefined;
		const oldHead = state.head;
		if (head?.start !== oldHead?.start || head?.end !== oldHead?.end) {
			from = 0;
			to = Math.max(to, head ? head.end : 0, oldHead ? oldHead.end + delta : 0);
		}
		to = Math.min(to, text.length);
		const comments = cp.comments;
		const blanks: string[] = [];
		for (let k = 0; k < comments.length; k++) blanks.push(cp.origin[k] >= 0 ? state.blanks[cp.origin[k]] : blankOf(text, comments[k]));
		const sameHead = head && oldHead && head.start === oldHead.start && head.end === oldHead.end && head.end <= prefix;
		const headBlank = head && (sameHead && state.headBlank !== undefined ? state.headBlank : blankOf(text, head));
		const spans = head ? [head, ...comments] : comments;
		const masked = maskedText(text, spans, head ? [headBlank!, ...blanks] : blanks);

		// line facts: the previous version's before the change and (moved) after it, measured between
		const r0 = Math.min(lp.first, from > 0 ? lineAt(lines.starts, from - 1) : 0);
		const r1 = Math.max(lp.tail, firstLineFrom(lines.starts, to));
		const cs = new Int32Array(n);
		const ce = new Int32Array(n);
		const blank = new Uint8Array(n);
		cs.set(state.cs.subarray(0, r0));
		ce.set(state.ce.subarray(0, r0));
		blank.set(state.blank.subarray(0, r0));
		if (r1 > r0) lineFacts(text, spans, lines, fm.bodyLine, r0, r1, cs, ce, blank);
		if (r1 < n) {
			const o = r1 - lineDelta;
			blank.set(state.blank.subarray(o), r1);
			if (delta === 0) {
				cs.set(state.cs.subarray(o), r1);
				ce.set(state.ce.subarray(o), r1);
			} else {
				const ocs = state.cs;
				const oce = state.ce;
				for (let k = r1; k < n; k++) {
					cs[k] = ocs[k - lineDelta] + delta;
					ce[k] = oce[k - lineDelta] + delta;
				}
			}
		}
		const tail: Tail = { prev, state, delta, lineDelta, from: r1, changed: r0 };
		return { lines, comments, blanks, masked, read: text, spans, fm, head, headBlank, cs, ce, blank, tail };
	}

	/**
	 * A reparse reads the text itself instead of the masked text (which would be copied into one
	 * piece by the first read) while what it reads holds nothing blanked: before it reads
	 * `[from, to)`, this switches to the masked text when a blanked span reaches into that range.
	 */
	#maskedFor(from: number, to: number): void {
		if (!this.#readsText) return;
		const spans = this.#spans;
		const k = firstEndingAfter(spans, from);
		if (k < spans.length && spans[k].start < to) {
			this.#masked = this.#realMasked;
			this.#readsText = false;
		}
	}

	/** `masked.slice(from, to)`. */
	#maskedSlice(from: number, to: number): string {
		this.#maskedFor(from, to);
		return this.#masked.slice(from, to);
	}

	/**
	 * Before line `i` is handled: what it reads of single lines (itself, the nearest non-blank line
	 * before it, the next four non-blank lines) from their start to their end of content. Reads of
	 * ranges over several lines are checked where they are made.
	 */
	#maskedAround(i: number): void {
		const starts = this.#starts;
		let j = i - 1;
		while (j >= 0 && this.#blank[j]) j--;
		if (j >= 0) this.#maskedFor(starts[j], this.#ce[j]);
		this.#maskedFor(starts[i], this.#ce[i]);
		j = i;
		for (let seen = 0; this.#readsText && j + 1 < this.#n && seen < LOOKAHEAD_LINES + 1;) {
			j++;
			if (this.#blank[j]) continue;
			seen++;
			this.#maskedFor(starts[j], this.#ce[j]);
		}
	}

	// ---------------------------------------------------------------- restart points

	/** Records the state after the heading that ends before line `next`. */
	#checkpoint(next: number): void {
		const stack = this.#headingStack;
		const top = stack[stack.length - 1];
		const root = stack.length === 1 && !top.subtitleOf && !top.heading.parent;
		const prev = this.#checkpoints[this.#checkpoints.length - 1];
		const order = prev && sameOrder(prev.keywordOrder, this.#keywordOrder) ? prev.keywordOrder : this.#keywordOrder.slice();
		const open: number[] = [];
		for (const o of stack) open.push(o.index);
		this.#checkpoints.push({
			next, first: this.#lastHeadingFirstLine, headings: this.#headings.length, rootHeadings: this.#rootHeadings.length, paragraphs: this.#paragraphs.length,
			lists: this.#lists.length, items: this.#items.length, keywordOrder: order, open, root, sources: this.#sources, seg: this.#own,
		});
	}

	/**
	 * Takes over the previous version's model up to its last restart point whose lines, and the
	 * lines read ahead from them, all lie before the change; returns the line to go on from
	 * (`bodyLine` when nothing can be reused).
	 */
	#restore(bodyLine: number, titleLine: number, dateLine: number, frontMatterEnd: number): number {
		const resume = this.#resume;
		const tail = this.#tail;
		if (!resume || !tail) return bodyLine;
		const { prev, state, prefix } = resume;
		if (state.bodyLine !== bodyLine || state.titleLine !== titleLine || state.dateLine !== dateLine || state.frontMatterEnd !== frontMatterEnd) return bodyLine;
		if (frontMatterEnd >= prefix) return bodyLine;
		// lines before `changed` are the same, with the same offsets, line breaks and masking, in both versions
		const changed = tail.changed;
		// the last restart point followed by enough unchanged non-blank lines
		let limit = changed;
		for (let seen = 0; limit > 0 && seen < LOOKAHEAD_LINES + 1;) {
			limit--;
			if (!this.#blank[limit]) seen++;
		}
		const checkpoints = state.checkpoints;
		// the last checkpoint whose next line is at or before the limit
		let k = firstNotBefore(checkpoints.length, (i) => checkpoints[i].next <= limit) - 1;
		while (k >= 0 && !checkpoints[k].root) k--;
		if (k < 0) return bodyLine;
		const r = checkpoints[k];
		if (r.sources.length >= MAX_SOURCES) return bodyLine;
		this.#sources = [...r.sources, this.#own[0]];
		const index = r.headings - 1;
		const old = prev.headings[index];
		// the open root heading is the only object of the prefix that later lines change: a copy of it
		const heading: Heading = { ...old, sectionSpan: old.span, children: [] };
		this.#headings = prev.headings.slice(0, r.headings);
		this.#headings[index] = heading;
		this.#majors = state.majors.slice(0, r.headings);
		this.#subtitles = state.subtitles.slice(0, r.headings);
		this.#rootHeadings = prev.rootHeadings.slice(0, r.rootHeadings);
		this.#rootHeadings[r.rootHeadings - 1] = heading;
		this.#paragraphs = prev.paragraphs.slice(0, r.paragraphs);
		this.#lists = prev.lists.slice(0, r.lists) as MList[];
		this.#items = prev.items.slice(0, r.items) as MItem[];
		this.#keywordOrder = r.keywordOrder.slice();
		const major = state.majors[index];
		const keyword = old.keyword?.kind;
		this.#headingStack.push(keyword ? { heading, index, major, keyword } : { heading, index, major });
		this.#lastBlock = 'heading';
		this.#lastHeadingLine = r.next - 1;
		this.#lastHeadingFirstLine = r.first;
		this.#checkpoints = checkpoints.slice(0, k + 1);
		// what follows the restart point is parsed now
		this.#checkpoints[k] = { ...r, seg: this.#own };
		return r.next;
	}

	// ---------------------------------------------------------------- taking over the previous version's rest

	/**
	 * At the checkpoint just recorded, past the change: when the previous version recorded one at
	 * the same place (moved) with the same state (open headings, keyword order, the heading itself),
	 * the rest of its model is the rest of this one, moved. Takes it over; false when the states differ.
	 */
	#takeOver(): boolean {
		const tail = this.#tail;
		if (!tail) return false;
		const { prev, state, delta, lineDelta } = tail;
		const cur = this.#checkpoints[this.#checkpoints.length - 1];
		const oldNext = cur.next - lineDelta;
		const cps = state.checkpoints;
		// the previous version's checkpoint at the same place, moved (checkpoints are in line order)
		const k = firstNotBefore(cps.length, (i) => cps[i].next < oldNext);
		if (k === cps.length || cps[k].next !== oldNext) return false;
		const c = cps[k];
		const stack = this.#headingStack;
		if (c.first !== cur.first - lineDelta || c.open.length !== stack.length || !sameOrder(c.keywordOrder, this.#keywordOrder)) return false;
		for (let j = 0; j < stack.length; j++) {
			const o = stack[j];
			const x = c.open[j];
			const h = prev.headings[x];
			if (!h || o.major !== state.majors[x] || Boolean(o.subtitleOf) !== state.subtitles[x] || o.keyword !== h.keyword?.kind || o.heading.style !== h.style || o.heading.depth !== h.depth) return false;
		}
		if (c.open[c.open.length - 1] !== c.headings - 1 || !sameHeadingMoved(stack[stack.length - 1].heading, prev.headings[c.headings - 1], delta)) return false;
		// the rest holds its versions' texts: kept when the model then holds few enough, else cut afresh
		let rest = this.#sources;
		for (let x = k; x < cps.length && rest.length <= MAX_SOURCES; x++) rest = union(rest, cps[x].seg);
		const fresh = rest.length > MAX_SOURCES;
		if (fresh) counters.freshTails++;
		this.#checkpoints[this.#checkpoints.length - 1] = { ...cur, seg: fresh ? this.#own : c.seg };
		this.#spliceTail(c, k, fresh);
		this.#synced = true;
		counters.reusedTails++;
		return true;
	}

	/** Appends the previous version's model after checkpoint `c` (its `k`th), moved; with `fresh` its strings are cut from this version's text. */
	#spliceTail(c: Checkpoint, k: number, fresh: boolean): void {
		const { prev, state, delta, lineDelta } = this.#tail!;
		// strings are cut from the text (what they equal is checked: the masked text is not read, see #maskedFor)
		const text = this.#text;
		const move = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
		const moveLabel = (l: Label): Label => ({ name: fresh ? rebase(l.name, text, l.nameSpan.start + delta) : l.name, span: move(l.span), nameSpan: move(l.nameSpan) });

		// headings: the open ones are this version's; their sections end where they ended, moved
		const headingMap = new Map<Heading, MHeading>();
		const stack = this.#headingStack;
		for (let j = 0; j < stack.length; j++) {
			const old = prev.headings[c.open[j]];
			const h = stack[j].heading as MHeading;
			h.sectionSpan = { start: h.span.start, end: old.sectionSpan.end + delta };
			headingMap.set(old, h);
		}
		const headingDelta = this.#headings.length - c.headings;
		const rootDelta = this.#rootHeadings.length - c.rootHeadings;
		for (let x = c.headings; x < prev.headings.length; x++) {
			const h = prev.headings[x];
			const nameSpan = move(h.nameSpan);
			const name = fresh ? rebase(h.text, text, nameSpan.start) : h.text;
			const copy: MHeading = {
				type: 'heading', style: h.style, depth: h.depth, text: name, span: move(h.span), nameSpan, label: h.label && moveLabel(h.label),
				slug: fresh && h.slug === h.text ? name : h.slug, keyword: h.keyword && (fresh ? detachKeyword(h.keyword) : h.keyword), sectionSpan: move(h.sectionSpan), children: [],
			};
			if (h.parent) {
				const parent = headingMap.get(h.parent);
				if (!parent) throw new Error('reparse: a heading of the rest hangs under a heading before it that was not open');
				copy.parent = parent;
				parent.children.push(copy);
			} else {
				this.#rootHeadings.push(copy);
			}
			headingMap.set(h, copy);
			this.#headings.push(copy);
			this.#majors.push(state.majors[x]);
			this.#subtitles.push(state.subtitles[x]);
		}
		const heading = (h: Heading | undefined): Heading | undefined => {
			if (!h) return undefined;
			const m = headingMap.get(h);
			if (!m) throw new Error('reparse: a section of the rest that was not open');
			return m;
		};

		// paragraphs
		const paragraphDelta = this.#paragraphs.length - c.paragraphs;
		const oldParagraphs = prev.paragraphs;
		for (let x = c.paragraphs; x < oldParagraphs.length; x++) {
			const p = oldParagraphs[x];
			this.#paragraphs.push({ type: 'paragraph', span: move(p.span), leadIn: p.leadIn });
		}
		const paragraph = (p: Paragraph): Paragraph => {
			let a = c.paragraphs;
			let b = oldParagraphs.length - 1;
			while (a <= b) {
				const mid = (a + b) >> 1;
				const s = oldParagraphs[mid].span.start;
				if (s < p.span.start) a = mid + 1;
				else if (s > p.span.start) b = mid - 1;
				else if (oldParagraphs[mid] === p) return this.#paragraphs[mid + paragraphDelta];
				else break;
			}
			throw new Error('reparse: a lead-in of the rest that is not in the rest');
		};

		// lists and items, in document order: an item's parent is on the chain of the item before it
		const itemDelta = this.#items.length - c.items;
		const listDelta = this.#lists.length - c.lists;
		// a model with a parse state is a parse's: its items are the parser's
		const oldItems = prev.items as readonly ParsedItem[];
		// one record for every item taken over: the previous items held weakly (a strong reference would keep every earlier version's model alive, each through the next)
		const moved: Move = { items: new WeakRef(oldItems), delta, lineDelta };
		const oldLists = prev.lists;
		let nextList = c.lists;
		const listMap = new Map<List, MList>();
		const oldChain: Item[] = [];
		const newChain: MItem[] = [];
		let oldList: List | undefined;
		let newList: MList | undefined;
		let oldSection: Heading | undefined;
		let newSection: Heading | undefined;
		for (let x = c.items; x < oldItems.length; x++) {
			const it = oldItems[x];
			while (oldChain.length > 0 && oldChain[oldChain.length - 1] !== it.parent) {
				oldChain.pop();
				newChain.pop();
			}
			const parent = it.parent ? newChain[newChain.length - 1] : undefined;
			if (it.parent && !parent) throw new Error('reparse: an item of the rest whose parent is not before it');
			if (it.list !== oldList) {
				const l = it.list;
				if (l === oldLists[nextList]) {
					// the first item of a list: the list is created with it
					const span = move(l.span);
					const section = heading(l.section);
					let list: MList;
					if (l.parentItem) {
						if (l.parentItem !== it.parent || !parent) throw new Error('reparse: a nested list whose first item is not a child of its item');
						list = { type: 'list', span, items: parent.ownChildren(), section, parentItem: parent, ordered: l.ordered };
					} else {
						list = { type: 'list', span, items: [], leadIn: l.leadIn && paragraph(l.leadIn), section, ordered: l.ordered };
					}
					this.#lists.push(list);
					listMap.set(l, list);
					nextList++;
					newList = list;
				} else {
					// a list met again after its nested lists
					newList = listMap.get(l);
					if (!newList) throw new Error('reparse: a list of the rest that is not in the rest');
				}
				oldList = l;
			}
			const list = newList!;
			if (it.section !== oldSection) {
				oldSection = it.section;
				newSection = heading(it.section);
			}
			const label = it.label && moveLabel(it.label);
			const copy = new ParsedItem(this.#src, it.start + delta, it.markerEnd + delta, it.firstLineEnd + delta, it.markerKind, it.markerStyle, it.markerValue, it.number, it.depth, list, parent, newSection);
			copy.end = it.end + delta;
			copy.contentStart = it.contentStart + delta;
			copy.contentEnd = it.contentEnd + delta;
			if (label) copy.label = label;
			(parent ? parent.children : list.items).push(copy);
			this.#items.push(copy);
			copy.moved = moved;
			oldChain.push(it);
			newChain.push(copy);
		}
		if (nextList !== oldLists.length) throw new Error('reparse: lists of the rest not all met');

		// checkpoints of the rest, moved
		const rest = state.checkpoints;
		let sources = union(this.#sources, fresh ? this.#own : c.seg);
		for (let x = k + 1; x < rest.length; x++) {
			const r = rest[x];
			const open: number[] = [];
			for (let j = 0; j < r.open.length; j++) {
				const o = r.open[j];
				if (o >= c.headings) open.push(o + headingDelta);
				else if (j < c.open.length && c.open[j] === o) open.push(stack[j].index);
				else throw new Error('reparse: a checkpoint of the rest under a heading that was not open');
			}
			this.#checkpoints.push({
				next: r.next + lineDelta, first: r.first + lineDelta, headings: r.headings + headingDelta, rootHeadings: r.rootHeadings + rootDelta,
				paragraphs: r.paragraphs + paragraphDelta, lists: r.lists + listDelta, items: r.items + itemDelta, keywordOrder: r.keywordOrder, open, root: r.root,
				sources, seg: fresh ? this.#own : r.seg,
			});
			if (!fresh) sources = union(sources, r.seg);
		}
	}

	// ---------------------------------------------------------------- lines

	#prevBlank(i: number): boolean {
		return i === 0 || this.#blank[i - 1] === 1;
	}

	#nextBlank(i: number): boolean {
		return i + 1 >= this.#n || this.#blank[i + 1] === 1;
	}

	#indent(i: number): number {
		return indentColumns(this.#masked, this.#starts[i], this.#cs[i]);
	}

	/** Handles the non-blank line `i`; returns the last line it consumed. */
	#line(i: number, afterTitleBlock: number): number {
		const masked = this.#masked;
		const cs = this.#cs[i];
		const ce = this.#ce[i];
		const first = masked.charCodeAt(cs);
		const prevBlank = this.#prevBlank(i);
		const indent = this.#indent(i);

		// `#` headings (and `# Artigo 1.º`, which is a keyword heading written with `#`)
		if (first === 35 /* # */) {
			const content = masked.slice(cs, ce);
			const m = /^(#{1,6})[ \t]+(\S.*)$/.exec(content);
			if (m) {
				const level = m[1].length;
				const body = stripClosingHashes(m[2]);
				const bodyStart = cs + content.indexOf(m[2]);
				const kw = matchKeywordHeading(body);
				this.#heading(i, i, kw ? 'keyword' : 'atx', bodyStart, bodyStart + body.length, kw ? { kw, atxLevel: level } : { major: level });
				return i;
			}
		}

		// a marker's text is the line's first word, and no keyword or structural word holds a `.`, `)` or a bullet: a line with a marker is neither
		const marker = matchMarker(masked, cs, ce);
		// the line's text, read by the tests of headings (a line with a marker needs it only in one case)
		const content = marker ? '' : masked.slice(cs, ce);

		if (!marker && first >= 65) {
			// keyword headings: alone on a line, blank lines around not required
			const kw = matchKeywordHeading(content);
			if (kw) {
				this.#heading(i, i, 'keyword', cs, ce, { kw });
				return i;
			}
			// structural words (Preamble, Annex, Glossary, Signatories…) alone on a line
			if (isStructuralHeading(content)) {
				this.#heading(i, i, 'short', cs, ce, {});
				return i;
			}
		}

		// inside an open item: lazy continuation, or indented continuation after a blank line
		if (this.#stack.length > 0 && !marker) {
			if (!prevBlank) {
				this.#continueItem(i, this.#stack.length - 1);
				return i;
			}
			for (let k = this.#stack.length - 1; k >= 0; k--) {
				if (indent > this.#stack[k].markerCol) {
					this.#continueItem(i, k);
					return i;
				}
			}
		}

		// capital lines (one or two), isolated by blank lines
		if (prevBlank && (!marker || (marker.kind !== 'bullet' && !this.#sameKindNeighbour(i, marker)))) {
			const caps = isCapsLine(marker ? masked.slice(cs, ce) : content);
			if (caps && this.#nextBlank(i)) {
				this.#heading(i, i, 'caps', cs, ce, {});
				return i;
			}
			if (caps && i + 1 < this.#n && !this.#blank[i + 1] && this.#nextBlank(i + 1)) {
				const next = masked.slice(this.#cs[i + 1], this.#ce[i + 1]);
				if (isCapsLine(next) && !matchMarker(masked, this.#cs[i + 1], this.#ce[i + 1])) {
					this.#heading(i, i + 1, 'caps', cs, this.#ce[i + 1], {});
					return i + 1;
				}
			}
		}

		if (marker) {
			this.#item(i, marker, indent);
			return i;
		}

		// short lines (and lines wholly in **bold**) between blank lines, after the title block
		if (prevBlank && i > afterTitleBlock && !this.#inListingSection()) {
			if (this.#nextBlank(i) && isShortLine(content) && !/:\s/.test(content) && !this.#listGoesOnAfter(i)) {
				this.#heading(i, i, 'short', cs, ce, {});
				return i;
			}
			const bold = this.#boldHeading(i);
			if (bold >= 0) return bold;
		}

		// paragraph text
		this.#closeList(true);
		if (this.#para && !prevBlank) {
			this.#para.last = i;
		} else {
			this.#closeParagraph();
			this.#para = { first: i, last: i };
		}
		return i;
	}

	/** `**Heading words**`, on one line or two, between blank lines. */
	#boldHeading(i: number): number {
		const masked = this.#masked;
		const content = masked.slice(this.#cs[i], this.#ce[i]);
		if (!content.startsWith('**')) return -1;
		let last = i;
		if (!content.endsWith('**') || content.length < 5) {
			if (this.#nextBlank(i) || !this.#nextBlank(i + 1)) return -1;
			last = i + 1;
			if (!masked.slice(this.#cs[last], this.#ce[last]).endsWith('**')) return -1;
		} else if (!this.#nextBlank(i)) {
			return -1;
		}
		const start = this.#cs[i] + 2;
		const end = this.#ce[last] - 2;
		this.#maskedFor(start, end);
		const inner = this.#masked.slice(start, end);
		if (inner.length === 0 || inner.length > 160 || inner.includes('**')) return -1;
		this.#heading(i, last, 'short', start, end, {});
		return last;
	}

	#inListingSection(): boolean {
		const top = this.#headingStack[this.#headingStack.length - 1]?.heading;
		if (top === undefined) return false;
		// asked for every paragraph line after a blank one: answered once per heading
		if (top !== this.#listingOf) {
			this.#listingOf = top;
			// heading texts are normalised: none longer than `participating parties:` is either
			this.#listing = top.text.length <= 22 && (isGlossaryHeading(top.text) || isSignatoriesHeading(top.text));
		}
		return this.#listing;
	}

	/** True when the nearest non-blank line before or after `i` is an item of the same marker kind (so `i` is one too). */
	#sameKindNeighbour(i: number, marker: RawMarker): boolean {
		return this.#sameKindAt(i - 1, -1, marker) || this.#sameKindAt(i + 1, 1, marker);
	}

	/** True when the first non-blank line from `from` on (by `step`) is an item of the same marker kind as `marker`. */
	#sameKindAt(from: number, step: number, marker: RawMarker): boolean {
		for (let j = from; j >= 0 && j < this.#n; j += step) {
			if (this.#blank[j]) continue;
			const m = matchMarker(this.#masked, this.#cs[j], this.#ce[j]);
			return m !== undefined && (m.kind === marker.kind || (m.letterValue !== undefined && marker.letterValue !== undefined));
		}
		return false;
	}

	// ---------------------------------------------------------------- headings

	#heading(firstLine: number, lastLine: number, style: HeadingStyle, nameStart: number, nameEnd: number, opts: { kw?: ReturnType<typeof matchKeywordHeading>; major?: number; atxLevel?: number }): void {
		this.#closeParagraph();
		this.#closeList(false);
		this.#suspended = undefined;
		this.#maskedFor(nameStart, nameEnd);
		let name = this.#masked.slice(nameStart, nameEnd);
		let label: Label | undefined;
		const tl = trailingLabel(name);
		if (tl) {
			label = { name: tl.name, span: { start: nameStart + tl.start, end: nameStart + name.trimEnd().length }, nameSpan: { start: nameStart + tl.nameStart, end: nameStart + tl.nameStart + tl.name.length } };
			name = name.slice(0, tl.start);
			nameEnd = nameStart + name.trimEnd().length;
			name = name.trimEnd();
		}
		const text = normalizeSpace(name);
		const span: Span = { start: this.#cs[firstLine], end: this.#ce[lastLine] };
		const kw = opts.kw ?? undefined;
		const heading: Heading = {
			type: 'heading',
			style,
			depth: 1,
			text,
			span,
			nameSpan: { start: nameStart, end: Math.max(nameStart, nameEnd) },
			label,
			slug: slugify(text),
			keyword: kw ? { kind: kw.kind, word: kw.word, number: kw.number, value: kw.value } : undefined,
			sectionSpan: span,
			children: [],
		};

		// nesting (FORMAT.md §4; docs/format.md explains the keyword ranks)
		const index = this.#headings.length;
		let open: OpenHeading;
		if (kw) {
			const enclosing = this.#innermostKeyword();
			if (!OUTERMOST_KEYWORDS.has(kw.kind) && !this.#keywordOrder.includes(kw.kind)) this.#insertKeyword(kw.kind, enclosing?.keyword);
			// a `# Artigo 1.º` nests below open `#` headings of a lower level only; a plain one below any open one
			const major = this.#innermostNonKeywordMajor(opts.atxLevel ?? Infinity);
			open = { heading, index, major, keyword: kw.kind };
		} else {
			const top = this.#headingStack[this.#headingStack.length - 1];
			const subtitle = (style === 'caps' || style === 'short') && top?.keyword !== undefined && this.#lastBlock === 'heading' && this.#lastHeadingLine >= 0 && this.#onlyBlankBetween(this.#lastHeadingLine, firstLine);
			open = subtitle ? { heading, index, major: top.major, subtitleOf: top } : { heading, index, major: opts.major ?? 1 };
		}
		this.#closeHeadings(firstLine, open);
		const parent = this.#headingStack[this.#headingStack.length - 1]?.heading;
		if (parent) {
			heading.parent = parent;
			heading.depth = parent.depth + 1;
			parent.children.push(heading);
		} else {
			this.#rootHeadings.push(heading);
		}
		this.#headingStack.push(open);
		this.#headings.push(heading);
		this.#majors.push(open.major);
		this.#subtitles.push(open.subtitleOf !== undefined);
		this.#lastBlock = 'heading';
		this.#lastHeadingLine = lastLine;
		this.#lastHeadingFirstLine = firstLine;
	}

	#onlyBlankBetween(a: number, b: number): boolean {
		for (let j = a + 1; j < b; j++) if (!this.#blank[j]) return false;
		return true;
	}

	#innermostKeyword(): OpenHeading | undefined {
		for (let k = this.#headingStack.length - 1; k >= 0; k--) if (this.#headingStack[k].keyword) return this.#headingStack[k];
		return undefined;
	}

	/** Keyword headings nest below the innermost open `#` or capitals heading (short lines are too weak to hold them). */
	#innermostNonKeywordMajor(below = Infinity): number {
		for (let k = this.#headingStack.length - 1; k >= 0; k--) {
			const h = this.#headingStack[k];
			if (!h.keyword && !h.subtitleOf && h.heading.style !== 'short' && h.major < below) return h.major;
		}
		return 0;
	}

	/** First appearance fixes a keyword's rank; larger units (part, title, chapter, annex, amendment) never rank inside sections or articles. */
	#insertKeyword(kind: HeadingKeyword, enclosing: HeadingKeyword | undefined): void {
		const order = this.#keywordOrder;
		let firstSmall = order.findIndex((k) => !BIG_KEYWORDS.has(k));
		if (firstSmall < 0) firstSmall = order.length;
		let pos: number;
		if (enclosing === undefined || OUTERMOST_KEYWORDS.has(enclosing)) pos = BIG_KEYWORDS.has(kind) ? firstSmall : order.length;
		else {
			pos = order.indexOf(enclosing) + 1;
			if (BIG_KEYWORDS.has(kind)) pos = Math.min(pos, firstSmall);
		}
		order.splice(pos, 0, kind);
	}

	/** The nesting key of an open heading: compared lexicographically; a heading closes every open one whose key is ≥ its own. */
	#key(h: OpenHeading): [number, number] {
		if (h.subtitleOf) return [Infinity, Infinity]; // a leaf: the next heading closes it
		if (h.keyword) return [h.major, OUTERMOST_KEYWORDS.has(h.keyword) ? 1 : 2 + this.#keywordOrder.indexOf(h.keyword)];
		return [h.major, 0];
	}

	/** Closes open headings down to where `next` belongs (all of them when `next` is undefined), ending their sections before line `line`. */
	#closeHeadings(line: number, next: OpenHeading | undefined): void {
		const key = next ? this.#key(next) : undefined;
		while (this.#headingStack.length > 0) {
			const top = this.#headingStack[this.#headingStack.length - 1];
			if (key) {
				const k = this.#key(top);
				if (k[0] < key[0] || (k[0] === key[0] && k[1] < key[1])) break;
			}
			this.#headingStack.pop();
			top.heading.sectionSpan = { start: top.heading.span.start, end: this.#lastContentEndBefore(line, top.heading.span.end) };
		}
	}

	#lastContentEndBefore(line: number, atLeast: number): number {
		for (let j = Math.min(line, this.#n) - 1; j >= 0; j--) {
			if (!this.#blank[j]) return Math.max(this.#ce[j], atLeast);
		}
		return atLeast;
	}

	// ---------------------------------------------------------------- paragraphs

	#closeParagraph(): void {
		if (!this.#para) return;
		const { first, last } = this.#para;
		const span = { start: this.#cs[first], end: this.#ce[last] };
		const p: Paragraph = { type: 'paragraph', span, leadIn: false };
		this.#paragraphs.push(p);
		this.#lastParagraph = p;
		this.#para = undefined;
		this.#lastBlock = 'paragraph';
	}

	// ---------------------------------------------------------------- lists

	#continueItem(i: number, k: number): void {
		while (this.#stack.length - 1 > k) this.#popItem();
		const top = this.#stack[k];
		if (top.item.children.length === 0) top.ownLastLine = i;
		for (let k = 0; k < this.#stack.length; k++) this.#stack[k].lastLine = i;
	}

	#item(i: number, m: RawMarker, indent: number): void {
		this.#closeParagraph();
		const markerStart = this.#cs[i];
		const section = this.#currentSection();

		// resume a list interrupted by a paragraph when this marker continues it
		if (!this.#list && this.#suspended && this.#suspended.section === section) {
			const k = continuedAt(this.#suspended.stack, m, indent);
			if (k >= 0) {
				this.#list = this.#suspended.list;
				this.#stack = this.#suspended.stack.slice(0, k + 1);
			}
		}
		this.#suspended = undefined;

		let parent: OpenItem | undefined;
		let kind = m.kind;
		let value = m.value;
		while (this.#stack.length > 0) {
			const top = this.#stack[this.#stack.length - 1];
			const diff = indent - top.markerCol;
			if (diff >= 2) {
				parent = top;
				break;
			}
			if (diff >= -1) {
				const k = effectiveKind(m, top);
				if (k === top.kind) {
					kind = k;
					value = k === m.kind ? m.value : m.letterValue;
					this.#popItem();
					parent = this.#stack[this.#stack.length - 1];
					break;
				}
				if (KIND_ORDER[k] > KIND_ORDER[top.kind]) {
					parent = top;
					break;
				}
			}
			this.#popItem();
		}

		let list: MList;
		if (parent) {
			const children = parent.item.children;
			if (children.length === 0) {
				const nested: MList = { type: 'list', span: { start: markerStart, end: markerStart }, items: parent.item.ownChildren(), section, parentItem: parent.item, ordered: kind !== 'bullet' };
				this.#lists.push(nested);
				list = nested;
			} else {
				list = children[0].list;
			}
		} else if (this.#list) {
			list = this.#list;
		} else {
			const leadIn = this.#lastBlock === 'paragraph' && this.#lastParagraph && this.#maskedSlice(this.#lastParagraph.span.start, this.#lastParagraph.span.end).trimEnd().endsWith(':') ? this.#lastParagraph : undefined;
			if (leadIn) (leadIn as Mutable<Paragraph>).leadIn = true;
			list = { type: 'list', span: { start: markerStart, end: markerStart }, items: [], leadIn, section, ordered: kind !== 'bullet' };
			this.#lists.push(list);
			this.#list = list;
		}

		const siblings = parent ? parent.item.children : list.items;
		const number = value ?? siblings.length + 1;
		// its span, content and label are set when it closes (#popItem)
		const item = new ParsedItem(this.#src, markerStart, markerStart + m.length, this.#ce[i], kind, m.style, value, number, parent ? parent.item.depth + 1 : 0, list, parent?.item, section);
		siblings.push(item);
		this.#items.push(item);
		if (parent) {
			for (let k = 0; k < this.#stack.length; k++) this.#stack[k].lastLine = i;
		}
		this.#stack.push({ item, markerCol: indent, kind, value: number, ownLastLine: i, lastLine: i, firstLine: i, contentStart: markerStart + m.contentOffset });
		this.#lastBlock = 'list';
	}

	/**
	 * True when line `i` stands inside a list that goes on after it: the next item within the next
	 * three non-blank lines continues the open (or interrupted) list's numbering. Such a line is a
	 * running page header or a stray line, not a short heading (docs/format.md).
	 */
	#listGoesOnAfter(i: number): boolean {
		const stack = this.#stack.length > 0 ? this.#stack : this.#suspended?.stack;
		if (!stack || stack.length === 0) return false;
		let seen = 0;
		for (let j = i + 1; j < this.#n && seen < 3; j++) {
			if (this.#blank[j]) continue;
			seen++;
			const m = matchMarker(this.#masked, this.#cs[j], this.#ce[j]);
			if (m) return continuedAt(stack, m, this.#indent(j)) >= 0;
		}
		return false;
	}

	#popItem(): void {
		const o = this.#stack.pop();
		if (!o) return;
		const item = o.item;
		const ownEnd = this.#ce[o.ownLastLine];
		const end = Math.max(this.#ce[o.lastLine], ownEnd);
		item.end = end;
		const contentEnd = Math.max(ownEnd, o.contentStart);
		this.#maskedFor(o.contentStart, contentEnd);
		// label at the end of the first line, or at the end of the item's own text
		const firstEnd = this.#ce[o.firstLine];
		let label = this.#labelAt(o.contentStart, firstEnd);
		if (!label && o.ownLastLine !== o.firstLine) label = this.#labelAt(this.#starts[o.ownLastLine], ownEnd);
		item.contentStart = o.contentStart;
		item.contentEnd = contentEnd;
		if (label) item.label = label;
		const list = item.list;
		// the list's span object is the parser's own until the parse ends: widened in place
		if (list.span.end < end) (list.span as Mutable<Span>).end = end;
		// the enclosing item now ends at least here
		const outer = this.#stack[this.#stack.length - 1];
		if (outer && outer.lastLine < o.lastLine) outer.lastLine = o.lastLine;
	}

	/** A `{#label}` ending `masked[from, lineEnd)` (lineEnd is the end of content: no trailing spaces). */
	#labelAt(from: number, lineEnd: number): Label | undefined {
		const masked = this.#masked;
		let k = lineEnd;
		while (k > from && isWs(masked.charCodeAt(k - 1))) k--;
		if (k <= from || masked.charCodeAt(k - 1) !== 125 /* } */) return undefined;
		const seg = masked.slice(from, lineEnd);
		const tl = trailingLabel(seg);
		return tl ? { name: tl.name, span: { start: from + tl.start, end: from + seg.trimEnd().length }, nameSpan: { start: from + tl.nameStart, end: from + tl.nameStart + tl.name.length } } : undefined;
	}

	/** Closes the open list; `byParagraph` keeps it resumable by a later item that continues its numbering. */
	#closeList(byParagraph: boolean): void {
		if (!this.#list && this.#stack.length === 0) return;
		const list = this.#list;
		const stack = byParagraph && list ? this.#stack.slice() : undefined;
		while (this.#stack.length > 0) this.#popItem();
		this.#suspended = stack && list ? { list, stack, section: this.#currentSection() } : undefined;
		this.#list = undefined;
		if (this.#lastBlock === 'list') this.#lastBlock = 'none';
	}

	/** The innermost open heading that holds content (a subtitle holds none: its keyword heading does). */
	#currentSection(): Heading | undefined {
		for (let k = this.#headingStack.length - 1; k >= 0; k--) {
			if (!this.#headingStack[k].subtitleOf) return this.#headingStack[k].heading;
		}
		return undefined;
	}

	// ---------------------------------------------------------------- diagnostics

	#numberingDiagnostics(): void {
		// read from the items' fields: their markers are built only for the few diagnostics
		const check = (siblings: readonly ParsedItem[]): void => {
			let prev: ParsedItem | undefined;
			for (const item of siblings) {
				const v = item.markerValue;
				const kind = item.markerKind;
				if (prev && v !== undefined && prev.markerValue !== undefined && kind === prev.markerKind && kind !== 'bullet') {
					const expected = prev.markerValue + 1;
					if (v !== expected) {
						const marker = item.marker;
						const message = v === prev.markerValue
							? `Item ${marker.text.trim()} repeats the number before it (expected ${markerFor(kind, item.markerStyle, expected)})`
							: `Numbering ${v < expected ? 'goes back' : 'skips'} from ${prev.marker.text.trim()} to ${marker.text.trim()} (expected ${markerFor(kind, item.markerStyle, expected)})`;
						this.#diagnostics.push({ span: marker.span, severity: 'warning', code: 'numbering-gap', message, data: { list: siblings[0].start, expected } });
					}
				}
				prev = item;
			}
		};
		for (const list of this.#lists) check(list.items);
	}

	#labelDiagnostics(): void {
		const seen = new Map<string, Label>();
		// heading labels and item labels are each in document order (an item's label ends its own text, before its points): merged
		const headings: Label[] = [];
		for (const h of this.#headings) if (h.label) headings.push(h.label);
		const labels: Label[] = [];
		let k = 0;
		for (const it of this.#items) {
			const l = it.label;
			if (!l) continue;
			while (k < headings.length && headings[k].span.start < l.span.start) labels.push(headings[k++]);
			labels.push(l);
		}
		while (k < headings.length) labels.push(headings[k++]);
		for (const l of labels) {
			const first = seen.get(l.name);
			if (first) {
				this.#diagnostics.push({ span: l.span, severity: 'error', code: 'duplicate-label', message: `Label {#${l.name}} is already used earlier in this document; labels must be unique.`, data: { name: l.name, first: first.span.start } });
			} else {
				seen.set(l.name, l);
			}
		}
	}

	// ---------------------------------------------------------------- signatories

	/** The signatories section (navigable, so it wins), or a "Signed by:" paragraph and its list, or the front-matter list. */
	#signatories(frontMatter: FrontMatter | undefined): Signatories | undefined {
		// heading texts are normalised (trimmed, single spaces): none longer than `participating parties:` is a signatories heading
		const heading = this.#headings.find((h) => h.text.length <= 22 && isSignatoriesHeading(h.text));
		if (heading) {
			const body: Span = { start: heading.span.end, end: heading.sectionSpan.end };
			return { source: 'section', heading, span: heading.sectionSpan, names: this.#namesIn(body) };
		}
		// a paragraph of its own that reads "Signed by:" introduces the list or the lines after it
		for (const p of this.#paragraphs) {
			if (p.span.end - p.span.start >= 40) continue;
			this.#maskedFor(p.span.start, p.span.end);
			const t = this.#masked.slice(p.span.start, p.span.end);
			if (t.trimEnd().endsWith(':') && isSignatoriesHeading(t)) {
				const list = this.#lists.find((l) => l.leadIn === p);
				if (list) return { source: 'section', span: { start: p.span.start, end: list.span.end }, names: list.items.map((it) => ({ name: normalizeSpace(it.text), span: it.contentSpan })) };
			}
		}
		if (frontMatter?.signatories && frontMatter.signatories.length > 0) {
			const span = valueSpan(this.#text, frontMatter, 'signatories');
			return { source: 'front-matter', span, names: frontMatter.signatories.map((name) => ({ name, span })) };
		}
		return undefined;
	}

	#namesIn(body: Span): Signatory[] {
		// the axes within the body: items are in document order, so those that start in it
		const all = this.#items;
		const items: ParsedItem[] = [];
		for (let k = firstNotBefore(all.length, (i) => all[i].start < body.start); k < all.length && all[k].start <= body.end; k++) {
			if (all[k].depth === 0 && all[k].end <= body.end) items.push(all[k]);
		}
		if (items.length > 0) return items.map((it) => ({ name: normalizeSpace(it.text), span: it.contentSpan }));
		const names: Signatory[] = [];
		const starts = this.#starts;
		for (let i = 0; i < this.#n; i++) {
			if (starts[i] < body.start || starts[i] > body.end) continue;
			if (this.#blank[i] || this.#headings.some((h) => h.span.start === this.#cs[i])) continue;
			this.#maskedFor(this.#cs[i], this.#ce[i]);
			names.push({ name: normalizeSpace(this.#masked.slice(this.#cs[i], this.#ce[i])), span: { start: this.#cs[i], end: this.#ce[i] } });
		}
		return names;
	}
}

/** `a` and the sources of `b` it lacks (`a` itself when it lacks none). */
function union(a: readonly Source[], b: readonly Source[]): readonly Source[] {
	let out: Source[] | undefined;
	for (const x of b) {
		if (a.includes(x) || out?.includes(x)) continue;
		(out ??= [...a]).push(x);
	}
	return out ?? a;
}

function sameOrder(a: readonly HeadingKeyword[], b: readonly HeadingKeyword[]): boolean {
	if (a.length !== b.length) return false;
	for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
	return true;
}

/** Index of the open item whose numbering `m` continues (same kind, next value, same indentation), or -1. */
function continuedAt(stack: readonly OpenItem[], m: RawMarker, indent: number): number {
	if (m.kind === 'bullet') return -1;
	for (let k = stack.length - 1; k >= 0; k--) {
		const kind = effectiveKind(m, stack[k]);
		const value = kind === m.kind ? m.value : m.letterValue;
		if (kind === stack[k].kind && value === stack[k].value + 1 && Math.abs(indent - stack[k].markerCol) <= 1) return k;
	}
	return -1;
}

/** The kind of `m` in the list whose open item is `top`: a lone `(i)` after `(h)` is the letter i. */
function effectiveKind(m: RawMarker, top: { kind: MarkerKind; value: number }): MarkerKind {
	if (m.letterValue !== undefined && m.letterValue === top.value + 1) {
		if (m.kind === 'roman' && top.kind === 'letter') return 'letter';
		if (m.kind === 'upper-roman' && top.kind === 'upper-letter') return 'upper-letter';
	}
	return m.kind;
}

/** A thematic break or rule line: `---`, `***`, `___`, `===` (3 or more), or an escaped end marker `\###`. */
function isRule(text: string, cs: number, ce: number): boolean {
	if (ce - cs < 3) return false;
	const c = text.charCodeAt(cs);
	if (c !== 45 /* - */ && c !== 42 /* * */ && c !== 95 /* _ */ && c !== 61 /* = */ && c !== 92 /* \ */) return false;
	const s = text.slice(cs, ce);
	return /^(?:([-*_=])[ \t]*\1[ \t]*\1[ \t]*(?:\1[ \t]*)*|\\#{3,})$/.test(s);
}

/** The span of a front-matter key's value (for titles and dates that come from front matter). */
function valueSpan(text: string, fm: FrontMatter, key: string): Span {
	const src = text.slice(fm.contentSpan.start, fm.contentSpan.end);
	const re = new RegExp(`^${key}[ \\t]*:[ \\t]*(.*)$`, 'm');
	const m = re.exec(src);
	if (!m) return { start: fm.span.start, end: fm.span.start + 3 };
	const start = fm.contentSpan.start + m.index + m[0].length - m[1].length;
	return { start, end: start + m[1].trimEnd().length };
}

/** `Title ##` → `Title`: closing `#` marks after a space or tab, in one linear pass (the regex `/[ \t]+#+$/` was quadratic on long runs of spaces, issue 8). */
function stripClosingHashes(s: string): string {
	let e = s.length;
	while (e > 0 && s.charCodeAt(e - 1) === 35 /* # */) e--;
	if (e === s.length) return s;
	let w = e;
	while (w > 0 && (s.charCodeAt(w - 1) === 32 || s.charCodeAt(w - 1) === 9)) w--;
	return w < e ? s.slice(0, w) : s;
}

/**
 * Measures lines `[from, to)` of the masked text (`text` with the blanked `spans`, sorted and
 * disjoint, read as spaces) without reading it: first non-space offset, end of content, and blank
 * (before the body, empty, or a rule). True when a blanked span reaches into a line that is not
 * blank: the parser must then read the masked text (it reads such a line whole, and a heading over
 * two lines reads the end of the first).
 */
function lineFacts(text: string, spans: readonly Span[], lines: LineTable, bodyLine: number, from: number, to: number, cs: Int32Array, ce: Int32Array, blank: Uint8Array): boolean {
	const { starts, ends } = lines;
	let mixed = false;
	let k = from < to && spans.length > 0 ? firstEndingAfter(spans, starts[from]) : spans.length;
	for (let i = from; i < to; i++) {
		const start = starts[i];
		const end = ends[i];
		while (k < spans.length && spans[k].end <= start) k++;
		if (k === spans.length || spans[k].start >= end) {
			const s = firstNonSpace(text, start, end);
			const e = lastNonSpace(text, s, end);
			cs[i] = s;
			ce[i] = e;
			blank[i] = i < bodyLine || s === e || isRule(text, s, e) ? 1 : 0;
			continue;
		}
		// a line a blanked span reaches into: measured on its masked copy
		const line = maskedLine(text, spans, k, start, end);
		const s = firstNonSpace(line, 0, line.length);
		const e = lastNonSpace(line, s, line.length);
		cs[i] = start + s;
		ce[i] = start + e;
		blank[i] = i < bodyLine || s === e || isRule(line, s, e) ? 1 : 0;
		if (!blank[i]) mixed = true;
	}
	return mixed;
}

/** `masked.slice(start, end)` for a range without line breaks, from `text` and the blanked `spans` from the `k`th on (the first that ends after `start`). */
function maskedLine(text: string, spans: readonly Span[], k: number, start: number, end: number): string {
	let out = '';
	let p = start;
	for (; k < spans.length && spans[k].start < end; k++) {
		const a = Math.max(spans[k].start, start);
		const b = Math.min(spans[k].end, end);
		out += text.slice(p, a) + ' '.repeat(b - a);
		p = b;
	}
	return out + text.slice(p, end);
}

/** The first offset from which an edit leaves the front matter (or its absence) as it is: past the closing fence's line, or past a first line that is no fence. */
function frontMatterStable(text: string, lines: LineTable, fm: FrontMatterResult): number {
	const { starts, ends } = lines;
	if (fm.frontMatter) return fm.bodyLine < starts.length ? starts[fm.bodyLine] : Infinity;
	if (starts.length < 2) return Infinity;
	const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	// an opening fence never closed: any later `---` line would close it
	if (text.slice(bom, ends[0]).trimEnd() === '---') return Infinity;
	return starts[1];
}

function sameSpanMoved(a: Span, b: Span, delta: number): boolean {
	return a.start === b.start + delta && a.end === b.end + delta;
}

/** Heading `a` of this version is heading `b` of the previous one, moved by `delta`. */
function sameHeadingMoved(a: Heading, b: Heading, delta: number): boolean {
	if (a.style !== b.style || a.text !== b.text || a.slug !== b.slug || !sameSpanMoved(a.span, b.span, delta) || !sameSpanMoved(a.nameSpan, b.nameSpan, delta)) return false;
	if (a.label || b.label) {
		if (!a.label || !b.label || a.label.name !== b.label.name || !sameSpanMoved(a.label.span, b.label.span, delta) || !sameSpanMoved(a.label.nameSpan, b.label.nameSpan, delta)) return false;
	}
	if (a.keyword || b.keyword) {
		if (!a.keyword || !b.keyword || a.keyword.kind !== b.keyword.kind || a.keyword.word !== b.keyword.word || a.keyword.number !== b.keyword.number || a.keyword.value !== b.keyword.value) return false;
	}
	return true;
}

/**
 * `s`, a string of the previous version that stands at `at` in `src` (this version's text): cut
 * from `src`, so that the previous version's text is not kept alive by it; a copy when it does not
 * stand there (a string that was built, not cut). Short strings are copies already.
 */
function rebase(s: string, src: string, at: number): string {
	if (s.length < SLICE_MIN) return s;
	return src.startsWith(s, at) ? src.slice(at, at + s.length) : detach(s);
}

function detachKeyword(k: NonNullable<Heading['keyword']>): NonNullable<Heading['keyword']> {
	if (k.word.length < SLICE_MIN && k.number.length < SLICE_MIN) return k;
	return { kind: k.kind, word: detach(k.word), number: detach(k.number), value: k.value };
}
