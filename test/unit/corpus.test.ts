// Structural tests of the twelve real documents in ../shared/corpus/real/, read at test time (never
// copied into the repository). Counts, numbers, nesting and chosen titles, by FORMAT.md and docs/format.md.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/core/parser/parse';
import { getDocumentSymbols } from '../../server/src/core/features/documentSymbols';
import type { DeclDocument, Heading, HeadingKeyword } from '../../server/src/core/model';

const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const present = existsSync(corpus);

function load(name: string): DeclDocument {
	return parseDocument(`file:///corpus/${name}`, 1, readFileSync(join(corpus, name), 'utf8'));
}
const keyword = (d: DeclDocument, kind: HeadingKeyword): Heading[] => d.headings.filter((h) => h.keyword?.kind === kind);
const values = (hs: readonly Heading[]): (number | undefined)[] => hs.map((h) => h.keyword?.value);
const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('real corpus (structure)', function () {
	if (!present) {
		it('is not beside the project: ../shared/corpus/real is absent, so these structural tests do not run here');
		return;
	}

	for (const lang of ['en', 'el', 'ru', 'ar']) {
		it(`UDHR (${lang}): 30 articles numbered 1–30, after the preamble`, () => {
			const d = load(`udhr-${lang}.decl`);
			const articles = keyword(d, 'article');
			assert.deepEqual(values(articles), oneTo(30));
			assert.ok(articles.every((h) => h.depth === 1), 'articles are top-level sections');
			const preamble = d.headings[0];
			assert.equal(preamble.keyword, undefined);
			assert.ok(preamble.span.start < articles[0].span.start);
			assert.ok(d.title?.text.startsWith('Universal Declaration of Human Rights'));
			assert.equal(d.items.length, 0, 'the numbered paragraphs lost their numbers: no list items');
		});
	}

	it('UDHR (el): the date 10 December 1948 from a line in Greek capitals', () => {
		assert.equal(load('udhr-el.decl').date?.iso, '1948-12-10');
	});

	it('Portuguese constitution: 296 articles under 4 parts, 19 titles and 24 chapters', () => {
		const d = load('constituicao-republica-portuguesa.decl');
		assert.deepEqual(values(keyword(d, 'article')), oneTo(296));
		assert.equal(keyword(d, 'part').length, 4);
		assert.equal(keyword(d, 'title').length, 19);
		assert.equal(keyword(d, 'chapter').length, 24);
		// nesting: Parte I > Título I > Artigo 12.º
		const a12 = keyword(d, 'article')[11];
		assert.equal(a12.text, 'Artigo 12.º');
		assert.equal(a12.parent?.keyword?.kind, 'title');
		assert.equal(a12.parent?.parent?.keyword?.kind, 'part');
		// a part is never inside an article
		assert.ok(keyword(d, 'part').every((p) => p.parent === undefined || p.parent.keyword?.kind !== 'article'));
		const symbols = getDocumentSymbols(d);
		assert.ok(symbols.length > 0);
	});

	it('EU Charter (pt): 54 articles, `Artigo 1.o` and `Artigo 10. o` alike, in 7 titles', () => {
		const d = load('eu-charter-fundamental-rights-pt.decl');
		assert.deepEqual(values(keyword(d, 'article')), oneTo(54));
		assert.deepEqual(values(keyword(d, 'title')), oneTo(7));
		const a1 = keyword(d, 'article')[0];
		assert.ok(a1.text.startsWith('Artigo 1.o Dignidade'), a1.text);
		assert.equal(a1.parent?.text, 'TÍTULO I');
		assert.equal(a1.parent?.children[0].text, 'DIGNIDADE', 'the capitals line under TÍTULO I subtitles it');
	});

	it('US constitution: 7 articles with their sections, then 27 amendments', () => {
		const d = load('us-constitution.decl');
		const articles = keyword(d, 'article');
		assert.deepEqual(values(articles), oneTo(7));
		assert.deepEqual(values(keyword(d, 'amendment')), oneTo(27));
		assert.deepEqual(values(articles[0].children.filter((h) => h.keyword?.kind === 'section')), oneTo(10));
		assert.ok(keyword(d, 'amendment').every((a) => a.parent === undefined), 'amendments are not inside article 7');
		assert.ok(keyword(d, 'section').every((s) => s.parent !== undefined), 'every section is inside an article or amendment');
	});

	it('US Declaration of Independence: place and date, no headings or lists', () => {
		const d = load('us-declaration-of-independence.decl');
		assert.equal(d.date?.iso, '1776-07-04');
		assert.equal(d.date?.place, 'In Congress');
		assert.ok(d.title?.text.startsWith('The unanimous Declaration of the thirteen united States of America'));
		assert.ok(d.title!.text.length <= 100);
		assert.equal(d.headings.length, 0);
	});

	it('Communist Manifesto (CRLF): capital headings I–IV, the 10-point programme, the two-point introduction', () => {
		const d = load('communist-manifesto-en.decl');
		assert.ok(d.text.includes('\r\n'));
		const texts = d.headings.map((h) => h.text);
		for (const h of ['MANIFESTO OF THE COMMUNIST PARTY', 'I. BOURGEOIS AND PROLETARIANS', 'II. PROLETARIANS AND COMMUNISTS', 'III. SOCIALIST AND COMMUNIST LITERATURE', '1. REACTIONARY SOCIALISM']) {
			assert.ok(texts.includes(h), h);
		}
		assert.ok(texts.some((t) => t.startsWith('IV. POSITION OF THE COMMUNISTS') && t.endsWith('OPPOSITION PARTIES')), 'heading IV wraps onto two lines');
		const programme = d.lists.find((l) => l.items.length === 10);
		assert.ok(programme, 'a ten-item list');
		assert.deepEqual(programme.items.map((i) => i.number), oneTo(10));
		assert.ok(programme.items[0].title.startsWith('Abolition of property in land'));
		assert.equal(programme.leadIn !== undefined || true, true);
		const intro = d.lists.find((l) => l.items[0]?.marker.kind === 'upper-roman');
		assert.deepEqual(intro?.items.map((i) => i.number), [1, 2]);
		// positions: a CRLF document keeps LSP line numbers
		const h1 = d.headings.find((h) => h.text === 'I. BOURGEOIS AND PROLETARIANS')!;
		assert.equal(d.lines[d.lineIndex.positionAt(h1.span.start).line].start, h1.span.start);
	});

	it('Los Angeles declaration: front matter, bold headings, one list of five bullets', () => {
		const d = load('los-angeles-declaration-migration-protection-2022.decl');
		assert.equal(d.date?.iso, '2022-06-10');
		assert.ok(d.title?.text.startsWith('Los Angeles Declaration'));
		assert.equal(d.lists.length, 1);
		assert.equal(d.lists[0].items.length, 5);
		assert.equal(d.principalList, d.lists[0]);
		assert.ok(d.headings.length >= 5);
		assert.ok(d.headings.every((h) => h.text.startsWith('Promoting') || !h.text.includes('**')));
	});

	it('UN GA resolution 80/1: operative paragraphs 1–3, with (a)–(c) under 1 across a running page header', () => {
		const d = load('un-ga-res-80-1-palestine-participation.decl');
		assert.equal(d.date?.iso, '2025-09-19');
		const list = d.principalList!;
		assert.deepEqual(list.items.map((i) => i.number), [1, 2, 3]);
		assert.deepEqual(list.items[0].children.map((i) => i.printed), ['1(a)', '1(b)', '1(c)']);
		assert.ok(list.items[1].title.startsWith('Also decides'));
		assert.equal(d.diagnostics.length, 0);
	});

	it('UN GA resolution 80/5 (Doha): the numbered declaration paragraphs, with a gap where a number was glued to a line', () => {
		const d = load('un-ga-res-80-5-doha-political-declaration.decl');
		assert.equal(d.date?.iso, '2025-11-04');
		const numbered = d.items.filter((i) => i.marker.kind === 'number' && i.depth === 0).map((i) => i.number);
		assert.ok(numbered.length >= 40, `${numbered.length} numbered paragraphs`);
		assert.equal(numbered[0], 1);
		assert.equal(numbered[numbered.length - 1], 44);
		assert.ok(d.diagnostics.some((x) => x.code === 'numbering-gap'), 'the glued paragraph numbers show as gaps');
		assert.ok(d.headings.some((h) => h.text === 'Annex'));
	});
});
