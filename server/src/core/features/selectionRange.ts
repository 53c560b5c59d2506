/** Smart selection: word → sentence → item (and its outer items) → list → section(s) → document. */
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { DeclDocument, Span } from '../model';

const WORD = /[\p{L}\p{N}_'’-]/u;

export function getSelectionRanges(doc: DeclDocument, positions: readonly Position[]): SelectionRange[] {
	return positions.map((p) => selectionAt(doc, doc.lineIndex.offsetAt(p)));
}

function selectionAt(doc: DeclDocument, offset: number): SelectionRange {
	const text = doc.text;
	const spans: Span[] = [];
	// word
	let a = offset;
	let b = offset;
	while (a > 0 && WORD.test(text[a - 1])) a--;
	while (b < text.length && WORD.test(text[b])) b++;
	if (b > a) spans.push({ start: a, end: b });

	// the innermost block holding the offset: an item's own text, or a paragraph
	const items = doc.items.filter((it) => it.span.start <= offset && offset <= it.span.end);
	const inner = items[items.length - 1];
	const paragraph = doc.paragraphs.find((p) => p.span.start <= offset && offset <= p.span.end);
	const block = inner && offset >= inner.contentSpan.start && offset <= inner.contentSpan.end ? inner.contentSpan : paragraph?.span;
	if (block) {
		const s = sentenceAround(text, block, offset);
		// between sentences (in the spaces after a full stop) there is no sentence around the offset
		if (s && s.start <= offset && offset <= s.end) spans.push(s);
		spans.push(block);
	}
	for (let k = items.length - 1; k >= 0; k--) {
		spans.push(items[k].span);
		spans.push(items[k].list.span);
	}
	const headings = doc.headings.filter((h) => h.sectionSpan.start <= offset && offset <= h.sectionSpan.end);
	for (let k = headings.length - 1; k >= 0; k--) spans.push(headings[k].sectionSpan);
	spans.push({ start: 0, end: text.length });

	// strictly growing chain, innermost first
	const chain: Span[] = [];
	for (const s of spans) {
		const last = chain[chain.length - 1];
		if (!last || (s.start <= last.start && s.end >= last.end && (s.start < last.start || s.end > last.end))) chain.push(s);
	}
	let result: SelectionRange | undefined;
	for (let k = chain.length - 1; k >= 0; k--) result = { range: doc.lineIndex.toRange(chain[k]), parent: result };
	return result ?? { range: doc.lineIndex.toRange({ start: offset, end: offset }) };
}

/** The sentence of `block` around `offset`: between sentence ends (`.`, `;`, `!`, `?` followed by a space). */
function sentenceAround(text: string, block: Span, offset: number): Span | undefined {
	let start = block.start;
	for (let i = Math.min(offset, block.end) - 1; i > block.start; i--) {
		const c = text[i];
		if ((c === '.' || c === ';' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ' ') && i + 1 < offset) {
			start = i + 1;
			break;
		}
	}
	while (start < block.end && /\s/.test(text[start])) start++;
	let end = block.end;
	for (let i = Math.max(offset, start); i < block.end; i++) {
		const c = text[i];
		if ((c === '.' || c === ';' || c === '!' || c === '?') && (i + 1 >= block.end || /\s/.test(text[i + 1]))) {
			end = i + 1;
			break;
		}
	}
	return end > start ? { start, end } : undefined;
}
