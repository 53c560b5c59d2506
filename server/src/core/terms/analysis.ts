/** What is at a position, and the term diagnostics of a document (FORMAT.md §7, §10). */
import type { CoreDiagnostic, DeclDocument, Severity, Span } from '../model';
import type { FeatureContext } from '../service';
import { isAcronymLike } from './acronyms';
import { HASH_MASK, hashLower } from './names';
import type { TermDefinition } from './definitions';
import { useAt, type Use } from './dictionary';
import { blockText, maskedSlice, type AcronymCandidates } from './blocks';
import { blockWords, caseFlags, type Tokens } from './tokens';
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

/** Text between two capital words of shouted text: spaces (line breaks included), `*` and `_`. */
const SHOUT_GAP = /^[\s*_]+$/;
const SHOUT_EDGE = /^[\s*_]*$/;
/** Two capital words side by side this long or longer are shouted text too (acronyms that long rarely stand side by side). */
const SHOUT_LONG = 6;

let runStarts = new Int32Array(256);
let runEnds = new Int32Array(256);
let runFlagsOf = new Uint8Array(256);
const NO_SPANS = new Int32Array(0);
const NO_WHERE = new Uint8Array(0);

/** Work done, for the tests (they count work, not time): blocks whose acronym candidates were found. */
export const acronymWork = { blocks: 0 };

/**
 * The words of block `b` taken for acronyms by the block alone (cached in its `BlockData`): acronym-like,
 * not roman numerals, not on a line in capitals, not in shouted text within the block; with what the
 * shouted text at its ends needs from the neighbouring blocks.
 */
export function blockAcronyms(tokens: Tokens, b: number): AcronymCandidates {
	const blocks = tokens.blocks;
	const data = blocks.data[b];
	if (data.acronyms) return data.acronyms;
	acronymWork.blocks++;
	const text = blockText(blocks, b);
	const w = blockWords(blocks, b);
	const count = w[0];
	// words joined by single hyphens (`COVID-19`, `UN-HABITAT`) are one word; runs kept as offsets, not objects
	// (in scratch arrays shared by every block)
	if (runStarts.length < count) {
		runStarts = new Int32Array(count * 2);
		runEnds = new Int32Array(count * 2);
		runFlagsOf = new Uint8Array(count * 2);
	}
	const runStart = runStarts;
	const runEnd = runEnds;
	/** Per run: bit 1 capital (an upper-case letter, no lower-case one), bit 2 may be acronym-like (two upper-case letters or more, or not known). */
	const runFlags = runFlagsOf;
	let r = 0;
	const add = (s: number, e: number, fl: number): void => {
		runStart[r] = s;
		runEnd[r] = e;
		runFlags[r] = fl;
		r++;
	};
	// word k: start w[1 + 3k], end w[2 + 3k], hash and case flags w[3 + 3k]
	for (let i = 0; i < count;) {
		let j = i;
		while (j + 1 < count && w[4 + 3 * j] === w[2 + 3 * j] + 1 && isHyphen(text.charCodeAt(w[2 + 3 * j]))) j++;
		if (j > i && isAcronymLike(text.slice(w[1 + 3 * i], w[2 + 3 * j]))) {
			// `I-A`, `A-B`: series and grades, not acronyms
			let letters = false;
			for (let k = i; k <= j; k++) if (w[2 + 3 * k] - w[1 + 3 * k] > 1 && !/^\d+$/.test(text.slice(w[1 + 3 * k], w[2 + 3 * k]))) letters = true;
			if (letters) add(w[1 + 3 * i], w[2 + 3 * j], caseFlags(text, w[1 + 3 * i], w[2 + 3 * j]));
		} else for (let k = i; k <= j; k++) add(w[1 + 3 * k], w[2 + 3 * k], w[3 + 3 * k] >>> 30);
		i = j + 1;
	}
	const capital = (k: number): boolean => (runFlags[k] & 1) !== 0;
	const headOk = r > 0 && capital(0) && SHOUT_EDGE.test(text.slice(0, runStart[0]));
	const tailOk = r > 0 && capital(r - 1) && SHOUT_EDGE.test(text.slice(runEnd[r - 1]));
	const spans: number[] = [];
	const where: number[] = [];
	let head = 0;
	let tail = 0;
	let whole = false;
	let lineStart = -1;
	let lineCaps = false;
	const check = (k: number, bits: number): void => {
		const s = runStart[k];
		const e = runEnd[k];
		const word = text.slice(s, e);
		if (!isAcronymLike(word) || ROMAN.test(word)) return;
		const ls = Math.max(text.lastIndexOf('\n', s - 1), text.lastIndexOf('\r', s - 1)) + 1;
		if (ls !== lineStart) {
			lineStart = ls;
			let le = text.length;
			const lf = text.indexOf('\n', s);
			const cr = text.indexOf('\r', s);
			if (lf >= 0) le = lf;
			if (cr >= 0 && cr < le) le = cr;
			lineCaps = isCapitalsLine(text.slice(ls, le));
		}
		if (lineCaps) return;
		spans.push(s, e);
		where.push(bits);
	};
	// three or more words in capitals separated by spaces only are shouted text (`LIMITED RIGHT OF REPLACEMENT`),
	// not acronyms (a list of acronyms has commas); so are two long ones (`LEGISLAÇÃO CONSOLIDADA`)
	for (let k = 0; k < r;) {
		let e = k;
		while (e + 1 < r && capital(k) && capital(e + 1) && SHOUT_GAP.test(text.slice(runEnd[e], runStart[e + 1]))) e++;
		const length = e - k + 1;
		const shouted = length >= 3 || (length === 2 && runEnd[k] - runStart[k] >= SHOUT_LONG && runEnd[e] - runStart[e] >= SHOUT_LONG);
		const bits = (k === 0 && headOk ? 1 : 0) | (e === r - 1 && tailOk ? 2 : 0);
		if (bits & 1) head = Math.min(3, length);
		if (bits & 2) tail = Math.min(3, length);
		if (bits === 3) whole = true;
		if (!capital(k) || !shouted) for (let q = k; q <= e; q++) if ((runFlags[q] & 2) !== 0) check(q, bits);
		k = e + 1;
	}
	const none = spans.length === 0;
	const found: AcronymCandidates = { spans: none ? NO_SPANS : Int32Array.from(spans), where: none ? NO_WHERE : Uint8Array.from(where), head, tail, whole, transparent: r === 0 && SHOUT_EDGE.test(text) };
	if (runStarts.length > 1 << 16) {
		// let go of scratch grown by a huge block
		runStarts = new Int32Array(256);
		runEnds = new Int32Array(256);
		runFlagsOf = new Uint8Array(256);
	}
	data.acronyms = found;
	return found;
}

/**
 * The words of the document taken for acronyms and defined in no scope: not in the title block,
 * not on a line in capitals, not roman numerals, not in shouted text, not covered by a use or a definition's name.
 * Found block by block (`blockAcronyms`); only shouted text that runs on across blank lines is looked at here.
 */
export function undefinedAcronyms(info: DocInfo, uses: readonly Use[]): AcronymWord[] {
	const doc = info.doc;
	const tokens = info.tokens;
	const blocks = tokens.blocks;
	const n = blocks.count;
	const cands: AcronymCandidates[] = new Array<AcronymCandidates>(n);
	for (let b = 0; b < n; b++) cands[b] = blockAcronyms(tokens, b);
	// shouted text across blocks: the capital words closing a block, those opening the next ones (blocks of only
	// `*`, `_` and spaces in between)
	const drop = new Uint8Array(n);
	let length = 0;
	const parts: number[] = [];
	const close = (): void => {
		if (length >= 3) for (const p of parts) drop[p >> 1] |= (p & 1) === 0 ? 1 : 2;
		length = 0;
		parts.length = 0;
	};
	for (let b = 0; b < n; b++) {
		const c = cands[b];
		if (c.transparent) continue;
		if (c.head > 0 && length > 0) {
			length += c.head;
			parts.push(b * 2);
			if (c.whole) continue;
			close();
		} else {
			close();
			if (c.whole) {
				length = c.head;
				parts.push(b * 2);
				continue;
			}
		}
		if (c.tail > 0) {
			length = c.tail;
			parts.push(b * 2 + 1);
		}
	}
	close();
	const out: AcronymWord[] = [];
	const names: Span[] = info.defs.flatMap((d) => d.nameSpans).sort((a, b) => a.start - b.start);
	const title = doc.titleBlock;
	let u = 0;
	let m = 0;
	for (let b = 0; b < n; b++) {
		const c = cands[b];
		const base = blocks.starts[b];
		for (let k = 0; k < c.where.length; k++) {
			const w = c.where[k];
			if (((w & 1) !== 0 && (drop[b] & 1) !== 0) || ((w & 2) !== 0 && (drop[b] & 2) !== 0)) continue;
			const s = c.spans[2 * k] + base;
			const e = c.spans[2 * k + 1] + base;
			if (title && s < title.end && e > title.start) continue;
			while (u < uses.length && uses[u].end <= s) u++;
			if (u < uses.length && uses[u].start < e) continue;
			while (m < names.length && names[m].end <= s) m++;
			if (m < names.length && names[m].start < e) continue;
			const word = maskedSlice(doc, s, e);
			const acronym = word.length > 2 && word.endsWith('s') && !word.endsWith('ss') && UPPER.test(word[word.length - 2]) ? word.slice(0, -1) : word;
			out.push({ word, acronym, span: { start: s, end: e } });
		}
	}
	return withoutEmphasis(out, tokens);
}

/** Capital words this long or longer that the document also writes in lower case are emphasis (`withoutEmphasis`). */
const EMPHASIS_MIN = 5;

/**
 * `words` without those of EMPHASIS_MIN letters or more that the document also writes not in capitals
 * (`ALTERADO` where it writes `Alterado`, `LEGISLAÇÃO` where it writes `legislação`): a word in
 * capitals for emphasis, not an acronym. Shorter ones are kept: `UN` and `un`, `WHO` and `who` are
 * different words. One pass over the document's words, only when such a word is there.
 */
function withoutEmphasis(words: AcronymWord[], tokens: Tokens): AcronymWord[] {
	const wanted = new Map<number, string>();
	for (const a of words) if (a.word.length >= EMPHASIS_MIN) wanted.set(hashLower(a.word, 0, a.word.length), a.word.toLowerCase());
	if (wanted.size === 0) return words;
	const written = new Set<string>();
	const blocks = tokens.blocks;
	for (let b = 0; b < blocks.count && written.size < wanted.size; b++) {
		const w = blockWords(blocks, b);
		let text: string | undefined;
		for (let i = 0; i < w[0]; i++) {
			const packed = w[3 + 3 * i];
			// bit 30: in capitals (`caseFlags`); the hash in the bits below
			if ((packed >>> 30) & 1) continue;
			const lower = wanted.get(packed & HASH_MASK);
			if (lower === undefined || written.has(lower)) continue;
			text ??= blockText(blocks, b);
			if (text.slice(w[1 + 3 * i], w[2 + 3 * i]).toLowerCase() === lower) written.add(lower);
		}
	}
	return written.size === 0 ? words : words.filter((a) => !written.has(a.word.toLowerCase()));
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
	// acronym-before-definition (a use on the line of the last acronym definition or after it is after them all)
	let last = -1;
	for (const d of info.defs) if (d.kind === 'acronym') last = Math.max(last, doc.lineIndex.table.starts[d.line]);
	for (const u of uses) {
		if (u.start >= last) break;
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
		// a closed document's words (and blocks) were found again for this: let go again (a command line checks thousands)
		if (!ctx.index.isOpen(doc.uri)) info.releaseTokens();
	}
	return out;
}

export function shortText(s: string, max = 80): string {
	if (s.length <= max) return s;
	const cut = s.lastIndexOf(' ', max - 1);
	return `${s.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}
