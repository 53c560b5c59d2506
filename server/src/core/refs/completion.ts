/** Completion inside `[[…]]`: labels and slugs of the document, names of the other documents, labels of a named document. */
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { DeclDocument } from '../model';
import type { WorkspaceIndex } from '../workspace';
import { docRefs, workspaceRefs } from './analysis';
import { itemNoun, shownNumber } from './targets';

interface Context {
	/** Offset just after `[[`. */
	readonly open: number;
	/** The text typed between `[[` and the cursor. */
	readonly typed: string;
	/** Where the target written so far ends (the cursor, or further when editing inside `[[…]]`). */
	readonly targetEnd: number;
	/** True when `]]` follows on the line. */
	readonly closed: boolean;
}

const isTargetChar = (c: string): boolean => c !== ']' && c !== '[' && c !== '|' && c !== '\n' && c !== '\r';

/** The open `[[` before the cursor on its line, if the cursor is in the target part. */
function wikiContext(text: string, offset: number): Context | undefined {
	let i = offset;
	const limit = Math.max(0, offset - 300);
	while (i > limit) {
		const c = text[i - 1];
		if (c === '\n' || c === '\r' || c === ']' || c === '|') return undefined;
		if (c === '[') break;
		i--;
	}
	if (i < 2 || text[i - 1] !== '[' || text[i - 2] !== '[') return undefined;
	let e = offset;
	while (e < text.length && e - offset < 300 && isTargetChar(text[e])) e++;
	let closed = text.startsWith(']]', e);
	if (!closed && text[e] === '|') {
		let k = e;
		while (k < text.length && text[k] !== '\n' && text[k] !== '\r' && !text.startsWith(']]', k)) k++;
		closed = text.startsWith(']]', k);
	}
	return { open: i, typed: text.slice(i, offset), targetEnd: e, closed };
}

function subsequence(needle: string, hay: string): boolean {
	const n = needle.toLowerCase();
	const h = hay.toLowerCase();
	let j = 0;
	for (let i = 0; i < h.length && j < n.length; i++) if (h[i] === n[j]) j++;
	return j === n.length;
}

export function wikiCompletions(doc: DeclDocument, offset: number, index: WorkspaceIndex): CompletionItem[] | undefined {
	const ctx = wikiContext(doc.text, offset);
	if (!ctx) return undefined;
	const li = doc.lineIndex;
	const close = ctx.closed ? '' : ']]';
	const hash = ctx.typed.indexOf('#');
	const out: CompletionItem[] = [];
	if (hash >= 0) {
		// `[[#…` or `[[name#…`: the labels of this or of the named document
		const docName = ctx.typed.slice(0, hash).trim();
		const target = docName === '' ? doc : workspaceRefs(index).resolveDocument(docName, doc.uri);
		if (!target) return [];
		const range: Range = li.toRange({ start: ctx.open + hash + 1, end: ctx.targetEnd });
		labelItems(target, range, close, '', out);
		return out;
	}
	// editing the document part of `[[doc#label]]`: keep the label
	const hashAfter = doc.text.slice(offset, ctx.targetEnd).indexOf('#');
	const end = hashAfter >= 0 ? offset + hashAfter : ctx.targetEnd;
	const range: Range = li.toRange({ start: ctx.open, end });
	if (hashAfter < 0) labelItems(doc, range, close, '#', out);
	const ws = workspaceRefs(index);
	const typed = ctx.typed.trim();
	for (const uri of index.uris()) {
		if (uri === doc.uri) continue;
		const name = ws.nameFor(uri);
		if (typed && !subsequence(typed, name)) continue;
		const other = index.get(uri);
		out.push({
			label: name,
			kind: CompletionItemKind.File,
			detail: other?.title?.text ?? index.relativePath(uri),
			documentation: index.relativePath(uri),
			sortText: `2${name}`,
			textEdit: { range, newText: `${name}${hashAfter >= 0 ? '' : close}` },
		});
	}
	return out;
}

/** Labels first (with the item's number and title as detail), then heading slugs. */
function labelItems(target: DeclDocument, range: Range, close: string, prefix: string, out: CompletionItem[]): void {
	const refs = docRefs(target);
	for (const [name, t] of refs.labels.labels) {
		const detail = t.kind === 'item' ? `${itemNoun(t.item)} ${shownNumber(t.item)} — ${t.item.title}` : `Heading — ${t.heading.text}`;
		out.push({
			label: name,
			kind: CompletionItemKind.Reference,
			detail,
			sortText: `0${String(t.kind === 'item' ? t.item.marker.span.start : t.heading.span.start).padStart(10, '0')}`,
			filterText: `${prefix}${name}`,
			textEdit: { range, newText: `${prefix}${name}${close}` },
		});
	}
	for (const [slug, h] of refs.labels.slugs) {
		if (refs.labels.labels.has(slug)) continue;
		out.push({
			label: slug,
			kind: CompletionItemKind.Reference,
			detail: `Heading — ${h.text}`,
			sortText: `1${String(h.span.start).padStart(10, '0')}`,
			filterText: `${prefix}${slug}`,
			textEdit: { range, newText: `${prefix}${slug}${close}` },
		});
	}
}
