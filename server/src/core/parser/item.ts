/**
 * The parser's items: one object per item, holding its offsets as numbers. What the model shows as
 * objects or strings is built from them on use rather than for every item while parsing (most are
 * never read: an outline reads the titles of one open document, hover one item's text):
 * - `span`, `contentSpan`, `firstLineSpan` and `marker` are new objects on each use (equal each time);
 * - `title` and `printed` are computed once, on first use; `text` on each use.
 * Strings are read from the text of the version whose parse made the object (`ItemSource`); an item
 * a reparse takes over is a new object reading the new version's text.
 */
import type { Heading, Item, Label, List, Marker, MarkerKind, Span } from '../model';
import { firstEndingAfter } from './incremental';
import { printedPart } from './markers';
import { titleOf } from './sentences';

/** What an item's lazy strings are read from: the text of one version, its masked text, and the spans blanked in it. One per parse. */
export interface ItemSource {
	readonly text: string;
	/** The masked text (read only for items a blanked span reaches into: reading it copies it into one piece). */
	readonly masked: string;
	/** The blanked spans (the head, then the comments), sorted and disjoint. */
	readonly spans: readonly Span[];
}

/** Items a reparse took over from the previous version: its items (held weakly), and how far they moved. One per reparse. */
export interface Move {
	readonly items: WeakRef<readonly Item[]>;
	/** Characters and lines. */
	readonly delta: number;
	readonly lineDelta: number;
}

/** A `List` of the model, as the parser builds it. */
export type ParsedList = { -readonly [K in keyof List]: List[K] } & { items: ParsedItem[] };

/** The children of an item that has none (shared: an item gets its own array with its first child). */
const NO_CHILDREN: ParsedItem[] = Object.freeze([]) as unknown as ParsedItem[];

/** An `Item` of the model. The parser sets the fields of an open item; the model exposes them read-only. */
export class ParsedItem implements Item {
	readonly number: number;
	readonly depth: number;
	list: ParsedList;
	readonly parent: ParsedItem | undefined;
	children: ParsedItem[] = NO_CHILDREN;
	readonly section: Heading | undefined;
	label: Label | undefined = undefined;
	/** `span`: from the marker to the end of the item's last line. */
	readonly start: number;
	end: number;
	/** `contentSpan`. */
	contentStart: number;
	contentEnd: number;
	/** End of `firstLineSpan` (which starts at `start`). */
	readonly firstLineEnd: number;
	/** The marker's length, kind and style in one number (see `packMarker`), and its value. */
	readonly #marker: number;
	readonly markerValue: number | undefined;
	/** Set when a reparse took the item over from the previous version (see `movedFrom`). */
	moved: Move | undefined = undefined;
	readonly #src: ItemSource;
	#title: string | undefined = undefined;
	#printed: string | undefined = undefined;

	constructor(
		src: ItemSource, start: number, markerEnd: number, firstLineEnd: number, kind: MarkerKind, style: Marker['style'], value: number | undefined,
		number: number, depth: number, list: ParsedList, parent: ParsedItem | undefined, section: Heading | undefined,
	) {
		this.#src = src;
		this.start = start;
		this.end = firstLineEnd;
		// until the item closes, its content is its first line
		this.contentStart = start;
		this.contentEnd = firstLineEnd;
		this.firstLineEnd = firstLineEnd;
		this.#marker = packMarker(markerEnd - start, kind, style);
		this.markerValue = value;
		this.number = number;
		this.depth = depth;
		this.list = list;
		this.parent = parent;
		this.section = section;
	}

	get type(): 'item' {
		return 'item';
	}

	/** End of the marker (which starts at `start`). */
	get markerEnd(): number {
		return this.start + (this.#marker >> 6);
	}

	get markerKind(): MarkerKind {
		return KINDS[(this.#marker >> 2) & 15];
	}

	get markerStyle(): Marker['style'] {
		return STYLES[this.#marker & 3];
	}

	get span(): Span {
		return { start: this.start, end: this.end };
	}

	get contentSpan(): Span {
		return { start: this.contentStart, end: this.contentEnd };
	}

	get firstLineSpan(): Span {
		return { start: this.start, end: this.firstLineEnd };
	}

	get marker(): Marker {
		return { text: this.#src.text.slice(this.start, this.markerEnd), kind: this.markerKind, style: this.markerStyle, span: { start: this.start, end: this.markerEnd }, value: this.markerValue };
	}

	/** `3.`, `3(b)`, `3(b)(ii)`: the outer item's, then this one's part. */
	get printed(): string {
		return (this.#printed ??= this.parent
			? withoutFinalDot(this.parent.printed) + childPart(this.markerKind, this.number, this.markerStyle)
			: rootPrinted(this.markerKind, this.number, this.markerStyle));
	}

	/** First sentence, at most 100 characters. */
	get title(): string {
		return (this.#title ??= itemTitle(this.#src, this.contentStart, this.contentEnd, this.label));
	}

	/** The item's own text: its content without the label, trimmed. */
	get text(): string {
		const text = this.#src.text;
		const l = this.label;
		return (l ? text.slice(this.contentStart, l.span.start) + text.slice(l.span.end, this.contentEnd) : text.slice(this.contentStart, this.contentEnd)).trim();
	}

	/** `children`, made the item's own array first if it has none yet (it is also the items of the nested list). */
	ownChildren(): ParsedItem[] {
		if (this.children === NO_CHILDREN) this.children = [];
		return this.children;
	}
}

const KINDS: readonly MarkerKind[] = ['bullet', 'number', 'letter', 'roman', 'upper-letter', 'upper-roman'];
const STYLES: readonly Marker['style'][] = ['', '.', ')', '()'];

/** A marker's length (bits 6 and up), kind (bits 2–5) and style (bits 0–1) as one small integer. */
function packMarker(length: number, kind: MarkerKind, style: Marker['style']): number {
	return (length << 6) | (KINDS.indexOf(kind) << 2) | STYLES.indexOf(style);
}

/** The title of the item whose own text is `[start, end)` minus `label`: read from the text unless a blanked span reaches into it. */
function itemTitle(src: ItemSource, start: number, end: number, label: Label | undefined): string {
	const spans = src.spans;
	let read = src.text;
	if (spans.length > 0) {
		const k = firstEndingAfter(spans, start);
		if (k < spans.length && spans[k].start < end) read = src.masked;
	}
	if (label) return titleOf(read.slice(start, label.span.start) + read.slice(label.span.end, end));
	return titleOf(read, start, end);
}

function rootPrinted(kind: MarkerKind, number: number, style: Marker['style']): string {
	switch (kind) {
		case 'number':
		case 'bullet':
			return `${number}.`;
		case 'upper-roman':
		case 'upper-letter':
			return `${printedPart(kind, number, style).replace(/^\(|\)$/g, '')}.`;
		default:
			return printedPart(kind, number, style);
	}
}

function withoutFinalDot(s: string): string {
	return s.charCodeAt(s.length - 1) === 46 ? s.slice(0, -1) : s;
}

function childPart(kind: MarkerKind, number: number, style: Marker['style']): string {
	if (kind === 'number' || kind === 'bullet') return `.${number}`;
	return printedPart(kind, number, style);
}
