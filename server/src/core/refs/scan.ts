/**
 * Scanning of references (FORMAT.md §8) in one text: wiki references `[[…]]` split into their
 * document and label parts, and natural references (`axis 3`, `axes 2 and 5`, `§§ 3-5`, …) split
 * into one reference per number. Pure and linear: a keyword regex made of literals, then a hand
 * written scanner for the numbers; no backtracking.
 */
import type { Span } from '../model';
import { findWikiLinks } from '../parser/inline';

export interface WikiRef {
	readonly kind: 'wiki';
	/** The whole `[[…]]`. */
	readonly span: Span;
	/** The target as written (`doc#label`, `#label`, `label`, `doc`), trimmed. */
	readonly target: string;
	readonly targetSpan: Span;
	/** True when the target holds a `#`. */
	readonly hash: boolean;
	/** The part before `#` (or the whole target without `#`); empty for `[[#label]]`. */
	readonly docPart: string;
	readonly docSpan: Span;
	/** The part after `#`; undefined without `#`. */
	readonly labelPart?: string;
	readonly labelSpan?: Span;
	readonly alias?: string;
	readonly aliasSpan?: Span;
}

export type NaturalKeyword = 'axis' | 'point' | 'paragraph' | 'section' | 'article';

export interface NaturalRef {
	readonly kind: 'natural';
	/**
	 * The range of this one number: the digits and any sub-point suffix (`3`, `3(b)`). The numbers
	 * strictly inside a range (`3` of `2-4`) are not written: their span is the whole range `2-4`.
	 */
	readonly span: Span;
	/** The keyword as written (`axes`, `§§`, `Article`). */
	readonly keywordText: string;
	readonly keyword: NaturalKeyword;
	readonly keywordSpan: Span;
	/** From the keyword to the end of the last number of the phrase. */
	readonly phraseSpan: Span;
	readonly number: number;
	/** Just the digits (what a renumbering rewrites); undefined for the middle numbers of a range. */
	readonly digitsSpan?: Span;
	/** Sub-points written after the number: `3(b)(ii)` → `b`, `ii`. */
	readonly suffixes: readonly { readonly text: string; readonly span: Span }[];
	/** True for the numbers strictly inside a range. */
	readonly inRange: boolean;
	/** `paragraph 7 of resolution 2334`: what follows `of` (`resolution 2334`); the reference is not resolved locally. */
	readonly external?: string;
	/** `paragraph 2 of article 5`: the offset of the keyword of the reference that contains this one. */
	readonly container?: number;
}

/** `[[…]]` references of `text` in `[start, end)`, split into document and label parts. */
export function scanWikiRefs(text: string, start = 0, end = text.length): WikiRef[] {
	return findWikiLinks(text, start, end).map((w) => {
		const hashAt = w.target.indexOf('#');
		const ts = w.targetSpan.start;
		if (hashAt < 0) {
			return { kind: 'wiki', span: w.span, target: w.target, targetSpan: w.targetSpan, hash: false, docPart: w.target, docSpan: w.targetSpan, alias: w.alias, aliasSpan: w.aliasSpan };
		}
		const rawDoc = w.target.slice(0, hashAt);
		const docPart = rawDoc.trimEnd();
		const rawLabel = w.target.slice(hashAt + 1);
		const lead = rawLabel.length - rawLabel.trimStart().length;
		const labelPart = rawLabel.trim();
		const labelStart = ts + hashAt + 1 + lead;
		return {
			kind: 'wiki', span: w.span, target: w.target, targetSpan: w.targetSpan, hash: true,
			docPart, docSpan: { start: ts, end: ts + docPart.length },
			labelPart, labelSpan: { start: labelStart, end: labelStart + labelPart.length },
			alias: w.alias, aliasSpan: w.aliasSpan,
		};
	});
}

// Keywords only: literals, so no backtracking. `\b` keeps `taxis 3` and `checkpoints 2` out. No `u`
// flag: case-insensitive Unicode matching is several times slower (without it, `i` still folds the
// accented Latin letters). English, and (ours) Portuguese, Spanish and French: eixo/eje/axe,
// ponto/punto/point, parágrafo/párrafo/paragraphe, artigo/artículo/article.
const KEYWORD_RE = /\b(?:ax[ei]s|axe|points?|paragraph(?:es|e|s)?|articles?|eixos?|ejes?|pontos?|puntos?|par[aá]grafos?|p[aá]rrafos?|artigos?|art[ií]culos?)\b|§§?/gi;

function keywordOf(word: string): NaturalKeyword {
	const w = word.toLowerCase();
	if (w.startsWith('ax') || w.startsWith('eix') || w.startsWith('eje')) return 'axis';
	if (w.startsWith('point') || w.startsWith('pont') || w.startsWith('punt')) return 'point';
	if (w.startsWith('par') || w.startsWith('pár')) return 'paragraph';
	if (w.startsWith('art')) return 'article';
	return 'section';
}

/** After a number: an ordinal indicator (`12.º`, `12º`, `1.ª`, and `12.o` as PDFs turn `.º` into), whose length, else 0. */
function ordinalAfter(text: string, i: number): number {
	const c = text[i];
	if (c === 'º' || c === 'ª') return 1;
	if (c === '.' && (text[i + 1] === 'º' || text[i + 1] === 'ª')) return 2;
	if (c === '.' && text[i + 1] === 'o' && !isWordChar(text[i + 2])) return 2;
	return 0;
}

/** The words that join two numbers: English, and (ours) Portuguese, Spanish and French. */
const CONJUNCTIONS = ['and', 'or', 'et', 'ou', 'e', 'y', 'o'];

/** Ranges longer than this are not expanded (only their two ends are references). */
export const MAX_RANGE = 100;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHSpace = (c: number): boolean => c === 32 || c === 9 || c === 0xa0 || c === 0x202f;
const LETTER_RE = /[\p{L}\p{N}]/u;
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && LETTER_RE.test(ch);

interface ParsedNumber {
	value: number;
	span: Span;
	digits: Span;
	suffixes: { text: string; span: Span }[];
	/** Where the phrase goes on: the end of `span`, or past an ordinal indicator (`12.º`). */
	after: number;
}

/**
 * Scans natural references in `text` (the masked text: comments blanked). `skip` says whether a
 * reference starting at an offset must be ignored (inside a wiki reference, the heading's own keyword).
 */
export function scanNaturalRefs(text: string, skip?: (keywordStart: number) => boolean): NaturalRef[] {
	const out: NaturalRef[] = [];
	const n = text.length;
	// most paragraphs have no keyword at all: nothing to set up for them
	KEYWORD_RE.lastIndex = 0;
	if (!KEYWORD_RE.test(text)) return out;

	/** Skips spaces and at most one line break; returns the new offset. */
	const ws = (i: number): number => {
		let breaks = 0;
		while (i < n) {
			const c = text.charCodeAt(i);
			if (isHSpace(c)) i++;
			else if ((c === 10 || c === 13) && breaks === 0) {
				breaks++;
				i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
			} else break;
		}
		return i;
	};

	const parseNumber = (i: number): ParsedNumber | undefined => {
		const s = i;
		while (i < n && i - s < 5 && isDigit(text.charCodeAt(i))) i++;
		if (i === s || i - s > 4) return undefined;
		const digits = { start: s, end: i };
		const value = Number(text.slice(s, i));
		const suffixes: { text: string; span: Span }[] = [];
		// directly attached sub-points: `3(b)`, `3(b)(ii)`
		while (text[i] === '(') {
			let j = i + 1;
			while (j < n && j - i <= 5 && /[a-z0-9]/i.test(text[j])) j++;
			if (text[j] !== ')' || j === i + 1) break;
			const body = text.slice(i + 1, j);
			if (!/^(?:[a-z]|[ivxlcdm]{1,5}|\d{1,3})$/i.test(body)) break;
			suffixes.push({ text: body, span: { start: i, end: j + 1 } });
			i = j + 1;
		}
		// `12.º`, `12º`: the number, and the phrase goes on after the indicator
		const ordinal = suffixes.length === 0 ? ordinalAfter(text, i) : 0;
		if (ordinal > 0) return value === 0 ? undefined : { value, span: { start: s, end: i }, digits, suffixes, after: i + ordinal };
		// `3.2`, `3rd`, `5bis`, `12,000`: not a plain number
		if (isWordChar(text[i])) return undefined;
		if ((text[i] === '.' || text[i] === ',') && isDigit(text.charCodeAt(i + 1)) && suffixes.length === 0) {
			if (text[i] === '.') return undefined;
			// `1,3` is a list without a space; `12,000` is a number: only accept 1-2 digits after the comma followed by a non-digit
			const k = i + 1;
			let m = k;
			while (m < n && isDigit(text.charCodeAt(m))) m++;
			if (m - k >= 3) return undefined;
		}
		if (value === 0) return undefined;
		return { value, span: { start: s, end: i }, digits, suffixes, after: i };
	};

	/** `and`, `or`, `&` (and `e`, `y`, `et`, `ou`, `o`) as a whole word at `i`: the offset after it, or -1. */
	const conj = (i: number): number => {
		if (text[i] === '&') return i + 1;
		for (const w of CONJUNCTIONS) {
			if (text.slice(i, i + w.length).toLowerCase() === w && !isWordChar(text[i + w.length])) return i + w.length;
		}
		return -1;
	};

	KEYWORD_RE.lastIndex = 0;
	for (let m = KEYWORD_RE.exec(text); m; m = KEYWORD_RE.exec(text)) {
		const kwStart = m.index;
		const kwEnd = kwStart + m[0].length;
		if (skip?.(kwStart)) continue;
		const isSection = m[0].startsWith('§');
		let i = ws(kwEnd);
		if (!isSection && i === kwEnd) continue; // `axis3`
		const first = parseNumber(i);
		if (!first) continue;
		const keyword = keywordOf(m[0]);
		const items: { num: ParsedNumber; inRange: boolean; span?: Span }[] = [{ num: first, inRange: false }];
		i = first.after;
		for (;;) {
			const save = i;
			let j = i;
			while (j < n && isHSpace(text.charCodeAt(j))) j++;
			const c = text[j];
			const dash = c === '-' || c === '–' || c === '—';
			// ` to `, and (ours) ` a ` and ` à ` (`artigos 5.º a 8.º`, `articles 5 à 8`)
			const word = j > i ? (text.slice(j, j + 2).toLowerCase() === 'to' ? 2 : c === 'a' || c === 'à' ? 1 : 0) : 0;
			if (dash || (word > 0 && isHSpace(text.charCodeAt(j + word)))) {
				const k = ws(j + (dash ? 1 : word));
				const last = parseNumber(k);
				const prev = items[items.length - 1].num;
				if (!last) {
					i = save;
					break;
				}
				const from = prev.value;
				const to = last.value;
				if (to > from && to - from <= MAX_RANGE) {
					const whole = { start: prev.span.start, end: last.span.end };
					for (let v = from + 1; v < to; v++) items.push({ num: { value: v, span: whole, digits: whole, suffixes: [], after: last.after }, inRange: true });
				}
				items.push({ num: last, inRange: false });
				i = last.after;
				continue;
			}
			if (c === ',' || c === ';') {
				let k = ws(j + 1);
				const after = conj(k);
				if (after >= 0) k = ws(after);
				const next = parseNumber(k);
				if (!next) {
					i = save;
					break;
				}
				items.push({ num: next, inRange: false });
				i = next.after;
				continue;
			}
			if (j > i) {
				const after = conj(j);
				if (after >= 0) {
					const next = parseNumber(ws(after));
					if (next && ws(after) > after) {
						items.push({ num: next, inRange: false });
						i = next.after;
						continue;
					}
				}
			}
			i = save;
			break;
		}
		const phraseSpan = { start: kwStart, end: i };
		// `… of <something>`
		let external: string | undefined;
		let container: number | undefined;
		const o = ws(i);
		if (o > i && text.slice(o, o + 2).toLowerCase() === 'of' && isHSpace(text.charCodeAt(o + 2))) {
			const s = ws(o + 2);
			const rest = text.slice(s, s + 40).toLowerCase();
			if (/^(?:this|these|the present|the current)\b/u.test(rest)) {
				// names the document itself
			} else {
				KEYWORD_RE.lastIndex = s;
				const inner = KEYWORD_RE.exec(text);
				if (inner && inner.index === s && parseNumber(ws(s + inner[0].length))) container = s;
				else if (isWordChar(text[s]) || text[s] === '"' || text[s] === '“') external = nameAfter(text, s);
				KEYWORD_RE.lastIndex = kwEnd;
			}
		}
		for (const it of items) {
			out.push({
				kind: 'natural', span: it.num.span, keywordText: m[0], keyword, keywordSpan: { start: kwStart, end: kwEnd }, phraseSpan,
				number: it.num.value, digitsSpan: it.inRange ? undefined : it.num.digits, suffixes: it.num.suffixes, inRange: it.inRange,
				external, container,
			});
		}
		KEYWORD_RE.lastIndex = Math.max(KEYWORD_RE.lastIndex, kwEnd);
	}
	return out;
}

/** What follows `of`: up to the end of the phrase (`,` `;` `:` a sentence end, a line end), at most 80 characters. */
function nameAfter(text: string, s: number): string {
	let i = s;
	let depth = 0;
	const limit = Math.min(text.length, s + 80);
	while (i < limit) {
		const c = text[i];
		if (c === '\n' || c === '\r' || c === '[' || c === ';' || c === ':') break;
		if (c === '(') depth++;
		else if (c === ')') {
			if (depth === 0) break;
			depth--;
		} else if (c === ',' && depth === 0) break;
		else if ((c === '.' || c === '!' || c === '?') && (i + 1 >= text.length || /\s/.test(text[i + 1]))) break;
		i++;
	}
	let name = text.slice(s, i).trim();
	if (i === limit && limit < text.length) {
		const cut = name.lastIndexOf(' ');
		if (cut > 20) name = `${name.slice(0, cut)}…`;
	}
	return name;
}
