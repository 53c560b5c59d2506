/**
 * Term names as patterns of words (FORMAT.md §7): how a name is split into words, which names are
 * acronyms (matched case-sensitively), and the plural rules (`s`, `es`, `y` → `ies`).
 *
 * A name is a sequence of words (runs of letters, digits and combining marks) with the separators
 * between them (`COVID-19` is `COVID` `-` `19`; `Workers' Parties` is `Workers` `' ` `Parties`).
 * A use matches a name when its words are the name's words (compared in lower case, or exactly for
 * an acronym) and the separators between them are the same once whitespace runs (a line break
 * included) are one space, and typographic apostrophes and hyphens are the ASCII ones.
 */
import { isAcronymLike } from './acronyms';

export interface NamePattern {
	/** The name as written at its definition (trimmed). */
	readonly name: string;
	/** Identity of the name: `A:` + the name as written for acronyms, `T:` + its lower-case words for other terms. */
	readonly key: string;
	/** Hash of the first word in lower case (the key of the dictionaries and of the document filters). */
	readonly first: number;
	/** The words: as written for an acronym, in lower case (`lowerWord`) otherwise. */
	readonly words: readonly string[];
	/** `seps[j]`: the normalised separator before `words[j + 1]`. */
	readonly seps: readonly string[];
	/** Acronyms (no lower-case letters, or acronym-like such as `PCdoB`) match case-sensitively. */
	readonly caseSensitive: boolean;
}

/** Words: runs of letters, digits and combining marks. Linear, no backtracking. */
export const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;
const LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /\p{Lu}/u;
const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;

/** The longest separator between two words of a name. */
export const MAX_SEPARATOR = 8;

/** Whitespace runs → one space; typographic apostrophes and hyphens → ASCII. */
export function normalizeSeparator(s: string): string {
	let out = '';
	let space = false;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0x3000 || (c >= 0x2000 && c <= 0x200a)) {
			if (!space) out += ' ';
			space = true;
			continue;
		}
		space = false;
		if (c === 0x2019 || c === 0x2018 || c === 0x2bc) out += "'";
		else if (c === 0x2010 || c === 0x2011) out += '-';
		else out += s[i];
	}
	return out;
}

/** True for a name matched case-sensitively: all capitals and digits (`NATO`, `COVID-19`, `P5`) or acronym-like (`PCdoB`). */
export function isAcronymName(name: string): boolean {
	if (!UPPER_RE.test(name)) return false;
	return !LOWER_RE.test(name) || isAcronymLike(name);
}

/** The pattern of a name, or undefined when it has no words or fewer than two letters and digits in all. */
export function namePattern(name: string): NamePattern | undefined {
	const trimmed = name.trim();
	const words: string[] = [];
	const seps: string[] = [];
	let last = -1;
	let chars = 0;
	const caseSensitive = isAcronymName(trimmed);
	WORD_RE.lastIndex = 0;
	for (let m = WORD_RE.exec(trimmed); m; m = WORD_RE.exec(trimmed)) {
		if (last >= 0) {
			const sep = trimmed.slice(last, m.index);
			if (sep.length > MAX_SEPARATOR) return undefined;
			seps.push(normalizeSeparator(sep));
		}
		words.push(caseSensitive ? m[0] : lowerWord(m[0]));
		chars += m[0].length;
		last = m.index + m[0].length;
	}
	if (words.length === 0 || chars < 2 || !LETTER_OR_DIGIT_RE.test(trimmed)) return undefined;
	let joined = words[0];
	for (let j = 1; j < words.length; j++) joined += seps[j - 1] + words[j];
	return { name: trimmed, key: (caseSensitive ? 'A:' : 'T:') + joined, first: hashLower(words[0], 0, words[0].length), words, seps, caseSensitive };
}

/**
 * Lower case one UTF-16 unit at a time (no context rules such as the Greek final sigma), so that a
 * name and the text it is found in are folded, and hashed, alike.
 */
export function lowerWord(s: string): string {
	let ascii = true;
	for (let i = 0; i < s.length && ascii; i++) if (s.charCodeAt(i) >= 128) ascii = false;
	if (ascii) return s.toLowerCase();
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		out += c < 128 ? String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c) : String.fromCharCode(c).toLowerCase();
	}
	return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Hashes are kept to 30 bits: small integers for V8, so map keys and typed arrays never box them. */
/** The bits of a word hash (`hashLower`); a packed word keeps its case flags above them (tokens.ts). */
export const HASH_MASK = 0x3fffffff;

/** FNV-1a of `lowerWord(text.slice(start, end))` (30 bits), without building the string. */
export function hashLower(text: string, start: number, end: number): number {
	return (hashLowerRaw(text, start, end) & HASH_MASK) >>> 0;
}

function hashLowerRaw(text: string, start: number, end: number): number {
	let h = FNV_OFFSET;
	for (let i = start; i < end; i++) {
		let c = text.charCodeAt(i);
		if (c < 128) {
			if (c >= 65 && c <= 90) c += 32;
			h = Math.imul(h ^ c, FNV_PRIME);
		} else {
			const l = String.fromCharCode(c).toLowerCase();
			for (let k = 0; k < l.length; k++) h = Math.imul(h ^ l.charCodeAt(k), FNV_PRIME);
		}
	}
	return h;
}

/**
 * Hashes of the singular forms the word `text[start, end)` may be the plural of (`parties` →
 * `partie`, `parti`, `party`), by the rules of `singulars`, written to `out`: returns how many.
 */
export function singularHashes(text: string, start: number, end: number, out: Uint32Array): number {
	const n = end - start;
	if (n < 3 || (text.charCodeAt(end - 1) | 0x20) !== 115 /* s */) return 0;
	out[0] = hashLower(text, start, end - 1);
	if ((text.charCodeAt(end - 2) | 0x20) !== 101 /* e */) return 1;
	out[1] = hashLower(text, start, end - 2);
	if ((text.charCodeAt(end - 3) | 0x20) !== 105 /* i */) return 2;
	out[2] = (Math.imul(hashLowerRaw(text, start, end - 3) ^ 121 /* y */, FNV_PRIME) & HASH_MASK) >>> 0;
	return 3;
}

/** The singular forms a lower-case word may be the plural of (`parties` → `party`, `partie`, `parti`). */
export function singulars(lower: string): string[] {
	if (lower.length < 3 || lower.charCodeAt(lower.length - 1) !== 115 /* s */) return [];
	const out = [lower.slice(0, -1)];
	if (lower.endsWith('es')) out.push(lower.slice(0, -2));
	if (lower.endsWith('ies')) out.push(`${lower.slice(0, -3)}y`);
	return out;
}

/** True when `word` is a plural of `base` by the rules of FORMAT.md §7 (both compared as given). */
export function isPluralOf(word: string, base: string): boolean {
	const n = base.length;
	if (word.length === n + 1) return word.charCodeAt(n) === 115 && word.startsWith(base);
	if (word.length === n + 2) {
		if (word.endsWith('es') && word.startsWith(base)) return true;
		return base.endsWith('y') && word.endsWith('ies') && word.startsWith(base.slice(0, -1));
	}
	return false;
}

/** The plural forms of a name as written (the last word takes the ending). */
export function pluralForms(name: string): string[] {
	if (isAcronymName(name)) return [`${name}s`];
	const out = [`${name}s`, `${name}es`];
	if (name.endsWith('y')) out.push(`${name.slice(0, -1)}ies`);
	return out;
}

/** The plural of a (new) name: acronyms take `s`; otherwise consonant + `y` → `ies`, sibilants take `es`, the rest `s`. */
export function pluralOf(name: string): string {
	if (isAcronymName(name)) return `${name}s`;
	if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
	if (/(?:[sxz]|ch|sh)$/.test(name)) return `${name}es`;
	return `${name}s`;
}
