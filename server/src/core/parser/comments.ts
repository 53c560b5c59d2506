/** Drafting comments `<!-- … -->` (FORMAT.md §1). A comment may span lines; an unclosed one runs to the end. */
import type { Span } from '../model';

export function findComments(text: string, from: number): Span[] {
	const spans: Span[] = [];
	let i = text.indexOf('<!--', from);
	while (i >= 0) {
		const close = text.indexOf('-->', i + 4);
		const end = close < 0 ? text.length : close + 3;
		spans.push({ start: i, end });
		if (close < 0) break;
		i = text.indexOf('<!--', end);
	}
	return spans;
}
