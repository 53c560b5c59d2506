/** Heading recognition (FORMAT.md §4): `#` headings, capital lines, keyword headings, short lines; slugs and labels. */
import type { HeadingKeyword } from '../model';
import { romanValue } from './markers';
import { isWs } from './sentences';

/** Keyword heading words in the languages declarations are published in, folded to lower case without accents. */
const KEYWORDS: Record<string, HeadingKeyword | undefined> = Object.create(null);
function words(kind: HeadingKeyword, list: string): void {
	for (const w of list.split(' ')) {
		KEYWORDS[foldWord(w)] = kind;
		KEYWORDS[w.toLowerCase()] = kind;
	}
}
words('part', 'part parte partie teil часть μέρος μερος deel część');
words('title', 'title título titulo titre titel titolo');
words('chapter', 'chapter capítulo capitulo chapitre kapitel capitolo глава κεφάλαιο κεφαλαιο hoofdstuk rozdział');
words('section', 'section sección seccion secção seccao sezione abschnitt раздел τμήμα τμημα afdeling');
words('article', 'article artículo articulo artigo artikel articolo статья άρθρο αρθρο artykuł المادة مادة');
words('annex', 'annex annexe anexo anhang allegato приложение παράρτημα παραρτημα');
words('amendment', 'amendment enmienda emenda amendement änderungsantrag поправка τροπολογία');
/** The lengths of the keywords written in ASCII: an ASCII word of another length is none (most first words of paragraphs). */
const ASCII_KEYWORD_LENGTHS = new Set(Object.keys(KEYWORDS).filter((k) => /^[\x20-\x7e]+$/.test(k)).map((k) => k.length));

export function foldWord(w: string): string {
	const lower = w.toLowerCase();
	// eslint-disable-next-line no-control-regex
	return /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}

export interface KeywordHeading {
	readonly kind: HeadingKeyword;
	readonly word: string;
	readonly number: string;
	readonly value?: number;
	/** Offset of the title after the number within the scanned string, if any. */
	readonly titleOffset?: number;
}

const NUMBER = /^(?:\d{1,4}(?:[.-]\d{1,3})?|[IVXLCDM]{1,8}|[ivxlcdm]{1,8}|[A-Z]|[\u0660-\u0669]{1,4})/;
/** An ordinal mark after the number: `º`, `.º`, `.o`, `. o` (as PDFs render it). */
const ORDINAL = /^(?:\s?\.\s?[º°o](?!\p{L})|[º°])/u;

function numberValue(n: string): number | undefined {
	if (/^\d+$/.test(n)) return Number(n);
	if (/^[\u0660-\u0669]+$/.test(n)) return Number([...n].map((c) => c.charCodeAt(0) - 0x660).join(''));
	return romanValue(n);
}

/** `Article 4`, `Artigo 1.º Título`, `CHAPTER II - Rights`, `Статья 3`: the keyword, its number and where the title starts. */
export function matchKeywordHeading(s: string): KeywordHeading | undefined {
	if (s.length > 200) return undefined;
	let space = 0;
	let ascii = true;
	for (; space < s.length && space <= 16; space++) {
		const c = s.charCodeAt(space);
		if (isSpaceChar(c)) break;
		if (c > 0x7f) ascii = false;
	}
	if (space === 0 || space >= s.length) return undefined;
	if (space > 16) return undefined;
	if (ascii && !ASCII_KEYWORD_LENGTHS.has(space)) return undefined;
	const word = s.slice(0, space);
	const kind = KEYWORDS[word.toLowerCase()] ?? (ascii ? undefined : KEYWORDS[foldWord(word)]);
	if (kind === undefined || hasDotLeader(s)) return undefined;
	let i = space;
	while (i < s.length && isSpaceChar(s.charCodeAt(i))) i++;
	const num = NUMBER.exec(s.slice(i));
	if (!num) return undefined;
	const number = num[0];
	i += number.length;
	const ord = ORDINAL.exec(s.slice(i));
	if (ord) i += ord[0].length;
	const rest = s.slice(i);
	const trimmed = rest.trim();
	const base = { kind, word, number, value: numberValue(number) };
	if (trimmed.length === 0) return base;
	// a separator (`.`, `:`, ` - `, ` – `, ` — `) and a title, possibly empty
	let j = 0;
	while (j < rest.length && isSpaceChar(rest.charCodeAt(j))) j++;
	const c = rest[j];
	if (c === '.' || c === ':' || ((c === '-' || c === '–' || c === '—') && j > 0)) {
		if ((c === '-' || c === '–' || c === '—') && rest.length > j + 1 && !isSpaceChar(rest.charCodeAt(j + 1))) return undefined;
		let k = j + 1;
		while (k < rest.length && isSpaceChar(rest.charCodeAt(k))) k++;
		return k < rest.length ? { ...base, titleOffset: i + k } : base;
	}
	// a title after a bare space must look like one: capitalised, short, not a sentence
	if (j > 0 && /^\p{Lu}/u.test(rest.slice(j)) && s.length <= 120 && !/[.;,]$/.test(trimmed)) return { ...base, titleOffset: i + j };
	return undefined;
}

function isSpaceChar(c: number): boolean {
	return c === 32 || c === 9 || c === 0xa0;
}

/** A line in capitals: at least 2 upper-case letters, no lower-case letters, at most 120 characters. */
export function isCapsLine(s: string): boolean {
	if (s.length > 120 || /[a-z]/.test(s) || hasDotLeader(s)) return false;
	let upper = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		// ASCII answers by its code (no a–z is left); other characters (a surrogate pair as one) by their Unicode category
		if (c < 0x80) {
			if (c >= 65 && c <= 90) upper++;
			continue;
		}
		const ch = String.fromCodePoint(s.codePointAt(i)!);
		if (ch.length === 2) i++;
		if (/\p{Ll}/u.test(ch)) return false;
		if (/\p{Lu}/u.test(ch)) upper++;
	}
	return upper >= 2;
}

/** A short line (FORMAT.md §4): ≤ 80 characters, ≤ 12 words, starts with a capital, does not end in `.`, `,`, `;` or `:`. */
export function isShortLine(s: string): boolean {
	if (s.length === 0 || s.length > 80 || hasDotLeader(s)) return false;
	if (!/^\p{Lu}/u.test(s)) return false;
	if (/[.,;:]$/.test(s)) return false;
	// at most 12 words (`s.split(/\s+/).length <= 12`), counted without splitting
	let runs = 0;
	for (let i = 0; i < s.length; i++) {
		if (isWs(s.charCodeAt(i)) && (i === 0 || !isWs(s.charCodeAt(i - 1))) && ++runs >= 12) return false;
	}
	return true;
}

/** `Text of Joint Actions` → `text-of-joint-actions`. */
export function slugify(s: string): string {
	const lower = s.toLowerCase();
	// eslint-disable-next-line no-control-regex
	if (/[^\x00-\x7f]/.test(lower)) return lower.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, ''); // runs are single dashes here; `-+$` was quadratic
	// ASCII: one pass, no regular expression; the runs of letters and digits joined in one piece (not a chain of concatenations, which the model would keep)
	const runs: string[] = [];
	let from = -1;
	for (let i = 0; i <= lower.length; i++) {
		const c = i < lower.length ? lower.charCodeAt(i) : 32;
		if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
			if (from < 0) from = i;
		} else if (from >= 0) {
			runs.push(lower.slice(from, i));
			from = -1;
		}
	}
	return runs.length === 1 ? runs[0] : runs.join('-');
}

/** A trailing `{#name}` at the end of `s` (after trimming): the offsets of `{` and of the name. */
export function trailingLabel(s: string): { start: number; nameStart: number; name: string } | undefined {
	const t = s.trimEnd();
	if (!t.endsWith('}')) return undefined;
	const open = t.lastIndexOf('{#');
	if (open < 0) return undefined;
	const name = t.slice(open + 2, t.length - 1);
	if (!/^[\p{L}\p{N}_-]+$/u.test(name)) return undefined;
	return { start: open, nameStart: open + 2, name };
}

/** True when `name` is a valid label name (letters, digits, `-`, `_`). */
export function isLabelName(name: string): boolean {
	return /^[\p{L}\p{N}_-]+$/u.test(name);
}

/** Headings that open a signatories section (FORMAT.md §9). */
export function isSignatoriesHeading(text: string): boolean {
	return /^(?:signatories|signed by|signing parties|participating parties|adopted by)$/i.test(text.trim().replace(/[:.]$/, '').trim());
}

/** Headings that open a glossary section (FORMAT.md §7). */
export function isGlossaryHeading(text: string): boolean {
	return /^(?:glossary|definitions|abbreviations|acronyms|terms)$/i.test(text.trim().replace(/[:.]$/, '').trim());
}

/** A table-of-contents line: a run of dot leaders (`TÍTULO I DIGNIDADE........ 394`). */
export function hasDotLeader(s: string): boolean {
	return s.includes('....') || s.includes('……') || s.includes('. . . .');
}

/**
 * Structural words that head a section even without blank lines around them (docs/format.md):
 * the preamble, annexes, and the glossary and signatories headings.
 */
const STRUCTURAL = new Set([
	'preamble', 'preambule', 'preambulo', 'praambel', 'преамбула', 'προοιμιο', 'الديباجة', 'annex', 'annexe', 'anexo', 'appendix',
	'glossary', 'definitions', 'abbreviations', 'acronyms', 'terms', 'signatories', 'signed by', 'signing parties', 'participating parties', 'adopted by',
]);

export function isStructuralHeading(s: string): boolean {
	if (s.length > 40) return false;
	return STRUCTURAL.has(foldWord(s.replace(/[:.]$/, '').trim()));
}
