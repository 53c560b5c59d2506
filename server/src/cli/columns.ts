/**
 * Columns as a person counts them: grapheme clusters (`Intl.Segmenter`), not UTF-16 code units.
 * `é` written as `e` + combining accent is one column; so is an emoji with its modifiers; a tab is one.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Below U+0300 no character combines with its neighbour, and each is one code unit (CR LF never occurs inside a line). */
// eslint-disable-next-line no-control-regex
const SIMPLE = /^[\u0000-\u02FF]*$/;

/**
 * The characters that may join a cluster with a neighbour or take two code units (Unicode's
 * grapheme cluster break properties Extend, ZWJ, SpacingMark, Prepend, L/V/T, Regional_Indicator):
 * marks, format characters, the Hangul jamo, the few letters that are spacing marks or prepended,
 * the halfwidth sound marks, and everything beyond the BMP. A line without any of them has one
 * cluster per code unit (Greek, Cyrillic, unvocalised Arabic, CJK…): no segmenting needed.
 */
const JOINING = /[\p{M}\p{Cf}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u0E33\u0EB3\u0D4E\uFF9E\uFF9F\u{10000}-\u{10FFFF}]/u;

/** The start offsets of the grapheme clusters of `text`, ascending. */
function clusterStarts(text: string): Int32Array {
	const starts: number[] = [];
	for (const seg of segmenter.segment(text)) starts.push(seg.index);
	return Int32Array.from(starts);
}

/** How many clusters start before `character`: an offset inside a cluster counts as that cluster. */
function clustersBefore(starts: Int32Array, character: number): number {
	let lo = 0;
	let hi = starts.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (starts[mid] < character) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The 1-based column of UTF-16 offset `character` within `lineText`. */
export function graphemeColumn(lineText: string, character: number): number {
	const prefix = lineText.slice(0, Math.max(0, character));
	if (SIMPLE.test(prefix) || !JOINING.test(prefix)) return prefix.length + 1;
	return clustersBefore(clusterStarts(lineText), character) + 1;
}

/**
 * Columns for many positions of one text: each line is segmented once, however many diagnostics
 * it holds (a long paragraph line of Greek or Arabic may hold hundreds).
 */
export class ColumnMap {
	readonly #lineText: (line: number) => string;
	readonly #cache = new Map<number, Int32Array | null>();

	constructor(lineText: (line: number) => string) {
		this.#lineText = lineText;
	}

	/** The 1-based column of the 0-based `line` and UTF-16 `character`. */
	column(line: number, character: number): number {
		let starts = this.#cache.get(line);
		if (starts === undefined) {
			const text = this.#lineText(line);
			starts = SIMPLE.test(text) || !JOINING.test(text) ? null : clusterStarts(text);
			this.#cache.set(line, starts);
		}
		return starts === null ? character + 1 : clustersBefore(starts, character) + 1;
	}
}
