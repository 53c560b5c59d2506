/**
 * The model of one declaration document: a plain value built by `parseDocument` (parser/parse.ts).
 *
 * Every position in the model is a UTF-16 code-unit offset into `DeclDocument.text`
 * (JavaScript string indices). Conversion to LSP `{ line, character }` happens in one place
 * only: `LineIndex` in text.ts. Spans are half-open: `[start, end)`.
 */
import type { LineIndex, Line } from './text';

/** A half-open span of UTF-16 offsets: `text.slice(start, end)`. */
export interface Span {
	readonly start: number;
	readonly end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The stable diagnostic codes of FORMAT.md §10 (plus the few our features add). */
export type DiagnosticCode =
	| 'front-matter'
	| 'numbering-gap'
	| 'duplicate-label'
	| 'unresolved-reference'
	| 'ambiguous-reference'
	| 'duplicate-definition'
	| 'undefined-acronym'
	| 'unused-definition'
	| 'acronym-before-definition'
	| 'document-too-large';

export interface CoreDiagnostic {
	readonly span: Span;
	readonly severity: Severity;
	readonly code: DiagnosticCode;
	readonly message: string;
	/** `unnecessary` is shown faded (LSP DiagnosticTag.Unnecessary). */
	readonly unnecessary?: boolean;
	/** Data a quick fix needs (kept small and JSON-safe). */
	readonly data?: Record<string, unknown>;
}

/** `{#name}` written after a heading or an item. */
export interface Label {
	readonly name: string;
	/** The whole `{#name}`. */
	readonly span: Span;
	/** Just `name` inside the braces. */
	readonly nameSpan: Span;
}

export interface FrontMatter {
	/** From the opening `---` to the end of the closing `---` line (or to the end of the text when it is never closed). */
	readonly span: Span;
	/** The YAML between the fences. */
	readonly contentSpan: Span;
	/** True when a closing `---` was found. */
	readonly closed: boolean;
	/** The parsed mapping; `{}` when the YAML does not parse or is not a mapping. Unknown keys are kept. */
	readonly data: Readonly<Record<string, unknown>>;
	readonly title?: string;
	/** ISO 8601 date (`YYYY-MM-DD`) when `date` parses as one. */
	readonly date?: string;
	readonly issuer?: string;
	readonly place?: string;
	readonly lang?: string;
	readonly status?: string;
	readonly signatories?: readonly string[];
}

export interface DocumentTitle {
	readonly text: string;
	/** Where the title is written: the title line, or the value of `title:` in front matter. */
	readonly span: Span;
	readonly source: 'front-matter' | 'line';
}

export interface DocumentDate {
	/** `YYYY-MM-DD`. */
	readonly iso: string;
	/** `HH:MM` (24 h) when a time was written. */
	readonly time?: string;
	/** The date as written, e.g. `12/15/21 11:41 AM`. */
	readonly text: string;
	readonly span: Span;
	readonly place?: string;
	readonly source: 'front-matter' | 'line';
}

export type HeadingStyle = 'atx' | 'caps' | 'keyword' | 'short';

export type HeadingKeyword = 'part' | 'title' | 'chapter' | 'section' | 'article' | 'annex' | 'amendment';

export interface Heading {
	readonly type: 'heading';
	readonly style: HeadingStyle;
	/** Nesting depth in the outline, 1 = outermost. */
	depth: number;
	/** The heading text without `#` marks and without its label, e.g. `Text of Joint Actions`. */
	readonly text: string;
	/** The heading line(s) as written, e.g. `## Text of Joint Actions {#joint}`. */
	readonly span: Span;
	/** Just the text, e.g. `Text of Joint Actions`. */
	readonly nameSpan: Span;
	readonly label?: Label;
	/** `text-of-joint-actions`. */
	readonly slug: string;
	/** For keyword headings (`Article 4`, `Artigo 1.º`, `Статья 3`): the keyword kind and the number as written. */
	readonly keyword?: { readonly kind: HeadingKeyword; readonly word: string; readonly number: string; readonly value?: number };
	/** From the heading to the start of the next heading of the same or a higher level, trailing blank lines excluded. */
	sectionSpan: Span;
	parent?: Heading;
	readonly children: Heading[];
}

export type MarkerKind = 'bullet' | 'number' | 'letter' | 'roman' | 'upper-letter' | 'upper-roman';

export interface Marker {
	/** As written, e.g. `•`, `3.`, `(b)`, `iv)`. */
	readonly text: string;
	readonly kind: MarkerKind;
	/** `.` `)` `()` or `` for bullets. */
	readonly style: '.' | ')' | '()' | '';
	readonly span: Span;
	/** The explicit value (`7.` → 7, `(c)` → 3, `iv.` → 4); undefined for bullets. */
	readonly value?: number;
}

/**
 * An item. The parser's items (parser/item.ts) hold their offsets as numbers: `span`, `contentSpan`,
 * `firstLineSpan` and `marker` are built on each use (equal each time, not the same object), and
 * `title`, `printed` and `text` are read from the document's text on first use.
 */
export interface Item {
	readonly type: 'item';
	readonly marker: Marker;
	/** Explicit number, or the 1-based position in its list for a bullet. */
	readonly number: number;
	/** The number as printed in the outline, reached from the outer item: `3.`, `3(b)`, `3(b)(ii)`. */
	readonly printed: string;
	/** First sentence, at most 100 characters, cut at a word boundary with `…`. */
	readonly title: string;
	/** The item's own text (its lines joined, without the marker, the label, and its child items). */
	readonly text: string;
	/** From the marker to the end of the item's last line, child items included, trailing blank lines excluded. */
	readonly span: Span;
	/** The item's own text, from after the marker to the end of its own content (before its first child). */
	readonly contentSpan: Span;
	/** The first line of the item, marker included. */
	readonly firstLineSpan: Span;
	readonly label?: Label;
	/** 0 for an axis (a top-level item of its list), 1 for its points, … */
	readonly depth: number;
	readonly list: List;
	readonly parent?: Item;
	readonly children: Item[];
	/** The innermost heading whose section holds the item. */
	readonly section?: Heading;
}

export interface List {
	readonly type: 'list';
	readonly span: Span;
	/** Top-level items (axes when depth 0). */
	readonly items: Item[];
	/** The paragraph ending in `:` directly before the list. */
	readonly leadIn?: Paragraph;
	readonly section?: Heading;
	/** Set for a nested list: the item that holds it. */
	readonly parentItem?: Item;
	readonly ordered: boolean;
}

export interface Paragraph {
	readonly type: 'paragraph';
	readonly span: Span;
	/** Ends in `:` directly before a list. */
	readonly leadIn: boolean;
}

export interface Signatory {
	readonly name: string;
	readonly span: Span;
}

export interface Signatories {
	readonly source: 'section' | 'front-matter';
	readonly heading?: Heading;
	readonly span: Span;
	readonly names: readonly Signatory[];
}

/** The parsed document. A plain value: it never changes after `parseDocument` returns it. */
export interface DeclDocument {
	readonly uri: string;
	readonly version: number;
	readonly text: string;
	/** `text` with comments and front matter blanked out (spaces; line breaks kept): same length, same offsets. */
	readonly masked: string;
	readonly lineIndex: LineIndex;
	/** `lineIndex.lines`: the line objects are made on first use (the parser reads the lines' offsets, `LineIndex.table`). */
	readonly lines: readonly Line[];
	readonly comments: readonly Span[];
	readonly frontMatter?: FrontMatter;
	readonly title?: DocumentTitle;
	readonly date?: DocumentDate;
	/** Span of the title block (title line through the date line); words there are not taken for acronyms. */
	readonly titleBlock?: Span;
	/** Every heading in document order. */
	readonly headings: readonly Heading[];
	/** Headings of depth 1 (the others hang under them as `children`). */
	readonly rootHeadings: readonly Heading[];
	readonly paragraphs: readonly Paragraph[];
	/** Every list (nested ones too) in document order. */
	readonly lists: readonly List[];
	/** Every item in document order. */
	readonly items: readonly Item[];
	/** The list with the most top-level items (the first one on a tie). */
	readonly principalList?: List;
	readonly signatories?: Signatories;
	/** Diagnostics the parser finds: `front-matter`, `numbering-gap`, `duplicate-label`. */
	readonly diagnostics: readonly CoreDiagnostic[];
}
