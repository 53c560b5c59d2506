import { strict as assert } from 'node:assert';
import { parseDocument } from '../../server/src/core/parser/parse';
import { findDefinitions, type TermDefinition } from '../../server/src/core/terms/definitions';
import { hashLower, isPluralOf, namePattern, pluralOf, singulars } from '../../server/src/core/terms/names';

function defs(text: string): TermDefinition[] {
	return findDefinitions(parseDocument('file:///ws/t.decl', 1, text));
}

/** [kind, names, definition] of every definition, with each name span checked against the text. */
function summary(text: string): [string, string[], string][] {
	return defs(text).map((d) => {
		d.names.forEach((n, i) => assert.equal(text.slice(d.nameSpans[i].start, d.nameSpans[i].end), n));
		return [d.kind, [...d.names], d.definition];
	});
}

describe('terms: glossary sections', () => {
	for (const heading of ['Glossary', 'Definitions', 'Abbreviations', 'Acronyms', 'Terms', 'GLOSSARY', '## Terms', 'Definitions:']) {
		it(`reads the section under "${heading}"`, () => {
			assert.deepEqual(summary(`Title\n\n${heading}\n\nNATO: North Atlantic Treaty Organization.\n`), [['glossary', ['NATO'], 'North Atlantic Treaty Organization.']]);
		});
	}

	it('takes every separator: ":", " - ", " – ", " — ", " = "', () => {
		const text = 'Title\n\nGlossary\n\nAU: African Union.\nEU - European Union.\nUN – United Nations.\nWHO — World Health Organization.\nILO = International Labour Organization.\n';
		assert.deepEqual(summary(text).map(([, n, d]) => [n[0], d]), [
			['AU', 'African Union.'], ['EU', 'European Union.'], ['UN', 'United Nations.'], ['WHO', 'World Health Organization.'], ['ILO', 'International Labour Organization.'],
		]);
	});

	it('reads aliases separated by " | ", each with its own span', () => {
		const text = 'Title\n\nGlossary\n\nResolution 194 | 194 resolution: General Assembly resolution 194 (III) of 1948.\n';
		const [d] = defs(text);
		assert.deepEqual(d.names, ['Resolution 194', '194 resolution']);
		assert.deepEqual(d.nameSpans.map((s) => text.slice(s.start, s.end)), ['Resolution 194', '194 resolution']);
		assert.deepEqual(d.termSpan, { start: text.indexOf('Resolution 194'), end: text.indexOf('194 resolution') + '194 resolution'.length });
		assert.equal(d.definition, 'General Assembly resolution 194 (III) of 1948.');
		assert.equal(d.line, 4);
	});

	it('reads list items, a definition continued on the next lines, and emphasis around a term', () => {
		const text = 'Title\n\nGlossary\n\n- EU: European Union.\n• AU = African Union,\n  of 55 states.\n\n**ASEAN**: Association of\nSoutheast Asian Nations.\nUN: United Nations.\n';
		assert.deepEqual(summary(text), [
			['glossary', ['EU'], 'European Union.'],
			['glossary', ['AU'], 'African Union, of 55 states.'],
			['glossary', ['ASEAN'], 'Association of Southeast Asian Nations.'],
			['glossary', ['UN'], 'United Nations.'],
		]);
	});

	it('keeps entries that the parser takes for headings (a line in capitals alone between blank lines)', () => {
		const text = 'Title\n\nGlossary\n\nNATO: TO BE DEFINED\n\nEU: European Union.\n';
		assert.deepEqual(summary(text).map(([, n]) => n[0]), ['NATO', 'EU']);
	});

	it('ignores lines without a separator, lines outside glossary sections, and an empty definition', () => {
		const text = 'Title\n\nNote: this line is not in a glossary.\n\nGlossary\n\nThe terms below are used in this statement.\nUN:\nEU: European Union.\n\n# Next\n\nWHO: not a glossary entry.\n';
		assert.deepEqual(summary(text).map(([, n]) => n[0]), ['EU']);
	});

	it('finds no definition inside a comment', () => {
		assert.deepEqual(summary('Title\n\nGlossary\n\n<!-- NATO: North Atlantic Treaty Organization. -->\nEU: European Union.\n'), [['glossary', ['EU'], 'European Union.']]);
	});
});

describe('terms: quoted definitions', () => {
	it('reads "X" means, with the rest of the sentence as the definition', () => {
		const text = 'Title\n\n"Working Group" means the eleven parties that prepare the meeting. The rest is not part of it.\n';
		const [d] = defs(text);
		assert.equal(d.kind, 'quoted');
		assert.deepEqual(d.names, ['Working Group']);
		assert.equal(d.definition, 'the eleven parties that prepare the meeting');
		assert.deepEqual(d.span, { start: text.indexOf('"Working'), end: text.indexOf('meeting.') + 'meeting.'.length });
	});

	it('reads curly quotes, "refers to" and "shall mean", a sentence ending at ";", and a line break', () => {
		const text = 'Title\n\n“Party” refers to a signatory of this statement; “Secretariat” shall mean the office in Geneva, e.g. its staff.\n"Parties"\nmeans all of them\n\nNext.\n';
		assert.deepEqual(summary(text), [
			['quoted', ['Party'], 'a signatory of this statement'],
			['quoted', ['Secretariat'], 'the office in Geneva, e.g. its staff'],
			['quoted', ['Parties'], 'all of them'],
		]);
	});

	it('does not take a quotation for a definition', () => {
		assert.deepEqual(summary('Title\n\nThey said "enough" and meant it. "Peace" is what it means.\n'), []);
	});
});

describe('terms: acronym definitions', () => {
	it('reads Long Form (ACR) and ACR (Long Form)', () => {
		assert.deepEqual(summary('Title\n\nThe World Federation of Trade Unions (WFTU) and the WIDF (Women\'s International Democratic Federation) met.\n'), [
			['acronym', ['WFTU'], 'World Federation of Trade Unions'],
			['acronym', ['WIDF'], "Women's International Democratic Federation"],
		]);
	});

	it('does not define twice an acronym that its own glossary entry spells out', () => {
		assert.deepEqual(summary('Title\n\nGlossary\n\nWHO: World Health Organization (WHO), founded in 1948.\n'), [['glossary', ['WHO'], 'World Health Organization (WHO), founded in 1948.']]);
	});
});

describe('terms: names', () => {
	it('splits names into words and separators; acronyms are case-sensitive', () => {
		assert.deepEqual(namePattern('COVID-19'), { name: 'COVID-19', key: 'A:COVID-19', first: hashLower('covid', 0, 5), words: ['COVID', '19'], seps: ['-'], caseSensitive: true });
		assert.deepEqual(namePattern('Workers’  Parties')?.key, "T:workers' parties");
		assert.equal(namePattern('PCdoB')?.caseSensitive, true);
		assert.equal(namePattern('Working Group')?.caseSensitive, false);
		assert.equal(namePattern('UN Women')?.caseSensitive, false);
		assert.equal(namePattern('A'), undefined);
		assert.equal(namePattern('--'), undefined);
	});

	it('knows the plural rules: s, es, y → ies', () => {
		assert.ok(isPluralOf('parties', 'party'));
		assert.ok(isPluralOf('processes', 'process'));
		assert.ok(isPluralOf('groups', 'group'));
		assert.ok(!isPluralOf('partys', 'parties'));
		assert.ok(!isPluralOf('grouping', 'group'));
		assert.deepEqual(singulars('parties'), ['partie', 'parti', 'party']);
		assert.deepEqual(singulars('us'), []);
		assert.deepEqual(['Party', 'Process', 'Group', 'Day', 'NGO', 'Box', 'Church'].map(pluralOf), ['Parties', 'Processes', 'Groups', 'Days', 'NGOs', 'Boxes', 'Churches']);
	});
});
