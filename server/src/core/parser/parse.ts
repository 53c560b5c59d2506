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
import { LineIndex, blankSpans, firstNonSpace, indentColumns, lastNonSpace, splitLines, type Line } from '../text';
import { findComments } from './comments';
import { parseDateLine, type DateOrder } from './dates';
import { parseFrontMatter } from './frontMatter';
import {
	isCapsLine, isGlossaryHeading, isStructuralHeading, isShortLine, isSignatoriesHeading, matchKeywordHeading, slugify, trailingLabel,
} from './headings';
import { KIND_ORDER, matchMarker, printedPart, type RawMarker } from './markers';
import { isWs, normalizeSpace, shorten, titleOf } from './sentences';

export interface ParseOptions {
	/** How numeric dates are read (setting `declaration.dateOrder`). */
	readonly dateOrder?: DateOrder;
}

/** Parses `text`; never throws. */
export function parseDocument(uri: string, version: number, text: string, options: ParseOptions = {}): DeclDocument {
	return parseGuarded(uri, version, text, options, undefined);
}

/**
 * Parses `text`, a new version of `prev.text` that agrees with it on `text.slice(0, unchanged)`:
 * the model is exactly what `parseDocument` gives, but the part of `prev` before the last safe
 * restart point ahead of the change is reused instead of parsed again. Never throws.
 */
export function reparseDocument(prev: DeclDocument, unchanged: number, uri: string, version: number, text: string, options: ParseOptions = {}): DeclDocument {
	const state = RESTARTS.get(prev);
	return parseGuarded(uri, version, text, options, state && state.dateOrder === (options.dateOrder ?? 'auto') ? { prev, state, unchanged } : undefined);
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
 * A restart point: the parser state right after a root heading (one that closed every open
 * heading, list and paragraph). Everything before it is final and depends only on the text
 * before it and a few lines after it; the state it leaves is the open root heading, the keyword
 * order and the line of the last heading.
 */
interface Restart {
	/** The next line to parse. */
	readonly next: number;
	readonly headings: number;
	readonly rootHeadings: number;
	readonly paragraphs: number;
	readonly lists: number;
	readonly items: number;
	readonly keywordOrder: readonly HeadingKeyword[];
	readonly major: number;
	readonly keyword?: HeadingKeyword;
	readonly lastHeadingLine: number;
	/**
	 * The texts (of this and earlier versions) that the model before this point holds substrings
	 * of: reused objects keep their version's text alive, so reuse is bounded (`MAX_SOURCES`).
	 */
	readonly sources: readonly string[];
}

interface RestartState {
	readonly restarts: readonly Restart[];
	readonly dateOrder: string;
	readonly titleLine: number;
	readonly dateLine: number;
	readonly bodyLine: number;
	/** End of the front matter, or -1. */
	readonly frontMatterEnd: number;
}

interface Resume {
	readonly prev: DeclDocument;
	readonly state: RestartState;
	readonly unchanged: number;
}

/** The restart points of each parsed document (for `reparseDocument`). */
const RESTARTS = new WeakMap<DeclDocument, RestartState>();

/** Lines read ahead when one line is classified, at most (non-blank lines: `#listGoesOnAfter` reads 3). */
const LOOKAHEAD_LINES = 3;

/** A reparse keeps at most this many versions' texts alive through reused objects (the new one included). */
const MAX_SOURCES = 2;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MItem = Mutable<Item> & { children: MItem[]; parent?: MItem; list: MList };
type MList = Mutable<List> & { items: MItem[] };

interface OpenItem {
	readonly item: MItem;
	readonly markerCol: number;
	readonly contentCol: number;
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

class Parser {
	readonly #uri: string;
	readonly #version: number;
	readonly #text: string;
	readonly #options: ParseOptions;
	#masked = '';
	#lines: Line[] = [];
	readonly #diagnostics: CoreDiagnostic[] = [];

	// per-line facts over the masked text
	#cs: Int32Array = new Int32Array(0); // first non-space offset
	#ce: Int32Array = new Int32Array(0); // end of content (trailing spaces dropped)
	#blank: Uint8Array = new Uint8Array(0);

	#headings: Heading[] = [];
	#rootHeadings: Heading[] = [];
	readonly #headingStack: OpenHeading[] = [];
	#keywordOrder: HeadingKeyword[] = [];
	#paragraphs: Paragraph[] = [];
	#lists: MList[] = [];
	#items: MItem[] = [];
	readonly #resume: Resume | undefined;
	readonly #restarts: Restart[] = [];
	#sources: readonly string[] = [];

	#stack: OpenItem[] = [];
	#list: MList | undefined;
	#suspended: { list: MList; stack: OpenItem[]; section?: Heading } | undefined;
	#para: { first: number; last: number } | undefined;
	#lastParagraph: Paragraph | undefined;
	#lastBlock: 'paragraph' | 'list' | 'heading' | 'none' = 'none';
	#lastHeadingLine = -2;

	constructor(uri: string, version: number, text: string, options: ParseOptions, resume: Resume | undefined) {
		this.#resume = resume;
		this.#uri = uri;
		this.#version = version;
		this.#text = text;
		this.#options = options;
	}

	parse(): DeclDocument {
		const text = this.#text;
		const lines = (this.#lines = splitLines(text));
		const lineIndex = new LineIndex(lines, text.length);
		const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
		const order = this.#options.dateOrder ?? 'auto';

		const fm = parseFrontMatter(text, lines, bom, order);
		this.#diagnostics.push(...fm.diagnostics);
		const frontMatter: FrontMatter | undefined = fm.frontMatter;
		const bodyLine = fm.bodyLine;
		const bodyStart = bodyLine < lines.length ? lines[bodyLine].start : text.length;
		const comments = findComments(text, bodyStart);
		const blanked: Span[] = [];
		if (frontMatter) blanked.push(frontMatter.span);
		else if (bom) blanked.push({ start: 0, end: 1 });
		blanked.push(...comments);
		const masked = (this.#masked = blankSpans(text, blanked));

		// per-line facts
		const n = lines.length;
		this.#cs = new Int32Array(n);
		this.#ce = new Int32Array(n);
		this.#blank = new Uint8Array(n);
		for (let i = 0; i < n; i++) {
			const l = lines[i];
			const cs = firstNonSpace(masked, l.start, l.end);
			const ce = lastNonSpace(masked, cs, l.end);
			this.#cs[i] = cs;
			this.#ce[i] = ce;
			this.#blank[i] = i < bodyLine || cs === ce || isRule(masked, cs, ce) ? 1 : 0;
		}

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
			seen++;
			const content = masked.slice(this.#cs[i], this.#ce[i]);
			if (!date && dateLine < 0) {
				const d = parseDateLine(content, order);
				if (d) {
					dateLine = i;
					date = { iso: d.iso, time: d.time, text: content.slice(d.offset, d.offset + d.length), span: { start: this.#cs[i] + d.offset, end: this.#cs[i] + d.offset + d.length }, place: d.place ?? frontMatter?.place, source: 'line' };
					continue;
				}
			}
			if (!title && titleLine < 0 && !/^#{1,6}\s/.test(content) && !matchMarker(masked, this.#cs[i], this.#ce[i]) && !parseDateLine(content, order)) {
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

		// blocks (from a restart point of the previous version when one is safe)
		const frontMatterEnd = frontMatter ? frontMatter.span.end : -1;
		this.#sources = [text];
		const from = this.#restore(bodyLine, titleLine, dateLine, frontMatterEnd);
		for (let i = from; i < n; i++) {
			if (this.#blank[i]) continue;
			if (i === titleLine || i === dateLine) {
				this.#closeParagraph();
				this.#closeList(false);
				continue;
			}
			const headings = this.#headings.length;
			i = this.#line(i, afterTitleBlock);
			if (this.#headings.length > headings && this.#headingStack.length === 1 && i > afterTitleBlock) this.#restartPoint(i + 1);
		}
		this.#closeParagraph();
		this.#closeList(false);
		this.#closeHeadings(n, undefined);

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
			lines,
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
		RESTARTS.set(doc, { restarts: this.#restarts, dateOrder: order, titleLine, dateLine, bodyLine, frontMatterEnd });
		return doc;
	}

	// ---------------------------------------------------------------- restart points

	/** Records the state after the root heading that ends before line `next`. */
	#restartPoint(next: number): void {
		const open = this.#headingStack[0];
		if (open.subtitleOf || open.heading.parent) return;
		const prev = this.#restarts[this.#restarts.length - 1];
		const order = prev && sameOrder(prev.keywordOrder, this.#keywordOrder) ? prev.keywordOrder : this.#keywordOrder.slice();
		this.#restarts.push({
			next, headings: this.#headings.length, rootHeadings: this.#rootHeadings.length, paragraphs: this.#paragraphs.length, lists: this.#lists.length, items: this.#items.length,
			keywordOrder: order, major: open.major, keyword: open.keyword, lastHeadingLine: this.#lastHeadingLine, sources: this.#sources,
		});
	}

	/**
	 * Takes over the previous version's model up to its last restart point whose lines, and the
	 * lines read ahead from them, all lie before the change; returns the line to go on from
	 * (`bodyLine` when nothing can be reused).
	 */
	#restore(bodyLine: number, titleLine: number, dateLine: number, frontMatterEnd: number): number {
		const resume = this.#resume;
		if (!resume) return bodyLine;
		const { prev, state, unchanged } = resume;
		if (state.bodyLine !== bodyLine || state.titleLine !== titleLine || state.dateLine !== dateLine || state.frontMatterEnd !== frontMatterEnd) return bodyLine;
		if (frontMatterEnd >= unchanged) return bodyLine;
		// lines before `changed` are the same, with the same offsets and line breaks, in both versions
		const changed = lineOf(this.#lines, Math.max(0, unchanged - 1));
		if (changed >= prev.lines.length) return bodyLine;
		// the last restart point followed by enough unchanged non-blank lines
		let limit = changed;
		for (let seen = 0; limit > 0 && seen < LOOKAHEAD_LINES + 1;) {
			limit--;
			if (!this.#blank[limit]) seen++;
		}
		const restarts = state.restarts;
		let lo = 0;
		let hi = restarts.length - 1;
		let k = -1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (restarts[mid].next <= limit) {
				k = mid;
				lo = mid + 1;
			} else {
				hi = mid - 1;
			}
		}
		if (k < 0) return bodyLine;
		const r = restarts[k];
		if (r.sources.length >= MAX_SOURCES && !r.sources.includes(this.#text)) return bodyLine;
		this.#sources = r.sources.includes(this.#text) ? r.sources : [...r.sources, this.#text];
		const old = prev.headings[r.headings - 1];
		// the open root heading is the only object of the prefix that later lines change: a copy of it
		const heading: Heading = { ...old, sectionSpan: old.span, children: [] };
		this.#headings = prev.headings.slice(0, r.headings);
		this.#headings[r.headings - 1] = heading;
		this.#rootHeadings = prev.rootHeadings.slice(0, r.rootHeadings);
		this.#rootHeadings[r.rootHeadings - 1] = heading;
		this.#paragraphs = prev.paragraphs.slice(0, r.paragraphs);
		this.#lists = prev.lists.slice(0, r.lists) as MList[];
		this.#items = prev.items.slice(0, r.items) as MItem[];
		this.#keywordOrder = r.keywordOrder.slice();
		this.#headingStack.push(r.keyword ? { heading, major: r.major, keyword: r.keyword } : { heading, major: r.major });
		this.#lastBlock = 'heading';
		this.#lastHeadingLine = r.lastHeadingLine;
		for (let j = 0; j < k; j++) this.#restarts.push(restarts[j]);
		this.#restarts.push(r);
		return r.next;
	}

	// ---------------------------------------------------------------- lines

	#prevBlank(i: number): boolean {
		return i === 0 || this.#blank[i - 1] === 1;
	}

	#nextBlank(i: number): boolean {
		return i + 1 >= this.#lines.length || this.#blank[i + 1] === 1;
	}

	#indent(i: number): number {
		return indentColumns(this.#masked, this.#lines[i].start, this.#cs[i]);
	}

	/** Handles the non-blank line `i`; returns the last line it consumed. */
	#line(i: number, afterTitleBlock: number): number {
		const masked = this.#masked;
		const cs = this.#cs[i];
		const ce = this.#ce[i];
		const content = masked.slice(cs, ce);
		const first = content.charCodeAt(0);
		const prevBlank = this.#prevBlank(i);
		const indent = this.#indent(i);

		// `#` headings (and `# Artigo 1.º`, which is a keyword heading written with `#`)
		if (first === 35 /* # */) {
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

		// keyword headings: alone on a line, blank lines around not required
		const kw = first >= 65 ? matchKeywordHeading(content) : undefined;
		if (kw) {
			this.#heading(i, i, 'keyword', cs, ce, { kw });
			return i;
		}

		// structural words (Preamble, Annex, Glossary, Signatories…) alone on a line
		if (first >= 65 && isStructuralHeading(content)) {
			this.#heading(i, i, 'short', cs, ce, {});
			return i;
		}

		const marker = matchMarker(masked, cs, ce);

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
			if (isCapsLine(content) && this.#nextBlank(i)) {
				this.#heading(i, i, 'caps', cs, ce, {});
				return i;
			}
			if (i + 1 < this.#lines.length && !this.#blank[i + 1] && this.#nextBlank(i + 1) && isCapsLine(content)) {
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
		const inner = masked.slice(start, end);
		if (inner.length === 0 || inner.length > 160 || inner.includes('**')) return -1;
		this.#heading(i, last, 'short', start, end, {});
		return last;
	}

	#inListingSection(): boolean {
		const top = this.#headingStack[this.#headingStack.length - 1]?.heading;
		return top !== undefined && (isGlossaryHeading(top.text) || isSignatoriesHeading(top.text));
	}

	/** True when the nearest non-blank line before or after `i` is an item of the same marker kind (so `i` is one too). */
	#sameKindNeighbour(i: number, marker: RawMarker): boolean {
		const look = (from: number, step: number): boolean => {
			for (let j = from; j >= 0 && j < this.#lines.length; j += step) {
				if (this.#blank[j]) continue;
				const m = matchMarker(this.#masked, this.#cs[j], this.#ce[j]);
				return m !== undefined && (m.kind === marker.kind || (m.letterValue !== undefined && marker.letterValue !== undefined));
			}
			return false;
		};
		return look(i - 1, -1) || look(i + 1, 1);
	}

	// ---------------------------------------------------------------- headings

	#heading(firstLine: number, lastLine: number, style: HeadingStyle, nameStart: number, nameEnd: number, opts: { kw?: ReturnType<typeof matchKeywordHeading>; major?: number; atxLevel?: number }): void {
		this.#closeParagraph();
		this.#closeList(false);
		this.#suspended = undefined;
		const masked = this.#masked;
		let name = masked.slice(nameStart, nameEnd);
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
		let open: OpenHeading;
		if (kw) {
			const enclosing = this.#innermostKeyword();
			if (!OUTERMOST_KEYWORDS.has(kw.kind) && !this.#keywordOrder.includes(kw.kind)) this.#insertKeyword(kw.kind, enclosing?.keyword);
			// a `# Artigo 1.º` nests below open `#` headings of a lower level only; a plain one below any open one
			const major = this.#innermostNonKeywordMajor(opts.atxLevel ?? Infinity);
			open = { heading, major, keyword: kw.kind };
		} else {
			const top = this.#headingStack[this.#headingStack.length - 1];
			const subtitle = (style === 'caps' || style === 'short') && top?.keyword !== undefined && this.#lastBlock === 'heading' && this.#lastHeadingLine >= 0 && this.#onlyBlankBetween(this.#lastHeadingLine, firstLine);
			open = subtitle ? { heading, major: top.major, subtitleOf: top } : { heading, major: opts.major ?? 1 };
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
		this.#lastBlock = 'heading';
		this.#lastHeadingLine = lastLine;
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
		for (let j = Math.min(line, this.#lines.length) - 1; j >= 0; j--) {
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
		for (const o of this.#stack) o.lastLine = i;
	}

	#item(i: number, m: RawMarker, indent: number): void {
		this.#closeParagraph();
		const markerStart = this.#cs[i];

		// resume a list interrupted by a paragraph when this marker continues it
		if (!this.#list && this.#suspended && this.#suspended.section === this.#currentSection()) {
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
				const nested: MList = { type: 'list', span: { start: markerStart, end: markerStart }, items: children, section: this.#currentSection(), parentItem: parent.item, ordered: kind !== 'bullet' };
				this.#lists.push(nested);
				list = nested;
			} else {
				list = children[0].list;
			}
		} else if (this.#list) {
			list = this.#list;
		} else {
			const leadIn = this.#lastBlock === 'paragraph' && this.#lastParagraph && this.#masked.slice(this.#lastParagraph.span.start, this.#lastParagraph.span.end).trimEnd().endsWith(':') ? this.#lastParagraph : undefined;
			if (leadIn) (leadIn as Mutable<Paragraph>).leadIn = true;
			list = { type: 'list', span: { start: markerStart, end: markerStart }, items: [], leadIn, section: this.#currentSection(), ordered: kind !== 'bullet' };
			this.#lists.push(list);
			this.#list = list;
		}

		const siblings = parent ? parent.item.children : list.items;
		const number = value ?? siblings.length + 1;
		const firstLineSpan: Span = { start: markerStart, end: this.#ce[i] };
		const section = this.#currentSection();
		const item: MItem = {
			type: 'item',
			marker: { text: m.text, kind, style: m.style, span: { start: markerStart, end: markerStart + m.length }, value },
			number,
			printed: '',
			title: '',
			text: '',
			span: firstLineSpan,
			contentSpan: firstLineSpan, // set when the item closes (#popItem)
			firstLineSpan,
			depth: parent ? parent.item.depth + 1 : 0,
			list,
			parent: parent?.item,
			children: [],
			section,
		};
		item.printed = parent ? withoutFinalDot(parent.item.printed) + childPart(kind, number, m.style) : rootPrinted(kind, number, m);
		siblings.push(item);
		this.#items.push(item);
		if (parent) {
			for (const o of this.#stack) o.lastLine = i;
		}
		this.#stack.push({ item, markerCol: indent, contentCol: indentColumns(this.#masked, this.#lines[i].start, markerStart + m.contentOffset), kind, value: number, ownLastLine: i, lastLine: i, firstLine: i, contentStart: markerStart + m.contentOffset });
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
		for (let j = i + 1; j < this.#lines.length && seen < 3; j++) {
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
		const masked = this.#masked;
		const ownEnd = this.#ce[o.ownLastLine];
		const end = Math.max(this.#ce[o.lastLine], ownEnd);
		if (end !== item.span.end) item.span = { start: item.span.start, end };
		const contentEnd = Math.max(ownEnd, o.contentStart);
		// label at the end of the first line, or at the end of the item's own text
		const firstEnd = this.#ce[o.firstLine];
		let label = this.#labelAt(o.contentStart, firstEnd);
		if (!label && o.ownLastLine !== o.firstLine) label = this.#labelAt(this.#lines[o.ownLastLine].start, ownEnd);
		item.contentSpan = { start: o.contentStart, end: contentEnd };
		if (label) {
			item.label = label;
			const raw = this.#text.slice(o.contentStart, label.span.start) + this.#text.slice(label.span.end, contentEnd);
			item.text = raw.trim();
			const forTitle = masked.slice(o.contentStart, label.span.start) + masked.slice(label.span.end, contentEnd);
			item.title = titleOf(forTitle);
		} else {
			item.text = this.#text.slice(o.contentStart, contentEnd).trim();
			item.title = titleOf(masked, o.contentStart, contentEnd);
		}
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
		const check = (siblings: readonly Item[]): void => {
			let prev: Item | undefined;
			for (const item of siblings) {
				const v = item.marker.value;
				if (prev && v !== undefined && prev.marker.value !== undefined && item.marker.kind === prev.marker.kind && item.marker.kind !== 'bullet') {
					const expected = prev.marker.value + 1;
					if (v !== expected) {
						const message = v === prev.marker.value
							? `Item ${item.marker.text.trim()} repeats the number before it (expected ${formatValue(item.marker.kind, expected, item.marker.style)})`
							: `Numbering ${v < expected ? 'goes back' : 'skips'} from ${prev.marker.text.trim()} to ${item.marker.text.trim()} (expected ${formatValue(item.marker.kind, expected, item.marker.style)})`;
						this.#diagnostics.push({ span: item.marker.span, severity: 'warning', code: 'numbering-gap', message, data: { list: siblings[0].marker.span.start, expected } });
					}
				}
				prev = item;
			}
		};
		for (const list of this.#lists) check(list.items);
	}

	#labelDiagnostics(): void {
		const seen = new Map<string, Label>();
		const labels: Label[] = [];
		for (const h of this.#headings) if (h.label) labels.push(h.label);
		for (const it of this.#items) if (it.label) labels.push(it.label);
		labels.sort((a, b) => a.span.start - b.span.start);
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
		const heading = this.#headings.find((h) => isSignatoriesHeading(h.text));
		if (heading) {
			const body: Span = { start: heading.span.end, end: heading.sectionSpan.end };
			return { source: 'section', heading, span: heading.sectionSpan, names: this.#namesIn(body) };
		}
		// a paragraph of its own that reads "Signed by:" introduces the list or the lines after it
		for (const p of this.#paragraphs) {
			const t = this.#masked.slice(p.span.start, p.span.end);
			if (t.length < 40 && t.trimEnd().endsWith(':') && isSignatoriesHeading(t)) {
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
		const items = this.#items.filter((it) => it.depth === 0 && it.span.start >= body.start && it.span.end <= body.end);
		if (items.length > 0) return items.map((it) => ({ name: normalizeSpace(it.text), span: it.contentSpan }));
		const names: Signatory[] = [];
		const lineIndex = this.#lines;
		for (const l of lineIndex) {
			if (l.start < body.start || l.start > body.end) continue;
			const i = l.index;
			if (this.#blank[i] || this.#headings.some((h) => h.span.start === this.#cs[i])) continue;
			names.push({ name: normalizeSpace(this.#masked.slice(this.#cs[i], this.#ce[i])), span: { start: this.#cs[i], end: this.#ce[i] } });
		}
		return names;
	}
}

function sameOrder(a: readonly HeadingKeyword[], b: readonly HeadingKeyword[]): boolean {
	if (a.length !== b.length) return false;
	for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
	return true;
}

/** The index of the line holding `offset`. */
function lineOf(lines: readonly Line[], offset: number): number {
	let lo = 0;
	let hi = lines.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (lines[mid].start <= offset) lo = mid;
		else hi = mid - 1;
	}
	return lo;
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

function rootPrinted(kind: MarkerKind, number: number, m: RawMarker): string {
	switch (kind) {
		case 'number':
		case 'bullet':
			return `${number}.`;
		case 'upper-roman':
		case 'upper-letter':
			return `${printedPart(kind, number, m.style).replace(/^\(|\)$/g, '')}.`;
		default:
			return printedPart(kind, number, m.style);
	}
}

function withoutFinalDot(s: string): string {
	return s.charCodeAt(s.length - 1) === 46 ? s.slice(0, -1) : s;
}

function childPart(kind: MarkerKind, number: number, style: RawMarker['style']): string {
	if (kind === 'number' || kind === 'bullet') return `.${number}`;
	return printedPart(kind, number, style);
}

function formatValue(kind: MarkerKind, value: number, style: RawMarker['style']): string {
	const body = printedPart(kind, value, '').replace(/^\(|\)$/g, '');
	return style === '()' ? `(${body})` : `${body}${style}`;
}

/** A thematic break or rule line: `---`, `***`, `___`, `===` (3 or more), or an escaped end marker `\###`. */
function isRule(text: string, cs: number, ce: number): boolean {
	if (ce - cs < 3) return false;
	const c = text[cs];
	if (c !== '-' && c !== '*' && c !== '_' && c !== '=' && c !== '\\') return false;
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
