/**
 * The invariants of issue 8, as plain functions that throw an AssertionError naming what broke.
 * Shared by the property tests (test/unit/prop-*.test.ts) and the fuzz run (test/fuzz/run.ts).
 */
import { strict as assert } from 'node:assert';
import type { DocumentSymbol, Position, Range, SelectionRange, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { DeclDocument, Heading, Item, Span } from '../../server/src/core/model';
import { parseDocument } from '../../server/src/core/parser/parse';
import { DeclarationService } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/text';

// ------------------------------------------------------------------ the model

function isSpanLike(v: unknown): v is Span {
	return typeof v === 'object' && v !== null && typeof (v as Span).start === 'number' && typeof (v as Span).end === 'number';
}

/** Every `{ start, end }` reachable from the model (parents and lists visited once), with its path. */
export function allSpans(doc: DeclDocument): { path: string; span: Span }[] {
	const out: { path: string; span: Span }[] = [];
	const seen = new Set<unknown>();
	const walk = (v: unknown, path: string): void => {
		if (typeof v !== 'object' || v === null || seen.has(v)) return;
		seen.add(v);
		if (v instanceof LineIndex) return; // checked through doc.lines
		if (isSpanLike(v)) out.push({ path, span: v });
		if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
		else for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
	};
	walk(doc, 'doc');
	return out;
}

function inside(inner: Span, outer: Span): boolean {
	return outer.start <= inner.start && inner.end <= outer.end;
}

const show = (s: Span): string => `[${s.start},${s.end})`;

/** Model invariants: every span inside the text with start ≤ end; nesting; item text; masking. */
export function checkModel(doc: DeclDocument): void {
	const n = doc.text.length;
	for (const { path, span } of allSpans(doc)) {
		assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${path}: non-integer span ${show(span)}`);
		assert.ok(0 <= span.start && span.start <= span.end && span.end <= n, `${path}: span ${show(span)} outside [0,${n}] or reversed`);
	}
	// lines tile the text
	let at = 0;
	for (const [i, l] of doc.lines.entries()) {
		assert.equal(l.index, i);
		assert.equal(l.start, at, `line ${i} starts where the previous one ended`);
		assert.ok(l.start <= l.end && l.end <= l.next, `line ${i} ordered`);
		at = l.next;
	}
	assert.equal(at, n, 'lines cover the text');
	// masking keeps offsets and line breaks
	assert.equal(doc.masked.length, n, 'masked text has the same length');
	for (let i = 0; i < n; i++) {
		const c = doc.text.charCodeAt(i);
		if (c === 10 || c === 13) assert.equal(doc.masked.charCodeAt(i), c, `masked keeps the line break at ${i}`);
	}
	// headings: name inside span inside section; children inside parents
	const checkHeading = (h: Heading, parent: Heading | undefined): void => {
		assert.ok(inside(h.nameSpan, h.span) || h.nameSpan.start === h.nameSpan.end, `heading ${JSON.stringify(h.text)}: name ${show(h.nameSpan)} inside ${show(h.span)}`);
		assert.ok(inside(h.span, h.sectionSpan), `heading ${JSON.stringify(h.text)}: span inside section`);
		if (parent) {
			assert.equal(h.parent, parent, 'heading parent pointer');
			assert.ok(inside(h.sectionSpan, parent.sectionSpan), `heading ${JSON.stringify(h.text)} ${show(h.sectionSpan)} inside its parent ${JSON.stringify(parent.text)} ${show(parent.sectionSpan)}`);
			assert.equal(h.depth, parent.depth + 1, 'heading depth');
		}
		if (h.label) assert.ok(inside(h.label.nameSpan, h.label.span) && inside(h.label.span, h.span), 'heading label inside heading');
		for (const c of h.children) checkHeading(c, h);
	};
	for (const h of doc.rootHeadings) checkHeading(h, undefined);
	for (let k = 1; k < doc.headings.length; k++) assert.ok(doc.headings[k - 1].span.start < doc.headings[k].span.start, 'headings in document order');
	// items
	const checkItem = (it: Item): void => {
		const where = `item ${it.printed} at ${it.span.start}`;
		assert.equal(it.marker.span.start, it.span.start, `${where}: starts at its marker`);
		assert.equal(doc.text.slice(it.marker.span.start, it.marker.span.end), it.marker.text, `${where}: marker text`);
		assert.ok(it.marker.span.end <= it.contentSpan.start, `${where}: content after the marker`);
		assert.ok(inside(it.contentSpan, it.span), `${where}: content ${show(it.contentSpan)} inside ${show(it.span)}`);
		assert.ok(inside(it.firstLineSpan, it.span) || it.firstLineSpan.start === it.span.start, `${where}: first line`);
		assert.ok(inside(it.span, it.list.span), `${where}: inside its list ${show(it.list.span)}`);
		if (it.label) {
			assert.ok(inside(it.label.span, it.contentSpan), `${where}: label ${show(it.label.span)} inside content ${show(it.contentSpan)}`);
			assert.equal(doc.text.slice(it.label.nameSpan.start, it.label.nameSpan.end), it.label.name, `${where}: label name`);
		}
		// the item's text is exactly the slice its contentSpan covers, minus its label, trimmed
		const raw = doc.text.slice(it.contentSpan.start, it.contentSpan.end);
		const minusLabel = it.label ? raw.slice(0, it.label.span.start - it.contentSpan.start) + raw.slice(it.label.span.end - it.contentSpan.start) : raw;
		assert.equal(it.text, minusLabel.trim(), `${where}: text equals its contentSpan minus its label`);
		assert.ok(it.title.length <= 100, `${where}: title at most 100 characters`);
		for (const c of it.children) {
			assert.equal(c.parent, it, `${where}: child parent pointer`);
			assert.equal(c.depth, it.depth + 1, `${where}: child depth`);
			assert.ok(inside(c.span, it.span), `${where}: child ${c.printed} ${show(c.span)} inside ${show(it.span)}`);
			assert.ok(c.span.start >= it.contentSpan.end, `${where}: child ${c.printed} after the item's own text`);
		}
		for (let k = 1; k < it.children.length; k++) assert.ok(it.children[k - 1].span.end <= it.children[k].span.start, `${where}: children do not overlap`);
	};
	for (const it of doc.items) checkItem(it);
	for (let k = 1; k < doc.items.length; k++) assert.ok(doc.items[k - 1].span.start < doc.items[k].span.start, 'items in document order');
	for (const l of doc.lists) for (let k = 1; k < l.items.length; k++) assert.ok(l.items[k - 1].span.end <= l.items[k].span.start, 'list items do not overlap');
	if (doc.principalList) assert.ok(doc.lists.includes(doc.principalList), 'principal list is one of the lists');
}

/** A canonical, acyclic image of the model: equal images mean equal parses (uri and version left out). */
export function snapshot(doc: DeclDocument): string {
	const ids = new Map<object, string>();
	doc.headings.forEach((h, i) => ids.set(h, `heading#${i}`));
	doc.items.forEach((it, i) => ids.set(it, `item#${i}`));
	doc.lists.forEach((l, i) => ids.set(l, `list#${i}`));
	doc.paragraphs.forEach((p, i) => ids.set(p, `paragraph#${i}`));
	const top = new Set<object>([doc]);
	const ref = (k: string, v: unknown): unknown => {
		if (k === 'uri' || k === 'version' || k === 'lineIndex') return undefined;
		if (typeof v === 'object' && v !== null && ids.has(v) && !top.has(v)) return ids.get(v);
		return v;
	};
	const plain = {
		...doc,
		headings: doc.headings.map((h) => ({ ...h, parent: h.parent && ids.get(h.parent), children: h.children.map((c) => ids.get(c)) })),
		rootHeadings: doc.rootHeadings.map((h) => ids.get(h)),
		items: doc.items.map((it) => ({ type: it.type, marker: it.marker, number: it.number, printed: it.printed, title: it.title, text: it.text, span: it.span, contentSpan: it.contentSpan, firstLineSpan: it.firstLineSpan, label: it.label, depth: it.depth, list: ids.get(it.list), parent: it.parent && ids.get(it.parent), children: it.children.map((c) => ids.get(c)), section: it.section && ids.get(it.section) })),
		lists: doc.lists.map((l) => ({ ...l, items: l.items.map((c) => ids.get(c)), leadIn: l.leadIn && ids.get(l.leadIn), section: l.section && ids.get(l.section), parentItem: l.parentItem && ids.get(l.parentItem) })),
		principalList: doc.principalList && ids.get(doc.principalList),
		signatories: doc.signatories && { ...doc.signatories, heading: doc.signatories.heading && ids.get(doc.signatories.heading) },
	};
	return JSON.stringify(plain, ref);
}

// ------------------------------------------------------------------ LSP answers

/** A position is valid when its line exists and its character is within that line (line break excluded). */
export function checkPosition(li: LineIndex, p: Position, what: string): void {
	assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: integer position ${JSON.stringify(p)}`);
	assert.ok(p.line >= 0 && p.line < li.lineCount, `${what}: line ${p.line} outside 0..${li.lineCount - 1}`);
	const line = li.lines[p.line];
	assert.ok(p.character >= 0 && p.character <= line.end - line.start, `${what}: character ${p.character} past the end of line ${p.line} (${line.end - line.start})`);
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

export function checkRange(li: LineIndex, r: Range, what: string): void {
	checkPosition(li, r.start, `${what}.start`);
	checkPosition(li, r.end, `${what}.end`);
	assert.ok(before(r.start, r.end), `${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
}

function rangeInside(inner: Range, outer: Range): boolean {
	return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function checkSymbols(li: LineIndex, symbols: readonly DocumentSymbol[], parent: DocumentSymbol | undefined): void {
	for (const s of symbols) {
		const what = `symbol ${JSON.stringify(s.name)}`;
		checkRange(li, s.range, what);
		checkRange(li, s.selectionRange, `${what}.selectionRange`);
		assert.ok(rangeInside(s.selectionRange, s.range), `${what}: selectionRange inside range`);
		assert.ok(s.name.trim().length > 0, `${what}: a name that is not blank`);
		if (parent) assert.ok(rangeInside(s.range, parent.range), `${what} ${JSON.stringify(s.range)} inside its parent ${JSON.stringify(parent.name)} ${JSON.stringify(parent.range)}`);
		checkSymbols(li, s.children ?? [], s);
	}
}

function checkSelectionChain(li: LineIndex, sel: SelectionRange, at: Position): void {
	let r: SelectionRange | undefined = sel;
	let prev: Range | undefined;
	assert.ok(rangeInside({ start: at, end: at }, sel.range) || !sel.parent, `innermost selection ${JSON.stringify(sel.range)} holds the position ${JSON.stringify(at)}`);
	let guard = 0;
	while (r) {
		checkRange(li, r.range, 'selection range');
		if (prev) {
			assert.ok(rangeInside(prev, r.range), `selection chain grows: ${JSON.stringify(prev)} inside ${JSON.stringify(r.range)}`);
			assert.notDeepEqual(prev, r.range, 'selection chain grows strictly');
		}
		prev = r.range;
		r = r.parent;
		assert.ok(++guard < 10_000, 'selection chain ends');
	}
}

/** Asks the service for everything a document can be asked and checks every range it returns. */
export function checkService(service: DeclarationService, uri: string, probes: readonly Position[]): void {
	const doc = service.index.get(uri);
	assert.ok(doc, 'the document is indexed');
	const li = doc.lineIndex;
	checkSymbols(li, service.getDocumentSymbols(uri), undefined);
	for (const f of service.getFoldingRanges(uri)) {
		assert.ok(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < li.lineCount, `folding ${JSON.stringify(f)} inside 0..${li.lineCount - 1}`);
	}
	const sels = service.getSelectionRanges(uri, probes);
	assert.equal(sels.length, probes.length, 'one selection range per position');
	sels.forEach((s, i) => checkSelectionChain(li, s, clampPosition(li, probes[i])));
	const diagnostics = service.getDiagnostics(uri);
	for (const d of diagnostics) {
		checkRange(li, d.range, `diagnostic ${d.code}`);
		assert.equal(d.source, 'declaration');
		assert.ok(typeof d.code === 'string' && d.message.length > 0, 'diagnostic code and message');
	}
	for (const a of service.getAxes(uri).axes) {
		checkRange(li, a.range, `axis ${a.number}`);
		checkRange(li, a.selectionRange, `axis ${a.number}.selectionRange`);
	}
	for (const l of service.getDocumentLinks(uri)) checkRange(li, l.range, 'document link');
	for (const l of service.getCodeLenses(uri)) checkRange(li, l.range, 'code lens');
	const whole: Range = { start: { line: 0, character: 0 }, end: li.positionAt(doc.text.length) };
	for (const h of service.getInlayHints(uri, whole)) checkPosition(li, h.position, 'inlay hint');
	for (const p of probes) {
		const hover = service.getHover(uri, p);
		if (hover?.range) checkRange(li, hover.range, 'hover');
		const locations = [...(service.getDefinition(uri, p) ?? []), ...service.getReferences(uri, p, true)];
		for (const loc of locations) {
			const target = service.index.get(loc.uri);
			assert.ok(target, `location in an indexed document: ${loc.uri}`);
			checkRange(target.lineIndex, loc.range, 'location');
		}
		for (const h of service.getDocumentHighlights(uri, p)) checkRange(li, h.range, 'highlight');
		try {
			const pr = service.prepareRename(uri, p);
			if (pr) checkRange(li, pr.range, 'prepareRename');
		} catch (e) {
			if ((e as Error).constructor.name !== 'RenameRefusal') throw e;
		}
		service.getCompletions(uri, p);
	}
	service.getWorkspaceSymbols('');
}

export function clampPosition(li: LineIndex, p: Position): Position {
	return li.positionAt(li.offsetAt(p));
}

// ------------------------------------------------------------------ proposed edits

/**
 * The text edits of a WorkspaceEdit, by URI (`changes` and `documentChanges`), and the files it
 * creates. A proposed edit never deletes or renames a file; it may create one (a new glossary) only
 * with `ignoreIfExists` (never overwriting), only a declaration file inside a workspace folder.
 */
export function editsOf(edit: WorkspaceEdit, folders: readonly string[] = []): { byUri: Map<string, TextEdit[]>; created: Set<string> } {
	const byUri = new Map<string, TextEdit[]>();
	const created = new Set<string>();
	const add = (uri: string, edits: readonly TextEdit[]): void => {
		const list = byUri.get(uri) ?? [];
		list.push(...edits);
		byUri.set(uri, list);
	};
	for (const [uri, edits] of Object.entries(edit.changes ?? {})) add(uri, edits);
	for (const dc of edit.documentChanges ?? []) {
		if ('textDocument' in dc) {
			add(dc.textDocument.uri, dc.edits);
			continue;
		}
		assert.equal(dc.kind, 'create', `a proposed edit never deletes or renames files: ${JSON.stringify(dc)}`);
		assert.ok(dc.options?.ignoreIfExists === true && !dc.options.overwrite, `a proposed file creation never overwrites: ${JSON.stringify(dc)}`);
		assert.ok(/\.(?:decl|declaration)$/.test(dc.uri), `a proposed file creation makes a declaration document: ${dc.uri}`);
		assert.ok(folders.some((f) => dc.uri.startsWith(f)), `a proposed file creation stays inside a workspace folder: ${dc.uri}`);
		created.add(dc.uri);
	}
	return { byUri, created };
}

/**
 * Applies `edits` to `text` the way an editor does, after checking that every range is valid,
 * splits neither a CRLF nor a surrogate pair, and that no two ranges overlap. Returns the new text,
 * and checks that every character outside the named ranges is kept, in order.
 */
export function applyChecked(text: string, edits: readonly TextEdit[], what: string): string {
	const li = LineIndex.of(text);
	const spans = edits.map((e, i) => {
		checkRange(li, e.range, `${what} edit ${i}`);
		const start = li.offsetAt(e.range.start);
		const end = li.offsetAt(e.range.end);
		for (const o of [start, end]) {
			const hi = text.charCodeAt(o - 1);
			const lo = text.charCodeAt(o);
			assert.ok(!(hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff), `${what} edit ${i}: splits a surrogate pair at ${o}`);
		}
		assert.equal(typeof e.newText, 'string', `${what} edit ${i}: newText`);
		return { start, end, newText: e.newText, i };
	});
	const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
	for (let k = 1; k < sorted.length; k++) {
		const a = sorted[k - 1];
		const b = sorted[k];
		assert.ok(a.end <= b.start && !(a.start === a.end && b.start === b.end && a.start === b.start), `${what}: edits ${a.i} ${show(a)} and ${b.i} ${show(b)} overlap`);
	}
	let out = '';
	let last = 0;
	const kept: [number, number, number][] = []; // [original start, original end, offset in out]
	for (const s of sorted) {
		kept.push([last, s.start, out.length]);
		out += text.slice(last, s.start);
		out += s.newText;
		last = s.end;
	}
	kept.push([last, text.length, out.length]);
	out += text.slice(last);
	for (const [a, b, at] of kept) assert.equal(out.slice(at, at + b - a), text.slice(a, b), `${what}: text outside the edits is kept`);
	return out;
}

/** Checks every WorkspaceEdit against the documents it names; returns the edited texts. */
export function checkWorkspaceEdit(service: DeclarationService, edit: WorkspaceEdit, what: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const dc of edit.documentChanges ?? []) {
		if (!('textDocument' in dc) || dc.textDocument.version == null) continue;
		assert.equal(dc.textDocument.version, service.index.get(dc.textDocument.uri)?.version, `${what}: edits the current version of ${dc.textDocument.uri}`);
	}
	const { byUri, created } = editsOf(edit, service.index.folders);
	for (const [uri, edits] of byUri) {
		const doc = service.index.get(uri);
		assert.ok(doc || created.has(uri), `${what}: edits a document the index knows or the edit creates (${uri})`);
		const text = doc?.text ?? '';
		const next = applyChecked(text, edits, `${what} in ${uri}`);
		checkModel(parseDocument(uri, (doc?.version ?? 0) + 1, next));
		out.set(uri, next);
	}
	return out;
}
