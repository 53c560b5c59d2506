/**
 * Columns as a person counts them: grapheme clusters (`Intl.Segmenter`), not UTF-16 code units.
 * `é` written as `e` + combining accent is one column; so is an emoji with its modifiers; a tab is one.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Below U+0300 no character combines with its neighbour, and each is one code unit (CR LF never occurs inside a line). */
// eslint-disable-next-line no-control-regex
const SIMPLE = /^[\u0000-\u02FF]*$/;

/** The 1-based column of UTF-16 offset `character` within `lineText` (an offset inside a cluster counts as that cluster). */
export function graphemeColumn(lineText: string, character: number): number {
	const prefix = lineText.slice(0, Math.max(0, character));
	if (SIMPLE.test(prefix)) return prefix.length + 1;
	let n = 0;
	for (const seg of segmenter.segment(lineText)) {
		if (seg.index >= character) break;
		n++;
	}
	return n + 1;
}
