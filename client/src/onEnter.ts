// List continuation on Enter for declaration documents: the pure logic, with no `vscode`
// import, so that it is unit-tested directly (test/unit/client-onEnter.test.ts).
//
// FORMAT.md §6 list markers: bullets `•` `◦` `▪` `‣` `-` `*` `+` `–` `—`, and ordered markers
// `1.` `1)` `(1)` `a.` `a)` `(a)` `i.` `(iv)` `I.` `A.`, each followed by at least one space.

/** The list marker at the start of a line, taken apart. */
export interface ListMarker {
	/** Leading whitespace, verbatim. */
	indent: string;
	/** The marker itself, verbatim (`•`, `3.`, `(c)`). */
	marker: string;
	/** The whitespace between the marker and the item text, verbatim. */
	gap: string;
	/** Column (UTF-16) where the item text starts: indent + marker + gap. */
	contentStart: number;
	kind: 'bullet' | 'ordered';
	/** For ordered markers: `(` when the marker is parenthesised (`(a)`), else ''. */
	open: string;
	/** For ordered markers: `.` or `)`; for bullets ''. */
	close: string;
	/** For ordered markers: the value between the delimiters (`3`, `c`, `iv`, `B`); for bullets ''. */
	value: string;
}

/** What Enter should do on a line. */
export type EnterAction =
	/** Not a list situation: let the editor type a plain newline. */
	| { kind: 'default' }
	/**
	 * Continue the list: replace the `deleteCount` UTF-16 code units after the cursor (the
	 * whitespace that would otherwise open the new item) with `text`, which starts with a newline.
	 */
	| { kind: 'continue'; text: string; deleteCount: number; marker: string }
	/** An empty item: Enter ends the list by replacing the whole line with `replacement`. */
	| { kind: 'end'; replacement: string };

const BULLETS = '•◦▪‣-*+–—';
// One line, anchored, each part bounded: no backtracking to speak of.
// Groups: 1 indent, 2 bullet, 3 `(`, 4 value in parentheses, 5 value before `.`/`)`, 6 `.`/`)`, 7 gap.
const MARKER = /^([ \t]*)(?:([•◦▪‣*+–—-])|(\()(\d{1,9}|[a-z]{1,8}|[A-Z]{1,8})\)|(\d{1,9}|[a-z]{1,8}|[A-Z]{1,8})([.)]))([ \t]+|$)/;
const ROMAN = /^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;

/** Parses the list marker at the start of `line`, or returns undefined when the line is not a list item. */
export function parseMarker(line: string): ListMarker | undefined {
	const m = MARKER.exec(line);
	if (!m) return undefined;
	const indent = m[1];
	const gap = m[7];
	if (m[2] !== undefined) {
		return { indent, marker: m[2], gap, contentStart: indent.length + m[2].length + gap.length, kind: 'bullet', open: '', close: '', value: '' };
	}
	const open = m[3] ?? '';
	const value = m[4] ?? m[5];
	const close = m[3] !== undefined ? ')' : m[6];
	// Letters must be one letter, a repeated letter (UN style `(aa)`), or a roman numeral, so
	// that `No. 5`, `Mr. Smith` or `etc. and` at the start of a line are not taken for markers.
	if (!/^\d/.test(value) && !isRepeatedLetter(value) && !isRoman(value)) return undefined;
	const marker = `${open}${value}${close}`;
	return { indent, marker, gap, contentStart: indent.length + marker.length + gap.length, kind: 'ordered', open, close, value };
}

function isRepeatedLetter(value: string): boolean {
	return value.length <= 3 && [...value].every((c) => c === value[0]);
}

function isRoman(value: string): boolean {
	const lower = value.toLowerCase();
	return (value === lower || value === value.toUpperCase()) && lower.length > 0 && ROMAN.test(lower);
}

/** The value of a roman numeral (`iv` -> 4), or undefined. */
export function romanValue(value: string): number | undefined {
	if (!isRoman(value)) return undefined;
	const digits: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
	const s = value.toLowerCase();
	let total = 0;
	for (let i = 0; i < s.length; i++) {
		const v = digits[s[i]];
		const next = i + 1 < s.length ? digits[s[i + 1]] : 0;
		total += v < next ? -v : v;
	}
	return total;
}

/** A roman numeral for n (1..3999), in the case of `like`. */
export function toRoman(n: number, upper: boolean): string {
	const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
	let out = '';
	let rest = Math.max(1, Math.min(3999, n));
	for (const [v, s] of table) {
		while (rest >= v) {
			out += s;
			rest -= v;
		}
	}
	return upper ? out.toUpperCase() : out;
}

/** The 1-based number of a letter marker (`c` -> 3, `aa` -> 27 as UN style doubles letters), or undefined. */
export function letterValue(value: string): number | undefined {
	if (!/^[a-z]+$/i.test(value) || !isRepeatedLetter(value)) return undefined;
	return (value.length - 1) * 26 + (value.toLowerCase().charCodeAt(0) - 96);
}

/** The letter marker for n in UN style: 1..26 -> a..z, 27 -> aa, 28 -> bb, … */
export function toLetters(n: number, upper: boolean): string {
	const k = Math.max(1, n);
	const letter = String.fromCharCode(97 + ((k - 1) % 26));
	const s = letter.repeat(Math.floor((k - 1) / 26) + 1);
	return upper ? s.toUpperCase() : s;
}

/** The shape of an ordered marker, ignoring its value: what a sibling's marker must share. */
function shape(m: ListMarker): string {
	const v = m.value;
	const kind = /^\d/.test(v) ? '1' : v === v.toUpperCase() ? 'A' : 'a';
	return `${m.indent}|${m.open}${kind}${m.close}`;
}

/**
 * Decides whether a letter-or-roman marker value is roman, looking at the previous sibling
 * (the nearest line above with a marker of the same shape and indentation): `(i)` after `(h)`
 * is the letter i, `(v)` after `(iv)` is roman five. Without a sibling: `i` and any roman
 * numeral of two or more characters are roman; other single letters (`c`, `d`, `v`, `x`) are letters.
 */
function isRomanInContext(m: ListMarker, preceding: readonly string[]): boolean {
	const v = m.value;
	const roman = romanValue(v);
	const letter = letterValue(v);
	if (roman === undefined) return false;
	if (letter === undefined) return true;
	const sibling = previousSibling(m, preceding);
	if (sibling) {
		const sr = romanValue(sibling.value);
		const sl = letterValue(sibling.value);
		if (sl !== undefined && sl + 1 === letter) return false;
		if (sr !== undefined && sr + 1 === roman) return true;
		if (sl !== undefined && sr === undefined) return false;
		if (sr !== undefined && sl === undefined) return true;
	}
	return v.toLowerCase() === 'i' || v.length > 1;
}

function previousSibling(m: ListMarker, preceding: readonly string[]): ListMarker | undefined {
	const want = shape(m);
	for (let i = preceding.length - 1; i >= 0; i--) {
		const line = preceding[i];
		const other = parseMarker(line);
		if (other && other.kind === 'ordered' && shape(other) === want) return other;
		// A line indented less than this marker that is itself a list item ends the search:
		// it is the parent, and nothing above it is a sibling.
		if (other && other.indent.length < m.indent.length) return undefined;
	}
	return undefined;
}

/**
 * The marker of the item after the one that `line` starts: the same bullet, or the next number,
 * letter or roman numeral in the same style (`3.` -> `4.`, `(c)` -> `(d)`, `(iv)` -> `(v)`,
 * `(z)` -> `(aa)`). `preceding` are the lines above, nearest last, used only to tell the
 * letter `i` from the roman one. Returns undefined when the line has no list marker.
 */
export function nextMarker(line: string, preceding: readonly string[] = []): string | undefined {
	const m = parseMarker(line);
	if (!m) return undefined;
	return successor(m, preceding);
}

function successor(m: ListMarker, preceding: readonly string[]): string {
	if (m.kind === 'bullet') return m.marker;
	const v = m.value;
	let next: string;
	if (/^\d/.test(v)) {
		next = String(Number(v) + 1);
	} else {
		const upper = v === v.toUpperCase();
		if (isRomanInContext(m, preceding)) {
			next = toRoman((romanValue(v) ?? 0) + 1, upper);
		} else {
			next = toLetters((letterValue(v) ?? 0) + 1, upper);
		}
	}
	return `${m.open}${next}${m.close}`;
}

/**
 * What Enter should do with the cursor at UTF-16 column `column` of `line`, when the selection
 * is empty. `preceding` are the lines above (nearest last; a few dozen are plenty).
 * - On a list item, with the cursor in its text: a new item with the next marker, the same
 *   indentation and the same gap; the text after the cursor moves to the new item.
 * - On an empty item (only a marker) with the cursor at its end: end the list, removing the marker.
 * - Otherwise (not a list item, or the cursor in the indentation or in the marker): default.
 */
export function computeEnter(line: string, column: number, preceding: readonly string[] = []): EnterAction {
	const m = parseMarker(line);
	if (!m) return { kind: 'default' };
	const rest = line.slice(m.contentStart);
	if (rest.trim() === '') {
		// An empty item: Enter at its end closes the list (as Markdown editors do).
		if (column >= m.indent.length + m.marker.length) return { kind: 'end', replacement: '' };
		return { kind: 'default' };
	}
	if (column < m.contentStart) return { kind: 'default' };
	const marker = successor(m, preceding);
	const gap = m.gap === '' ? ' ' : m.gap;
	const after = line.slice(column);
	const deleteCount = after.length - after.trimStart().length;
	return { kind: 'continue', text: `\n${m.indent}${marker}${gap}`, deleteCount, marker };
}

/** The bullets of FORMAT.md §6, for other modules (keybinding docs, tests). */
export const BULLET_MARKERS: readonly string[] = [...BULLETS];
