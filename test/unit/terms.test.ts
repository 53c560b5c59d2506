import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, Hover, Location, MarkupContent } from 'vscode-languageserver-types';
import { BUNDLED_URI, makeWs, type Ws } from './terms-support';

function hoverText(h: Hover | null): string {
	return h ? (h.contents as MarkupContent).value : '';
}

function hover(ws: Ws, file: string, needle: string, occurrence = 1, delta = 1): string {
	return hoverText(ws.service.getHover(ws.uri(file), ws.pos(file, needle, occurrence, delta)));
}

/** `file:line:text` of each location. */
function where(ws: Ws, locs: readonly Location[] | null): string[] {
	return (locs ?? []).map((l) => `${ws.file(l.uri)}:${l.range.start.line}:${ws.textAt(l.uri, l.range)}`);
}

const GLOSSARY = [
	'Shared glossary',
	'',
	'Glossary',
	'',
	"IMCWP: International Meeting of Communist and Workers' Parties, held yearly since 1998.",
	'USSR | Soviet Union: Union of Soviet Socialist Republics, founded on 30 December 1922.',
	'NATO: North Atlantic Treaty Organization, a military alliance founded in 1949.',
	'',
].join('\n');

describe('terms: scopes and precedence', () => {
	const files = {
		'a.decl': 'Statement A\n\n"NATO" means our own alliance.\n\nNATO again, and the EU.\n',
		'b.decl': 'Statement B\n\nAgainst NATO and the EU.\n',
		'glossary.decl': GLOSSARY,
	};

	it('the document first, then workspace glossaries, then the bundled glossary', () => {
		const ws = makeWs(files);
		assert.match(hover(ws, 'a.decl', 'NATO', 2), /our own alliance/);
		assert.match(hover(ws, 'b.decl', 'NATO'), /a military alliance founded in 1949\./);
		assert.match(hover(ws, 'b.decl', 'NATO'), /Defined in glossary\.decl, line 7/);
		assert.match(hover(ws, 'b.decl', 'EU'), /European Union/);
		assert.match(hover(ws, 'b.decl', 'EU'), /Defined in the bundled glossary/);
	});

	it('the bundled glossary can be switched off', () => {
		const ws = makeWs(files, { config: { bundledGlossary: false } });
		assert.equal(hover(ws, 'b.decl', 'EU'), '');
		ws.configure({ bundledGlossary: true });
		assert.match(hover(ws, 'b.decl', 'EU'), /European Union/);
		ws.configure({ bundledGlossary: false });
		assert.equal(hover(ws, 'b.decl', 'EU'), '');
	});

	it('the longest match wins over a nearer shorter one; for one length the nearer wins', () => {
		const ws = makeWs({
			'a.decl': 'A\n\n"Charter" means this charter.\n\nUnder the UN Charter and this Charter, the UN acts.\n',
			'g.decl': 'G\n\nGlossary\n\nUN: the workspace definition of the UN.\n',
		});
		assert.match(hover(ws, 'a.decl', 'UN Charter'), /\*\*UN Charter\*\*\n\nthe founding treaty/);
		assert.match(hover(ws, 'a.decl', 'Charter', 3), /this charter/);
		assert.match(hover(ws, 'a.decl', 'the UN acts', 1, 5), /workspace definition/);
	});

	it('the first of two workspace glossaries (by path) gives a term defined in both', () => {
		const ws = makeWs({
			'z.decl': 'Z\n\nGlossary\n\nAU: the Z definition.\n',
			'a/g.decl': 'A\n\nGlossary\n\nAU: the A definition.\n',
			'use.decl': 'Use\n\nThe AU met.\n',
		});
		assert.match(hover(ws, 'use.decl', 'AU'), /the A definition/);
	});
});

describe('terms: matching uses', () => {
	const ws = makeWs({
		'g.decl': [
			'Glossary file', '', 'Glossary', '',
			'Working Group: the eleven parties.',
			'Party: a signatory.',
			'Process: the way forward.',
			'NGO: non-governmental organization.',
			"Workers' Parties: parties of the working class.",
			'COVID-19: coronavirus disease 2019.',
			'',
		].join('\n'),
		'u.decl': [
			'Uses', '',
			'The working group and two WORKING GROUPS met; the Working\nGroup reported.',
			'All parties, one party, the processes, several NGOs, the NGOS.',
			'Let us go; the US and the USA are not the us.',
			'<!-- NATO in a comment --> [[NATO]] https://example.org/NATO www.nato.int',
			"The Workers’ Parties and anti-NATO protests during COVID-19 and COVID.",
			'UNESCO is not the UN.',
			'',
		].join('\n'),
	});
	const uses = (needle: string, occurrence = 1, delta = 1): string => {
		const h = ws.service.getHover(ws.uri('u.decl'), ws.pos('u.decl', needle, occurrence, delta));
		return h ? `${ws.textAt(ws.uri('u.decl'), h.range!)} → ${hoverText(h).split('\n')[0]}` : '';
	};

	it('other terms match case-insensitively, also across a line break', () => {
		assert.equal(uses('working group'), 'working group → **Working Group**');
		assert.equal(uses('WORKING GROUPS'), 'WORKING GROUPS → **Working Group**');
		assert.equal(uses('Working\nGroup'), 'Working\nGroup → **Working Group**');
	});

	it('plurals: s, es, y → ies; acronyms take a lower-case s', () => {
		assert.equal(uses('parties'), 'parties → **Party**');
		assert.equal(uses('party'), 'party → **Party**');
		assert.equal(uses('processes'), 'processes → **Process**');
		assert.equal(uses('NGOs'), 'NGOs → **NGO**');
		assert.equal(uses('NGOS'), '');
	});

	it('acronyms match case-sensitively and as whole words', () => {
		assert.equal(uses('us go'), '');
		assert.equal(uses('the US', 1, 5), 'US → **US**');
		assert.equal(uses('USA'), 'USA → **USA**');
		assert.equal(uses('the us', 1, 5), '');
		assert.equal(uses('UNESCO'), '');
		assert.equal(uses('the UN.', 1, 5), 'UN → **UN**');
	});

	it('a name with punctuation inside matches with typographic variants; a hyphen separates words', () => {
		assert.equal(uses('Workers’ Parties'), 'Workers’ Parties → **Workers\' Parties**');
		assert.equal(uses('NATO protests'), 'NATO → **NATO**');
		assert.equal(uses('COVID-19'), 'COVID-19 → **COVID-19**');
		assert.equal(uses('COVID.'), '');
	});

	it('nothing in comments, wiki references or URLs', () => {
		assert.equal(uses('NATO in a comment'), '');
		assert.doesNotMatch(uses('[[NATO]]', 1, 3), /\*\*NATO\*\*/);
		assert.equal(uses('example.org/NATO', 1, 13), '');
		assert.equal(uses('nato.int'), '');
	});
});

describe('terms: hover, definition, references, highlights', () => {
	const seed = readFileSync(join(__dirname, '..', '..', 'examples', 'joint-actions-2021.decl'), 'utf8');
	const files = { 'statements/joint-actions-2021.decl': seed, 'glossary.decl': GLOSSARY, 'other.decl': 'Other\n\nThe Soviet Union and the USSR.\n' };
	const S = 'statements/joint-actions-2021.decl';

	it('hovers a use with the term in bold, the definition, where it is defined, the aliases and the uses', () => {
		const ws = makeWs(files);
		const h = ws.service.getHover(ws.uri(S), ws.pos(S, 'USSR'));
		assert.equal(hoverText(h), '**USSR**\n\nUnion of Soviet Socialist Republics, founded on 30 December 1922.\n\nAlso: *Soviet Union*\n\n*Defined in glossary.decl, line 6 · 4 uses in the workspace*');
		assert.equal(ws.textAt(ws.uri(S), h!.range!), 'USSR');
	});

	it('hovers a definition and an alias; an acronym definition shows its long form', () => {
		const ws = makeWs({ ...files, 'wftu.decl': 'W\n\nThe Women\'s International Democratic Federation (WIDF) and the WIDF.\n' });
		assert.match(hover(ws, 'glossary.decl', 'USSR'), /^\*\*USSR\*\*/);
		assert.match(hover(ws, 'other.decl', 'Soviet Union'), /^\*\*Soviet Union\*\*\n\nUnion of Soviet Socialist Republics[\s\S]*Also: \*USSR\*/);
		assert.equal(hover(ws, 'wftu.decl', 'WIDF', 2), "**WIDF**: Women's International Democratic Federation\n\n*Defined in wftu.decl, line 3 · 1 use in the workspace*");
	});

	it('hovers a term of the bundled glossary, with no workspace glossary at all', () => {
		const ws = makeWs({ [S]: seed }, { bundled: readFileSync(join(__dirname, '..', '..', 'server', 'glossary', 'bundled.decl'), 'utf8') });
		assert.match(hover(ws, S, 'UN resolutions'), /United Nations[\s\S]*Defined in the bundled glossary/);
		assert.match(hover(ws, S, 'US blockade'), /United States of America/);
		assert.match(hover(ws, S, 'COVID-19'), /coronavirus disease 2019/);
		assert.match(hover(ws, S, 'NATO'), /North Atlantic Treaty Organization/);
	});

	it('goes to the defining line, in the workspace or in the bundled glossary', () => {
		const ws = makeWs(files);
		assert.deepEqual(where(ws, ws.service.getDefinition(ws.uri(S), ws.pos(S, 'USSR'))), ['glossary.decl:5:USSR']);
		assert.deepEqual(where(ws, ws.service.getDefinition(ws.uri('other.decl'), ws.pos('other.decl', 'Soviet Union'))), ['glossary.decl:5:Soviet Union']);
		const def = ws.service.getDefinition(ws.uri(S), ws.pos(S, 'UN resolutions'));
		assert.equal(def?.[0].uri, BUNDLED_URI);
		assert.equal(def?.[0].range.start.line, 4);
		assert.equal(ws.textAt(BUNDLED_URI, def![0].range), 'UN');
	});

	it('finds references across the workspace, with or without the declaration', () => {
		const ws = makeWs(files);
		const refs = ws.service.getReferences(ws.uri('glossary.decl'), ws.pos('glossary.decl', 'USSR'), false);
		assert.deepEqual(where(ws, refs), ['other.decl:2:Soviet Union', 'other.decl:2:USSR', `${S}:13:USSR`, `${S}:13:USSR`]);
		const withDecl = ws.service.getReferences(ws.uri(S), ws.pos(S, 'USSR'), true);
		assert.deepEqual(where(ws, withDecl).slice(0, 2), ['glossary.decl:5:USSR', 'glossary.decl:5:Soviet Union']);
		assert.equal(withDecl.length, 6);
		const nato = ws.service.getReferences(ws.uri('glossary.decl'), ws.pos('glossary.decl', 'NATO'), false);
		assert.deepEqual(where(ws, nato), [`${S}:19:NATO`, `${S}:20:NATO`]);
	});

	it('highlights the uses in the document, and the definition as a write', () => {
		const ws = makeWs({ 'a.decl': 'A\n\nThe Working Group meets. "Working Group" means the eleven parties. Working groups report.\n' });
		const hs = ws.service.getDocumentHighlights(ws.uri('a.decl'), ws.pos('a.decl', 'Working Group'));
		assert.deepEqual(hs.map((h) => [ws.textAt(ws.uri('a.decl'), h.range), h.kind]), [['Working Group', 3], ['Working Group', 2], ['Working groups', 2]]);
	});

	it('answers nothing where there is no term', () => {
		const ws = makeWs(files);
		assert.equal(ws.service.getHover(ws.uri('other.decl'), ws.pos('other.decl', 'The Soviet')), null);
		assert.deepEqual(ws.service.getReferences(ws.uri('other.decl'), ws.pos('other.decl', 'The Soviet'), true), []);
		assert.equal(ws.service.getDefinition(ws.uri('other.decl'), ws.pos('other.decl', 'The Soviet')), null);
	});
});

describe('terms: the workspace index reacts to files created, changed and deleted', () => {
	it('a glossary file appears, changes and goes', () => {
		const ws = makeWs({ 'doc.decl': 'Doc\n\nThe IMCWP and the WFDY met.\n' }, { bundled: false });
		assert.equal(hover(ws, 'doc.decl', 'IMCWP'), '');
		ws.write('glossary.decl', 'G\n\nGlossary\n\nIMCWP: International Meeting of Communist and Workers\' Parties.\n');
		assert.match(hover(ws, 'doc.decl', 'IMCWP'), /International Meeting/);
		ws.write('glossary.decl', 'G\n\nGlossary\n\nIMCWP: the yearly meeting.\nWFDY: World Federation of Democratic Youth.\n');
		assert.match(hover(ws, 'doc.decl', 'IMCWP'), /the yearly meeting/);
		assert.match(hover(ws, 'doc.decl', 'WFDY'), /Democratic Youth/);
		ws.write('glossary.decl', 'G\n\nGlossary\n\nWFDY: World Federation of Democratic Youth.\n');
		assert.equal(hover(ws, 'doc.decl', 'IMCWP'), '');
		ws.remove('glossary.decl');
		assert.equal(hover(ws, 'doc.decl', 'WFDY'), '');
	});

	it('a document with uses appears, changes and goes: the use counts follow', () => {
		const ws = makeWs({ 'glossary.decl': GLOSSARY }, { bundled: false });
		const count = (): string => / (no|\d+) uses? in the workspace/.exec(hover(ws, 'glossary.decl', 'NATO'))?.[1] ?? '?';
		assert.equal(count(), 'no');
		ws.write('a.decl', 'A\n\nNATO and NATO.\n');
		assert.equal(count(), '2');
		ws.write('b.decl', 'B\n\nNATO.\n');
		assert.equal(count(), '3');
		ws.write('a.decl', 'A\n\nNothing.\n');
		assert.equal(count(), '1');
		ws.remove('b.decl');
		assert.equal(count(), 'no');
	});

	it('an open document wins over the disk, and counts again from the disk when closed', () => {
		const ws = makeWs({ 'glossary.decl': GLOSSARY, 'a.decl': 'A\n\nNATO.\n' }, { bundled: false });
		ws.service.index.setOpen(ws.uri('a.decl'), 1, 'A\n\nNo more.\n');
		assert.match(hover(ws, 'glossary.decl', 'NATO'), /no uses/);
		ws.service.index.closeOpen(ws.uri('a.decl'));
		assert.match(hover(ws, 'glossary.decl', 'NATO'), /1 use in/);
	});
});

describe('terms: completion', () => {
	const ws = makeWs({ 'glossary.decl': GLOSSARY, 'a.decl': 'A\n\n"Nation State" means a state.\n\nThe NA\nthe na\nN\n<!-- NA\n-->\n' });
	const complete = (needle: string, delta: number): CompletionItem[] => ws.service.getCompletions(ws.uri('a.decl'), ws.pos('a.decl', needle, 1, delta));

	it('offers defined terms and acronyms while typing a capitalised word, after other completions', () => {
		const items = complete('The NA', 6);
		assert.deepEqual(items.map((i) => i.label), ['Nation State', 'NATO']);
		const nato = items.find((i) => i.label === 'NATO')!;
		assert.ok(nato.sortText!.startsWith('~'));
		assert.deepEqual(nato.textEdit, { range: { start: { line: 4, character: 4 }, end: { line: 4, character: 6 } }, newText: 'NATO' });
		assert.match(nato.detail!, /^North Atlantic Treaty Organization/);
	});

	it('offers nothing for a lower-case word, a single letter, or inside a comment', () => {
		assert.deepEqual(complete('the na', 6), []);
		assert.deepEqual(complete('N\n', 1), []);
		assert.deepEqual(complete('<!-- NA', 7), []);
	});
});
