import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { applyWorkspaceEdit, makeWs, type Ws } from './terms-support';

const BUNDLED = readFileSync(join(__dirname, '..', '..', 'server', 'glossary', 'bundled.decl'), 'utf8');
const SEED = readFileSync(join(__dirname, '..', '..', 'examples', 'joint-actions-2021.decl'), 'utf8');

function rangeOf(ws: Ws, file: string, needle: string, occurrence = 1, length = needle.length): Range {
	const start = ws.pos(file, needle, occurrence, 0);
	return { start, end: { line: start.line, character: start.character + length } };
}

function diags(ws: Ws, file: string, code?: string): Diagnostic[] {
	return ws.service.getDiagnostics(ws.uri(file)).filter((d) => code === undefined || d.code === code);
}

/** [text covered, severity] of each diagnostic with `code`. */
function covered(ws: Ws, file: string, code: string): [string, number | undefined][] {
	return diags(ws, file, code).map((d) => [ws.textAt(ws.uri(file), d.range), d.severity]);
}

function actions(ws: Ws, file: string, d: Diagnostic): CodeAction[] {
	return ws.service.getCodeActions(ws.uri(file), d.range, [d]);
}

describe('terms: diagnostics', () => {
	const text = [
		'Statement of the IMCWP on Peace',
		'Havana, 29 October 2022',
		'',
		'The NATO and the WTO and the XYZ met with World War II veterans in MMXXI.',
		'',
		'AGAINST THE XYZ AND THE WTO',
		'',
		'The NGOs and the ABC-12 plan, not the abc.',
		'',
		'Series I-A and grade A-1, LIMITED RIGHT OF REFUND here; but QQQ, RRR, SSS are listed.',
		'',
	].join('\n');

	it('undefined-acronym: each word of two or more capitals defined nowhere, with its exact range (not series like I-A, not shouted text)', () => {
		const ws = makeWs({ 'a.decl': text });
		const ds = diags(ws, 'a.decl', 'undefined-acronym');
		assert.deepEqual(ds.map((d) => d.range), [rangeOf(ws, 'a.decl', 'WTO'), rangeOf(ws, 'a.decl', 'XYZ'), rangeOf(ws, 'a.decl', 'NGOs'), rangeOf(ws, 'a.decl', 'ABC-12'), rangeOf(ws, 'a.decl', 'QQQ'), rangeOf(ws, 'a.decl', 'RRR'), rangeOf(ws, 'a.decl', 'SSS')]);
		assert.deepEqual(ds.map((d) => d.severity), [4, 4, 4, 4, 4, 4, 4]);
		assert.deepEqual(ds.map((d) => (d.data as { acronym: string }).acronym), ['WTO', 'XYZ', 'NGO', 'ABC-12', 'QQQ', 'RRR', 'SSS']);
		assert.equal(ds[0].source, 'declaration');
		assert.equal(ds[0].message, '“WTO” looks like an acronym but is not defined in this document, a workspace glossary or the bundled glossary.');
	});

	it('undefined-acronym: not a long word the document also writes in lower case, nor two long capital words side by side (ours)', () => {
		const doc = [
			'Consolidated text',
			'',
			'Article 1 (Territory) ALTERADO by the law of 1989. Alterado once more in 1997.',
			'',
			'The UNCTAD and the ZU met; zu is a word in German. ADITADO stands alone.',
			'',
			'Page header LEGISLAÇÃO CONSOLIDADA and the ECOWAS and UNCTAD.',
		].join('\n');
		const ws = makeWs({ 'a.decl': doc });
		const words = covered(ws, 'a.decl', 'undefined-acronym').map(([w]) => w);
		// ALTERADO: `Alterado` is written too; LEGISLAÇÃO CONSOLIDADA: two long capital words side by side;
		// ZU stays (shorter than five letters: `zu` may be another word); ADITADO and UNCTAD are never written otherwise
		assert.deepEqual(words, ['UNCTAD', 'ZU', 'ADITADO', 'ECOWAS', 'UNCTAD']);
	});

	it('undefined-acronym: severity from the setting, none when off', () => {
		const ws = makeWs({ 'a.decl': text }, { config: { undefinedAcronyms: 'warning' } });
		assert.deepEqual(covered(ws, 'a.decl', 'undefined-acronym').map(([, s]) => s), [2, 2, 2, 2, 2, 2, 2]);
		ws.configure({ undefinedAcronyms: 'information' });
		assert.deepEqual(covered(ws, 'a.decl', 'undefined-acronym').map(([, s]) => s), [3, 3, 3, 3, 3, 3, 3]);
		ws.configure({ undefinedAcronyms: 'off' });
		assert.deepEqual(covered(ws, 'a.decl', 'undefined-acronym'), []);
	});

	it('undefined-acronym: a definition anywhere in scope silences it', () => {
		const ws = makeWs({ 'a.decl': text, 'g.decl': 'G\n\nGlossary\n\nWTO: World Trade Organization.\nXYZ: a placeholder.\nQQQ | RRR | SSS: placeholders.\n' });
		assert.deepEqual(covered(ws, 'a.decl', 'undefined-acronym').map(([t]) => t), ['NGOs', 'ABC-12']);
	});

	it('unused-definition: a glossary term used nowhere in the workspace, faded', () => {
		const ws = makeWs({ 'g.decl': 'G\n\nGlossary\n\nNATO: North Atlantic Treaty Organization.\nUSSR | Soviet Union: Union of Soviet Socialist Republics.\n', 'a.decl': 'A\n\nNATO.\n' });
		const ds = diags(ws, 'g.decl', 'unused-definition');
		assert.equal(ds.length, 1);
		assert.deepEqual(ds[0].range, rangeOf(ws, 'g.decl', 'USSR | Soviet Union'));
		assert.equal(ds[0].severity, 4);
		assert.deepEqual(ds[0].tags, [1]);
		ws.write('b.decl', 'B\n\nThe Soviet Union.\n');
		assert.deepEqual(diags(ws, 'g.decl', 'unused-definition'), []);
	});

	it('duplicate-definition: one term defined twice with different text; the same text, or a long form the entry starts with, is fine', () => {
		const doc = [
			'D', '',
			'The World Federation of Trade Unions (WFTU) met. "Party" means a signatory.', '',
			'Glossary', '',
			'NATO: North Atlantic Treaty Organization.',
			'EU: European Union.',
			'WFTU: World Federation of Trade Unions, founded in 1945.',
			'NATO: a different text.',
			'EU: European Union.',
			'Party: a member.',
			'',
		].join('\n');
		const ws = makeWs({ 'd.decl': doc });
		const ds = diags(ws, 'd.decl', 'duplicate-definition');
		assert.deepEqual(ds.map((d) => [d.range, d.severity]), [[rangeOf(ws, 'd.decl', 'NATO', 2), 2], [rangeOf(ws, 'd.decl', 'Party', 2), 2]]);
		assert.equal(ds[0].message, '“NATO” is already defined on line 7 with a different text: “North Atlantic Treaty Organization.”.');
	});

	it('acronym-before-definition: a use above the line that spells it out', () => {
		const ws = makeWs({ 'a.decl': 'A\n\nThe WFTU calls.\nLater the World Federation of Trade Unions (WFTU) is spelled out, and the WFTU acts.\n' }, { bundled: false });
		const ds = diags(ws, 'a.decl', 'acronym-before-definition');
		assert.deepEqual(ds.map((d) => [d.range, d.severity]), [[rangeOf(ws, 'a.decl', 'WFTU'), 4]]);
		assert.deepEqual(diags(ws, 'a.decl', 'undefined-acronym'), []);
	});

	it('the seed document has no error or warning, with or without the bundled glossary', () => {
		for (const bundled of [BUNDLED, false] as const) {
			const ws = makeWs({ 'seed.decl': SEED }, { bundled });
			const bad = diags(ws, 'seed.decl').filter((d) => d.severity === 1 || d.severity === 2);
			assert.deepEqual(bad, []);
		}
		const ws = makeWs({ 'seed.decl': SEED }, { bundled: BUNDLED });
		assert.deepEqual(diags(ws, 'seed.decl', 'undefined-acronym'), []);
	});
});

describe('terms: quick fixes', () => {
	function fix(ws: Ws, file: string, code: string, title: RegExp, which = 0): Record<string, string> {
		const d = diags(ws, file, code)[which];
		assert.ok(d, `no ${code} diagnostic`);
		const action = actions(ws, file, d).find((a) => title.test(a.title));
		assert.ok(action, `no action ${title} among ${actions(ws, file, d).map((a) => a.title).join(', ')}`);
		assert.deepEqual(action.diagnostics, [d]);
		return applyWorkspaceEdit(ws, action.edit!);
	}

	it('adds an acronym to the glossary of the same document, in alphabetical order and in its style', () => {
		const doc = 'D\n\nThe XYZ and the ABC met.\n\nGlossary\n\n- AU: African Union.\n- EU: European Union.\n\nSignatories\n\nSomeone\n';
		const ws = makeWs({ 'd.decl': doc });
		assert.equal(fix(ws, 'd.decl', 'undefined-acronym', /^Add XYZ to the glossary$/)['d.decl'], doc.replace('- EU: European Union.', '- EU: European Union.\n- XYZ: (definition to be written)'));
		assert.equal(fix(ws, 'd.decl', 'undefined-acronym', /^Add ABC/, 1)['d.decl'], doc.replace('- AU:', '- ABC: (definition to be written)\n- AU:'));
	});

	it('in a numbered glossary, gives the new entry the number of its place and moves the later entries up', () => {
		const doc = 'D\n\nThe XYZ, the ABC and the JQZ met.\n\nGlossary\n\n1. AU: African Union.\n2. EU: European Union.\n3. UN: United Nations.\n';
		const ws = makeWs({ 'd.decl': doc });
		assert.equal(fix(ws, 'd.decl', 'undefined-acronym', /^Add ABC/, 1)['d.decl'], doc.replace('1. AU: African Union.\n2. EU: European Union.\n3. UN:', '1. ABC: (definition to be written)\n2. AU: African Union.\n3. EU: European Union.\n4. UN:'));
		assert.equal(fix(ws, 'd.decl', 'undefined-acronym', /^Add JQZ/, 2)['d.decl'], doc.replace('2. EU: European Union.\n3. UN:', '2. EU: European Union.\n3. JQZ: (definition to be written)\n4. UN:'));
		assert.equal(fix(ws, 'd.decl', 'undefined-acronym', /^Add XYZ/)['d.decl'], doc.replace('3. UN: United Nations.', '3. UN: United Nations.\n4. XYZ: (definition to be written)'));
		// lettered, with parentheses, unsorted: at the end with the next letter
		const lettered = 'D\n\nThe XYZ met.\n\nGlossary\n\n(a) EU: European Union.\n(b) AU: African Union.\n';
		const ws2 = makeWs({ 'd.decl': lettered });
		assert.equal(fix(ws2, 'd.decl', 'undefined-acronym', /^Add XYZ/)['d.decl'], lettered.replace('(b) AU: African Union.', '(b) AU: African Union.\n(c) XYZ: (definition to be written)'));
	});

	it('adds to the end of an unsorted glossary, with its separator and its line ends', () => {
		const doc = 'D\r\n\r\nThe XYZ met.\r\n\r\nGlossary\r\n\r\nEU = European Union.\r\nAU = African Union.\r\n';
		const ws = makeWs({ 'd.decl': doc });
		assert.equal(fix(ws, 'd.decl', 'undefined-acronym', /^Add XYZ/)['d.decl'], doc.replace('AU = African Union.', 'AU = African Union.\r\nXYZ = (definition to be written)'));
	});

	it('adds to the nearest glossary of another workspace document', () => {
		const near = 'Near\n\nGlossary\n\nAU: African Union.\n';
		const far = 'Far\n\nGlossary\n\nEU: European Union.\n';
		const ws = makeWs({ 'drafts/a.decl': 'A\n\nThe XYZ.\n', 'drafts/glossary.decl': near, 'other/glossary.decl': far });
		const out = fix(ws, 'drafts/a.decl', 'undefined-acronym', /^Add XYZ/);
		assert.equal(out['drafts/glossary.decl'], `${near.trimEnd()}\nXYZ: (definition to be written)\n`);
		assert.equal(out['other/glossary.decl'], far);
		assert.equal(out['drafts/a.decl'], 'A\n\nThe XYZ.\n');
	});

	it('creates glossary.decl at the workspace root when there is no glossary, and the new entry defines the acronym', () => {
		const ws = makeWs({ 'drafts/a.decl': 'A\n\nThe XYZ.\n' });
		const d = diags(ws, 'drafts/a.decl', 'undefined-acronym')[0];
		const action = actions(ws, 'drafts/a.decl', d).find((a) => a.title === 'Add XYZ to the glossary')!;
		assert.deepEqual(action.edit!.documentChanges![0], { kind: 'create', uri: ws.uri('glossary.decl'), options: { ignoreIfExists: true } });
		const out = applyWorkspaceEdit(ws, action.edit!);
		assert.equal(out['glossary.decl'], 'Shared glossary\n\nGlossary\n\nXYZ: (definition to be written)\n');
		ws.write('glossary.decl', out['glossary.decl']);
		assert.deepEqual(diags(ws, 'drafts/a.decl', 'undefined-acronym'), []);
		assert.match((ws.service.getHover(ws.uri('drafts/a.decl'), ws.pos('drafts/a.decl', 'XYZ'))!.contents as { value: string }).value, /definition to be written/);
	});

	it('spells out an acronym at its first use, with a long form from another document', () => {
		const ws = makeWs({ 'a.decl': 'A\n\nThe PCC met. The PCC.\n', 'b.decl': 'B\n\nThe Communist Party of Cuba (PCC) met.\n' });
		const out = fix(ws, 'a.decl', 'undefined-acronym', /^Spell out PCC at first use/, 1);
		assert.equal(out['a.decl'], 'A\n\nThe Communist Party of Cuba (PCC) met. The PCC.\n');
	});

	it('spells out from the bundled glossary when it is switched off, and uses the long form as the new entry', () => {
		const ws = makeWs({ 'a.decl': 'A\n\nThe WFTU met.\n' }, { config: { bundledGlossary: false } });
		assert.equal(fix(ws, 'a.decl', 'undefined-acronym', /^Spell out WFTU/)['a.decl'], 'A\n\nThe World Federation of Trade Unions (WFTU) met.\n');
		assert.equal(fix(ws, 'a.decl', 'undefined-acronym', /^Add WFTU/)['glossary.decl'], 'Shared glossary\n\nGlossary\n\nWFTU: World Federation of Trade Unions\n');
	});

	it('offers no spelling out when no long form is known', () => {
		const ws = makeWs({ 'a.decl': 'A\n\nThe XYZ.\n' });
		assert.deepEqual(actions(ws, 'a.decl', diags(ws, 'a.decl', 'undefined-acronym')[0]).map((a) => a.title), ['Add XYZ to the glossary']);
	});

	it('spells out an acronym used before its definition, at the first use', () => {
		const doc = 'A\n\nThe WFTU calls, the WFTU acts.\nLater the World Federation of Trade Unions (WFTU) is spelled out.\n';
		const ws = makeWs({ 'a.decl': doc }, { bundled: false });
		const out = fix(ws, 'a.decl', 'acronym-before-definition', /^Spell out WFTU/, 1);
		assert.equal(out['a.decl'], doc.replace('The WFTU calls', 'The World Federation of Trade Unions (WFTU) calls'));
	});
});
