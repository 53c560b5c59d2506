/** Cross-references through the service façade: resolution, navigation, rename, renumber, completion, lenses, hints, symbols. */
import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, Location, MarkupContent } from 'vscode-languageserver-types';
import { RenameRefusal } from '../../server/src/core/service';
import { applyEdits, applyWorkspaceEdit, makeWs, type Ws } from './refs-support';

const DRAFT = `Draft Joint Statement on Peace and Labour
27 November 2026

The parties, recalling [[joint-actions-2021]], agree on the following axes:

1. For peace, against expansion and foreign military bases. {#peace}
2. For the rights of workers; see axis 1 and [[#housing]] for the measures this requires.
3. For public housing and rent control. {#housing}
   (a) Rent ceilings in all large cities.
   (b) A public building programme.
4. Solidarity with Cuba, as in [[2020-statement#cuba]].
5. Solidarity with the people of Palestine, see [[#peace]] and axes 2 and 3.

The group will report on [[#housing|housing]] by May.
`;

const OLDER = `Statement of 2020

1. On the pandemic and public health. {#health}
2. In support of Cuba and against the blockade. {#cuba}
`;

const FILES = {
	'drafts/peace-2026.decl': DRAFT,
	'drafts/2020-statement.decl': OLDER,
	'archive/joint-actions-2021.decl': 'Joint actions 2021\n\n• First axis.\n• Second axis.\n',
};
const D = 'drafts/peace-2026.decl';

function located(ws: Ws, locs: Location[] | null): [string, number, string][] {
	return (locs ?? []).map((l) => [ws.fileOf(l.uri), l.range.start.line, ws.text(ws.fileOf(l.uri), l.range)]);
}

function defLines(ws: Ws, file: string, needle: string, occurrence = 1, delta = 1): [string, number][] {
	return located(ws, ws.service.getDefinition(ws.uri(file), ws.pos(file, needle, occurrence, delta))).map(([f, l]) => [f, l]);
}

describe('refs: resolution', () => {
	it('resolves wiki references in all forms, locally and across files', () => {
		const ws = makeWs(FILES);
		assert.deepEqual(defLines(ws, D, '[[#housing]]'), [[D, 7]]);
		assert.deepEqual(defLines(ws, D, '[[#housing|housing]]', 1, 5), [[D, 7]]);
		assert.deepEqual(defLines(ws, D, '[[2020-statement#cuba]]'), [['drafts/2020-statement.decl', 3]]);
		assert.deepEqual(defLines(ws, D, '[[joint-actions-2021]]'), [['archive/joint-actions-2021.decl', 0]]);
	});

	it('resolves a document by its stem or by its workspace-relative path, with or without extension', () => {
		const ws = makeWs({
			...FILES,
			'a.decl': 'A\n\nSee [[archive/joint-actions-2021]], [[drafts/2020-statement#health]], [[2020-statement.decl#cuba]], [[../ws/archive/joint-actions-2021]].\n',
		});
		assert.deepEqual(defLines(ws, 'a.decl', '[[archive/'), [['archive/joint-actions-2021.decl', 0]]);
		assert.deepEqual(defLines(ws, 'a.decl', '[[drafts/'), [['drafts/2020-statement.decl', 2]]);
		assert.deepEqual(defLines(ws, 'a.decl', '[[2020-statement.decl'), [['drafts/2020-statement.decl', 3]]);
		assert.deepEqual(defLines(ws, 'a.decl', '[[../'), [['archive/joint-actions-2021.decl', 0]]);
	});

	it('resolves Portuguese and Spanish natural references as the English ones, and reports those to nothing (ours)', () => {
		const es = 'Declaración\n\n1. Primero.\n2. Segundo, ver el punto 1.\n3. Tercero, ver los puntos 1 y 2 y el punto 9.\n';
		const pt = 'Declaração\n\nArtigo 1.º\n\nTexto, ver o artigo 2.º.\n\nArtigo 2.º\n\nTexto, ver os artigos 1.º e 2.º.\n';
		const ws = makeWs({ 'es.decl': es, 'pt.decl': pt });
		assert.deepEqual(defLines(ws, 'es.decl', 'punto 1', 1, 6), [['es.decl', 2]]);
		assert.deepEqual(defLines(ws, 'es.decl', ' y 2', 1, 3), [['es.decl', 3]]);
		assert.deepEqual(defLines(ws, 'pt.decl', 'artigo 2.º', 1, 7), [['pt.decl', 6]]);
		assert.deepEqual(defLines(ws, 'pt.decl', 'artigos 1.º', 1, 8), [['pt.decl', 2]]);
		const unresolved = ws.service.getDiagnostics(ws.uri('es.decl')).filter((d) => d.code === 'unresolved-reference');
		assert.deepEqual(unresolved.map((d) => ws.text('es.decl', d.range)), ['9']);
		assert.deepEqual(ws.service.getDiagnostics(ws.uri('pt.decl')).filter((d) => d.code === 'unresolved-reference'), []);
	});

	it('prefers, for a stem shared by several documents, the one beside the referencing document', () => {
		const ws = makeWs({
			'x/notes.decl': 'Notes X\n\n1. X one. {#one}\n',
			'y/notes.decl': 'Notes Y\n\n1. Y one. {#one}\n',
			'y/ref.decl': 'Ref\n\nSee [[notes#one]] and [[x/notes#one]].\n',
		});
		assert.deepEqual(defLines(ws, 'y/ref.decl', '[[notes'), [['y/notes.decl', 2]]);
		assert.deepEqual(defLines(ws, 'y/ref.decl', '[[x/notes'), [['x/notes.decl', 2]]);
	});

	it('a label wins over a document of the same name in [[name]]; slugs and heading labels resolve', () => {
		const ws = makeWs({
			'a.decl': 'A\n\n## Text of Joint Actions {#joint}\n\n1. One. {#b}\n\nSee [[b]], [[#text-of-joint-actions]], [[#joint]], [[#Text of Joint Actions]].\n',
			'b.decl': 'B\n',
		});
		assert.deepEqual(defLines(ws, 'a.decl', '[[b]]'), [['a.decl', 4]]);
		assert.deepEqual(defLines(ws, 'a.decl', '[[#text-of'), [['a.decl', 2]]);
		assert.deepEqual(defLines(ws, 'a.decl', '[[#joint]]'), [['a.decl', 2]]);
		assert.deepEqual(defLines(ws, 'a.decl', '[[#Text of'), [['a.decl', 2]]);
	});

	it('natural references: the section first, then the principal list, then the document', () => {
		const text = [
			'Rules', '', // 0
			'Preamble', '', // 2 (short-line heading)
			'1. Pre one.', '2. Pre two.', '', // 4-5
			'See axis 2 and axis 4 and axis 6.', '', // 7: section "Preamble": 2 → line 5; 4 → principal; 6 → document
			'Operative part', '', // 9
			'1. Op one.', '2. Op two.', '3. Op three.', '4. Op four.', '', // 11-14
			'Annexed', '', // 16
			'- x', '- y', '- z', '- w', '- v', '- u', '', // 18-23 (six bullets: the principal list is this one? no: 4 < 6)
			'See axis 2.', '', // 25: section Annexed has bullet 2 → line 19
		].join('\n');
		const ws = makeWs({ 'r.decl': text });
		assert.deepEqual(defLines(ws, 'r.decl', 'axis 2', 1, 5), [['r.decl', 5]]);
		// the principal list here is the bullet list (6 items): axis 4 → its 4th bullet
		assert.deepEqual(defLines(ws, 'r.decl', 'axis 4', 1, 5), [['r.decl', 21]]);
		assert.deepEqual(defLines(ws, 'r.decl', 'axis 6', 1, 5), [['r.decl', 23]]);
		assert.deepEqual(defLines(ws, 'r.decl', 'axis 2', 2, 5), [['r.decl', 19]]);
	});

	it('natural references: the principal list before other lists, the document last, axes before points', () => {
		const text = [
			'Title', '',
			'We note:', '',
			'1. A note with points.', '   (a) sub a', '   (b) sub b', '   (c) sub c', '',
			'We decide:', '',
			'1. One.', '2. Two.', '3. Three.', '   (a) x', '   (b) y', '4. Four.', '',
			'See axis 3, point 3(b) and point 2(c) of this declaration, and paragraph 1 of resolution 2334.',
		].join('\n');
		const ws = makeWs({ 'p.decl': text });
		assert.deepEqual(defLines(ws, 'p.decl', 'axis 3', 1, 5), [['p.decl', 13]]);
		assert.deepEqual(defLines(ws, 'p.decl', '3(b)', 1, 0), [['p.decl', 15]]);
		// 2(c): the principal list has no points; the document's item 2 has none either
		assert.deepEqual(defLines(ws, 'p.decl', '2(c)', 1, 0), []);
		// of another document: nothing to go to, and no diagnostic
		assert.deepEqual(defLines(ws, 'p.decl', 'paragraph 1 of', 1, 10), []);
		const diags = ws.service.getDiagnostics(ws.uri('p.decl')).filter((d) => d.code === 'unresolved-reference');
		assert.deepEqual(diags.map((d) => ws.text('p.decl', d.range)), ['2(c)']);
	});

	it('article N goes to the heading Article N first, and "paragraph 2 of article 5" into that article', () => {
		const text = [
			'Treaty', '',
			'Article 1', '',
			'1. First of article 1.', '2. Second of article 1.', '',
			'Article 2', '',
			'1. First of article 2.', '2. Second of article 2.', '',
			'Final provisions', '',
			'See article 2, paragraph 2 of article 1, and article 5 of the North Atlantic Treaty.',
		].join('\n');
		const ws = makeWs({ 't.decl': text });
		assert.deepEqual(defLines(ws, 't.decl', 'article 2', 2, 8), [['t.decl', 7]]);
		assert.deepEqual(defLines(ws, 't.decl', 'paragraph 2', 1, 10), [['t.decl', 5]]);
		assert.deepEqual(defLines(ws, 't.decl', 'article 1,', 1, 8), [['t.decl', 2]]);
		assert.deepEqual(defLines(ws, 't.decl', 'article 5', 1, 8), []);
		const hover = ws.service.getHover(ws.uri('t.decl'), ws.pos('t.decl', 'article 5', 1, 8));
		assert.match((hover?.contents as MarkupContent).value, /Article 5 of the North Atlantic Treaty/);
		assert.deepEqual(ws.service.getDiagnostics(ws.uri('t.decl')).filter((d) => d.code === 'unresolved-reference'), []);
	});

	it('the middle numbers of a range resolve from the range text; the dash goes to all of them', () => {
		const ws = makeWs({ 'r.decl': 'R\n\n1. a.\n2. b.\n3. c.\n4. d.\n5. e.\n\nSee axes 1-5 and §§ 2–3.\n' });
		assert.deepEqual(defLines(ws, 'r.decl', '1-5', 1, 1), [['r.decl', 3], ['r.decl', 4], ['r.decl', 5]]);
		assert.deepEqual(defLines(ws, 'r.decl', '1-5', 1, 0), [['r.decl', 2]]);
		assert.deepEqual(defLines(ws, 'r.decl', '1-5', 1, 2), [['r.decl', 6]]);
		assert.deepEqual(defLines(ws, 'r.decl', '2–3', 1, 2), [['r.decl', 4]]);
	});

	it('ignores references in comments and the heading Article N itself', () => {
		const ws = makeWs({ 'c.decl': 'C\n\nArticle 7\n\n1. One.\n\n<!-- see axis 9 and [[#nowhere]] -->\n' });
		assert.deepEqual(ws.service.getDiagnostics(ws.uri('c.decl')).filter((d) => d.code === 'unresolved-reference'), []);
		assert.equal(ws.service.getDefinition(ws.uri('c.decl'), ws.pos('c.decl', 'Article 7', 1, 8)), null);
	});
});

describe('refs: references, highlights, hover', () => {
	it('finds every wiki and natural reference to an axis across the workspace, from its label, marker or first line', () => {
		const ws = makeWs({ ...FILES, 'other.decl': 'Other\n\nSee [[peace-2026#housing]] and [[drafts/peace-2026#peace]].\n' });
		const expected: [string, number, string][] = [
			[D, 6, '[[#housing]]'],
			[D, 11, '3'],
			[D, 13, '[[#housing|housing]]'],
			['other.decl', 2, '[[peace-2026#housing]]'],
		];
		for (const [needle, delta] of [['{#housing}', 3], ['3. For public', 0], ['public housing', 2]] as const) {
			const locs = ws.service.getReferences(ws.uri(D), ws.pos(D, needle, 1, delta), false);
			assert.deepEqual(located(ws, locs), expected, needle);
		}
		const withDecl = ws.service.getReferences(ws.uri(D), ws.pos(D, '{#housing}', 1, 3), true);
		assert.deepEqual(located(ws, withDecl)[1], [D, 7, '{#housing}']);
		// from a reference: the same list
		assert.deepEqual(located(ws, ws.service.getReferences(ws.uri('other.decl'), ws.pos('other.decl', 'peace-2026#housing', 1, 12), false)), expected);
	});

	it('keeps cross-document references up to date as documents change, appear and disappear', () => {
		const ws = makeWs(FILES);
		let version = 10;
		const set = (file: string, text: string): void => {
			ws.texts[file] = text;
			ws.service.index.setOpen(ws.uri(file), version++, text);
		};
		const refsToHousing = (): string[] => located(ws, ws.service.getReferences(ws.uri(D), ws.pos(D, '{#housing}', 1, 3), false)).map(([f, , t]) => `${f}: ${t}`);
		assert.equal(refsToHousing().length, 3);
		set('new.decl', 'New\n\n[[peace-2026#housing]]\n');
		assert.deepEqual(refsToHousing().slice(3), ['new.decl: [[peace-2026#housing]]']);
		set('new.decl', 'New\n\n[[drafts/peace-2026#housing|h]] and [[peace-2026#peace]]\n');
		assert.deepEqual(refsToHousing().slice(3), ['new.decl: [[drafts/peace-2026#housing|h]]']);
		ws.service.index.closeOpen(ws.uri('new.decl'));
		assert.equal(refsToHousing().length, 3);
		// a second document with the same stem, beside the referencing one, takes the reference over
		set('x/new.decl', 'X\n\n[[peace-2026#housing]]\n');
		set('x/peace-2026.decl', 'Other peace\n\n1. Housing elsewhere. {#housing}\n');
		assert.equal(refsToHousing().length, 3);
	});

	it('finds references to a heading by its slug and by its label', () => {
		const ws = makeWs({ 'h.decl': 'H\n\n## Housing policy {#hp}\n\nSee [[#hp]] and [[#housing-policy]].\n\n1. x\n' });
		const locs = ws.service.getReferences(ws.uri('h.decl'), ws.pos('h.decl', 'Housing policy', 1, 3), false);
		assert.deepEqual(located(ws, locs).map((l) => l[2]), ['[[#hp]]', '[[#housing-policy]]']);
	});

	it('highlights the label and the references in the document', () => {
		const ws = makeWs(FILES);
		const hs = ws.service.getDocumentHighlights(ws.uri(D), ws.pos(D, '{#peace}', 1, 3));
		assert.deepEqual(hs.map((h) => [ws.text(D, h.range), h.kind]), [['{#peace}', 3], ['1', 2], ['[[#peace]]', 2]]);
	});

	it('leaves acronyms and capitalised words of a first line to the terms feature', () => {
		const ws = makeWs({ 'n.decl': 'N\n\n1. Against NATO and the Working Group. {#a}\n' });
		assert.deepEqual(ws.service.getReferences(ws.uri('n.decl'), ws.pos('n.decl', 'NATO', 1, 1), false), []);
		assert.deepEqual(ws.service.getReferences(ws.uri('n.decl'), ws.pos('n.decl', 'Working', 1, 1), false), []);
		assert.equal(ws.service.getHover(ws.uri('n.decl'), ws.pos('n.decl', 'NATO', 1, 1)), null);
	});

	it('hovers a reference with the target number, text and reference count; an axis marker with its word count', () => {
		const ws = makeWs(FILES);
		const h = ws.service.getHover(ws.uri(D), ws.pos(D, '[[#housing]]', 1, 3));
		const v = (h?.contents as MarkupContent).value;
		assert.match(v, /\*\*Axis 3\*\*/);
		assert.match(v, /For public housing and rent control\. \(a\) Rent ceilings in all large cities\. \(b\) A public building programme\./);
		assert.match(v, /Referenced from 3 places\./);
		assert.deepEqual(h?.range, { start: { line: 6, character: 45 }, end: { line: 6, character: 57 } });
		const m = ws.service.getHover(ws.uri(D), ws.pos(D, '3. For public', 1, 0));
		assert.match((m?.contents as MarkupContent).value, /\*\*Axis 3\*\* — For public housing and rent control\n\n16 words · referenced from 3 places/);
		const cross = ws.service.getHover(ws.uri(D), ws.pos(D, '[[2020-statement#cuba]]', 1, 3));
		assert.match((cross?.contents as MarkupContent).value, /\*\*Axis 2\*\* `\{#cuba\}` · in `2020-statement`/);
		const docHover = ws.service.getHover(ws.uri(D), ws.pos(D, '[[joint-actions-2021]]', 1, 3));
		assert.match((docHover?.contents as MarkupContent).value, /\*\*Joint actions 2021\*\*\n\n`archive\/joint-actions-2021.decl` · 2 axes/);
	});
});

describe('refs: diagnostics and quick fixes', () => {
	const BROKEN = 'Broken draft\n\n1. First point, see [[nowhere]] and [[#peac]]. {#peace}\n2. Second point, see axis 9 and axes 1-5 and [[2020-statment#cuba]]. {#a}\n4. Fourth point. {#a}\n';

	it('reports unresolved wiki and natural references with precise ranges', () => {
		const ws = makeWs({ ...FILES, 'b.decl': BROKEN });
		const diags = ws.service.getDiagnostics(ws.uri('b.decl'));
		const unresolved = diags.filter((d) => d.code === 'unresolved-reference');
		assert.deepEqual(unresolved.map((d) => [ws.text('b.decl', d.range), d.severity, d.source]), [
			['nowhere', 2, 'declaration'], ['peac', 2, 'declaration'], ['9', 2, 'declaration'], ['1-5', 2, 'declaration'], ['5', 2, 'declaration'], ['2020-statment', 2, 'declaration'],
		]);
		assert.match(unresolved[2].message, /No axis 9 in this document: its principal list has 3 items\./);
		assert.match(unresolved[3].message, /No axis 3 \(inside the range 1-5\)/);
		assert.deepEqual(diags.filter((d) => d.code !== 'unresolved-reference').map((d) => d.code), ['numbering-gap', 'duplicate-label']);
	});

	function actions(ws: Ws, file: string, code: string): { diag: Diagnostic; actions: CodeAction[] }[] {
		return ws.service.getDiagnostics(ws.uri(file)).filter((d) => d.code === code).map((diag) => ({ diag, actions: ws.service.getCodeActions(ws.uri(file), diag.range, [diag]) }));
	}

	it('offers the nearest labels and documents for an unresolved wiki reference', () => {
		const ws = makeWs({ ...FILES, 'b.decl': BROKEN });
		const fixes = actions(ws, 'b.decl', 'unresolved-reference').map((a) => a.actions.map((x) => x.title));
		assert.deepEqual(fixes, [[], ['Change to [[#peace]]'], [], [], [], ['Change to 2020-statement']]);
		const one = actions(ws, 'b.decl', 'unresolved-reference')[1].actions[0];
		assert.equal(applyWorkspaceEdit(ws, one.edit)['b.decl'], BROKEN.replace('[[#peac]]', '[[#peace]]'));
	});

	it('warns when a shared file name is resolved by the shortest path alone, and offers to write each path', () => {
		const REF = 'Ref\n\nSee [[notes#one]], [[x/notes#one]] and [[#here]]. {#here}\n';
		const ws = makeWs({
			'x/notes.decl': 'Notes X\n\n1. X one. {#one}\n',
			'y/deeper/notes.decl': 'Notes Y\n\n1. Y one. {#one}\n',
			'z/ref.decl': REF,
			'y/deeper/beside.decl': 'Beside\n\nSee [[notes#one]].\n',
		});
		const found = actions(ws, 'z/ref.decl', 'ambiguous-reference');
		assert.equal(found.length, 1, 'only the bare name: a path decides');
		const [{ diag, actions: fixes }] = found;
		assert.equal(ws.text('z/ref.decl', diag.range), 'notes');
		assert.equal(diag.severity, 2);
		assert.match(diag.message, /`notes` names 2 documents \(x\/notes, y\/deeper\/notes\): this reference goes to x\/notes\./);
		assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred]), [['Write x/notes', true], ['Write y/deeper/notes', false]]);
		assert.equal(applyWorkspaceEdit(ws, fixes[1].edit)['z/ref.decl'], REF.replace('[[notes#one]]', '[[y/deeper/notes#one]]'));
		// the referencing document's folder decides: no warning
		assert.deepEqual(actions(ws, 'y/deeper/beside.decl', 'ambiguous-reference'), []);
		// one document of that name: no warning
		const single = makeWs({ 'x/notes.decl': 'Notes X\n\n1. X one. {#one}\n', 'z/ref.decl': REF });
		assert.deepEqual(actions(single, 'z/ref.decl', 'ambiguous-reference'), []);
	});

	it('renames a duplicate label to a free name', () => {
		const ws = makeWs({ 'b.decl': BROKEN });
		const [{ actions: [fix] }] = actions(ws, 'b.decl', 'duplicate-label');
		assert.equal(fix.title, 'Rename this label to {#a-2}');
		assert.equal(applyWorkspaceEdit(ws, fix.edit)['b.decl'], BROKEN.replace('Fourth point. {#a}', 'Fourth point. {#a-2}'));
	});

	it('"Renumber this list" rewrites the numbers and the natural references that pointed to renumbered items', () => {
		const text = [
			'Renumber', '',
			'1. One.', '2. Two.', '4. Four, see axis 5 and point 4(c).', '   (a) a', '   (b) b', '   (d) d, see point 4(d).', '5. Five, see axes 1, 2 and 4 and [[#five]]. {#five}', '',
			'Axis 4 and axis 5 and paragraph 5 of resolution 12 and axis 7.',
		].join('\n');
		const ws = makeWs({ 'n.decl': text });
		const gaps = actions(ws, 'n.decl', 'numbering-gap');
		assert.equal(gaps.length, 2);
		const outer = gaps.find((g) => g.diag.range.start.line === 4);
		assert.deepEqual(outer?.actions.map((a) => a.title), ['Renumber this list']);
		assert.equal(applyWorkspaceEdit(ws, outer?.actions[0].edit)['n.decl'], [
			'Renumber', '',
			'1. One.', '2. Two.', '3. Four, see axis 4 and point 4(c).', '   (a) a', '   (b) b', '   (d) d, see point 3(d).', '4. Five, see axes 1, 2 and 3 and [[#five]]. {#five}', '',
			'Axis 3 and axis 4 and paragraph 5 of resolution 12 and axis 7.',
		].join('\n'));
		const inner = gaps.find((g) => g.diag.range.start.line === 7);
		assert.equal(applyWorkspaceEdit(ws, inner?.actions[0].edit)['n.decl'], text.replace('   (d) d, see point 4(d).', '   (c) d, see point 4(c).'));
	});
});

describe('refs: rename', () => {
	it('renames a label and every wiki reference to it in every file, from the label or a reference', () => {
		const files = { ...FILES, 'other.decl': 'Other\n\nSee [[peace-2026#housing|homes]] and [[drafts/peace-2026#housing]] and [[peace-2026#peace]].\n' };
		for (const [file, needle, delta] of [[D, '{#housing}', 3], [D, '[[#housing|', 4], ['other.decl', 'peace-2026#housing', 12]] as const) {
			const ws = makeWs(files);
			const prep = ws.service.prepareRename(ws.uri(file), ws.pos(file, needle, 1, delta));
			assert.equal(prep?.placeholder, 'housing');
			const edit = ws.service.rename(ws.uri(file), ws.pos(file, needle, 1, delta), 'homes');
			const out = applyWorkspaceEdit(ws, edit);
			assert.deepEqual(Object.keys(out).sort(), [D, 'other.decl']);
			assert.equal(out[D], DRAFT.replace(/#housing/g, '#homes'));
			assert.equal(out['other.decl'], 'Other\n\nSee [[peace-2026#homes|homes]] and [[drafts/peace-2026#homes]] and [[peace-2026#peace]].\n');
		}
	});

	it('renames [[label]] written without #', () => {
		const ws = makeWs({ 'a.decl': 'A\n\n1. One. {#one}\n2. See [[one]] and [[one|the first]].\n' });
		const out = applyWorkspaceEdit(ws, ws.service.rename(ws.uri('a.decl'), ws.pos('a.decl', '[[one]]', 1, 3), '#first'));
		assert.equal(out['a.decl'], 'A\n\n1. One. {#first}\n2. See [[first]] and [[first|the first]].\n');
	});

	it('refuses what cannot be renamed, with a message', () => {
		const ws = makeWs({ ...FILES, 'h.decl': 'H\n\n## Housing policy\n\n1. One. {#one}\n2. Two. {#two}\n\n[[#housing-policy]] [[#nowhere]] axis 1\n' });
		const refuse = (file: string, needle: string, delta: number, pattern: RegExp, newName?: string): void => {
			assert.throws(() => (newName === undefined ? ws.service.prepareRename(ws.uri(file), ws.pos(file, needle, 1, delta)) : ws.service.rename(ws.uri(file), ws.pos(file, needle, 1, delta), newName)), (e: unknown) => e instanceof RenameRefusal && pattern.test(e.message));
		};
		refuse('h.decl', '[[#housing-policy]]', 4, /slug/);
		refuse('h.decl', '[[#nowhere]]', 4, /does not resolve/);
		refuse('h.decl', 'axis 1', 5, /numbering/);
		refuse(D, '[[joint-actions-2021]]', 4, /rename the file/);
		refuse('h.decl', '{#one}', 3, /not a valid label/, 'two words');
		refuse('h.decl', '{#one}', 3, /already exists/, 'two');
		refuse('h.decl', '{#one}', 3, /slug of the heading/, 'housing-policy');
		// not a rename position of ours: undefined, so that terms may answer
		assert.equal(ws.service.prepareRename(ws.uri('h.decl'), ws.pos('h.decl', 'One.', 1, 1)), null);
	});

	it('willRenameFiles rewrites [[old-name…]] in the form it was written', () => {
		const ws = makeWs({ ...FILES, 'other.decl': 'Other\n\n[[2020-statement#cuba]] [[drafts/2020-statement]] [[drafts/2020-statement.decl#health|h]] [[peace-2026]]\n' });
		const edit = ws.service.willRenameFiles([{ oldUri: ws.uri('drafts/2020-statement.decl'), newUri: ws.uri('archive/statement-2020.decl') }]);
		const out = applyWorkspaceEdit(ws, edit);
		assert.equal(out['other.decl'], 'Other\n\n[[statement-2020#cuba]] [[archive/statement-2020]] [[archive/statement-2020.decl#health|h]] [[peace-2026]]\n');
		assert.equal(out[D], DRAFT.replace('[[2020-statement#cuba]]', '[[statement-2020#cuba]]'));
		// a move that keeps the stem changes only references written with a path
		const moved = applyWorkspaceEdit(ws, ws.service.willRenameFiles([{ oldUri: ws.uri('drafts/2020-statement.decl'), newUri: ws.uri('old/2020-statement.decl') }]));
		assert.deepEqual(Object.keys(moved), ['other.decl']);
		assert.equal(moved['other.decl'], 'Other\n\n[[2020-statement#cuba]] [[old/2020-statement]] [[old/2020-statement.decl#health|h]] [[peace-2026]]\n');
		// a folder rename
		const folder = applyWorkspaceEdit(ws, ws.service.willRenameFiles([{ oldUri: ws.uri('drafts'), newUri: ws.uri('texts') }]));
		assert.equal(folder['other.decl'], 'Other\n\n[[2020-statement#cuba]] [[texts/2020-statement]] [[texts/2020-statement.decl#health|h]] [[peace-2026]]\n');
	});
});

describe('refs: completion', () => {
	const ws = makeWs({ ...FILES, 'c.decl': 'C\n\n## Housing policy\n\n1. One. {#one}\n2. Two.\n\n[[\n[[#o]]\n[[2020-statement#]]\n[[2020-statement#c|Cuba]]\n' });
	const complete = (needle: string, delta: number) => ws.service.getCompletions(ws.uri('c.decl'), ws.pos('c.decl', needle, 1, delta));

	it('after [[ offers the labels and slugs of the document and the other documents, each with a detail', () => {
		const items = complete('[[\n', 2);
		assert.deepEqual(items.map((i) => [i.label, i.detail, i.textEdit?.newText]), [
			['one', 'Axis 1 — One', '#one]]'],
			['housing-policy', 'Heading — Housing policy', '#housing-policy]]'],
			['peace-2026', 'Draft Joint Statement on Peace and Labour', 'peace-2026]]'],
			['2020-statement', 'Statement of 2020', '2020-statement]]'],
			['joint-actions-2021', 'Joint actions 2021', 'joint-actions-2021]]'],
		]);
		assert.deepEqual(items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.range : undefined, { start: { line: 7, character: 2 }, end: { line: 7, character: 2 } });
	});

	it('after [[# offers the labels, replacing what is typed up to ]]', () => {
		const items = complete('[[#o]]', 4);
		assert.deepEqual(items.map((i) => [i.label, i.textEdit?.newText]), [['one', 'one'], ['housing-policy', 'housing-policy']]);
		assert.deepEqual(items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.range : undefined, { start: { line: 8, character: 3 }, end: { line: 8, character: 4 } });
	});

	it('after [[name# offers the labels of that document', () => {
		assert.deepEqual(complete('[[2020-statement#]]', 17).map((i) => [i.label, i.detail]), [['health', 'Axis 1 — On the pandemic and public health'], ['cuba', 'Axis 2 — In support of Cuba and against the blockade']]);
		const inside = complete('[[2020-statement#c|', 18);
		assert.equal(inside[0].textEdit && 'range' in inside[0].textEdit ? inside[0].textEdit.range.end.character : -1, 18);
		assert.equal(inside[0].textEdit?.newText, 'health');
	});

	it('offers nothing outside [[ and after |', () => {
		assert.deepEqual(complete('One.', 1), []);
		assert.deepEqual(complete('|Cuba', 2), []);
	});
});

describe('refs: code lenses, inlay hints, links', () => {
	it('shows "N references" above each labelled or referenced axis, running declaration.showReferences', () => {
		const ws = makeWs({ ...FILES, 'other.decl': 'Other\n\n[[peace-2026#housing]]\n' });
		const lenses = ws.service.getCodeLenses(ws.uri(D));
		assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[5, '2 references'], [6, '1 reference'], [7, '4 references']]);
		assert.deepEqual(lenses[2].command?.command, 'declaration.showReferences');
		assert.deepEqual(lenses[2].command?.arguments, [ws.uri(D), { line: 7, character: 0 }]);
	});

	it('puts the target number after each wiki reference, a title after natural ones, a number after principal bullets', () => {
		const ws = makeWs({ ...FILES, 'b.decl': 'B\n\n• First. {#first}\n• Second, see axis 1 and [[#first]] and [[2020-statement#cuba]].\n' });
		const all = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
		const hints = ws.service.getInlayHints(ws.uri('b.decl'), all);
		assert.deepEqual(hints.map((h) => [h.position, h.label]), [
			[{ line: 2, character: 1 }, '1'],
			[{ line: 3, character: 1 }, '2'],
			[{ line: 3, character: 20 }, 'First'],
			[{ line: 3, character: 35 }, '1'],
			[{ line: 3, character: 63 }, '2'],
		]);
		const draft = ws.service.getInlayHints(ws.uri(D), { start: { line: 6, character: 0 }, end: { line: 6, character: 99 } });
		assert.deepEqual(draft.map((h) => [h.position, h.label]), [[{ line: 6, character: 40 }, 'For peace, against expansion…'], [{ line: 6, character: 57 }, '3']]);
	});

	it('links wiki references to other documents (with the line) and URLs', () => {
		const ws = makeWs({ ...FILES, 'l.decl': 'L\n\nSee [[2020-statement#cuba]], [[joint-actions-2021]], [[#x]] and www.example.org/a, https://wftu.org.\n' });
		const links = ws.service.getDocumentLinks(ws.uri('l.decl'));
		assert.deepEqual(links.map((l) => [ws.text('l.decl', l.range), l.target]), [
			['2020-statement#cuba', `${ws.uri('drafts/2020-statement.decl')}#L4`],
			['joint-actions-2021', ws.uri('archive/joint-actions-2021.decl')],
			['www.example.org/a', 'https://www.example.org/a'],
			['https://wftu.org', 'https://wftu.org'],
		]);
	});
});

describe('refs: workspace symbols', () => {
	const ws = makeWs({
		...FILES,
		'glossary.decl': 'Shared glossary\n\nGlossary\n\nNATO: North Atlantic Treaty Organization.\n',
	});
	const names = (q: string): string[] => ws.service.getWorkspaceSymbols(q).map((s) => s.name);

	it('finds titles, headings, axes with their number, and labels, case-insensitively', () => {
		assert.deepEqual(names('housing').slice(0, 2), ['#housing', '3. For public housing and rent control']);
		assert.equal(names('SHARED GLOSSARY')[0], 'Shared glossary');
		assert.ok(names('cuba').includes('#cuba'));
		assert.ok(names('glossary').includes('Glossary'));
	});

	it('matches fuzzily (initials, subsequences), best first', () => {
		assert.equal(names('fphrc')[0], '3. For public housing and rent control');
		assert.equal(names('djsopl')[0], 'Draft Joint Statement on Peace and Labour');
		assert.deepEqual(names('zzzq'), []);
	});

	it('caps the number of results and answers the empty query', () => {
		const many: Record<string, string> = {};
		for (let i = 0; i < 60; i++) many[`d${i}.decl`] = `Doc ${i}\n\n${Array.from({ length: 20 }, (_, k) => `${k + 1}. Axis ${k} of doc ${i}.`).join('\n')}\n`;
		const big = makeWs(many);
		assert.equal(big.service.getWorkspaceSymbols('axis').length, 500);
		assert.equal(big.service.getWorkspaceSymbols('').length, 500);
		assert.equal(big.service.getWorkspaceSymbols('Doc 17')[0].name, 'Doc 17');
	});

	it('locates a symbol in its document', () => {
		const s = ws.service.getWorkspaceSymbols('#peace')[0];
		assert.equal(ws.fileOf('location' in s && 'range' in s.location ? s.location.uri : ''), D);
		assert.deepEqual('range' in s.location ? ws.text(D, s.location.range) : '', '{#peace}');
	});
});

describe('refs: edits applied', () => {
	it('applyEdits applies from the end', () => {
		assert.equal(applyEdits('abc', [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'X' }, { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } }, newText: 'Y' }]), 'XbY');
	});
});
