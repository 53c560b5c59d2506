import { strict as assert } from 'node:assert';
import { RenameRefusal } from '../../server/src/core/service';
import { applyWorkspaceEdit, makeWs, type Ws } from './terms-support';

function rename(ws: Ws, file: string, needle: string, newName: string, occurrence = 1): Record<string, string> {
	const edit = ws.service.rename(ws.uri(file), ws.pos(file, needle, occurrence), newName);
	assert.ok(edit, 'no edit');
	return applyWorkspaceEdit(ws, edit);
}

function refusal(f: () => unknown): string {
	try {
		f();
	} catch (e) {
		assert.ok(e instanceof RenameRefusal, String(e));
		return e.message;
	}
	assert.fail('expected a RenameRefusal');
}

describe('terms: rename', () => {
	const files = {
		'glossary.decl': 'G\n\nGlossary\n\nNATO: North Atlantic Treaty Organization.\nUSSR | Soviet Union: Union of Soviet Socialist Republics.\n',
		'a.decl': 'A\n\nNATO and two NATOs; the Soviet Union and the USSR.\n',
		'b.decl': 'B\n\n<!-- NATO --> Against NATO.\n',
	};

	it('renames a glossary term at its definition and every use across files, plurals included', () => {
		const ws = makeWs(files);
		const out = rename(ws, 'b.decl', 'NATO.', 'OTAN');
		assert.deepEqual(out, {
			'glossary.decl': files['glossary.decl'].replace('NATO:', 'OTAN:'),
			'a.decl': 'A\n\nOTAN and two OTANs; the Soviet Union and the USSR.\n',
			'b.decl': 'B\n\n<!-- NATO --> Against OTAN.\n',
		});
	});

	it('renames one alias, leaving the other names alone', () => {
		const ws = makeWs(files);
		const out = rename(ws, 'a.decl', 'Soviet Union', 'Soviet state');
		assert.equal(out['glossary.decl'], files['glossary.decl'].replace('| Soviet Union:', '| Soviet state:'));
		assert.equal(out['a.decl'], 'A\n\nNATO and two NATOs; the Soviet state and the USSR.\n');
	});

	it('prepares a rename on a plural use with the whole word and the name as placeholder', () => {
		const ws = makeWs(files);
		const r = ws.service.prepareRename(ws.uri('a.decl'), ws.pos('a.decl', 'NATOs'));
		assert.deepEqual(r, { range: { start: { line: 2, character: 13 }, end: { line: 2, character: 18 } }, placeholder: 'NATO' });
	});

	it('rewrites plurals with the plural of the new name', () => {
		const doc = 'A\n\n"Party" means a signatory. Parties and the Party; each Party’s role.\n';
		const ws = makeWs({ 'a.decl': doc });
		assert.equal(rename(ws, 'a.decl', 'Parties', 'Member')['a.decl'], 'A\n\n"Member" means a signatory. Members and the Member; each Member’s role.\n');
		assert.equal(rename(ws, 'a.decl', 'Party', 'Body')['a.decl'], 'A\n\n"Body" means a signatory. Bodies and the Body; each Body’s role.\n');
	});

	it('refuses where a use is written in another case than the definition', () => {
		const ws = makeWs({ 'a.decl': 'A\n\n"Working Group" means the eleven parties. The working group meets.\n' });
		assert.equal(
			refusal(() => ws.service.rename(ws.uri('a.decl'), ws.pos('a.decl', 'Working Group'), 'Task Force')),
			'Cannot rename “Working Group”: it is also written “working group” (a.decl, line 3), in another case than its definition, and the rename would have to guess which case to give “Task Force” there.',
		);
	});

	it('refuses a term of the bundled glossary, a name that cannot be one, and a name already defined', () => {
		const ws = makeWs(files);
		assert.equal(ws.service.prepareRename(ws.uri('a.decl'), ws.pos('a.decl', 'the', 1, 0)), null);
		const b = makeWs({ 'a.decl': 'A\n\nThe EU.\n' });
		assert.equal(refusal(() => b.service.prepareRename(b.uri('a.decl'), b.pos('a.decl', 'EU'))), '“EU” is defined in the bundled glossary, which cannot be edited. Define it in a workspace glossary to rename it.');
		assert.match(refusal(() => ws.service.rename(ws.uri('a.decl'), ws.pos('a.decl', 'NATO'), 'A | B')), /cannot name a term/);
		assert.match(refusal(() => ws.service.rename(ws.uri('a.decl'), ws.pos('a.decl', 'NATO'), '')), /cannot name a term/);
		assert.equal(refusal(() => ws.service.rename(ws.uri('a.decl'), ws.pos('a.decl', 'NATO'), 'USSR')), '“USSR” is already defined in glossary.decl, line 6.');
	});

	it('renames an acronym definition only to an acronym its long form still spells', () => {
		const ws = makeWs({ 'a.decl': 'A\n\nThe Trade Union Federation (TUF) met; the TUF.\n' }, { bundled: false });
		assert.match(refusal(() => ws.service.rename(ws.uri('a.decl'), ws.pos('a.decl', 'TUF'), 'XYZ')), /does not match the words of “Trade Union Federation”/);
		assert.equal(rename(ws, 'a.decl', 'TUF', 'TUFed', 2)['a.decl'], 'A\n\nThe Trade Union Federation (TUFed) met; the TUFed.\n');
	});
});
