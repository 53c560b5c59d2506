/** List markers (FORMAT.md §6): bullets, numbers, letters, roman numerals, each followed by a space. */
import type { MarkerKind } from '../model';

export interface RawMarker {
	/** Length of the marker (`text.slice(start, start + length)` is the marker as written). */
	readonly length: number;
	readonly kind: MarkerKind;
	readonly style: '.' | ')' | '()' | '';
	readonly value?: number;
	/** For a single letter that is also a roman numeral (`i`, `v`, `x`, `c`, `d`, `l`, `m`): its value as a letter. */
	readonly letterValue?: number;
	/** Offset, from the marker start, of the first content character (after the spaces). */
	readonly contentOffset: number;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** Value of a roman numeral in canonical form (`iv`, `xiv`, `mcm`), or undefined. */
export function romanValue(s: string): number | undefined {
	const t = s.toLowerCase();
	if (t.length === 0 || t.length > 12) return undefined;
	let total = 0;
	for (let i = 0; i < t.length; i++) {
		const v = ROMAN[t[i]];
		if (v === undefined) return undefined;
		const next = i + 1 < t.length ? ROMAN[t[i + 1]] : 0;
		if (next === undefined) return undefined;
		total += v < next ? -v : v;
	}
	return total > 0 && toRoman(total) === t ? total : undefined;
}

const ROMAN_TABLE: readonly (readonly [number, string])[] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
/** Roman numerals of 0…3999, computed once (`ROMAN_CACHE[0]` is ''). */
const ROMAN_CACHE: string[] = [];

function computeRoman(n: number): string {
	// the parts joined in one string (appending one by one would keep chains of concatenated strings in the cache)
	const parts: string[] = [];
	for (const [v, s] of ROMAN_TABLE) {
		while (n >= v) {
			parts.push(s);
			n -= v;
		}
	}
	return parts.join('');
}

export function toRoman(n: number): string {
	if (Number.isInteger(n) && n >= 0 && n < 4000) {
		if (ROMAN_CACHE.length === 0) for (let k = 0; k < 4000; k++) ROMAN_CACHE.push(computeRoman(k));
		return ROMAN_CACHE[n];
	}
	return computeRoman(n);
}

function isSpace(c: number): boolean {
	return c === 32 || c === 9 || c === 0xa0;
}

/**
 * Recognises a list marker at `text[start]`, which must be followed by at least one space
 * (and then something that is not a space before `end`). Returns undefined when there is none.
 */
export function matchMarker(text: string, start: number, end: number): RawMarker | undefined {
	if (start >= end) return undefined;
	const code = text.charCodeAt(start);
	// fast rejection: a marker starts with a bullet, `(`, a digit or an ASCII letter
	if (!isAlnum(code) && code !== 40 /* ( */ && !isBullet(code)) return undefined;
	if (isBullet(code)) {
		if (start + 1 >= end || !isSpace(text.charCodeAt(start + 1))) return undefined;
		return withContent(text, start, end, 1, 'bullet', '', undefined, undefined);
	}
	let i = start;
	if (code === 40) {
		i++;
		const s = i;
		while (i < end && i - s < 6 && isAlnum(text.charCodeAt(i))) i++;
		if (i === s || text.charCodeAt(i) !== 41 /* ) */) return undefined;
		return classify(text, start, end, i + 1 - start, s, i, '()');
	}
	const s = i;
	while (i < end && i - s < 6 && isAlnum(text.charCodeAt(i))) i++;
	if (i === s || i >= end) return undefined;
	const p = text.charCodeAt(i);
	if (p !== 46 /* . */ && p !== 41 /* ) */) return undefined;
	// what follows the punctuation must be a space: checked before the body is read
	if (i + 1 >= end || !isSpace(text.charCodeAt(i + 1))) return undefined;
	return classify(text, start, end, i + 1 - start, s, i, p === 46 ? '.' : ')');
}

/** `[0-9a-zA-Z]`. */
function isAlnum(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** A bullet: `•◦▪‣-*+–—`. */
function isBullet(c: number): boolean {
	return c === 0x2022 || c === 0x25e6 || c === 0x25aa || c === 0x2023 || c === 45 || c === 42 || c === 43 || c === 0x2013 || c === 0x2014;
}

/** The marker of `length` characters at `start` whose body (letters or digits, without punctuation) is `text[s, e)`. */
function classify(text: string, start: number, end: number, length: number, s: number, e: number, style: '.' | ')' | '()'): RawMarker | undefined {
	const n = e - s;
	const c0 = text.charCodeAt(s);
	// numbers of up to three digits, read without cutting the body out
	if (n <= 3) {
		let value = 0;
		let k = s;
		for (; k < e; k++) {
			const c = text.charCodeAt(k);
			if (c < 48 || c > 57) break;
			value = value * 10 + (c - 48);
		}
		if (k === e) return withContent(text, start, end, length, 'number', style, value, undefined);
	}
	if (n === 1 && c0 >= 97 && c0 <= 122) {
		const letter = c0 - 96;
		const roman = ROMAN_LETTER[c0 - 97];
		if (c0 === 105 /* i */ || c0 === 118 /* v */ || c0 === 120 /* x */) {
			return withContent(text, start, end, length, 'roman', style, roman, letter);
		}
		return withContent(text, start, end, length, 'letter', style, letter, roman !== undefined ? letter : undefined);
	}
	if (n === 1 && c0 >= 65 && c0 <= 90) {
		const letter = c0 - 64;
		if (c0 === 73 /* I */ || c0 === 86 /* V */ || c0 === 88 /* X */) {
			return withContent(text, start, end, length, 'upper-roman', style, ROMAN_LETTER[c0 - 65], letter);
		}
		return withContent(text, start, end, length, 'upper-letter', style, letter, undefined);
	}
	const body = text.slice(s, e);
	if (/^[ivxlcdm]+$/.test(body)) {
		const v = romanValue(body);
		return v === undefined ? undefined : withContent(text, start, end, length, 'roman', style, v, undefined);
	}
	if (/^[IVXLCDM]+$/.test(body)) {
		const v = romanValue(body);
		return v === undefined ? undefined : withContent(text, start, end, length, 'upper-roman', style, v, undefined);
	}
	return undefined;
}

/** The value of each letter `a`…`z` as a one-letter roman numeral (`i` 1, `v` 5, `x` 10, `l` 50, `c` 100, `d` 500, `m` 1000), else undefined. */
const ROMAN_LETTER: readonly (number | undefined)[] = Array.from({ length: 26 }, (_, k) => romanValue(String.fromCharCode(97 + k)));

function withContent(text: string, start: number, end: number, length: number, kind: MarkerKind, style: RawMarker['style'], value: number | undefined, letterValue: number | undefined): RawMarker | undefined {
	let i = start + length;
	if (i >= end || !isSpace(text.charCodeAt(i))) return undefined;
	while (i < end && isSpace(text.charCodeAt(i))) i++;
	if (i >= end) return undefined; // a marker with nothing after it is not an item
	return { kind, style, value, letterValue, length, contentOffset: i - start };
}

/** Drafting order of marker kinds without indentation (FORMAT.md §6): numbers, letters, roman, capitals. */
export const KIND_ORDER: Record<MarkerKind, number> = {
	'upper-roman': 0,
	number: 1,
	letter: 2,
	roman: 3,
	'upper-letter': 4,
	bullet: 5,
};

/** Printed form of an item number inside an outer item: `3.`, then `(b)`, then `(ii)`. */
export function printedPart(kind: MarkerKind, value: number, style: '.' | ')' | '()' | ''): string {
	switch (kind) {
		case 'number':
			return style === '()' ? `(${value})` : String(value);
		case 'letter':
			return `(${String.fromCharCode(96 + ((value - 1) % 26) + 1)})`;
		case 'upper-letter':
			return `(${String.fromCharCode(64 + ((value - 1) % 26) + 1)})`;
		case 'roman':
			return `(${toRoman(value)})`;
		case 'upper-roman':
			return toRoman(value).toUpperCase();
		case 'bullet':
			return String(value);
	}
}

/** The marker body of a value in a kind: `4`, `d`, `iv`, `D`, `IV` (bullets have none: the number). */
export function markerBodyFor(kind: MarkerKind, value: number): string {
	switch (kind) {
		case 'letter':
			return letters(value);
		case 'upper-letter':
			return letters(value).toUpperCase();
		case 'roman':
			return toRoman(value);
		case 'upper-roman':
			return toRoman(value).toUpperCase();
		default:
			return String(value);
	}
}

/** A marker as written for a value, in a kind and style: `4.`, `(d)`, `iv)`. */
export function markerFor(kind: MarkerKind, style: '.' | ')' | '()' | '', value: number): string {
	const body = markerBodyFor(kind, value);
	return style === '()' ? `(${body})` : `${body}${style}`;
}

/** 1 → a, 26 → z, 27 → aa. */
function letters(n: number): string {
	let s = '';
	let v = n;
	while (v > 0) {
		const r = (v - 1) % 26;
		s = String.fromCharCode(97 + r) + s;
		v = Math.floor((v - 1) / 26);
	}
	return s;
}
