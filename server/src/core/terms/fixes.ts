/**
 * Quick fixes for term diagnostics:
 * - "Add NATO to the glossary" inserts an entry into the nearest glossary section (the document's
 *   own, else the workspace document nearest in the folder tree), or creates `glossary.decl` at the
 *   workspace root with a `Glossary` section; the entry follows the section's style (list marker,
 *   separator) and its alphabetical order when it has one.
 * - "Spell out NATO at first use" replaces the first use with `Long Form (NATO)` when the long form
 *   is known: from the document's own later definition, from a definition in another workspace
 *   document, or from the bundled glossary (even when it is switched off).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { DeclDocument, Item, Span } from '../model';
import { firstNotBefore } from '../parser/incremental';
import { markerFor } from '../parser/markers';
import type { FeatureContext } from '../service';
import { findAcronymDefinitions } from './acronyms';
import { undefinedAcronyms } from './analysis';
import { glossaryRegions, type TermDefinition } from './definitions';
import { bundledGlossary, docInfo, type TermsWorkspace } from './state';

const PLACEHOLDER = '(definition to be written)';

export function termCodeActions(state: TermsWorkspace, doc: DeclDocument, _span: Span, diagnostics: readonly Diagnostic[], ctx: FeatureContext): CodeAction[] {
	const out: CodeAction[] = [];
	const done = new Set<string>();
	for (const d of diagnostics) {
		if (d.source !== undefined && d.source !== 'declaration') continue;
		const acronym = (d.data as { acronym?: unknown } | undefined)?.acronym;
		if (typeof acronym !== 'string' || acronym.length === 0) continue;
		if (d.code === 'undefined-acronym') {
			const longForm = knownLongForm(state, ctx, acronym);
			if (!done.has(`add:${acronym}`)) {
				done.add(`add:${acronym}`);
				const edit = addToGlossary(state, ctx, doc, acronym, longForm ?? PLACEHOLDER);
				out.push({ title: `Add ${acronym} to the glossary`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
			}
			if (longForm && !done.has(`spell:${acronym}`)) {
				done.add(`spell:${acronym}`);
				const first = undefinedAcronyms(state.entry(doc).info, state.entry(doc).uses).find((a) => a.word === acronym);
				if (first) out.push(spellOut(doc, first.span, acronym, longForm, d, false));
			}
		} else if (d.code === 'acronym-before-definition') {
			const longForm = (d.data as { longForm?: unknown }).longForm;
			if (typeof longForm !== 'string' || done.has(`spell:${acronym}`)) continue;
			done.add(`spell:${acronym}`);
			const first = state.entry(doc).uses.find((u) => u.level === 0 && !u.plural && u.key === `A:${acronym}`);
			if (first) out.push(spellOut(doc, first, acronym, longForm, d, true));
		}
	}
	return out;
}

function spellOut(doc: DeclDocument, span: Span, acronym: string, longForm: string, d: Diagnostic, preferred: boolean): CodeAction {
	const newText = `${longForm} (${acronym})`;
	return {
		title: `Spell out ${acronym} at first use: ${newText}`,
		kind: CodeActionKind.QuickFix,
		diagnostics: [d],
		isPreferred: preferred || undefined,
		edit: { changes: { [doc.uri]: [{ range: doc.lineIndex.toRange(span), newText }] } },
	};
}

/** The long form of an acronym defined elsewhere: an acronym definition in a workspace document, else the bundled glossary. */
export function knownLongForm(state: TermsWorkspace, ctx: FeatureContext, acronym: string): string | undefined {
	for (const info of state.infos()) {
		for (const d of info.defs) if (d.kind === 'acronym' && d.names[0] === acronym) return d.definition;
	}
	const b = bundledGlossary(ctx);
	if (b) {
		const def = b.dict.winners.get(`A:${acronym}`);
		if (def) return longFormOf(def, acronym);
	}
	return undefined;
}

/** The long form in a glossary entry: an alias whose initials give the acronym, or the definition up to a comma where they do. */
function longFormOf(def: TermDefinition, acronym: string): string | undefined {
	const spells = (s: string): boolean => {
		const found = findAcronymDefinitions(`${s} (${acronym})`);
		return found.length === 1 && found[0].longFormSpan.start === 0 && found[0].matched === 'initials';
	};
	for (const n of def.names) if (n !== acronym && spells(n)) return n;
	const text = def.definition;
	for (let c = text.indexOf(','); c > 0; c = text.indexOf(',', c + 1)) if (spells(text.slice(0, c))) return text.slice(0, c);
	const sentence = text.replace(/[.;]$/, '');
	return spells(sentence) ? sentence : undefined;
}

function eolOf(doc: DeclDocument): string {
	const l = doc.lines[0];
	return l.next > l.end ? doc.text.slice(l.end, l.next) : '\n';
}

function dirOf(uri: string): string {
	return uri.slice(0, uri.lastIndexOf('/') + 1);
}

function commonPrefixLength(a: string, b: string): number {
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	return i;
}

/** The edit that adds `acronym: definition` to the nearest glossary section, or creates `glossary.decl`. */
function addToGlossary(state: TermsWorkspace, ctx: FeatureContext, doc: DeclDocument, acronym: string, definition: string): WorkspaceEdit {
	let target: DeclDocument | undefined = glossaryRegions(doc).length > 0 ? doc : undefined;
	if (!target) {
		let best: { doc: DeclDocument; score: number } | undefined;
		const here = dirOf(doc.uri);
		for (const info of state.infos()) {
			const d = info.doc;
			if (d.uri === doc.uri || glossaryRegions(d).length === 0) continue;
			// nearest in the folder tree: the longest common directory, then the shallower file, then the name
			const common = here.slice(0, commonPrefixLength(here, dirOf(d.uri)));
			const score = common.split('/').length * 1000 - d.uri.split('/').length;
			if (!best || score > best.score || (score === best.score && d.uri < best.doc.uri)) best = { doc: d, score };
		}
		target = best?.doc;
	}
	if (target) {
		return { documentChanges: [{ textDocument: { uri: target.uri, version: ctx.index.isOpen(target.uri) ? target.version : null }, edits: insertEntry(target, acronym, definition) }] };
	}
	const folder = ctx.index.folders.find((f) => doc.uri.startsWith(f)) ?? ctx.index.folders[0] ?? dirOf(doc.uri);
	const uri = `${folder}glossary.decl`;
	const existing = ctx.index.get(uri);
	const eol = existing ? eolOf(existing) : '\n';
	if (existing && existing.text.trim().length > 0) {
		const end = existing.lineIndex.positionAt(existing.text.length);
		const lead = /(?:\r\n|\r|\n)$/.test(existing.text) ? eol : eol + eol;
		const text = `${lead}Glossary${eol}${eol}${acronym}: ${definition}${eol}`;
		return { documentChanges: [{ textDocument: { uri, version: ctx.index.isOpen(uri) ? existing.version : null }, edits: [{ range: { start: end, end }, newText: text }] }] };
	}
	const text = `Shared glossary${eol}${eol}Glossary${eol}${eol}${acronym}: ${definition}${eol}`;
	return {
		documentChanges: [
			{ kind: 'create', uri, options: { ignoreIfExists: true } },
			{ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
		],
	};
}

/**
 * An entry in the style of the document's first glossary section, at its alphabetical place when the
 * entries are in order. In a numbered glossary (`1.`, `(a)`, `iv.`) the entry takes the number of the
 * place it goes to, and the entries after it move up by one.
 */
function insertEntry(doc: DeclDocument, acronym: string, definition: string): TextEdit[] {
	const region = glossaryRegions(doc)[0];
	const eol = eolOf(doc);
	const entries = docInfo(doc).glossary.filter((g) => g.span.start >= region.start && g.span.start < region.end);
	if (entries.length === 0) {
		const at = doc.lineIndex.positionAt(region.start);
		return [{ range: { start: at, end: at }, newText: `${eol}${eol}${acronym}: ${definition}` }];
	}
	const first = entries[0];
	const firstLine = doc.lineIndex.lineAt(first.termSpan.start);
	let leadEnd = first.termSpan.start;
	while (leadEnd > firstLine.start && '"“*_`'.includes(doc.text[leadEnd - 1])) leadEnd--;
	const lead = doc.text.slice(firstLine.start, leadEnd);
	const afterTerm = /^["”*_`]*([ \t]*[:=\-–—][ \t]*)/.exec(doc.text.slice(first.termSpan.end, first.termSpan.end + 12));
	const sep = afterTerm ? afterTerm[1] : ': ';
	const key = acronym.toLowerCase();
	const sorted = entries.every((e, i) => i === 0 || entries[i - 1].names[0].toLowerCase() <= e.names[0].toLowerCase());
	const next = sorted ? entries.find((e) => e.names[0].toLowerCase() > key) : undefined;
	// the entry's own lead: the first entry's, with the number of its place in a numbered glossary
	const firstItem = orderedItemOn(doc, firstLine.start);
	const placeItem = firstItem && orderedItemOn(doc, doc.lineIndex.lineAt((next ?? entries[entries.length - 1]).span.start).start);
	const renumbered: TextEdit[] = [];
	let ownLead = lead;
	if (firstItem && placeItem && placeItem.list === firstItem.list) {
		const m = firstItem.marker;
		const items = placeItem.list.items;
		// before `next`, the entry takes its number; at the end, the number after the last entry's
		let k = items.indexOf(placeItem) + (next ? 0 : 1);
		const value = next ? (placeItem.marker.value ?? 1) : (placeItem.marker.value ?? 0) + 1;
		ownLead = lead.slice(0, m.span.start - firstLine.start) + markerFor(m.kind, m.style, value) + lead.slice(m.span.end - firstLine.start);
		for (let v = value + 1; k < items.length; k++, v++) {
			const it = items[k];
			if (it.marker.value === undefined || it.marker.kind !== m.kind) break;
			renumbered.push({ range: doc.lineIndex.toRange(it.marker.span), newText: markerFor(it.marker.kind, it.marker.style, v) });
		}
	}
	const line = `${ownLead}${acronym}${sep}${definition}`;
	if (next) {
		const at = doc.lineIndex.positionAt(doc.lineIndex.lineAt(next.span.start).start);
		return [{ range: { start: at, end: at }, newText: `${line}${eol}` }, ...renumbered];
	}
	const last = entries[entries.length - 1];
	const at = doc.lineIndex.positionAt(doc.lineIndex.lineAt(last.span.end).end);
	return [{ range: { start: at, end: at }, newText: `${eol}${line}` }, ...renumbered];
}

/** The numbered or lettered item whose marker stands on the line that starts at `lineStart`, if any. */
function orderedItemOn(doc: DeclDocument, lineStart: number): Item | undefined {
	const it = doc.items[firstNotBefore(doc.items.length, (i) => doc.items[i].span.start < lineStart)];
	return it && it.marker.span.start < doc.lineIndex.lineAt(lineStart).end && it.marker.value !== undefined && it.marker.kind !== 'bullet' ? it : undefined;
}
