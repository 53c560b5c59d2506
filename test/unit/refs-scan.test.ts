/** Scanning of references (FORMAT.md §8): every form, one reference per number, exact ranges. */
import { strict as assert } from 'node:assert';
import { scanNaturalRefs, scanWikiRefs } from '../../server/src/core/refs/scan';

/** `[number, text of its range]` for every natural reference of `text`. */
function refs(text: string): [number, string][] {
	return scanNaturalRefs(text).map((r) => [r.number, text.slice(r.span.start, r.span.end)]);
}

describe('refs: natural references', () => {
	const cases: [string, [number, string][]][] = [
		['see axis 3 above', [[3, '3']]],
		['axes 2 and 5', [[2, '2'], [5, '5']]],
		['axes 2-4', [[2, '2'], [3, '2-4'], [4, '4']]],
		['axes 2–4', [[2, '2'], [3, '2–4'], [4, '4']]],
		['axes 2 - 4', [[2, '2'], [3, '2 - 4'], [4, '4']]],
		['axes 2 to 5', [[2, '2'], [3, '2 to 5'], [4, '2 to 5'], [5, '5']]],
		['point 7', [[7, '7']]],
		['points 1, 3 and 4', [[1, '1'], [3, '3'], [4, '4']]],
		['points 1, 3, and 4', [[1, '1'], [3, '3'], [4, '4']]],
		['points 1,3', [[1, '1'], [3, '3']]],
		['paragraph 4', [[4, '4']]],
		['paragraphs 3 and 4', [[3, '3'], [4, '4']]],
		['paragraphs 3 or 4', [[3, '3'], [4, '4']]],
		['§ 3', [[3, '3']]],
		['§3', [[3, '3']]],
		['§§ 3-5', [[3, '3'], [4, '3-5'], [5, '5']]],
		['article 12', [[12, '12']]],
		['articles 3 and 4', [[3, '3'], [4, '4']]],
		['AXIS 3 and Paragraph 2', [[3, '3'], [2, '2']]],
		['see paragraph 3(b) and point 2(a)(ii)', [[3, '3(b)'], [2, '2(a)(ii)']]],
		['axis\n3', [[3, '3']]],
	];
	for (const [text, expected] of cases) {
		it(`"${text.replace(/\n/g, '\\n')}"`, () => assert.deepEqual(refs(text), expected));
	}

	it('gives each number its own exact offsets', () => {
		const text = 'See axes 2 and 5, points 1, 3 and 4.';
		const r = scanNaturalRefs(text);
		assert.deepEqual(r.map((x) => [x.span.start, x.span.end]), [[9, 10], [15, 16], [25, 26], [28, 29], [34, 35]]);
		assert.deepEqual(r.map((x) => x.keyword), ['axis', 'axis', 'point', 'point', 'point']);
		assert.deepEqual(r.map((x) => text.slice(x.phraseSpan.start, x.phraseSpan.end)), ['axes 2 and 5', 'axes 2 and 5', 'points 1, 3 and 4', 'points 1, 3 and 4', 'points 1, 3 and 4']);
	});

	it('marks the middle numbers of a range (no digits of their own) and does not expand huge or reversed ranges', () => {
		const r = scanNaturalRefs('axes 2-4');
		assert.deepEqual(r.map((x) => [x.inRange, x.digitsSpan !== undefined]), [[false, true], [true, false], [false, true]]);
		assert.deepEqual(refs('axes 5-2'), [[5, '5'], [2, '2']]);
		assert.equal(refs('paragraphs 1-500').length, 2);
	});

	it('is not fooled by other words and numbers', () => {
		for (const text of ['taxis 3', 'checkpoints 4', 'axis3', 'point 3.2', 'paragraph 3rd', 'axes of 3', '3 points', 'paragraph 12,000', 'the axis', 'article 0']) {
			assert.deepEqual(refs(text), [], text);
		}
		// the conjunction is not taken when no number follows
		assert.deepEqual(refs('see axis 1 and [[#housing]]'), [[1, '1']]);
		assert.deepEqual(refs('axes 2 and 3 and 4 others'), [[2, '2'], [3, '3'], [4, '4']]);
	});

	it('reads Portuguese, Spanish and French keywords, ordinals, conjunctions and ranges (ours)', () => {
		const cases: [string, [number, string][], string][] = [
			['do n.º 2 do artigo 67.º, no artigo 69.º', [[67, '67'], [69, '69']], 'article'],
			['artigos 71.º e 72.º', [[71, '71'], [72, '72']], 'article'],
			['artigos 5.º a 7.º', [[5, '5'], [6, '5.º a 7'], [7, '7']], 'article'],
			['Artigo 10.o e 11.o', [[10, '10'], [11, '11']], 'article'],
			['artigo 3º', [[3, '3']], 'article'],
			['ver ponto 3 e eixo 2', [[3, '3'], [2, '2']], 'point'],
			['los puntos 1, 2 y 4', [[1, '1'], [2, '2'], [4, '4']], 'point'],
			['el ARTÍCULO 5', [[5, '5']], 'article'],
			['párrafos 2 o 3', [[2, '2'], [3, '3']], 'paragraph'],
			['parágrafo 4', [[4, '4']], 'paragraph'],
			['les paragraphes 3 et 4', [[3, '3'], [4, '4']], 'paragraph'],
			['articles 5 à 7', [[5, '5'], [6, '5 à 7'], [7, '7']], 'article'],
			['axe 2 ou 3', [[2, '2'], [3, '3']], 'axis'],
		];
		for (const [text, expected, keyword] of cases) {
			assert.deepEqual(refs(text), expected, text);
			assert.equal(scanNaturalRefs(text)[0].keyword, keyword, text);
		}
		// not references: a keyword inside a word, no number, a number run on into a word
		for (const text of ['apontos 3', 'eixos de 3', 'ponto 3a', 'artigo 3.2', 'the axe']) assert.deepEqual(refs(text), [], text);
		// ` a ` joins a range only between numbers
		assert.deepEqual(refs('point 1 a b'), [[1, '1']]);
	});

	it('"of another document": not local, and says what it names', () => {
		const ext = (text: string): (string | undefined)[] => scanNaturalRefs(text).map((r) => r.external);
		assert.deepEqual(ext('paragraph 7 of resolution 2334 (2016), the Council'), ['resolution 2334 (2016)']);
		assert.deepEqual(ext('article 5 of the North Atlantic Treaty.'), ['the North Atlantic Treaty']);
		assert.deepEqual(ext('paragraph 3 of its resolution 194 (III);'), ['its resolution 194 (III)']);
		assert.deepEqual(ext('paragraphs 3 and 4 of the Charter'), ['the Charter', 'the Charter']);
		// the document itself
		for (const t of ['paragraph 2 of the present resolution', 'axis 4 of this declaration', 'point 1 of the present statement', 'axis 2 of\nthis text']) {
			assert.deepEqual(ext(t), [undefined], t);
		}
		// `of` at the end of a sentence or before punctuation is not a document
		assert.deepEqual(ext('in axis 3 of.'), [undefined]);
	});

	it('"paragraph 2 of article 5": the inner reference contains the outer one', () => {
		const text = 'paragraph 2 of article 5';
		const r = scanNaturalRefs(text);
		assert.equal(r.length, 2);
		assert.equal(r[0].container, text.indexOf('article'));
		assert.equal(r[0].external, undefined);
		assert.equal(r[1].keyword, 'article');
	});

	it('skips references the caller excludes', () => {
		assert.deepEqual(scanNaturalRefs('Article 4\n\nsee article 4', (o) => o === 0).map((r) => r.span.start), [23]);
	});
});

describe('refs: wiki references', () => {
	const parts = (text: string) => scanWikiRefs(text).map((w) => ({
		hash: w.hash,
		doc: text.slice(w.docSpan.start, w.docSpan.end),
		label: w.labelSpan ? text.slice(w.labelSpan.start, w.labelSpan.end) : undefined,
		alias: w.alias,
	}));

	it('reads the five forms, with and without aliases', () => {
		assert.deepEqual(parts('[[housing]] [[housing|homes]] [[#housing]] [[#housing|the housing axis]] [[2020-statement]] [[2020-statement#cuba]] [[drafts/2020-statement#cuba|Cuba]]'), [
			{ hash: false, doc: 'housing', label: undefined, alias: undefined },
			{ hash: false, doc: 'housing', label: undefined, alias: 'homes' },
			{ hash: true, doc: '', label: 'housing', alias: undefined },
			{ hash: true, doc: '', label: 'housing', alias: 'the housing axis' },
			{ hash: false, doc: '2020-statement', label: undefined, alias: undefined },
			{ hash: true, doc: '2020-statement', label: 'cuba', alias: undefined },
			{ hash: true, doc: 'drafts/2020-statement', label: 'cuba', alias: 'Cuba' },
		]);
	});

	it('trims spaces around the parts', () => {
		assert.deepEqual(parts('[[ other # cuba | x ]]'), [{ hash: true, doc: 'other', label: 'cuba', alias: 'x' }]);
	});
});
