/**
 * The parser's items: one object per item, whose `title` and `text` are computed on first use from
 * the text of the version that made the object rather than for every item while parsing (most are
 * never read: an outline reads the titles of one open document, hover one item's text).
 */
import type { Heading, Item, Label, List, Marker, Span } from '../model';
import { firstEndingAfter } from './incremental';
import { titleOf } from './sentences';

/** What an item's lazy strings are read from: the text of one version, its masked text, and the spans blanked in it. One per parse. */
export interface ItemSource {
	readonly text: string;
	/** The masked text (read only for items a blanked span reaches into: reading it copies it into one piece). */
	readonly masked: string;
	/** The blanked spans (the head, then the comments), sorted and disjoint. */
	readonly spans: readonly Span[];
}

/** A `List` of the model, as the parser builds it. */
export type ParsedList = { -readonly [K in keyof List]: List[K] } & { items: ParsedItem[] };

/** An `Item` of the model. Fields the parser sets while the item is open are mutable here; the model exposes them read-only. */
export class ParsedItem implements Item {
	readonly type = 'item';
	marker: Marker;
	number: number;
	printed: string;
	span: Span;
	contentSpan: Span;
	firstLineSpan: Span;
	label: Label | undefined = undefined;
	readonly depth: number;
	list: ParsedList;
	readonly parent: ParsedItem | undefined;
	readonly children: ParsedItem[] = [];
	readonly section: Heading | undefined;
	readonly #src: ItemSource;
	#title: string | undefined = undefined;

	constructor(
		src: ItemSource, marker: Marker, number: number, printed: string, span: Span, contentSpan: Span, firstLineSpan: Span,
		depth: number, list: ParsedList, parent: ParsedItem | undefined, section: Heading | undefined,
	) {
		this.#src = src;
		this.marker = marker;
		this.number = number;
		this.printed = printed;
		this.span = span;
		this.contentSpan = contentSpan;
		this.firstLineSpan = firstLineSpan;
		this.depth = depth;
		this.list = list;
		this.parent = parent;
		this.section = section;
	}

	/** First sentence, at most 100 characters (computed once, on first use). */
	get title(): string {
		return (this.#title ??= itemTitle(this.#src, this.contentSpan, this.label));
	}

	/** The item's own text: its content without the label, trimmed (a new string on each use). */
	get text(): string {
		const text = this.#src.text;
		const { start, end } = this.contentSpan;
		const l = this.label;
		return (l ? text.slice(start, l.span.start) + text.slice(l.span.end, end) : text.slice(start, end)).trim();
	}
}

/** The title of the item whose own text is `content` (minus `label`): read from the text unless a blanked span reaches into it. */
function itemTitle(src: ItemSource, content: Span, label: Label | undefined): string {
	const { start, end } = content;
	const spans = src.spans;
	let read = src.text;
	if (spans.length > 0) {
		const k = firstEndingAfter(spans, start);
		if (k < spans.length && spans[k].start < end) read = src.masked;
	}
	if (label) return titleOf(read.slice(start, label.span.start) + read.slice(label.span.end, end));
	return titleOf(read, start, end);
}
