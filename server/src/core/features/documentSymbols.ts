/** The outline (textDocument/documentSymbol): title, headings by level, axes with their points, signatories. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { DeclDocument, Heading, Item, List, Span } from '../model';
import { throwIfCancelled, type CancellationToken, noopToken } from '../cancellation';
import { movedFrom } from '../parser/parse';

/** The outline of each document version, built once (the editor asks for it for the outline view, breadcrumbs and sticky scroll). */
const CACHE = new WeakMap<DeclDocument, DocumentSymbol[]>();
/** The symbol of each item (with its points), kept while the item lives: reparses reuse the items before a change. */
const ITEM_SYMBOLS = new WeakMap<Item, DocumentSymbol>();

/** The outline of `doc`. The array is shared by every caller of the same version: read it, do not change it. */
export function getDocumentSymbols(doc: DeclDocument, token: CancellationToken = noopToken): DocumentSymbol[] {
	let symbols = CACHE.get(doc);
	if (!symbols) {
		symbols = buildDocumentSymbols(doc, token);
		CACHE.set(doc, symbols);
	}
	return symbols;
}

function buildDocumentSymbols(doc: DeclDocument, token: CancellationToken): DocumentSymbol[] {
	const li = doc.lineIndex;
	const sym = (name: string, kind: SymbolKind, range: Span, selection: Span, detail?: string, children: DocumentSymbol[] = []): DocumentSymbol => {
		const start = Math.min(range.start, selection.start);
		const end = Math.max(range.end, selection.end);
		return { name: name.trim() || '(untitled)', detail, kind, range: li.toRange({ start, end }), selectionRange: li.toRange(selection), children };
	};

	const itemSymbol = (item: Item, depth: number): DocumentSymbol => {
		// an item object is shared by two versions only when the reparse reused it unchanged, with
		// the lines before the change: its symbol is the same too
		const known = ITEM_SYMBOLS.get(item);
		if (known) return known;
		// an item a reparse took over after the change, when no line was added or removed: its
		// lines and columns are the same, so is its symbol (the children are taken over with it)
		const moved = movedFrom(item);
		const before = moved && moved.lineDelta === 0 ? ITEM_SYMBOLS.get(moved.from) : undefined;
		const symbol = before && sameChildren(item, moved!.from) ? before : buildItemSymbol(item, depth);
		ITEM_SYMBOLS.set(item, symbol);
		return symbol;
	};
	const buildItemSymbol = (item: Item, depth: number): DocumentSymbol => {
		const name = `${item.printed} ${item.title}`;
		const selection = { start: item.firstLineSpan.start, end: Math.min(item.firstLineSpan.end, item.span.end) };
		const children = item.children.map((c) => itemSymbol(c, depth + 1));
		return sym(name, depth === 0 ? SymbolKind.EnumMember : SymbolKind.Field, item.span, selection, item.label ? `{#${item.label.name}}` : undefined, children);
	};

	const signatories = doc.signatories;
	const signatoriesSymbol = (): DocumentSymbol | undefined => {
		if (!signatories) return undefined;
		const children = signatories.names.map((s) => sym(s.name, SymbolKind.Constant, s.span, s.span));
		const selection = signatories.heading ? signatories.heading.nameSpan : signatories.span;
		return sym(`Signatories (${signatories.names.length})`, SymbolKind.Array, signatories.span, selection, signatories.heading && signatories.heading.text !== 'Signatories' ? signatories.heading.text : undefined, children);
	};

	// lists hang under the heading whose section holds them
	const listsBySection = new Map<Heading | undefined, List[]>();
	for (const list of doc.lists) {
		if (list.parentItem) continue;
		const key = list.section;
		const arr = listsBySection.get(key);
		if (arr) arr.push(list);
		else listsBySection.set(key, [list]);
	}

	const blockSymbols = (headings: readonly Heading[], section: Heading | undefined): DocumentSymbol[] => {
		throwIfCancelled(token);
		const blocks: { start: number; symbols: DocumentSymbol[] }[] = [];
		for (const h of headings) {
			if (signatories?.heading === h) {
				const s = signatoriesSymbol();
				if (s) blocks.push({ start: h.span.start, symbols: [s] });
				continue;
			}
			const name = h.text || h.slug || '(heading)';
			blocks.push({ start: h.span.start, symbols: [sym(name, SymbolKind.Namespace, h.sectionSpan, h.nameSpan, h.label ? `{#${h.label.name}}` : undefined, blockSymbols(h.children, h))] });
		}
		for (const list of listsBySection.get(section) ?? []) {
			if (signatories?.heading && signatories.heading === section) continue;
			blocks.push({ start: list.span.start, symbols: list.items.map((it) => itemSymbol(it, 0)) });
		}
		blocks.sort((a, b) => a.start - b.start);
		return blocks.flatMap((b) => b.symbols);
	};

	const out: DocumentSymbol[] = [];
	if (doc.title) {
		const d = doc.date;
		const detail = d ? [d.place, d.iso + (d.time ? ` ${d.time}` : '')].filter(Boolean).join(', ') : undefined;
		const range = doc.title.source === 'line' && doc.titleBlock ? doc.titleBlock : doc.title.span;
		out.push(sym(doc.title.text, SymbolKind.File, range, doc.title.span, detail));
	}
	out.push(...blockSymbols(doc.rootHeadings, undefined));
	if (signatories && !signatories.heading) {
		const s = signatoriesSymbol();
		if (s) out.push(s);
	}
	return out;
}

/** Whether every child of `item` was taken over from the same child of `from` (so the symbols of the children may be shared too). */
function sameChildren(item: Item, from: Item): boolean {
	if (item.children.length !== from.children.length) return false;
	for (let k = 0; k < item.children.length; k++) {
		const m = movedFrom(item.children[k]);
		if (!m || m.from !== from.children[k] || !sameChildren(item.children[k], from.children[k])) return false;
	}
	return true;
}
