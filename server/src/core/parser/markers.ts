/** List markers (FORMAT.md §6): bullets, numbers, letters, roman numerals, each followed by a space. */
import type { MarkerKind } from '../model';

export interface RawMarker {
	/** Offset of the marker's first character from the start of the scanned text. */
	readonly length: number;
	readonly text: string;
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
	let out = '';
	for (const [v, s] of ROMAN_TABLE) {
		while (n >= v) {
			out += s;
			n -= v;
		}
	}
	return out;
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
	const c = text[start];
	if (isBullet(code)) {
		if (start + 1 >= end || !isSpace(text.charCodeAt(start + 1))) return undefined;
		return withContent(text, start, end, 1, c, 'bullet', '', undefined, undefined);
	}
	let i = start;
	if (code === 40) {
		i++;
		const s = i;
		while (i < end && i - s < 6 && isAlnum(text.charCodeAt(i))) i++;
		if (i === s || text.charCodeAt(i) !== 41 /* ) */) return undefined;
		const body = text.slice(s, i);
		i++;
		return classify(text, start, end, i - start, body, '()');
	}
	const s = i;
	while (i < end && i - s < 6 && isAlnum(text.charCodeAt(i))) i++;
	if (i === s || i >= end) return undefined;
	const p = text.charCodeAt(i);
	if (p !== 46 /* . */ && p !== 41 /* ) */) return undefined;
	// what follows the punctuation must be a space: checked before the body is read
	if (i + 1 >= end || !isSpace(text.charCodeAt(i + 1))) return undefined;
	const body = text.slice(s, i);
	return classify(text, start, end, i + 1 - start, body, p === 46 ? '.' : ')');
}

/** `[0-9a-zA-Z]`. */
function isAlnum(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** A bullet: `•◦▪‣-*+–—`. */
function isBullet(c: number): boolean {
	return c === 0x2022 || c === 0x25e6 || c === 0x25aa || c === 0x2023 || c === 45 || c === 42 || c === 43 || c === 0x2013 || c === 0x2014;
}

function classify(text: string, start: number, end: number, length: number, body: string, style: '.' | ')' | '()'): RawMarker | undefined {
	const markerText = text.slice(start, start + length);
	const n = body.length;
	const c0 = body.charCodeAt(0);
	if (n <= 3 && isDigits(body)) {
		return withContent(text, start, end, length, markerText, 'number', style, Number(body), undefined);
	}
	if (n === 1 && c0 >= 97 && c0 <= 122) {
		const letter = c0 - 96;
		const roman = romanValue(body);
		if (roman !== undefined && (body === 'i' || body === 'v' || body === 'x')) {
			return withContent(text, start, end, length, markerText, 'roman', style, roman, letter);
		}
		return withContent(text, start, end, length, markerText, 'letter', style, letter, roman !== undefined ? letter : undefined);
	}
	if (n === 1 && c0 >= 65 && c0 <= 90) {
		const letter = c0 - 64;
		const roman = romanValue(body);
		if (roman !== undefined && (body === 'I' || body === 'V' || body === 'X')) {
			return withContent(text, start, end, length, markerText, 'upper-roman', style, roman, letter);
		}
		return withContent(text, start, end, length, markerText, 'upper-letter', style, letter, undefined);
	}
	if (/^[ivxlcdm]+$/.test(body)) {
		const v = romanValue(body);
		return v === undefined ? undefined : withContent(text, start, end, length, markerText, 'roman', style, v, undefined);
	}
	if (/^[IVXLCDM]+$/.test(body)) {
		const v = romanValue(body);
		return v === undefined ? undefined : withContent(text, start, end, length, markerText, 'upper-roman', style, v, undefined);
	}
	return undefined;
}

function isDigits(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 48 || c > 57) return false;
	}
	return s.length > 0;
}

function withContent(text: string, start: number, end: number, length: number, markerText: string, kind: MarkerKind, style: RawMarker['style'], value: number | undefined, letterValue: number | undefined): RawMarker | undefined {
	let i = start + length;
	if (i >= end || !isSpace(text.charCodeAt(i))) return undefined;
	while (i < end && isSpace(text.charCodeAt(i))) i++;
	if (i >= end) return undefined; // a marker with nothing after it is not an item
	return { text: markerText, kind, style, value, letterValue, length, contentOffset: i - start };
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
