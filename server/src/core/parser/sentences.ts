/** First sentences and short titles (FORMAT.md §6: an item's title is its first sentence, at most 100 characters). */

/** Words after which a `.` does not end a sentence (compared lower case, without the final dot). */
const ABBREVIATIONS = new Set([
	'e.g', 'i.e', 'etc', 'cf', 'vs', 'viz', 'no', 'nos', 'art', 'arts', 'para', 'paras', 'par', 'p', 'pp', 'vol', 'vols',
	'ch', 'chap', 'sec', 'fig', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'u.s', 'u.k', 'u.n', 'u.s.a', 'u.s.s.r', 'e.u',
	'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'dept', 'gen', 'gov', 'rev', 'res', 'doc', 'op', 'approx', 'ca', 'al',
	'n.º', 'n.o', 'nr', 'nº', 'ibid', 'op.cit', 'resp', 'incl', 'excl', 'ed', 'eds', 'jan', 'feb', 'mar', 'apr', 'jun',
	'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'a.m', 'p.m', 'ph.d', 'sq', 'km', 'mt', 'cap', 'ss', 'sr',
]);

export const TITLE_MAX = 100;

/** Collapses whitespace runs to single spaces and trims. */
export function normalizeSpace(s: string): string {
	// the usual case, words between single spaces, is `s` itself
	let prevSpace = true;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 32) {
			if (prevSpace) return s.replace(/\s+/g, ' ').trim();
			prevSpace = true;
		} else if (isWs(c)) {
			return s.replace(/\s+/g, ' ').trim();
		} else {
			prevSpace = false;
		}
	}
	return prevSpace && s.length > 0 ? s.replace(/\s+/g, ' ').trim() : s;
}

/**
 * The first sentence of `text.slice(start, end)`: up to a `.`, `;`, `!` or `?` followed by
 * whitespace or the end, not after a common abbreviation, an initial (`J.`) or a number (`1.`).
 * The closing `.` or `;` is dropped; `!` and `?` are kept. Whitespace runs count as one space.
 * Scanning stops once `limit` characters (after collapsing whitespace) are read: a longer
 * sentence is cut by `shorten` anyway. Returns the offsets of the sentence in `text`.
 */
export function firstSentenceSpan(text: string, start = 0, end = text.length, limit = Infinity): { start: number; end: number } {
	let i = start;
	while (i < end && isWs(text.charCodeAt(i))) i++;
	const from = i;
	let count = 0;
	let prevWs = false;
	for (; i < end; i++) {
		const code = text.charCodeAt(i);
		if (isWs(code)) {
			if (!prevWs) count++;
			prevWs = true;
			continue;
		}
		prevWs = false;
		count++;
		if (count > limit) return { start: from, end: i + 1 }; // longer than a title: shorten() cuts it
		if (code !== 46 /* . */ && code !== 59 /* ; */ && code !== 33 /* ! */ && code !== 63 /* ? */) continue;
		if (!endsSentence(text, from, i, end, code)) continue;
		const stop = code === 33 || code === 63 ? i + 1 : i;
		if (stop > from) return { start: from, end: stop };
	}
	return { start: from, end };
}

/** True when the `.`, `;`, `!` or `?` (`code`) at `i` ends the sentence that starts at `from`. */
function endsSentence(text: string, from: number, i: number, end: number, code: number): boolean {
	if (i + 1 < end && !isWs(text.charCodeAt(i + 1))) return false;
	if (code === 46) {
		let j = i;
		while (j > from && !isWs(text.charCodeAt(j - 1)) && text.charCodeAt(j - 1) !== 40 /* ( */) j--;
		const word = text.slice(j, i).toLowerCase();
		if (ABBREVIATIONS.has(word)) return false;
		if (word.length === 1 && /\p{L}/u.test(word)) return false; // an initial: "J. Smith", "U. S."
		if (j === from && /^\d+$/.test(word)) return false; // a leading number
		if (/^\d{1,3}$/.test(word)) {
			let k = i + 1;
			while (k < end && isWs(text.charCodeAt(k))) k++;
			if (k < end && /\p{Ll}/u.test(text[k])) return false; // "the 1. of May" stays one sentence
		}
	}
	return true;
}

/** `\\s` of regular expressions, by code unit (the common printable characters answer after two comparisons). */
export function isWs(c: number): boolean {
	if (c > 32 && c < 0xa0) return false;
	if (c <= 32) return c === 32 || c === 10 || c === 13 || c === 9 || c === 11 || c === 12;
	return c === 0xa0 || c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680;
}

/** The first sentence of `text` (see firstSentenceSpan), with whitespace collapsed. */
export function firstSentence(text: string): string {
	const s = firstSentenceSpan(text);
	return normalizeSpace(text.slice(s.start, s.end));
}

/** Cuts `s` at a word boundary so that it is at most `max` characters including the `…` it then ends with. */
export function shorten(s: string, max = TITLE_MAX): string {
	if (s.length <= max) return s;
	const room = max - 1;
	let cut = s.lastIndexOf(' ', room);
	if (cut < room / 2) cut = room; // no space in a sensible place: cut the word
	// drop trailing spaces and `,;:–—-` (what /[\s,;:–—-]+$/ matches), without a regular expression
	while (cut > 0) {
		const c = s.charCodeAt(cut - 1);
		if (isWs(c) || c === 44 || c === 59 || c === 58 || c === 0x2013 || c === 0x2014 || c === 45) cut--;
		else break;
	}
	return s.slice(0, cut) + '…';
}

/** The title of the text in `text.slice(start, end)`: its first sentence, shortened. Reads only what a title needs. */
export function titleOf(text: string, start = 0, end = text.length): string {
	// fast path, for text whose whitespace is single spaces between words: one scan, one slice
	let i = start;
	while (i < end && isWs(text.charCodeAt(i))) i++;
	const from = i;
	let prevSpace = false;
	for (; i < end; i++) {
		const code = text.charCodeAt(i);
		if (code === 32) {
			if (prevSpace) break; // a run of spaces: the general path
			prevSpace = true;
			continue;
		}
		if (isWs(code)) break;
		prevSpace = false;
		// each character counts one here: the limit of firstSentenceSpan is reached at the same character
		if (i - from + 1 > TITLE_MAX + 1) return shorten(text.slice(from, i + 1));
		if (code !== 46 /* . */ && code !== 59 /* ; */ && code !== 33 /* ! */ && code !== 63 /* ? */) continue;
		if (!endsSentence(text, from, i, end, code)) continue;
		const stop = code === 33 || code === 63 ? i + 1 : i;
		if (stop > from) {
			if (text.charCodeAt(stop - 1) === 32) break; // `word .`: the general path trims
			return shorten(text.slice(from, stop));
		}
	}
	if (i >= end && !prevSpace) return shorten(text.slice(from, end));
	const s = firstSentenceSpan(text, start, end, TITLE_MAX + 1);
	return shorten(collapsed(text, s.start, s.end));
}

/**
 * `normalizeSpace(text.slice(start, end))` for a span that starts with a non-space: the slice
 * itself when it holds no whitespace but single spaces between words (the usual case, no copy
 * and no regular expression), else the normalised copy.
 */
function collapsed(text: string, start: number, end: number): string {
	let prevSpace = true;
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 32) {
			if (prevSpace) return normalizeSpace(text.slice(start, end));
			prevSpace = true;
		} else if (c <= 13 || c >= 0xa0) {
			if (isWs(c)) return normalizeSpace(text.slice(start, end));
			prevSpace = false;
		} else {
			prevSpace = false;
		}
	}
	if (prevSpace && end > start) return normalizeSpace(text.slice(start, end));
	return text.slice(start, end);
}
