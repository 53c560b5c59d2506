/** What stands at a position (a reference, a label, a marker, a first line, a heading) and how targets are shown. */
import type { Location, Range } from 'vscode-languageserver-types';
import type { DeclDocument, Heading, Item, Span } from '../model';
import type { WorkspaceIndex } from '../workspace';
import { docRefs, refsAt, resolveRef, type LocalTarget, type Ref, type Resolution, type Target } from './analysis';

export interface AtPosition {
	/** The references under the cursor (several for the middle of a range such as `2-5`). */
	readonly refs: readonly Ref[];
	/** What they resolve to, in the same order. */
	readonly resolutions: readonly Resolution[];
}

/** The references at `offset` with their resolutions, or undefined when there is none. */
export function refsAtOffset(doc: DeclDocument, offset: number, index: WorkspaceIndex): AtPosition | undefined {
	const refs = refsAt(docRefs(doc), offset);
	if (refs.length === 0) return undefined;
	return { refs, resolutions: refs.map((r) => resolveRef(doc, r, index)) };
}

function inSpan(s: Span | undefined, o: number): boolean {
	return s !== undefined && s.start <= o && o <= s.end;
}

/** The item or heading whose label `{#name}` holds the offset. */
export function labelAt(doc: DeclDocument, offset: number): LocalTarget | undefined {
	for (const it of itemsNear(doc, offset)) if (inSpan(it.label?.span, offset)) return { kind: 'item', item: it };
	for (const h of doc.headings) if (inSpan(h.label?.span, offset)) return { kind: 'heading', heading: h };
	return undefined;
}

/** Items whose span holds the offset (binary search on the items in document order, then its ancestors). */
function itemsNear(doc: DeclDocument, offset: number): Item[] {
	const items = doc.items;
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (items[mid].marker.span.start <= offset) lo = mid + 1;
		else hi = mid;
	}
	const out: Item[] = [];
	for (let it: Item | undefined = items[lo - 1]; it; it = it.parent) if (it.span.start <= offset && offset <= it.span.end) out.push(it);
	// a label written at the end of the item may sit after the end of its last child
	if (lo - 1 >= 0 && out.length === 0) out.push(items[lo - 1]);
	return out;
}

/** The item whose marker holds the offset. */
export function markerAt(doc: DeclDocument, offset: number): Item | undefined {
	for (const it of itemsNear(doc, offset)) if (inSpan(it.marker.span, offset)) return it;
	return undefined;
}

/** The item whose first line holds the offset. */
export function firstLineAt(doc: DeclDocument, offset: number): Item | undefined {
	for (const it of itemsNear(doc, offset)) if (inSpan(it.firstLineSpan, offset)) return it;
	return undefined;
}

export function headingAt(doc: DeclDocument, offset: number): Heading | undefined {
	for (const h of doc.headings) if (inSpan(h.span, offset)) return h;
	return undefined;
}

/**
 * What the cursor designates as a target for references, highlights and lenses: a reference's
 * targets, a label, a marker, an item's first line, a heading line. `undefined` when none.
 */
export function targetsAt(doc: DeclDocument, offset: number, index: WorkspaceIndex): { targets: Target[]; fromRef: boolean } | undefined {
	const at = refsAtOffset(doc, offset, index);
	if (at) return { targets: at.resolutions.flatMap((r) => (r.status === 'resolved' ? [r.target] : [])), fromRef: true };
	const label = labelAt(doc, offset);
	if (label) return { targets: [{ ...label, doc }], fromRef: false };
	const marker = markerAt(doc, offset);
	if (marker) return { targets: [{ kind: 'item', item: marker, doc }], fromRef: false };
	const first = firstLineAt(doc, offset);
	if (first) return { targets: [{ kind: 'item', item: first, doc }], fromRef: false };
	const h = headingAt(doc, offset);
	if (h) return { targets: [{ kind: 'heading', heading: h, doc }], fromRef: false };
	return undefined;
}

/** The range to go to for a target: an item's first line, a heading line, the start of a document. */
export function targetSpan(t: Target): Span {
	if (t.kind === 'item') return t.item.firstLineSpan;
	if (t.kind === 'heading') return t.heading.span;
	return { start: 0, end: 0 };
}

export function targetLocation(t: Target): Location {
	return { uri: t.doc.uri, range: t.doc.lineIndex.toRange(targetSpan(t)) };
}

/** The declaration of a target: its label, else its marker (items) or its name (headings). */
export function declarationSpan(t: Target): Span | undefined {
	if (t.kind === 'item') return t.item.label?.span ?? t.item.marker.span;
	if (t.kind === 'heading') return t.heading.label?.span ?? t.heading.nameSpan;
	return undefined;
}

/** The clickable range of a reference: the whole `[[…]]`, or the number of a natural reference. */
export function refSpan(r: Ref): Span {
	return r.span;
}

export function rangeOf(doc: DeclDocument, s: Span): Range {
	return doc.lineIndex.toRange(s);
}

/** `3.` → `3`, `3(b)` → `3(b)`. */
export function shownNumber(item: Item): string {
	return item.printed.replace(/\.$/, '');
}

export function itemNoun(item: Item): string {
	return item.depth === 0 ? 'Axis' : 'Point';
}

export function targetKey(t: Target): string {
	if (t.kind === 'item') return `${t.doc.uri}#i${t.item.marker.span.start}`;
	if (t.kind === 'heading') return `${t.doc.uri}#h${t.heading.span.start}`;
	return t.doc.uri;
}

/** A short description: `Axis 3 — For public housing and rent control`. */
export function describe(t: Target): string {
	if (t.kind === 'item') return `${itemNoun(t.item)} ${shownNumber(t.item)} — ${t.item.title}`;
	if (t.kind === 'heading') return t.heading.text;
	return t.doc.title?.text ?? '';
}
