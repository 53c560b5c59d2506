/** Folding ranges: sections, lists, multi-line items, front matter and comments. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { DeclDocument, Span } from '../model';

export function getFoldingRanges(doc: DeclDocument): FoldingRange[] {
	const li = doc.lineIndex;
	const ranges: FoldingRange[] = [];
	const seen = new Set<string>();
	const add = (span: Span, kind?: FoldingRangeKind): void => {
		const startLine = li.positionAt(span.start).line;
		const endLine = li.positionAt(span.end).line;
		if (endLine <= startLine) return;
		const key = `${startLine}:${endLine}`;
		if (seen.has(key)) return;
		seen.add(key);
		ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
	};
	if (doc.frontMatter) add(doc.frontMatter.span, FoldingRangeKind.Region);
	for (const c of doc.comments) add(c, FoldingRangeKind.Comment);
	for (const h of doc.headings) add(h.sectionSpan);
	for (const l of doc.lists) add(l.span);
	for (const it of doc.items) add(it.span);
	if (doc.signatories && doc.signatories.source === 'section') add(doc.signatories.span);
	return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
