// The parser, rule by rule (FORMAT.md §1–6 and §9, docs/format.md).
import { strict as assert } from 'node:assert';
import { parseDocument } from '../../server/src/core/parser/parse';
import type { DeclDocument, Heading, Item } from '../../server/src/core/model';

const parse = (text: string, dateOrder?: 'auto' | 'day-first' | 'month-first'): DeclDocument => parseDocument('file:///t.decl', 1, text, { dateOrder });
const lines = (...l: string[]): string => l.join('\n');
const slice = (d: DeclDocument, s: { start: number; end: number }): string => d.text.slice(s.start, s.end);
const tree = (items: readonly Item[], indent = ''): string[] => items.flatMap((it) => [`${indent}${it.printed} ${it.title}`, ...tree(it.children, `${indent}  `)]);
const headingTree = (hs: readonly Heading[], indent = ''): string[] => hs.flatMap((h) => [`${indent}${h.text}`, ...headingTree(h.children, `${indent}  `)]);

describe('parser', () => {
	describe('§1 text', () => {
		it('reads LF, CRLF and lone CR line endings, mixed', () => {
			const d = parse('Title\r\n\r\n• One.\r• Two.\n• Three.');
			assert.equal(d.lines.length, 5);
			assert.deepEqual(d.items.map((i) => d.lineIndex.positionAt(i.span.start).line), [2, 3, 4]);
			assert.deepEqual(d.items.map((i) => i.title), ['One', 'Two', 'Three']);
		});

		it('ignores a byte-order mark', () => {
			const d = parse('\uFEFFTitle of the statement\n\n1. First.\n');
			assert.equal(d.title?.text, 'Title of the statement');
			assert.equal(d.title?.span.start, 1);
		});

		it('keeps UTF-16 offsets after astral characters and combining marks', () => {
			const text = '🇵🇸 Statement\n\n1. Solidarité̃ 🇵🇸 with Palestine. {#pal}\n';
			const d = parse(text);
			const item = d.items[0];
			assert.equal(slice(d, item.label!.span), '{#pal}');
			assert.deepEqual(d.lineIndex.positionAt(item.label!.span.start), { line: 2, character: text.split('\n')[2].indexOf('{#pal}') });
		});

		it('counts a tab as four columns of indentation', () => {
			const d = parse(lines('Title', '', '- Axis.', '\t- Point one.', '    - Point two.'));
			assert.equal(d.items[0].children.length, 2);
		});

		it('finds no structure inside drafting comments, even across lines', () => {
			const d = parse(lines('Title', '', '<!-- Article 1', '1. not an item', 'GLOSSARY -->', '', '1. Real item.'));
			assert.equal(d.comments.length, 1);
			assert.equal(d.headings.length, 0);
			assert.deepEqual(d.items.map((i) => i.title), ['Real item']);
			assert.equal(d.masked.length, d.text.length);
		});

		it('runs an unclosed comment to the end of the text', () => {
			const d = parse(lines('Title', '', '• Axis one.', '<!-- never closed', '• hidden axis.'));
			assert.equal(d.comments[0].end, d.text.length);
			assert.deepEqual(d.items.map((i) => i.title), ['Axis one']);
		});
	});

	describe('§2 front matter', () => {
		it('reads the known keys and keeps unknown ones', () => {
			const d = parse(lines('---', 'title: Joint Statement', 'date: 2021-12-15', 'issuer: Coalition', 'place: Havana', 'lang: es', 'status: draft', 'signatories:', '  - Party A', '  - Party B', 'symbol: A/RES/1', '---', '', 'Preamble text.'));
			const fm = d.frontMatter!;
			assert.equal(fm.title, 'Joint Statement');
			assert.equal(fm.date, '2021-12-15');
			assert.equal(fm.issuer, 'Coalition');
			assert.equal(fm.place, 'Havana');
			assert.equal(fm.lang, 'es');
			assert.equal(fm.status, 'draft');
			assert.deepEqual(fm.signatories, ['Party A', 'Party B']);
			assert.equal(fm.data.symbol, 'A/RES/1');
			assert.equal(d.title?.text, 'Joint Statement');
			assert.equal(d.title?.source, 'front-matter');
			assert.equal(d.date?.iso, '2021-12-15');
			assert.equal(d.signatories?.names.length, 2);
			assert.equal(d.diagnostics.length, 0);
		});

		it('reports a YAML error on its line and still parses the rest', () => {
			const text = lines('---', 'title: ok', 'date: [unclosed', '---', '', 'Statement', '', '1. First axis.');
			const d = parse(text);
			const fm = d.diagnostics.filter((x) => x.code === 'front-matter');
			assert.equal(fm.length >= 1, true);
			assert.equal(fm[0].severity, 'error');
			assert.ok([2, 3].includes(d.lineIndex.positionAt(fm[0].span.start).line), `line ${d.lineIndex.positionAt(fm[0].span.start).line}`);
			assert.equal(d.items.length, 1);
			assert.equal(d.title?.text, 'Statement');
		});

		it('reads a document whose front matter is never closed, with an error', () => {
			const d = parse(lines('---', 'title: never closed', '', '<!-- a comment that never ends', '', '• An axis.'));
			assert.equal(d.frontMatter, undefined);
			assert.equal(d.diagnostics[0].code, 'front-matter');
			assert.equal(d.diagnostics[0].span.start, 0);
		});
	});

	describe('§3 title and date', () => {
		it('takes the first line that is not a list item or # heading as the title', () => {
			const d = parse(lines('', '# Heading', '- item', 'The Real Title', '', 'Text.'));
			assert.equal(d.title?.text, 'The Real Title');
		});

		for (const [written, iso] of [
			['2021-12-15', '2021-12-15'],
			['15 December 2021', '2021-12-15'],
			['December 15, 2021', '2021-12-15'],
			['15.12.2021', '2021-12-15'],
			['12/15/21', '2021-12-15'],
			['15/12/2021', '2021-12-15'],
			['05/04/2021', '2021-04-05'],
			['15 de diciembre de 2021', '2021-12-15'],
		]) {
			it(`reads the date ${written}`, () => {
				const d = parse(lines('Statement', '', written, '', 'Text.'));
				assert.equal(d.date?.iso, iso);
				assert.equal(d.date?.text, written);
			});
		}

		it('reads a date with a time, and place, date', () => {
			assert.deepEqual([parse('T\n12/15/21 11:41 AM\n').date?.iso, parse('T\n12/15/21 11:41 AM\n').date?.time], ['2021-12-15', '11:41']);
			const d = parse('Final Declaration\nHavana, 29 October 2022\n');
			assert.equal(d.date?.iso, '2022-10-29');
			assert.equal(d.date?.place, 'Havana');
			assert.equal(slice(d, d.date!.span), '29 October 2022');
		});

		it('reads numeric dates month-first when day-first is impossible, or by the setting', () => {
			assert.equal(parse('T\n05/04/2021\n', 'month-first').date?.iso, '2021-05-04');
			assert.equal(parse('T\n05/04/2021\n', 'day-first').date?.iso, '2021-04-05');
			assert.equal(parse('T\n12/15/2021\n', 'day-first').date?.iso, '2021-12-15');
		});

		it('looks for the date only within the first ten non-blank lines', () => {
			const d = parse(['Title', ...Array.from({ length: 10 }, (_, i) => `Paragraph ${i}.`), '2021-12-15'].join('\n\n'));
			assert.equal(d.date, undefined);
		});

		it('prefers the front-matter date', () => {
			assert.equal(parse(lines('---', 'date: 2020-01-02', '---', 'T', '2021-12-15')).date?.iso, '2020-01-02');
		});
	});

	describe('§4 headings and sections', () => {
		it('recognises # headings and nests them by level', () => {
			const d = parse(lines('T', '', '# One', 'text', '## One.one', '## One.two', '# Two'));
			assert.deepEqual(headingTree(d.rootHeadings), ['One', '  One.one', '  One.two', 'Two']);
			assert.ok(d.headings.every((h) => h.style === 'atx'));
		});

		it('recognises a line in capitals between blank lines', () => {
			const d = parse(lines('T', '', 'MOTION AGAINST ANTI-COMMUNISM IN EUROPE', '', 'Text.', 'NOT A HEADING', 'more'));
			assert.deepEqual(d.headings.map((h) => [h.style, h.text]), [['caps', 'MOTION AGAINST ANTI-COMMUNISM IN EUROPE']]);
		});

		it('recognises keyword headings in many languages and forms', () => {
			for (const [line, kind, number] of [
				['Article 4', 'article', '4'], ['Article 1.', 'article', '1'], ['Part I', 'part', 'I'], ['Title II - Freedoms', 'title', 'II'],
				['Chapter 2: Rights', 'chapter', '2'], ['Section 3', 'section', '3'], ['Annex 1', 'annex', '1'], ['Amendment 5', 'amendment', '5'],
				['Artigo 1.º', 'article', '1'], ['Artigo 10. o Liberdade', 'article', '10'], ['Artículo 7', 'article', '7'], ['Статья 3', 'article', '3'],
				['ΑΡΘΡΟ 12', 'article', '12'], ['Άρθρο 2', 'article', '2'], ['المادة 5', 'article', '5'], ['Parte III', 'part', 'III'],
				['Glava 1', undefined, undefined], ['Глава 4', 'chapter', '4'], ['Kapitel 9', 'chapter', '9'], ['Título I', 'title', 'I'],
			] as const) {
				const d = parse(lines('T', 'text', line, 'text'));
				const h = d.headings[0];
				if (kind === undefined) assert.equal(h, undefined, line);
				else {
					assert.equal(h?.keyword?.kind, kind, line);
					assert.equal(h?.keyword?.number, number, line);
				}
			}
		});

		it('does not take a sentence that starts with a keyword for a heading', () => {
			const d = parse(lines('T', '', 'Article 5 of the North Atlantic Treaty applies.', 'Section II has made clear the relation.'));
			assert.equal(d.headings.length, 0);
		});

		it('takes no name of an object property for a keyword (constructor 5, toString 2)', () => {
			const d = parse(lines('Title', '', 'constructor 5', '', 'toString 2', '', 'Text.'));
			assert.deepEqual(d.headings.filter((h) => h.keyword).map((h) => h.text), []);
		});

		it('nests keyword headings by first appearance: articles then sections (US)', () => {
			const d = parse(lines('We the People.', '', 'Article 1.', '', 'Section 1', 'Text.', 'Section 2', 'Text.', 'Article 2.', 'Section 1', 'Text.'));
			assert.deepEqual(headingTree(d.rootHeadings), ['Article 1.', '  Section 1', '  Section 2', 'Article 2.', '  Section 1']);
		});

		it('nests keyword headings by first appearance: title, chapter, section, article (EU)', () => {
			const d = parse(lines('Charter', '', 'Title I', 'Chapter 1', 'Section 1', 'Article 1', 'Text.', 'Article 2', 'Section 2', 'Article 3', 'Chapter 2', 'Article 4', 'Title II', 'Article 5'));
			assert.deepEqual(headingTree(d.rootHeadings), ['Title I', '  Chapter 1', '    Section 1', '      Article 1', '      Article 2', '    Section 2', '      Article 3', '  Chapter 2', '    Article 4', 'Title II', '  Article 5']);
		});

		it('never nests a part, title or chapter inside an article met before it', () => {
			const d = parse(lines('Constitution', '', '# Artigo 1.º', 'Text.', '# Parte I', '# Título I', '# Artigo 2.º', 'Text.', '# Título II', '# Artigo 3.º'));
			assert.deepEqual(headingTree(d.rootHeadings), ['Artigo 1.º', 'Parte I', '  Título I', '    Artigo 2.º', '  Título II', '    Artigo 3.º']);
		});

		it('nests keyword headings below the # heading above them', () => {
			const d = parse(lines('T', '', '# Statute', '', 'Article 1', 'Text.', 'Article 2', 'Text.', '# Annexes'));
			assert.deepEqual(headingTree(d.rootHeadings), ['Statute', '  Article 1', '  Article 2', 'Annexes']);
		});

		it('recognises a short line between blank lines after the title block', () => {
			const d = parse(lines('Extraordinary TeleConference, Text of Joint Actions', '', '12/15/21 11:41 AM', '', 'Text of Joint Actions', '', 'The parties will act on the following axes:', '', '• One.'));
			assert.deepEqual(d.headings.map((h) => [h.style, h.text, h.slug]), [['short', 'Text of Joint Actions', 'text-of-joint-actions']]);
			assert.equal(d.items[0].section, d.headings[0]);
		});

		it('does not take a line ending in punctuation, or a long one, for a short heading', () => {
			const d = parse(lines('T', '', 'The General Assembly,', '', 'Recalling its resolutions:', '', 'One two three four five six seven eight nine ten eleven twelve thirteen', '', 'end.'));
			assert.equal(d.headings.length, 0);
		});

		it('reads a label at the end of a heading, outside its text and slug', () => {
			const d = parse(lines('T', '', '## Housing and Rent {#housing}', 'text'));
			const h = d.headings[0];
			assert.equal(h.text, 'Housing and Rent');
			assert.equal(h.slug, 'housing-and-rent');
			assert.equal(h.label?.name, 'housing');
			assert.equal(slice(d, h.label!.span), '{#housing}');
			assert.equal(slice(d, h.label!.nameSpan), 'housing');
			assert.equal(slice(d, h.nameSpan), 'Housing and Rent');
		});

		it('slugs any letters and digits, lower-cased', () => {
			const d = parse(lines('T', '', '# Résolution 194 (III) — Droit au retour', 'x'));
			assert.equal(d.headings[0].slug, 'résolution-194-iii-droit-au-retour');
		});

		it('runs a section to the next heading of the same or a higher level', () => {
			const text = lines('T', '', '# A', 'a text', '## A1', 'a1 text', '', '# B', 'b text');
			const d = parse(text);
			assert.equal(slice(d, d.headings[0].sectionSpan), lines('# A', 'a text', '## A1', 'a1 text'));
			assert.equal(slice(d, d.headings[1].sectionSpan), lines('## A1', 'a1 text'));
		});
	});

	describe('§5 paragraphs and lead-ins', () => {
		it('makes a paragraph ending in ":" before a list its lead-in', () => {
			const d = parse(lines('T', '', 'We will act on', 'the following axes:', '', '1. One.', '2. Two.', '', 'Closing words.'));
			assert.equal(d.paragraphs.length, 2);
			assert.equal(d.lists[0].leadIn, d.paragraphs[0]);
			assert.equal(d.paragraphs[0].leadIn, true);
			assert.equal(d.paragraphs[1].leadIn, false);
		});
	});

	describe('§6 lists, axes and points', () => {
		it('recognises every marker kind and its number', () => {
			const d = parse(lines('T', '', '• a', '◦ b', '▪ c', '‣ d', '- e', '* f', '+ g', '– h', '— i'));
			assert.deepEqual(d.items.map((i) => i.number), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
			for (const [marker, kind, value] of [['7.', 'number', 7], ['7)', 'number', 7], ['(7)', 'number', 7], ['c.', 'letter', 3], ['c)', 'letter', 3], ['(c)', 'letter', 3], ['iv.', 'roman', 4], ['(iv)', 'roman', 4], ['IV.', 'upper-roman', 4], ['C.', 'upper-letter', 3]] as const) {
				const it1 = parse(`T\n\n${marker} Text of the item.`).items[0];
				assert.equal(it1?.marker.kind, kind, marker);
				assert.equal(it1?.number, value, marker);
			}
		});

		it('needs a space after the marker', () => {
			assert.equal(parse('T\n\n1.5 million people.\n-dash\nU.S. policy\n').items.length, 0);
		});

		it('continues an item over indented and lazy lines', () => {
			const d = parse(lines('T', '', '1. First line', '   indented continuation', 'lazy continuation.', '2. Second.'));
			assert.equal(d.items.length, 2);
			assert.equal(d.items[0].text, lines('First line', '   indented continuation', 'lazy continuation.'));
			assert.equal(d.items[0].title, 'First line indented continuation lazy continuation');
		});

		it('keeps an item open over a blank line followed by an indented continuation', () => {
			const d = parse(lines('T', '', '- First.', '', '  Still the first.', '', 'A paragraph.'));
			assert.equal(d.items.length, 1);
			assert.equal(d.lineIndex.positionAt(d.items[0].span.end).line, 4);
			assert.equal(d.paragraphs.length, 1);
		});

		it('nests by indentation', () => {
			const d = parse(lines('T', '', '- A', '  - A1', '    - A1a', '  - A2', '- B'));
			assert.deepEqual(tree(d.lists[0].items), ['1. A', '  1.1 A1', '    1.1.1 A1a', '  1.2 A2', '2. B']);
			assert.deepEqual(d.items.map((i) => i.depth), [0, 1, 2, 1, 0]);
		});

		it('nests UN style by marker kind without indentation, and returns to the outer list', () => {
			const d = parse(lines('T', '', '1. Decides that:', '(a) first;', '(b) second:', '(i) sub one;', '(ii) sub two;', '(c) third;', '2. Also decides.'));
			assert.deepEqual(tree(d.lists[0].items), ['1. Decides that:', '  1(a) first', '  1(b) second:', '    1(b)(i) sub one', '    1(b)(ii) sub two', '  1(c) third', '2. Also decides']);
		});

		it('reads a lone (i) after (h) as the letter i', () => {
			const d = parse(lines('T', '', ...'abcdefgh'.split('').map((c) => `(${c}) item ${c};`), '(i) item i;', '(j) item j.'));
			assert.deepEqual(d.items.map((i) => [i.marker.kind, i.number]).slice(7), [['letter', 8], ['letter', 9], ['letter', 10]]);
			assert.equal(d.lists[0].items.length, 10);
		});

		it('titles an item by its first sentence, at most 100 characters, without its label', () => {
			const d = parse(lines('T', '', '1. For public housing and rent control. More text. {#housing}', '2. In support of Cuba; against the blockade.', '3. See e.g. the U.S. blockade and No. 5 of Art. 3 in the text. Then more.', `4. ${'word '.repeat(40)}end.`));
			assert.deepEqual(d.items.map((i) => i.title).slice(0, 3), ['For public housing and rent control', 'In support of Cuba', 'See e.g. the U.S. blockade and No. 5 of Art. 3 in the text']);
			assert.ok(d.items[3].title.length <= 100 && d.items[3].title.endsWith('…'));
			assert.equal(d.items[0].label?.name, 'housing');
		});

		it('reads a label at the end of the item when the first line has none', () => {
			const d = parse(lines('T', '', '- First line', '  last line {#end}', '- Next.'));
			assert.equal(d.items[0].label?.name, 'end');
			assert.ok(!d.items[0].text.includes('{#end}'));
		});

		it('picks the list with the most top-level items as the principal list (first on a tie)', () => {
			const d = parse(lines('T', '', '- a', '- b', '', 'Para.', '', '1. x', '2. y', '3. z', '', 'Para.', '', '- c', '- d', '- e'));
			assert.equal(d.principalList, d.lists[1]);
		});

		it('resumes a numbered list interrupted by a paragraph when the numbers continue', () => {
			const d = parse(lines('T', '', '1. Decides that:', '', '(a) first part of a', '', 'Running page header of the document', '', '(b) second;', '', '2. Also decides.'));
			assert.deepEqual(tree(d.lists[0].items), ['1. Decides that:', '  1(a) first part of a', '  1(b) second', '2. Also decides']);
		});

		it('reads a numbered capitals line between blank lines as a heading, unless it is one of a list', () => {
			const d = parse(lines('T', '', 'I. BOURGEOIS AND PROLETARIANS', '', 'Text of the section.', '', '1. COMMUNIST PARTY A', '', '2. COMMUNIST PARTY B'));
			assert.deepEqual(d.headings.map((h) => h.text), ['I. BOURGEOIS AND PROLETARIANS']);
			assert.equal(d.items.length, 2);
		});

		it('survives a list nested 300 levels deep', () => {
			const deep = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- level ${i}`).join('\n');
			const d = parse(`Deep\n\n${deep}\n`);
			assert.equal(d.items.length, 300);
			assert.equal(d.items[299].depth, 299);
		});
	});

	describe('§9 signatories', () => {
		it('counts the items or lines of a signatories section', () => {
			assert.equal(parse(lines('T', '', 'Signatories', '', '- Party A', '- Party B', '- Party C')).signatories?.names.length, 3);
			const d = parse(lines('T', '', '# Signed by', '', 'Party A', 'Party B'));
			assert.deepEqual(d.signatories?.names.map((n) => n.name), ['Party A', 'Party B']);
		});
	});

	describe('§10 diagnostics found while parsing', () => {
		it('reports a numbering gap on the marker that skips or repeats', () => {
			const d = parse(lines('T', '', '1. a', '2. b', '4. d', '4. e', '(a) x', '(c) y'));
			const gaps = d.diagnostics.filter((x) => x.code === 'numbering-gap');
			assert.deepEqual(gaps.map((g) => slice(d, g.span)), ['4.', '4.', '(c)']);
			assert.ok(gaps.every((g) => g.severity === 'warning'));
		});

		it('does not report bullets or a list that starts past 1', () => {
			const d = parse(lines('T', '', '• a', '• b', '', 'Para.', '', '3. c', '4. d'));
			assert.equal(d.diagnostics.length, 0);
		});

		it('reports a label used twice in a document', () => {
			const d = parse(lines('T', '', '# Heading {#a}', '1. One. {#a}', '2. Two. {#b}'));
			const dup = d.diagnostics.filter((x) => x.code === 'duplicate-label');
			assert.equal(dup.length, 1);
			assert.equal(dup[0].severity, 'error');
			assert.equal(slice(d, dup[0].span), '{#a}');
			assert.equal(d.lineIndex.positionAt(dup[0].span.start).line, 3);
		});
	});

	describe('totality', () => {
		it('gives a model for empty, blank and odd input', () => {
			for (const text of ['', '\n\n   \n\t\n', '\u0000\u0001\uFFFF', '---', '---\n---', '<!--', '[[', '1.', '- ', '\uD800', '#'.repeat(1000), '\r\r\r', 'A'.repeat(200_000)]) {
				const d = parse(text);
				assert.equal(d.text, text);
				assert.equal(d.masked.length, text.length);
			}
		});
	});
});
