/** Renders an outline as indented text, one symbol a line, for golden files and for people. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';

const KIND: Partial<Record<SymbolKind, string>> = {
	[SymbolKind.File]: 'title',
	[SymbolKind.Namespace]: 'heading',
	[SymbolKind.EnumMember]: 'axis',
	[SymbolKind.Field]: 'point',
	[SymbolKind.Array]: 'signatories',
	[SymbolKind.Constant]: 'signatory',
};

export function renderOutline(symbols: readonly DocumentSymbol[], indent = ''): string {
	let out = '';
	for (const s of symbols) {
		const lines = s.range.start.line === s.range.end.line ? `L${s.range.start.line + 1}` : `L${s.range.start.line + 1}-${s.range.end.line + 1}`;
		out += `${indent}${s.name}  [${KIND[s.kind] ?? s.kind}${s.detail ? ` ${s.detail}` : ''}] ${lines}\n`;
		if (s.children?.length) out += renderOutline(s.children, `${indent}  `);
	}
	return out;
}
