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
	return s.replace(/\s+/g, ' ').trim();
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
		if (i + 1 < end && !isWs(text.charCodeAt(i + 1))) continue;
		if (code === 46) {
			let j = i;
			while (j > from && !isWs(text.charCodeAt(j - 1)) && text[j - 1] !== '(') j--;
			const word = text.slice(j, i).toLowerCase();
			if (ABBREVIATIONS.has(word)) continue;
			if (word.length === 1 && /\p{L}/u.test(word)) continue; // an initial: "J. Smith", "U. S."
			if (j === from && /^\d+$/.test(word)) continue; // a leading number
			if (/^\d{1,3}$/.test(word)) {
				let k = i + 1;
				while (k < end && isWs(text.charCodeAt(k))) k++;
				if (k < end && /\p{Ll}/u.test(text[k])) continue; // "the 1. of May" stays one sentence
			}
		}
		const stop = code === 33 || code === 63 ? i + 1 : i;
		if (stop > from) return { start: from, end: stop };
	}
	return { start: from, end };
}

function isWs(c: number): boolean {
	return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 11 || c === 12 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680;
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
	return s.slice(0, cut).replace(/[\s,;:–—-]+$/u, '') + '…';
}

/** The title of the text in `text.slice(start, end)`: its first sentence, shortened. Reads only what a title needs. */
export function titleOf(text: string, start = 0, end = text.length): string {
	const s = firstSentenceSpan(text, start, end, TITLE_MAX + 1);
	return shorten(normalizeSpace(text.slice(s.start, s.end)));
}
