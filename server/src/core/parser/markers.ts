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

const BULLETS = '•◦▪‣-*+–—';

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

export function toRoman(n: number): string {
	const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
	let out = '';
	for (const [v, s] of table) {
		while (n >= v) {
			out += s;
			n -= v;
		}
	}
	return out;
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
	const c = text[start];
	if (BULLETS.includes(c)) {
		if (start + 1 >= end || !isSpace(text.charCodeAt(start + 1))) return undefined;
		return withContent(text, start, end, 1, { text: c, kind: 'bullet', style: '' });
	}
	let i = start;
	let style: '.' | ')' | '()';
	if (c === '(') {
		i++;
		const s = i;
		while (i < end && i - s < 6 && /[0-9a-z]/i.test(text[i])) i++;
		if (i === s || text[i] !== ')') return undefined;
		const body = text.slice(s, i);
		i++;
		style = '()';
		return classify(text, start, end, i - start, body, style);
	}
	const s = i;
	while (i < end && i - s < 6 && /[0-9a-z]/i.test(text[i])) i++;
	if (i === s || i >= end) return undefined;
	const p = text[i];
	if (p !== '.' && p !== ')') return undefined;
	style = p;
	const body = text.slice(s, i);
	return classify(text, start, end, i + 1 - start, body, style);
}

function classify(text: string, start: number, end: number, length: number, body: string, style: '.' | ')' | '()'): RawMarker | undefined {
	const markerText = text.slice(start, start + length);
	if (/^\d{1,3}$/.test(body)) {
		return withContent(text, start, end, length, { text: markerText, kind: 'number', style, value: Number(body) });
	}
	if (/^[a-z]$/.test(body)) {
		const letter = body.charCodeAt(0) - 96;
		const roman = romanValue(body);
		if (roman !== undefined && (body === 'i' || body === 'v' || body === 'x')) {
			return withContent(text, start, end, length, { text: markerText, kind: 'roman', style, value: roman, letterValue: letter });
		}
		return withContent(text, start, end, length, { text: markerText, kind: 'letter', style, value: letter, letterValue: roman !== undefined ? letter : undefined });
	}
	if (/^[A-Z]$/.test(body)) {
		const letter = body.charCodeAt(0) - 64;
		const roman = romanValue(body);
		if (roman !== undefined && (body === 'I' || body === 'V' || body === 'X')) {
			return withContent(text, start, end, length, { text: markerText, kind: 'upper-roman', style, value: roman, letterValue: letter });
		}
		return withContent(text, start, end, length, { text: markerText, kind: 'upper-letter', style, value: letter });
	}
	if (/^[ivxlcdm]+$/.test(body)) {
		const v = romanValue(body);
		return v === undefined ? undefined : withContent(text, start, end, length, { text: markerText, kind: 'roman', style, value: v });
	}
	if (/^[IVXLCDM]+$/.test(body)) {
		const v = romanValue(body);
		return v === undefined ? undefined : withContent(text, start, end, length, { text: markerText, kind: 'upper-roman', style, value: v });
	}
	return undefined;
}

function withContent(text: string, start: number, end: number, length: number, m: Omit<RawMarker, 'length' | 'contentOffset'>): RawMarker | undefined {
	let i = start + length;
	if (i >= end || !isSpace(text.charCodeAt(i))) return undefined;
	while (i < end && isSpace(text.charCodeAt(i))) i++;
	if (i >= end) return undefined; // a marker with nothing after it is not an item
	return { text: m.text, kind: m.kind, style: m.style, value: m.value, letterValue: m.letterValue, length, contentOffset: i - start };
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
