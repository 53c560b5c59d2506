/**
 * Definitions of terms in one document (FORMAT.md §7): glossary sections, quoted definitions and
 * acronym definitions. Every span is an offset into the document text; every scan is linear.
 */
import type { DeclDocument, Heading, Item, Span } from '../model';
import { isGlossaryHeading } from '../parser/headings';
import { normalizeSpace } from '../parser/sentences';
import { findAcronymDefinitions, type AcronymDefinition } from './acronyms';
import { blockText, docBlocks, maskedSlice, orNone, type DocBlocks, type QuotedFinding } from './blocks';
import { detach } from '../text';
import { firstNotBefore } from '../parser/incremental';
import { namePattern, type NamePattern } from './names';

export type DefinitionKind = 'glossary' | 'quoted' | 'acronym';

export interface TermDefinition {
	/** `uri#offset` of the first name: stable for one version of the document. */
	readonly id: string;
	readonly uri: string;
	readonly kind: DefinitionKind;
	/** The term and its aliases as written, with their patterns (names without words are left out). */
	readonly names: readonly string[];
	readonly nameSpans: readonly Span[];
	readonly patterns: readonly NamePattern[];
	/** From the first name to the last alias. */
	readonly termSpan: Span;
	/** The definition, whitespace normalised (the long form for an acronym). */
	readonly definition: string;
	/** The whole definition: a glossary entry, a quoted definition to the end of its sentence, a long form with its acronym. */
	readonly span: Span;
	/** 0-based line of the first name. */
	readonly line: number;
	/** For acronym definitions. */
	readonly form?: 'long-first' | 'acronym-first';
}

/** Every definition of the document, in order of position. */
export function findDefinitions(doc: DeclDocument): TermDefinition[] {
	const glossary = findGlossaryDefinitions(doc);
	const out = [...glossary];
	// quoted and acronym definitions do not run on across a blank line: found block by block, each block's kept
	const blocks = docBlocks(doc);
	for (let b = 0; b < blocks.count; b++) {
		const base = blocks.starts[b];
		for (const q of blockQuoted(blocks, b)) {
			const d = make(doc, 'quoted', [{ name: q.name, span: { start: base + q.nameStart, end: base + q.nameStart + q.name.length } }], q.definition, { start: base + q.start, end: base + q.end });
			if (d) out.push(d);
		}
		for (const r of blockAcronymDefinitions(blocks, b)) {
			const a = { ...r, acronymSpan: shift(r.acronymSpan, base), longFormSpan: shift(r.longFormSpan, base), span: shift(r.span, base) };
			// An acronym spelled out inside the glossary entry that defines it is that entry, not a second definition.
			if (glossary.some((g) => g.span.start <= a.span.start && a.span.end <= g.span.end && g.patterns.some((p) => p.name === a.acronym))) continue;
			const d = make(doc, 'acronym', [{ name: a.acronym, span: a.acronymSpan }], a.longForm, a.span, a.form);
			if (d) out.push(d);
		}
	}
	out.sort((a, b) => a.span.start - b.span.start || a.termSpan.start - b.termSpan.start);
	return out;
}

function make(doc: DeclDocument, kind: DefinitionKind, names: readonly { name: string; span: Span }[], definition: string, span: Span, form?: TermDefinition['form']): TermDefinition | undefined {
	const kept: { name: string; span: Span; pattern: NamePattern }[] = [];
	for (const n of names) {
		const pattern = namePattern(n.name);
		if (pattern && !kept.some((k) => k.pattern.key === pattern.key)) kept.push({ ...n, pattern });
	}
	if (kept.length === 0) return undefined;
	const first = kept[0].span;
	return {
		id: `${doc.uri}#${first.start}`,
		uri: doc.uri,
		kind,
		names: kept.map((k) => k.name),
		nameSpans: kept.map((k) => k.span),
		patterns: kept.map((k) => k.pattern),
		termSpan: { start: Math.min(...kept.map((k) => k.span.start)), end: Math.max(...kept.map((k) => k.span.end)) },
		definition,
		span,
		line: doc.lineIndex.lineAt(first.start).index,
		form,
	};
}

// ------------------------------------------------------------------ glossary sections

/** The glossary sections of a document: `[start, end)` after each glossary heading line. */
export function glossaryRegions(doc: DeclDocument): Span[] {
	const out: Span[] = [];
	const hs = doc.headings;
	for (let k = 0; k < hs.length; k++) {
		const h = hs[k];
		if (!isGlossaryHeading(h.text)) continue;
		let end = h.sectionSpan.end;
		// An entry alone between blank lines may read as a heading (`NATO: TO BE DEFINED` in capitals, a
		// short line): such headings do not end the glossary.
		for (let j = k + 1; j < hs.length; j++) {
			const next = hs[j];
			if (next.span.start < end) continue;
			if ((next.style === 'caps' || next.style === 'short') && entryHead(maskedSlice(doc, next.span.start, next.span.end))) {
				end = Math.max(end, next.sectionSpan.end);
			} else break;
		}
		out.push({ start: h.span.end, end });
	}
	return out;
}

interface EntryHead {
	/** Offset (in the line) where the separator starts and where the definition starts. */
	readonly sep: number;
	readonly rest: number;
}

const SEPARATORS = [' - ', ' – ', ' — ', ' = '];

/** `Term: definition`, `Term - definition`, `Term – definition`, `Term — definition`, `Term = definition`: where the separator is. */
export function entryHead(line: string): EntryHead | undefined {
	let best: EntryHead | undefined;
	for (let c = line.indexOf(':'); c >= 0; c = line.indexOf(':', c + 1)) {
		const next = line.charCodeAt(c + 1);
		if (Number.isNaN(next) || next === 32 || next === 9 || next === 0xa0) {
			best = { sep: c, rest: c + 1 };
			break;
		}
	}
	for (const s of SEPARATORS) {
		const at = line.indexOf(s);
		if (at >= 0 && (!best || at < best.sep)) best = { sep: at, rest: at + s.length };
	}
	if (!best) return undefined;
	const term = line.slice(0, best.sep).trim();
	if (term.length === 0 || term.length > 160 || line.slice(best.rest).trim().length === 0) return undefined;
	for (const name of term.split('|')) {
		const n = stripName(name);
		if (n.length === 0 || n.length > 80 || n.split(/\s+/).length > 10) return undefined;
	}
	return best;
}

/** Markdown emphasis and quotes around a name. */
function stripName(s: string): string {
	let a = 0;
	let b = s.length;
	const strip = (c: string): boolean => c === ' ' || c === '\t' || c === '*' || c === '_' || c === '`' || c === '"' || c === '“' || c === '”' || c === '‘' || c === '’' || c === "'";
	while (a < b && strip(s[a])) a++;
	while (b > a && strip(s[b - 1])) b--;
	return s.slice(a, b);
}

function nameSpans(text: Masked, start: number, end: number): { name: string; span: Span }[] {
	const out: { name: string; span: Span }[] = [];
	let from = start;
	for (let i = start; i <= end; i++) {
		if (i === end || text.charAt(i) === '|') {
			const piece = text.slice(from, i);
			const name = stripName(piece);
			if (name.length > 0) {
				const at = from + piece.indexOf(name);
				out.push({ name, span: { start: at, end: at + name.length } });
			}
			from = i + 1;
		}
	}
	return out;
}

/** What the glossary reads of the masked text: slices and characters (see `maskedSlice`), or a string. */
interface Masked {
	slice(from: number, to: number): string;
	charAt(i: number): string;
}

function maskedOf(doc: DeclDocument): Masked {
	return { slice: (from, to) => maskedSlice(doc, from, to), charAt: (i) => maskedSlice(doc, i, i + 1) };
}

function findGlossaryDefinitions(doc: DeclDocument): TermDefinition[] {
	const out: TermDefinition[] = [];
	const text = maskedOf(doc);
	for (const region of glossaryRegions(doc)) {
		// line objects only for documents with a glossary (few): the others' lines stay offsets
		const lines = doc.lines;
		// the items and headings of the region (both in document order: found by binary search, not by a walk over all)
		const itemAt = new Map<number, Item>();
		for (let k = firstFrom(doc.items, region.start); k < doc.items.length && doc.items[k].span.start < region.end; k++) {
			const item = doc.items[k];
			itemAt.set(doc.lineIndex.lineAt(item.contentSpan.start).index, item);
		}
		const headingLines = new Set<number>();
		for (let k = firstFrom(doc.headings, region.start); k < doc.headings.length && doc.headings[k].span.start < region.end; k++) {
			const h = doc.headings[k];
			if (!entryHead(text.slice(h.span.start, h.span.end))) headingLines.add(doc.lineIndex.lineAt(h.span.start).index);
		}
		const heads = new Map<number, EntryHead | undefined>();
		const headOf = (k: number): EntryHead | undefined => {
			if (heads.has(k)) return heads.get(k);
			const h = entryHead(text.slice(lines[k].start, lines[k].end));
			heads.set(k, h);
			return h;
		};
		let li = doc.lineIndex.lineAt(region.start).index;
		if (lines[li].start < region.start) li++;
		while (li < lines.length && lines[li].start < region.end) {
			const line = lines[li];
			const item = itemAt.get(li);
			if (item) {
				const cs = item.contentSpan;
				const firstEnd = Math.min(cs.end, line.end);
				const head = entryHead(text.slice(cs.start, firstEnd));
				if (head) {
					const d = entry(doc, cs.start, head, cs.end);
					if (d) out.push(d);
				}
				li = Math.max(li + 1, doc.lineIndex.lineAt(cs.end).index + 1);
				continue;
			}
			const head = headingLines.has(li) ? undefined : headOf(li);
			if (!head) {
				li++;
				continue;
			}
			// A plain entry continues over the following lines that are neither blank, items, headings nor entries.
			let last = li;
			while (last + 1 < lines.length && lines[last + 1].start < region.end) {
				const n = lines[last + 1];
				if (text.slice(n.start, n.end).trim().length === 0 || itemAt.has(last + 1) || headingLines.has(last + 1) || headOf(last + 1)) break;
				last++;
			}
			const lead = line.start + (text.slice(line.start, line.end).length - text.slice(line.start, line.end).trimStart().length);
			const d = entry(doc, lead, { sep: head.sep - (lead - line.start), rest: head.rest - (lead - line.start) }, trimEnd(text, lines[last].start, lines[last].end));
			if (d) out.push(d);
			li = last + 1;
		}
	}
	return out;
}

/** The first of `list` (in document order) that starts at `offset` or after. */
function firstFrom(list: readonly { readonly span: Span }[], offset: number): number {
	return firstNotBefore(list.length, (i) => list[i].span.start < offset);
}

function trimEnd(text: Masked, start: number, end: number): number {
	let e = end;
	while (e > start && /\s/.test(text.charAt(e - 1))) e--;
	return e;
}

function entry(doc: DeclDocument, start: number, head: EntryHead, end: number): TermDefinition | undefined {
	const text = maskedOf(doc);
	const names = nameSpans(text, start, start + head.sep);
	const definition = normalizeSpace(text.slice(start + head.rest, end));
	if (names.length === 0 || definition.length === 0) return undefined;
	return make(doc, 'glossary', names, definition, { start, end: trimEnd(text, start, end) });
}

// ------------------------------------------------------------------ quoted definitions

const QUOTED_RE = /["“]([^"“”\r\n]{1,100})["”][ \t]{0,3}(?:\r?\n[ \t]{0,40})?(?:means|refers[ \t]+to|shall[ \t]+mean)(?![\p{L}\p{N}])/giu;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'cf', 'no', 'art', 'para', 'u.s', 'u.n', 'u.k', 'vs', 'viz']);

function shift(s: Span, by: number): Span {
	return { start: s.start + by, end: s.end + by };
}

/** The acronym definitions of block `b`, relative to it (kept with the block's text). */
function blockAcronymDefinitions(blocks: DocBlocks, b: number): readonly AcronymDefinition[] {
	const t = blocks.data[b].text;
	return (t.acronymDefinitions ??= orNone(findAcronymDefinitions(blockText(blocks, b)).map((a) => ({ ...a, acronym: detach(a.acronym), longForm: detach(a.longForm) }))));
}

/** `"Term" means …`, `“Term” refers to …`, `"Term" shall mean …` in block `b`: the definition runs to the end of the sentence. */
function blockQuoted(blocks: DocBlocks, b: number): readonly QuotedFinding[] {
	const t = blocks.data[b].text;
	if (t.quoted) return t.quoted;
	const out: QuotedFinding[] = [];
	const text = blockText(blocks, b);
	QUOTED_RE.lastIndex = 0;
	for (let m = QUOTED_RE.exec(text); m; m = QUOTED_RE.exec(text)) {
		const raw = m[1];
		const name = raw.trim();
		if (name.length === 0) continue;
		const nameStart = m.index + 1 + raw.indexOf(name);
		const defStart = m.index + m[0].length;
		const end = sentenceEnd(text, defStart);
		const definition = normalizeSpace(text.slice(defStart, end).replace(/[.;]$/, ''));
		if (definition.length === 0) continue;
		out.push({ name: detach(name), nameStart, definition: detach(definition), start: m.index, end });
	}
	t.quoted = orNone(out);
	return t.quoted;
}

/** Just past the `.`, `;`, `!` or `?` that ends the sentence starting at `from` (or the end of its paragraph). */
function sentenceEnd(text: string, from: number): number {
	const limit = Math.min(text.length, from + 2000);
	let breaks = 0;
	for (let i = from; i < limit; i++) {
		const c = text[i];
		if (c === '\n') {
			if (++breaks >= 2) return trimEnd(text, from, i);
			continue;
		}
		if (c !== '\r' && c !== ' ' && c !== '\t') breaks = 0;
		if (c !== '.' && c !== ';' && c !== '!' && c !== '?') continue;
		const next = text[i + 1];
		if (next !== undefined && next !== ' ' && next !== '\n' && next !== '\r' && next !== '\t') continue;
		if (c === '.') {
			let j = i;
			while (j > from && text[j - 1] !== ' ' && text[j - 1] !== '\n') j--;
			const word = text.slice(j, i).toLowerCase();
			if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
		}
		return i + 1;
	}
	return trimEnd(text, from, limit);
}

/** The glossary heading whose section holds `offset`, if any. */
export function glossaryHeadingAt(doc: DeclDocument, offset: number): Heading | undefined {
	for (const h of doc.headings) if (isGlossaryHeading(h.text) && h.sectionSpan.start <= offset && offset <= h.sectionSpan.end) return h;
	return undefined;
}
