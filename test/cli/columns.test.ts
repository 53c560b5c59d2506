import { strict as assert } from 'node:assert';
import { ColumnMap, graphemeColumn } from '../../server/src/cli/columns';

/** The definition: clusters of Intl.Segmenter before the offset (an offset inside a cluster counts as that cluster). */
function reference(text: string, character: number): number {
	let n = 0;
	for (const seg of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
		if (seg.index >= character) break;
		n++;
	}
	return n + 1;
}

const PIECES = [
	'a', ' ', '\t', 'é', 'e\u0301', 'Ω', 'Ж', 'ب', 'بِ', '中', '한', '\u1100\u1161\u11A8', '\u{1F1F5}\u{1F1F9}', '\u{1F44D}\u{1F3FD}',
	'\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', '\u0600١', 'क्ष', 'ำ', 'ｶﾞ', '\u200B', '\uFEFF', '\u{10400}', '❤\uFE0F',
];

describe('cli: grapheme columns', () => {
	it('agree with Intl.Segmenter at every offset of mixed-script lines', () => {
		let seed = 7;
		const rnd = (n: number): number => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return seed % n;
		};
		for (let round = 0; round < 300; round++) {
			const line = Array.from({ length: 1 + rnd(12) }, () => PIECES[rnd(PIECES.length)]).join('');
			const map = new ColumnMap(() => line);
			for (let c = 0; c <= line.length; c++) {
				const want = reference(line, c);
				assert.equal(graphemeColumn(line, c), want, `${JSON.stringify(line)} at ${c}`);
				assert.equal(map.column(0, c), want, `${JSON.stringify(line)} at ${c} (map)`);
			}
		}
	});
});
