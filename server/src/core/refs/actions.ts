/** Diagnostics of references (`unresolved-reference`) and the quick fixes: nearest labels, renumber a list, rename a duplicate label. */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { CoreDiagnostic, DeclDocument, Item, List, Span } from '../model';
import { markerBodyFor, markerFor } from '../parser/markers';
import type { WorkspaceIndex } from '../workspace';
import { docRefs, resolveWiki, workspaceRefs, type NaturalResult } from './analysis';
import type { NaturalRef, WikiRef } from './scan';

const CODE = 'unresolved-reference';

/** `unresolved-reference` warnings for wiki and natural references of one document. */
export function referenceDiagnostics(doc: DeclDocument, index: WorkspaceIndex, workspaceComplete = true): CoreDiagnostic[] {
	const refs = docRefs(doc);
	const out: CoreDiagnostic[] = [];
	for (const r of refs.wiki) {
		// a reference to another document is not checked while the workspace is still being indexed
		if (!workspaceComplete && r.docPart !== '' && !refs.wikiLocal.has(r)) continue;
		const res = resolveWiki(doc, r, index);
		if (res.status === 'resolved' && r.docPart !== '' && !refs.wikiLocal.has(r)) {
			const paths = workspaceComplete ? workspaceRefs(index).ambiguity(r.docPart, doc.uri) : undefined;
			if (paths) {
				const message = `\`${r.docPart}\` names ${paths.length} documents (${paths.join(', ')}): this reference goes to ${paths[0]}. Write the path to say which.`;
				out.push({ span: r.docSpan, severity: 'warning', code: 'ambiguous-reference', message, data: { kind: 'ambiguous', paths: [...paths] } });
			}
		}
		if (res.status !== 'unresolved') continue;
		out.push({ span: res.span, severity: 'warning', code: CODE, message: res.message, data: { kind: 'wiki', missing: res.missing, ref: r.span.start } });
	}
	// A document without items numbers nothing: its `point 3` is prose. `article N` is checked only
	// in documents that have `Article N` headings (elsewhere it usually names a treaty's article).
	if (doc.items.length === 0) return out;
	const hasArticles = refs.articles.size > 0;
	const middles = new Map<number, { span: Span; numbers: number[]; ref: NaturalRef }>();
	for (const r of refs.natural) {
		const res = refs.naturalResults.get(r);
		if (!res || res.kind !== 'unresolved' || res.container) continue;
		if (r.keyword === 'article' && !hasArticles) continue;
		if (r.inRange) {
			const m = middles.get(r.span.start);
			if (m) m.numbers.push(r.number);
			else middles.set(r.span.start, { span: r.span, numbers: [r.number], ref: r });
			continue;
		}
		out.push({ span: r.span, severity: 'warning', code: CODE, message: naturalMessage(doc, r), data: { kind: 'natural' } });
	}
	for (const m of middles.values()) {
		const noun = m.ref.keyword === 'section' ? '§' : m.ref.keyword;
		out.push({ span: m.span, severity: 'warning', code: CODE, message: `No ${noun} ${m.numbers.join(', ')} (inside the range ${doc.text.slice(m.span.start, m.span.end)}) in this document.`, data: { kind: 'natural' } });
	}
	return out;
}

function naturalMessage(doc: DeclDocument, r: NaturalRef): string {
	const written = `${r.keyword === 'section' ? '§' : r.keyword} ${r.number}${r.suffixes.map((s) => `(${s.text})`).join('')}`;
	const n = doc.principalList?.items.length ?? 0;
	if (r.suffixes.length === 0 && n > 0) return `No ${written} in this document: its principal list has ${n} ${n === 1 ? 'item' : 'items'}.`;
	return `No ${written} in this document.`;
}

// ---------------------------------------------------------------- quick fixes

function levenshtein(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
			cur.push(v);
			if (v < best) best = v;
		}
		if (best > max) return max + 1;
		prev = cur;
	}
	return prev[b.length];
}

/** The names nearest to `written` (at most 3), by edit distance, prefixes and substrings first. */
export function nearest(written: string, names: Iterable<string>, limit = 3): string[] {
	const w = written.toLowerCase();
	const max = Math.max(2, Math.ceil(w.length * 0.5));
	const scored: { name: string; d: number }[] = [];
	for (const name of names) {
		const n = name.toLowerCase();
		if (n === w) continue;
		let d = levenshtein(w, n, max);
		if (w.length >= 3 && (n.startsWith(w) || w.startsWith(n) || n.includes(w))) d = Math.min(d, 1);
		if (d <= max) scored.push({ name, d });
	}
	scored.sort((a, b) => a.d - b.d || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
	return scored.slice(0, limit).map((s) => s.name);
}

function labelNames(doc: DeclDocument): string[] {
	const l = docRefs(doc).labels;
	return [...l.labels.keys(), ...[...l.slugs.keys()].filter((s) => !l.labels.has(s))];
}

function unresolvedFixes(doc: DeclDocument, d: Diagnostic, index: WorkspaceIndex): CodeAction[] {
	const span = doc.lineIndex.toSpan(d.range);
	const ref = docRefs(doc).wiki.find((r: WikiRef) => r.span.start <= span.start && span.end <= r.span.end);
	if (!ref) return [];
	const res = resolveWiki(doc, ref, index);
	if (res.status !== 'unresolved') return [];
	const written = doc.text.slice(res.span.start, res.span.end);
	let names: string[] = [];
	if (res.missing === 'label' && res.doc) names = labelNames(res.doc);
	const docNames = (): string[] => {
		const ws = workspaceRefs(index);
		return index.uris().filter((u) => u !== doc.uri).map((u) => ws.nameFor(u));
	};
	if (res.missing === 'document') names = docNames();
	if (res.missing === 'label-or-document') names = [...labelNames(doc), ...docNames()];
	return nearest(written, names).map((name, i) => ({
		title: `Change to ${res.missing === 'document' ? name : `[[${ref.hash ? `${ref.docPart}#` : ''}${name}]]`}`,
		kind: CodeActionKind.QuickFix,
		diagnostics: [d],
		isPreferred: i === 0,
		edit: { changes: { [doc.uri]: [{ range: doc.lineIndex.toRange(res.span), newText: name }] } },
	}));
}

/** "Write `path`" for each document an ambiguous document name fits, the one it resolves to first. */
function ambiguityFixes(d: Diagnostic, uri: string): CodeAction[] {
	const paths = (d.data as { paths?: unknown } | undefined)?.paths;
	if (!Array.isArray(paths)) return [];
	return paths.filter((p): p is string => typeof p === 'string').map((path, i) => ({
		title: `Write ${path}`,
		kind: CodeActionKind.QuickFix,
		diagnostics: [d],
		isPreferred: i === 0,
		edit: { changes: { [uri]: [{ range: d.range, newText: path }] } },
	}));
}

function markerText(item: Item, value: number): string {
	return markerFor(item.marker.kind, item.marker.style, value);
}

/**
 * "Renumber this list": the list's items of the first item's kind get consecutive numbers from the
 * first one; natural references of the document that resolved to a renumbered item (by number or
 * by a sub-point suffix) are rewritten to its new number in the same edit.
 */
export function renumberEdits(doc: DeclDocument, list: List): TextEdit[] {
	const items = list.items.filter((it) => it.marker.value !== undefined && it.marker.kind !== 'bullet');
	if (items.length === 0) return [];
	const kind = items[0].marker.kind;
	const changed = new Map<Item, number>();
	const edits: { span: Span; text: string }[] = [];
	let expected = items[0].marker.value as number;
	for (const it of items) {
		if (it.marker.kind !== kind) continue;
		if (it.marker.value !== expected) {
			changed.set(it, expected);
			edits.push({ span: it.marker.span, text: markerText(it, expected) });
		}
		expected++;
	}
	if (changed.size === 0) return [];
	const refs = docRefs(doc);
	for (const r of refs.natural) {
		const res: NaturalResult | undefined = refs.naturalResults.get(r);
		if (!res || res.kind !== 'item' || r.inRange || !r.digitsSpan) continue;
		// the chain: the item the digits designate, then one item per suffix
		const chain: Item[] = [];
		let cur: Item | undefined = res.item;
		for (let k = 0; k <= r.suffixes.length && cur; k++) {
			chain.unshift(cur);
			cur = cur.parent;
		}
		if (chain.length !== r.suffixes.length + 1) continue;
		const top = changed.get(chain[0]);
		if (top !== undefined) edits.push({ span: r.digitsSpan, text: String(top) });
		r.suffixes.forEach((s, i) => {
			const v = changed.get(chain[i + 1]);
			if (v === undefined) return;
			const body = markerBodyFor(chain[i + 1].marker.kind, v);
			edits.push({ span: s.span, text: `(${s.text === s.text.toUpperCase() && /[a-z]/i.test(s.text) ? body.toUpperCase() : body})` });
		});
	}
	edits.sort((a, b) => a.span.start - b.span.start);
	// a reference that overlaps a marker (`point\n2.`: the reference's digits are the next item's marker)
	// is left as it is: overlapping edits would be rejected or misapplied by the editor (issue 8)
	const kept: typeof edits = [];
	for (const e of edits) {
		const last = kept[kept.length - 1];
		if (last && e.span.start < last.span.end) {
			if (!changedMarker(changed, e.span) || changedMarker(changed, last.span)) continue;
			kept.pop();
		}
		kept.push(e);
	}
	return kept.map((e) => ({ range: doc.lineIndex.toRange(e.span), newText: e.text }));
}

function changedMarker(changed: ReadonlyMap<Item, number>, span: Span): boolean {
	for (const it of changed.keys()) if (it.marker.span.start === span.start && it.marker.span.end === span.end) return true;
	return false;
}

function listAt(doc: DeclDocument, d: Diagnostic): List | undefined {
	const data = d.data as { list?: unknown } | undefined;
	if (data && typeof data.list === 'number') {
		const l = doc.lists.find((x) => x.items[0]?.marker.span.start === data.list);
		if (l) return l;
	}
	const o = doc.lineIndex.offsetAt(d.range.start);
	const it = doc.items.find((x) => x.marker.span.start === o);
	return it?.list;
}

function duplicateLabelFix(doc: DeclDocument, d: Diagnostic): CodeAction[] {
	const span = doc.lineIndex.toSpan(d.range);
	const written = doc.text.slice(span.start, span.end);
	const m = /^\{#([^}]*)\}$/u.exec(written);
	if (!m) return [];
	const taken = docRefs(doc).labels;
	let i = 2;
	while (taken.labels.has(`${m[1]}-${i}`) || taken.slugs.has(`${m[1]}-${i}`)) i++;
	const name = `${m[1]}-${i}`;
	return [{
		title: `Rename this label to {#${name}}`,
		kind: CodeActionKind.QuickFix,
		diagnostics: [d],
		edit: { changes: { [doc.uri]: [{ range: doc.lineIndex.toRange({ start: span.start + 2, end: span.end - 1 }), newText: name }] } },
	}];
}

export function referenceCodeActions(doc: DeclDocument, diagnostics: readonly Diagnostic[], index: WorkspaceIndex): CodeAction[] {
	const out: CodeAction[] = [];
	const renumbered = new Set<List>();
	for (const d of diagnostics) {
		if (d.source !== undefined && d.source !== 'declaration') continue;
		if (d.code === CODE) out.push(...unresolvedFixes(doc, d, index));
		else if (d.code === 'numbering-gap') {
			const list = listAt(doc, d);
			if (!list || renumbered.has(list)) continue;
			renumbered.add(list);
			const edits = renumberEdits(doc, list);
			if (edits.length > 0) out.push({ title: 'Renumber this list', kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [doc.uri]: edits } } });
		} else if (d.code === 'duplicate-label') out.push(...duplicateLabelFix(doc, d));
		else if (d.code === 'ambiguous-reference') out.push(...ambiguityFixes(d, doc.uri));
	}
	return out;
}
