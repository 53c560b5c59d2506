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
 * The first sentence of `text` (whitespace already normalised): up to a `.`, `;`, `!` or `?`
 * followed by a space or the end, not after a common abbreviation, an initial (`J.`) or a number (`1.`).
 * The closing `.` or `;` is dropped; `!` and `?` are kept.
 */
export function firstSentence(text: string): string {
	const n = text.length;
	for (let i = 0; i < n; i++) {
		const c = text[i];
		if (c !== '.' && c !== ';' && c !== '!' && c !== '?') continue;
		const next = i + 1 < n ? text[i + 1] : ' ';
		if (next !== ' ' && next !== '\u00a0') continue;
		if (c === '.') {
			// the word before the dot
			let j = i;
			while (j > 0 && text[j - 1] !== ' ' && text[j - 1] !== '(') j--;
			const word = text.slice(j, i).toLowerCase();
			if (ABBREVIATIONS.has(word)) continue;
			if (/^\p{L}$/u.test(word)) continue; // an initial: "J. Smith", "U. S."
			if (/^\d{1,3}$/.test(word) && i + 2 < n && /\p{Ll}/u.test(text[i + 2])) continue; // "1st of May. 2. x" stays
			if (/^\d+$/.test(word) && j === 0) continue; // a leading number
		}
		const end = c === '!' || c === '?' ? i + 1 : i;
		const s = text.slice(0, end).trim();
		if (s.length > 0) return s;
	}
	return text.trim();
}

/** Cuts `s` at a word boundary so that it is at most `max` characters including the `…` it then ends with. */
export function shorten(s: string, max = TITLE_MAX): string {
	if (s.length <= max) return s;
	const room = max - 1;
	let cut = s.lastIndexOf(' ', room);
	if (cut < room / 2) cut = room; // no space in a sensible place: cut the word
	return s.slice(0, cut).replace(/[\s,;:–—-]+$/u, '') + '…';
}

/**
 * The title of the text in `text.slice(start, end)`: its first sentence, shortened. Only a prefix
 * is read: a title never needs more than its first hundred characters and the sentence's end.
 */
export function titleOf(text: string, start = 0, end = text.length): string {
	for (let n = 200; ; n *= 4) {
		const stop = Math.min(end, start + n);
		const norm = normalizeSpace(text.slice(start, stop));
		const sentence = firstSentence(norm);
		// decided: the sentence ended inside the prefix, or the prefix already exceeds a title, or it is all there is
		if (stop >= end || sentence.length < norm.length - 1 || norm.length > TITLE_MAX + 1) return shorten(sentence);
	}
}
