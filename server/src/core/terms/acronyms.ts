/**
 * Acronym definitions (FORMAT.md §7): `Long Form Of Words (LFOW)` and the reverse
 * `LFOW (Long Form Of Words)`.
 *
 * The scan is linear in the length of the range: every `(` is examined once, and the work
 * done for it is bounded by constants (a look-back window of `MAX_LOOKBACK_CHARS` characters
 * and `MAX_WORDS` words, an acronym of at most `MAX_ACRONYM_LENGTH` characters, a reverse long
 * form of at most `MAX_REVERSE_CONTENT` characters). No regular expression here backtracks.
 *
 * How the long form is found, in order:
 * 1. initials, strict: each acronym letter is the initial of a word (or of a hyphenated part
 *    of one, `Anti-Fascist` → A or AF), or continues the leading letters of the word it started
 *    in (`PCdoB` ← `Partido Comunista do Brasil`); a digit group matches a number word
 *    (`19` ← `2019`); small words (`of`, `and`, `the`, `de`, `do`, …) may be skipped, every
 *    other word must give at least one letter; the shortest such run of words wins;
 * 2. initials, loose: as 1, but after a word's initial the next letters may come from anywhere
 *    later in the same word (`COVID` ← `coronavirus disease`); at least two words that are not
 *    small words must take part;
 *    (in 1 and 2 a trailing `-19` digit group and a trailing plural `s` may stay unmatched);
 * 3. capitalised run (long-first form only): the run of capitalised words (small words and
 *    commas allowed inside) just before the parenthesis, from the nearest capitalised word whose
 *    initial is the acronym's first letter and whose run holds the acronym's letters among its
 *    initials in order (`Global Compact for Safe, Orderly and Regular Migration (GCM)`), else the
 *    whole run without leading small words (`… Solutions Framework (MIRPS)`); at least two
 *    capitalised words. Roman numerals (`(III)`) are taken only through initials.
 */
import type { Span } from '../model';

export interface AcronymDefinition {
	/** As written, e.g. `IMCWP`, `COVID-19`, `PCdoB`. */
	readonly acronym: string;
	/** The acronym inside the parentheses (long-first) or before them (acronym-first). */
	readonly acronymSpan: Span;
	/** The long form with every whitespace run (a line break included) made one space. */
	readonly longForm: string;
	/** The long form as written (it may span a line break). */
	readonly longFormSpan: Span;
	/** Long form through the closing parenthesis (long-first), or acronym through `)` (acronym-first). */
	readonly span: Span;
	readonly form: 'long-first' | 'acronym-first';
	readonly matched: 'initials' | 'capitalised-run';
}

/** Longest acronym taken (characters). */
const MAX_ACRONYM_LENGTH = 24;
/** How far before `(` a long form may start (characters). */
const MAX_LOOKBACK_CHARS = 320;
/** How many words before `(` a long form may have. */
const MAX_WORDS = 24;
/** Longest parenthesised long form of the reverse form (characters). */
const MAX_REVERSE_CONTENT = 200;
/** Longest whitespace between the acronym and `(` in the reverse form. */
const MAX_GAP = 16;

/** Words that may be skipped by the initials (compared in lower case). */
const SMALL_WORDS: ReadonlySet<string> = new Set([
	// English
	'a', 'an', 'the', 'of', 'and', 'or', 'for', 'in', 'on', 'to', 'at', 'by', 'with', 'against', 'from', '&',
	// Romance
	'de', 'del', 'della', 'delle', 'dei', 'degli', 'di', 'da', 'das', 'do', 'dos', 'du', 'des', 'la', 'las', 'le',
	'les', 'lo', 'los', 'el', 'il', 'e', 'y', 'et', 'o', 'em', 'en', 'na', 'no', 'nas', 'nos', 'al', 'au', 'aux', 'per', 'para', 'pour', 'por', 'con', 'com', 'sur',
	// Germanic, Nordic
	'und', 'für', 'der', 'die', 'den', 'dem', 'zu', 'zur', 'zum', 'von', 'van', 'och', 'og', 'i', 'af', 'av',
	// Greek, Slavic
	'και', 'του', 'της', 'των', 'το', 'η', 'ο', 'и', 'в', 'на', 'по', 'за', 'для',
]);

/** A running count of elementary steps (characters looked at, matching states tried), for the linearity tests. */
let steps = 0;

/** The number of elementary steps taken by every scan so far; tests compare it across input sizes. */
export function acronymScanSteps(): number {
	return steps;
}

const LETTER = /\p{L}/u;
const UPPER = /[\p{Lu}\p{Lt}]/u;
const MARK = /\p{M}/u;
const DIGIT = /\p{Nd}/u;
const ROMAN = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

function isHyphenCode(c: number): boolean {
	return c === 0x2d || c === 0x2010 || c === 0x2011;
}

function isApostropheCode(c: number): boolean {
	return c === 0x27 || c === 0x2019 || c === 0x2bc;
}

function isSpaceCode(c: number): boolean {
	return c === 0x20 || c === 0x09 || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

function isLineBreakCode(c: number): boolean {
	return c === 0x0a || c === 0x0d;
}

/** Quotes between the words of a long form are passed over. */
function isQuoteCode(c: number): boolean {
	return c === 0x22 || c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb || c === 0x2018;
}

function isLetter(cp: number): boolean {
	if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
	return LETTER.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
	if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
	return DIGIT.test(String.fromCodePoint(cp));
}

function isMark(cp: number): boolean {
	return cp >= 0x300 && MARK.test(String.fromCodePoint(cp));
}

function isUpper(cp: number): boolean {
	if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a;
	return UPPER.test(String.fromCodePoint(cp));
}

/** Case- and accent-insensitive form of one character, for comparing initials. */
function fold(cp: number): string {
	if (cp < 0x80) return String.fromCharCode(cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp);
	return String.fromCodePoint(cp).normalize('NFD').charAt(0).toLowerCase();
}

function charLength(cp: number): number {
	return cp > 0xffff ? 2 : 1;
}

/**
 * True for a word that looks like an acronym: letters, digits and inner hyphens only, at least
 * two capitals, and no more lower-case than upper-case letters (`NATO`, `COVID-19`, `PCdoB`,
 * `NGOs`; not `McDonald`, `Ab`, `2021`).
 */
export function isAcronymLike(word: string): boolean {
	if (word.length < 2 || word.length > MAX_ACRONYM_LENGTH) return false;
	let upper = 0;
	let lower = 0;
	let afterHyphen = true;
	for (let i = 0; i < word.length;) {
		const cp = word.codePointAt(i)!;
		i += charLength(cp);
		if (isHyphenCode(cp)) {
			if (afterHyphen) return false;
			afterHyphen = true;
			continue;
		}
		afterHyphen = false;
		if (isDigit(cp)) continue;
		if (!isLetter(cp)) return false;
		if (isUpper(cp)) upper++;
		else lower++;
	}
	return !afterHyphen && upper >= 2 && lower <= upper;
}

/** One letter (folded) or one group of digits of an acronym. */
interface Unit {
	readonly letter?: string;
	readonly digits?: string;
}

/** The acronym's units, and the same without a trailing part that may stay unmatched. */
function unitVariants(acronym: string): Unit[][] {
	const units: Unit[] = [];
	let lastUpper = false;
	let pluralS = false;
	let digitsAfterHyphen = false;
	let afterHyphen = false;
	for (let i = 0; i < acronym.length;) {
		const cp = acronym.codePointAt(i)!;
		i += charLength(cp);
		if (isHyphenCode(cp)) {
			afterHyphen = true;
			continue;
		}
		if (isDigit(cp)) {
			const prev = units[units.length - 1];
			const ch = String.fromCodePoint(cp);
			if (prev?.digits !== undefined && !afterHyphen) units[units.length - 1] = { digits: prev.digits + ch };
			else {
				units.push({ digits: ch });
				digitsAfterHyphen = afterHyphen;
			}
			pluralS = false;
		} else {
			pluralS = cp === 0x73 /* s */ && lastUpper;
			lastUpper = isUpper(cp);
			units.push({ letter: fold(cp) });
			digitsAfterHyphen = false;
		}
		afterHyphen = false;
	}
	const variants = [units];
	const last = units[units.length - 1];
	if (units.length > 2 && ((last?.digits !== undefined && digitsAfterHyphen) || pluralS)) variants.push(units.slice(0, -1));
	return variants;
}

interface Word {
	readonly start: number;
	readonly end: number;
	/** Folded letters and digits (marks and apostrophes left out). */
	readonly letters: readonly string[];
	/** `partStart[q]`: letter q starts the word or a hyphenated part of it. */
	readonly partStart: readonly boolean[];
	readonly isNumber: boolean;
	readonly digits: string;
	readonly capitalised: boolean;
	readonly small: boolean;
	readonly hyphenated: boolean;
}

function isWordStart(cp: number): boolean {
	return isLetter(cp) || isDigit(cp);
}

/** Reads the word starting at `i` (a letter or digit), stopping at `to`. */
function readWord(text: string, i: number, to: number): Word {
	const letters: string[] = [];
	const partStart: boolean[] = [];
	let digits = '';
	let isNumber = true;
	let nextPart = true;
	let parts = 0;
	const first = text.codePointAt(i)!;
	let j = i;
	while (j < to) {
		steps++;
		const cp = text.codePointAt(j)!;
		if (isLetter(cp) || isDigit(cp)) {
			letters.push(fold(cp));
			partStart.push(nextPart);
			if (nextPart) parts++;
			nextPart = false;
			if (isDigit(cp)) digits += String.fromCodePoint(cp);
			else isNumber = false;
			j += charLength(cp);
		} else if (isMark(cp)) {
			j += charLength(cp);
		} else if (isApostropheCode(cp)) {
			const next = j + 1 < to ? text.codePointAt(j + 1)! : -1;
			j++;
			if (next < 0 || !isLetter(next)) break; // `Workers'`: the apostrophe ends the word
		} else if (isHyphenCode(cp)) {
			const next = j + 1 < to ? text.codePointAt(j + 1)! : -1;
			if (next < 0 || !isWordStart(next)) break;
			nextPart = true;
			j++;
		} else {
			break;
		}
	}
	return {
		start: i,
		end: j,
		letters,
		partStart,
		isNumber,
		digits,
		capitalised: isUpper(first),
		small: SMALL_WORDS.has(text.slice(i, j).toLowerCase()),
		hyphenated: parts > 1,
	};
}

/**
 * The words of `[from, to)`: only those after the last character that ends a long form
 * (sentence punctuation, brackets, a blank line…); `clean` is false when there was one.
 * When `from` falls inside a word (and after `rangeStart`), that partial word is left out.
 */
function tokenize(text: string, from: number, to: number, rangeStart: number): { words: Word[]; clean: boolean } {
	let words: Word[] = [];
	let clean = true;
	let i = from;
	if (from > rangeStart) {
		const before = text.codePointAt(from - 1)!;
		if (isWordStart(before) || isMark(before) || isHyphenCode(before) || isApostropheCode(before)) {
			while (i < to) {
				steps++;
				const cp = text.codePointAt(i)!;
				if (!(isWordStart(cp) || isMark(cp) || isHyphenCode(cp) || isApostropheCode(cp))) break;
				i += charLength(cp);
			}
		}
	}
	let lineBreaks = 0;
	while (i < to) {
		steps++;
		const cp = text.codePointAt(i)!;
		if (isLineBreakCode(cp)) {
			i += cp === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
			if (++lineBreaks >= 2) {
				words = [];
				clean = false;
			}
			continue;
		}
		if (isSpaceCode(cp)) {
			i++;
			continue;
		}
		lineBreaks = 0;
		if (isWordStart(cp)) {
			const word = readWord(text, i, to);
			words.push(word);
			i = word.end;
			continue;
		}
		if (cp === 0x26 /* & */) {
			words.push({ start: i, end: i + 1, letters: [], partStart: [], isNumber: false, digits: '', capitalised: false, small: true, hyphenated: false });
		} else if (cp !== 0x2c /* , */ && !isQuoteCode(cp)) {
			words = [];
			clean = false;
		}
		i += charLength(cp);
	}
	return { words: words.length > MAX_WORDS ? words.slice(-MAX_WORDS) : words, clean };
}

type Mode = 'strict' | 'loose';

/**
 * Matching of acronym units to a list of words, shared by every candidate start: `suffix(wi, ui)`
 * is true when `words[wi..]` take exactly `units[ui..]`.
 */
class InitialsMatcher {
	private readonly memo: Int8Array;

	constructor(private readonly words: readonly Word[], private readonly units: readonly Unit[], private readonly mode: Mode) {
		this.memo = new Int8Array((words.length + 1) * (units.length + 1));
	}

	/** True when a long form can start at word `s`: it takes the first unit and the rest follows. */
	startsAt(s: number): boolean {
		const w = this.words[s];
		if (w.small && !w.capitalised) return false;
		for (const j of this.consume(s, 0)) {
			if (this.suffix(s + 1, j)) return true;
		}
		return false;
	}

	private suffix(wi: number, ui: number): boolean {
		const m = this.units.length;
		if (wi === this.words.length) return ui === m;
		const key = wi * (m + 1) + ui;
		steps++;
		const known = this.memo[key];
		if (known !== 0) return known === 1;
		let ok = this.words[wi].small && this.suffix(wi + 1, ui);
		if (!ok) {
			for (const j of this.consume(wi, ui)) {
				if (this.suffix(wi + 1, j)) {
					ok = true;
					break;
				}
			}
		}
		this.memo[key] = ok ? 1 : 2;
		return ok;
	}

	/** The unit indices at which word `wi` can leave off, having taken at least `units[ui]`. */
	private consume(wi: number, ui: number): number[] {
		const units = this.units;
		if (ui >= units.length) return [];
		const w = this.words[wi];
		const unit = units[ui];
		if (w.isNumber) {
			return unit.digits !== undefined && w.digits.endsWith(unit.digits) ? [ui + 1] : [];
		}
		if (unit.letter === undefined || w.letters.length === 0 || w.letters[0] !== unit.letter) return [];
		const out = [ui + 1];
		let positions = [0];
		for (let u = ui + 1; u < units.length; u++) {
			steps += positions.length;
			const letter = units[u].letter;
			if (letter === undefined) break;
			const next = this.nextPositions(w, positions, letter);
			if (next.length === 0) break;
			positions = next;
			out.push(u + 1);
		}
		return out;
	}

	/** Where the next letter can be matched in `w`, from the (ascending) positions matched so far. */
	private nextPositions(w: Word, positions: readonly number[], letter: string): number[] {
		const n = w.letters.length;
		if (this.mode === 'loose') {
			for (let q = positions[0] + 1; q < n; q++) {
				if (w.letters[q] === letter) return [q];
			}
			return [];
		}
		const next: number[] = [];
		const seen = new Set<number>();
		for (const q of positions) {
			if (q + 1 < n && w.letters[q + 1] === letter && !seen.has(q + 1)) {
				seen.add(q + 1);
				next.push(q + 1);
			}
		}
		for (let p = positions[0] + 1; p < n; p++) {
			if (w.partStart[p] && w.letters[p] === letter && !seen.has(p)) {
				seen.add(p);
				next.push(p);
			}
		}
		return next.sort((a, b) => a - b);
	}
}

function nonSmallCount(words: readonly Word[], from: number): number {
	let count = 0;
	for (let i = from; i < words.length; i++) if (!words[i].small) count++;
	return count;
}

/** The nearest start of a long form matched by initials, or -1. `anchored`: the long form must start at word 0. */
function matchInitials(words: readonly Word[], acronym: string, anchored: boolean): number {
	const n = words.length;
	if (n === 0) return -1;
	const variants = unitVariants(acronym);
	for (const mode of ['strict', 'loose'] as const) {
		for (const units of variants) {
			if (units.length < 2) continue;
			const matcher = new InitialsMatcher(words, units, mode);
			for (let s = anchored ? 0 : n - 1; s >= 0; s--) {
				const enough = mode === 'strict' ? n - s >= 2 || words[s].hyphenated : nonSmallCount(words, s) >= 2;
				if (enough && matcher.startsAt(s)) return s;
				if (anchored) break;
			}
		}
	}
	return -1;
}

function capitalisedCount(words: readonly Word[], from: number): number {
	let count = 0;
	for (let i = from; i < words.length; i++) if (words[i].capitalised && !words[i].small) count++;
	return count;
}

/** True when the acronym's letters are, in order, initials of `words[s..]` (of words or hyphenated parts), the first at `words[s]`. */
function lettersAmongInitials(words: readonly Word[], s: number, acronym: string): boolean {
	const letters = unitVariants(acronym)[0].filter((u) => u.letter !== undefined).map((u) => u.letter!);
	if (letters.length === 0 || words[s].letters[0] !== letters[0]) return false;
	let k = 1;
	for (let i = s; i < words.length && k < letters.length; i++) {
		const w = words[i];
		for (let q = i === s ? 1 : 0; q < w.letters.length && k < letters.length; q++) {
			if (w.partStart[q] && w.letters[q] === letters[k]) k++;
		}
	}
	return k === letters.length;
}

/** The start of the capitalised run before the parenthesis (FORMAT.md §7), or -1. */
function matchCapitalisedRun(words: readonly Word[], acronym: string): number {
	const n = words.length;
	if (n < 2 || !words[n - 1].capitalised || words[n - 1].small) return -1;
	let r = n - 1;
	while (r > 0 && (words[r - 1].capitalised || words[r - 1].small)) r--;
	for (let s = n - 1; s >= r; s--) {
		if (words[s].capitalised && !words[s].small && capitalisedCount(words, s) >= 2 && lettersAmongInitials(words, s, acronym)) return s;
	}
	while (r < n && words[r].small) r++;
	return r < n && capitalisedCount(words, r) >= 2 ? r : -1;
}

function normalise(s: string): string {
	return s.replace(/\s+/g, ' ');
}

/** `)` closing the `(` at `open` within `limit`, with no `(` before it, or -1. */
function closingParen(text: string, open: number, limit: number): number {
	for (let j = open + 1; j < limit; j++) {
		steps++;
		const c = text.charCodeAt(j);
		if (c === 0x29) return j;
		if (c === 0x28) return -1;
	}
	return -1;
}

function trimSpan(text: string, from: number, to: number): Span {
	let a = from;
	let b = to;
	while (a < b && (isSpaceCode(text.charCodeAt(a)) || isLineBreakCode(text.charCodeAt(a)))) a++;
	while (b > a && (isSpaceCode(text.charCodeAt(b - 1)) || isLineBreakCode(text.charCodeAt(b - 1)))) b--;
	return { start: a, end: b };
}

/** ASCII characters that end a long form (the tokenizer knows the rest). */
function isHardStop(c: number): boolean {
	return c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2e || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f;
}

/** Where the look-back before `open` begins: just after the nearest hard stop, at most `MAX_LOOKBACK_CHARS` back. */
function windowStart(text: string, open: number, lo: number): number {
	const limit = Math.max(lo, open - MAX_LOOKBACK_CHARS);
	for (let i = open - 1; i >= limit; i--) {
		steps++;
		if (isHardStop(text.charCodeAt(i))) return i + 1;
	}
	return limit;
}

function longFirst(text: string, open: number, close: number, acronymSpan: Span, lo: number): AcronymDefinition | undefined {
	const acronym = text.slice(acronymSpan.start, acronymSpan.end);
	const { words } = tokenize(text, windowStart(text, open, lo), open, lo);
	let s = matchInitials(words, acronym, false);
	let matched: AcronymDefinition['matched'] = 'initials';
	if (s < 0) {
		if (ROMAN.test(acronym)) return undefined;
		s = matchCapitalisedRun(words, acronym);
		matched = 'capitalised-run';
	}
	if (s < 0) return undefined;
	const longFormSpan = { start: words[s].start, end: words[words.length - 1].end };
	return {
		acronym,
		acronymSpan,
		longForm: normalise(text.slice(longFormSpan.start, longFormSpan.end)),
		longFormSpan,
		span: { start: longFormSpan.start, end: close + 1 },
		form: 'long-first',
		matched,
	};
}

function acronymFirst(text: string, open: number, close: number, lo: number): AcronymDefinition | undefined {
	// The acronym: the word just before `(`, past a little whitespace (one line break at most).
	let e = open;
	let breaks = 0;
	while (e > lo && open - e <= MAX_GAP) {
		const c = text.charCodeAt(e - 1);
		if (isLineBreakCode(c)) {
			if (!(c === 0x0a && text.charCodeAt(e - 2) === 0x0d)) breaks++;
		} else if (!isSpaceCode(c)) break;
		e--;
	}
	if (breaks > 1 || e === lo) return undefined;
	let b = e;
	while (b > lo && e - b <= MAX_ACRONYM_LENGTH) {
		const c = text.charCodeAt(b - 1);
		if (!(isWordStart(c) || isHyphenCode(c))) break;
		b--;
	}
	if (b === e || e - b > MAX_ACRONYM_LENGTH) return undefined;
	if (b > lo) {
		const before = text.charCodeAt(b - 1);
		if (isMark(before) || isApostropheCode(before) || (before >= 0xd800 && before <= 0xdfff)) return undefined;
	}
	const acronym = text.slice(b, e);
	if (!isAcronymLike(acronym)) return undefined;
	const { words, clean } = tokenize(text, open + 1, close, open + 1);
	if (!clean || words.length === 0) return undefined;
	if (matchInitials(words, acronym, true) !== 0) return undefined;
	const longFormSpan = { start: words[0].start, end: words[words.length - 1].end };
	return {
		acronym,
		acronymSpan: { start: b, end: e },
		longForm: normalise(text.slice(longFormSpan.start, longFormSpan.end)),
		longFormSpan,
		span: { start: b, end: close + 1 },
		form: 'acronym-first',
		matched: 'initials',
	};
}

function definitionAt(text: string, open: number, lo: number, hi: number): AcronymDefinition | undefined {
	const close = closingParen(text, open, Math.min(hi, open + 2 + MAX_REVERSE_CONTENT));
	if (close < 0) return undefined;
	const inner = trimSpan(text, open + 1, close);
	if (inner.end - inner.start <= MAX_ACRONYM_LENGTH && isAcronymLike(text.slice(inner.start, inner.end))) {
		return longFirst(text, open, close, inner, lo);
	}
	return acronymFirst(text, open, close, lo);
}

/**
 * The acronym definitions in `[start, end)` of `text` (the document with comments blanked, so
 * offsets are the document's), in order of position.
 */
export function findAcronymDefinitions(text: string, start = 0, end: number = text.length): AcronymDefinition[] {
	const lo = Math.max(0, Math.min(start, text.length));
	const hi = Math.max(lo, Math.min(end, text.length));
	const out: AcronymDefinition[] = [];
	let i = text.indexOf('(', lo);
	while (i >= 0 && i < hi) {
		steps++;
		const found = definitionAt(text, i, lo, hi);
		if (found) out.push(found);
		i = text.indexOf('(', found ? found.span.end : i + 1);
	}
	return out;
}
