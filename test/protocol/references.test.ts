import { strict as assert } from 'node:assert';
import type { CodeLens, CompletionItem, CompletionList, Location, Position, Range, TextEdit, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/core/text';
import { TestClient } from '../support/lspClient';

const DRAFT = `Draft Joint Statement on Peace and Labour
27 November 2026

The parties, recalling [[joint-actions-2021]], agree on the following axes:

1. For peace, against expansion and foreign military bases. {#peace}
2. For the rights of workers; see axis 1 and [[#housing]] for the measures this requires.
3. For public housing and rent control. {#housing}
4. Solidarity with Cuba, as in [[2020-statement#cuba]].
5. Solidarity with the people of Palestine, see [[#peace]] and axes 2 and 3.
`;
const OLDER = 'Statement of 2020\n\n1. On the pandemic and public health. {#health}\n2. In support of Cuba and against the blockade. {#cuba}\n';
const UNOPENED = 'Notes\n\nSee [[peace-2026#housing|the housing axis]].\n';

const FILES: Record<string, string> = {
	'drafts/peace-2026.decl': DRAFT,
	'drafts/2020-statement.decl': OLDER,
	'archive/joint-actions-2021.decl': 'Joint actions 2021\n\n• First axis.\n• Second axis.\n',
	'notes.decl': UNOPENED,
};
const D = 'drafts/peace-2026.decl';

function pos(file: string, needle: string, delta = 0, occurrence = 1): Position {
	const t = FILES[file];
	let i = -1;
	for (let k = 0; k < occurrence; k++) i = t.indexOf(needle, i + 1);
	assert.ok(i >= 0, needle);
	return LineIndex.of(t).positionAt(i + delta);
}

function textAt(file: string, range: Range): string {
	const li = LineIndex.of(FILES[file]);
	const s = li.toSpan(range);
	return FILES[file].slice(s.start, s.end);
}

function apply(text: string, edits: readonly TextEdit[]): string {
	const li = LineIndex.of(text);
	let out = text;
	for (const e of [...edits].map((x) => ({ ...li.toSpan(x.range), t: x.newText })).sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.t + out.slice(e.end);
	return out;
}

describe('protocol: cross-references over stdio', () => {
	let client: TestClient;
	const fileOf = (uri: string): string => Object.keys(FILES).find((f) => client.uri(f) === uri) ?? uri;
	const doc = (file: string) => ({ textDocument: { uri: client.uri(file) } });

	before(async () => {
		client = new TestClient(FILES);
		await client.initialize();
		client.open(D, DRAFT);
	});
	after(() => client.dispose());

	it('definition: a wiki reference into a document the editor never opened', async () => {
		const locs = await client.request<Location[]>('textDocument/definition', { ...doc(D), position: pos(D, '[[2020-statement#cuba]]', 3) });
		assert.deepEqual(locs.map((l) => [fileOf(l.uri), l.range.start.line]), [['drafts/2020-statement.decl', 3]]);
	});

	it('definition: each number of "axes 2 and 3"', async () => {
		for (const [delta, line] of [[5, 6], [11, 7]] as const) {
			const locs = await client.request<Location[]>('textDocument/definition', { ...doc(D), position: pos(D, 'axes 2 and 3', delta) });
			assert.deepEqual(locs.map((l) => [fileOf(l.uri), l.range.start.line]), [[D, line]]);
		}
	});

	it('references: from a label, across the workspace, with and without the declaration', async () => {
		const without = await client.request<Location[]>('textDocument/references', { ...doc(D), position: pos(D, '{#housing}', 3), context: { includeDeclaration: false } });
		assert.deepEqual(without.map((l) => [fileOf(l.uri), textAt(fileOf(l.uri), l.range)]), [
			[D, '[[#housing]]'],
			[D, '3'],
			['notes.decl', '[[peace-2026#housing|the housing axis]]'],
		]);
		const withDecl = await client.request<Location[]>('textDocument/references', { ...doc(D), position: pos(D, '{#housing}', 3), context: { includeDeclaration: true } });
		assert.equal(withDecl.length, 4);
	});

	it('rename: the label and its references in every file, applied and compared', async () => {
		const prep = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { ...doc(D), position: pos(D, '[[#housing]]', 5) });
		assert.equal(prep.placeholder, 'housing');
		const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...doc(D), position: pos(D, '[[#housing]]', 5), newName: 'homes' });
		const changes = edit.changes ?? {};
		assert.deepEqual(Object.keys(changes).map(fileOf).sort(), [D, 'notes.decl']);
		assert.equal(apply(DRAFT, changes[client.uri(D)]), DRAFT.replace(/#housing/g, '#homes'));
		assert.equal(apply(UNOPENED, changes[client.uri('notes.decl')]), 'Notes\n\nSee [[peace-2026#homes|the housing axis]].\n');
	});

	it('rename: a refusal is an error with a message', async () => {
		await assert.rejects(
			client.request('textDocument/prepareRename', { ...doc(D), position: pos(D, 'axis 1', 5) }),
			(e: Error) => /numbering/.test(e.message),
		);
		await assert.rejects(
			client.request('textDocument/rename', { ...doc(D), position: pos(D, '{#peace}', 3), newName: 'housing' }),
			(e: Error) => /already exists/.test(e.message),
		);
	});

	it('completion: after [[# the labels, after [[ the documents too', async () => {
		const r = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { ...doc(D), position: pos(D, '[[#peace]]', 3), context: { triggerKind: 2, triggerCharacter: '#' } });
		const items = Array.isArray(r) ? r : r.items;
		assert.deepEqual(items.map((i) => i.label), ['peace', 'housing']);
		assert.equal(items[0].detail, 'Axis 1 — For peace, against expansion and foreign military bases');
		const all = await client.request<CompletionItem[]>('textDocument/completion', { ...doc(D), position: pos(D, '[[joint', 2) });
		assert.ok(['peace', 'housing', '2020-statement', 'joint-actions-2021', 'notes'].every((l) => all.some((i) => i.label === l)), JSON.stringify(all.map((i) => i.label)));
	});

	it('code lens and workspace symbols', async () => {
		const lenses = await client.request<CodeLens[]>('textDocument/codeLens', doc(D));
		assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
			[5, '2 references', 'declaration.showReferences'],
			[6, '1 reference', 'declaration.showReferences'],
			[7, '3 references', 'declaration.showReferences'],
		]);
		const symbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'cuba' });
		assert.ok(symbols.some((s) => s.name === '#cuba' && fileOf(s.location.uri) === 'drafts/2020-statement.decl'), JSON.stringify(symbols));
	});

	it('diagnostics: an unresolved reference after an edit', async () => {
		client.change(D, `${DRAFT}\nSee axis 12 and [[#nowhere]].\n`);
		const diags = await client.waitForDiagnostics(D, (ds) => ds.some((d) => d.code === 'unresolved-reference'));
		assert.deepEqual(diags.filter((d) => d.code === 'unresolved-reference').map((d) => [d.range.start.line, d.severity]), [[11, 2], [11, 2]]);
	});
});
