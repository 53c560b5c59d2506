/** What is at a position, and the term diagnostics of a document (FORMAT.md §7, §10). */
import type { CoreDiagnostic, DeclDocument, Severity, Span } from '../model';
import type { FeatureContext } from '../service';
import { isAcronymLike } from './acronyms';
import type { TermDefinition } from './definitions';
import { useAt, type Use } from './dictionary';
import { caseFlags } from './tokens';
import type { DocInfo, TermsWorkspace } from './state';

export interface Target {
	readonly def: TermDefinition;
	/** The name key pointed at (an alias has its own). */
	readonly key: string;
	/** The word(s) under the cursor. */
	readonly span: Span;
	readonly atDefinition: boolean;
	readonly use?: Use;
}

/** The term at `offset`: a name at its definition, or a use. */
export function targetAt(state: TermsWorkspace, doc: DeclDocument, offset: number): Target | undefined {
	const { info, uses } = state.entry(doc);
	for (const d of info.defs) {
		if (d.termSpan.start > offset || d.termSpan.end < offset) continue;
		for (let i = 0; i < d.nameSpans.length; i++) {
			const s = d.nameSpans[i];
			if (s.start <= offset && offset <= s.end) return { def: d, key: d.patterns[i].key, span: s, atDefinition: true };
		}
	}
	const u = useAt(uses, offset);
	if (!u) return undefined;
	const def = state.resolve(info, u);
	return def ? { def, key: u.key, span: { start: u.start, end: u.end }, atDefinition: false, use: u } : undefined;
}

/** The name of `def` for `key` (its first name when the key is not one of its names). */
export function nameFor(def: TermDefinition, key: string): { name: string; index: number } {
	const i = Math.max(0, def.patterns.findIndex((p) => p.key === key));
	return { name: def.names[i], index: i };
}

const ROMAN = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

/** A line written entirely in capitals: at least two capital letters and no lower-case letter. */
function isCapitalsLine(text: string): boolean {
	let upper = 0;
	for (const ch of text) {
		if (LOWER.test(ch)) return false;
		if (UPPER.test(ch)) upper++;
	}
	return upper >= 2;
}

export interface AcronymWord {
	readonly word: string;
	/** The acronym without a plural `s` (`NGOs` → `NGO`). */
	readonly acronym: string;
	readonly span: Span;
}

/**
 * The words of the document taken for acronyms and defined in no scope: not in the title block,
 * not on a line in capitals, not roman numerals, not covered by a use or a definition's name.
 */
export function undefinedAcronyms(info: DocInfo, uses: readonly Use[]): AcronymWord[] {
	const doc = info.doc;
	const text = doc.masked;
	const { count, starts, ends, flags } = info.tokens;
	const out: AcronymWord[] = [];
	const names: Span[] = info.defs.flatMap((d) => d.nameSpans).sort((a, b) => a.start - b.start);
	let u = 0;
	let n = 0;
	let capsLine = -1;
	let capsLineResult = false;
	const check = (s: number, e: number): void => {
		const word = text.slice(s, e);
		if (!isAcronymLike(word) || ROMAN.test(word)) return;
		if (doc.titleBlock && s < doc.titleBlock.end && e > doc.titleBlock.start) return;
		const line = doc.lineIndex.lineAt(s);
		if (line.index !== capsLine) {
			capsLine = line.index;
			capsLineResult = isCapitalsLine(text.slice(line.start, line.end));
		}
		if (capsLineResult) return;
		while (u < uses.length && uses[u].end <= s) u++;
		if (u < uses.length && uses[u].start < e) return;
		while (n < names.length && names[n].end <= s) n++;
		if (n < names.length && names[n].start < e) return;
		const acronym = word.length > 2 && word.endsWith('s') && !word.endsWith('ss') && UPPER.test(word[word.length - 2]) ? word.slice(0, -1) : word;
		out.push({ word, acronym, span: { start: s, end: e } });
	};
	// words joined by single hyphens (`COVID-19`, `UN-HABITAT`) are one word; runs kept as offsets, not objects
	const runStart = new Int32Array(count);
	const runEnd = new Int32Array(count);
	/** Per run: bit 1 capital (an upper-case letter, no lower-case one), bit 2 may be acronym-like (two upper-case letters or more, or not known). */
	const runFlags = new Uint8Array(count);
	let r = 0;
	const add = (s: number, e: number, f: number): void => {
		runStart[r] = s;
		runEnd[r] = e;
		runFlags[r] = f;
		r++;
	};
	for (let i = 0; i < count;) {
		let j = i;
		while (j + 1 < count && starts[j + 1] === ends[j] + 1 && isHyphen(text.charCodeAt(ends[j]))) j++;
		if (j > i && isAcronymLike(text.slice(starts[i], ends[j]))) {
			// `I-A`, `A-B`: series and grades, not acronyms
			let letters = false;
			for (let k = i; k <= j; k++) if (ends[k] - starts[k] > 1 && !/^\d+$/.test(text.slice(starts[k], ends[k]))) letters = true;
			if (letters) add(starts[i], ends[j], caseFlags(text, starts[i], ends[j]));
		} else for (let k = i; k <= j; k++) add(starts[k], ends[k], flags[k]);
		i = j + 1;
	}
	// three or more words in capitals separated by spaces only are shouted text (`LIMITED RIGHT OF REPLACEMENT`),
	// not acronyms (a list of acronyms has commas)
	const capital = (k: number): boolean => (runFlags[k] & 1) !== 0;
	for (let k = 0; k < r;) {
		let e = k;
		while (e + 1 < r && capital(k) && capital(e + 1) && /^[\s*_]+$/.test(text.slice(runEnd[e], runStart[e + 1]))) e++;
		if (capital(k) && e - k >= 2) {
			k = e + 1;
			continue;
		}
		if ((runFlags[k] & 2) !== 0) check(runStart[k], runEnd[k]);
		k++;
	}
	return out;
}

function isHyphen(c: number): boolean {
	return c === 0x2d || c === 0x2010 || c === 0x2011;
}

const SAME_TEXT = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Two definitions say the same when their texts agree, or one spells out an acronym the other's text starts with. */
function sameDefinition(a: TermDefinition, b: TermDefinition): boolean {
	const x = a.definition.replace(/[.;]$/, '');
	const y = b.definition.replace(/[.;]$/, '');
	if (SAME_TEXT(x, y)) return true;
	if (a.kind === 'acronym' && y.toLowerCase().startsWith(x.toLowerCase())) return true;
	if (b.kind === 'acronym' && x.toLowerCase().startsWith(y.toLowerCase())) return true;
	return false;
}

function quote(s: string): string {
	return `“${s}”`;
}

export function termDiagnostics(state: TermsWorkspace, doc: DeclDocument, ctx: FeatureContext): CoreDiagnostic[] {
	const { info, uses } = state.entry(doc);
	const out: CoreDiagnostic[] = [];
	// duplicate-definition
	for (const [key, defs] of info.own.all) {
		if (defs.length < 2) continue;
		const first = defs[0];
		for (const d of defs.slice(1)) {
			if (sameDefinition(first, d)) continue;
			const i = d.patterns.findIndex((p) => p.key === key);
			out.push({
				span: d.nameSpans[i],
				severity: 'warning',
				code: 'duplicate-definition',
				message: `${quote(d.names[i])} is already defined on line ${first.line + 1} with a different text: ${quote(shortText(first.definition))}.`,
				data: { term: d.names[i], firstLine: first.line },
			});
		}
	}
	// unused-definition (uses elsewhere count: not while the workspace is still being indexed)
	const complete = ctx.workspaceComplete !== false;
	for (const g of complete ? info.glossary : []) {
		if (state.countUses(g) > 0) continue;
		out.push({
			span: g.termSpan,
			severity: 'hint',
			code: 'unused-definition',
			message: `${quote(g.names[0])} is defined but used nowhere in the workspace.`,
			unnecessary: true,
			data: { term: g.names[0] },
		});
	}
	// acronym-before-definition
	for (const u of uses) {
		if (u.level !== 0 || !u.key.startsWith('A:')) continue;
		const def = info.own.winners.get(u.key);
		if (!def || def.kind !== 'acronym') continue;
		const line = doc.lineIndex.lineAt(u.start).index;
		if (line >= def.line) continue;
		out.push({
			span: { start: u.start, end: u.end },
			severity: 'hint',
			code: 'acronym-before-definition',
			message: `${quote(def.names[0])} is used before line ${def.line + 1}, where it is spelled out (${def.definition}).`,
			data: { acronym: def.names[0], longForm: def.definition },
		});
	}
	// undefined-acronym
	const severity = ctx.config.undefinedAcronyms;
	if (severity !== 'off' && complete) {
		const where = state.bundled ? 'this document, a workspace glossary or the bundled glossary' : 'this document or a workspace glossary';
		for (const a of undefinedAcronyms(info, uses)) {
			out.push({
				span: a.span,
				severity: severity as Severity,
				code: 'undefined-acronym',
				message: `${quote(a.word)} looks like an acronym but is not defined in ${where}.`,
				data: { acronym: a.acronym },
			});
		}
	}
	return out;
}

export function shortText(s: string, max = 80): string {
	if (s.length <= max) return s;
	const cut = s.lastIndexOf(' ', max - 1);
	return `${s.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}
