// Editor tests of the language features through the vscode API: hover, definition, references,
// rename, completion, code lenses, inlay hints, workspace symbols and the diagnostics of terms
// and cross-references (issues 3 and 4), on the examples and the fixtures of test/e2e/fixtures.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED, codeOf, hoverText, open, positionOf, relative, scratch, target, usesServer, waitFor, withSetting } from './helpers';

function feature(name: string, body: () => void): void {
	describe(name, () => {
		usesServer();
		body();
	});
}

const DRAFT = 'e2e-draft.decl';
const GLOSSARY = 'e2e-glossary.decl';

async function at(file: string, needle: string, occurrence = 1, delta = 1): Promise<[vscode.Uri, vscode.Position]> {
	const { document } = await open(file);
	return [document.uri, positionOf(document, needle, occurrence, delta)];
}

async function hoverAt(file: string, needle: string, occurrence = 1, delta = 1): Promise<string> {
	const [uri, position] = await at(file, needle, occurrence, delta);
	return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position));
}

async function definitionsAt(file: string, needle: string, occurrence = 1, delta = 1) {
	const [uri, position] = await at(file, needle, occurrence, delta);
	const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, position);
	return (result ?? []).map(target);
}

async function referencesAt(file: string, needle: string, occurrence = 1, delta = 1) {
	const [uri, position] = await at(file, needle, occurrence, delta);
	return (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, position)) ?? [];
}

async function textAt(location: { uri: vscode.Uri; range: vscode.Range }): Promise<string> {
	return (await vscode.workspace.openTextDocument(location.uri)).getText(location.range);
}

describe('language features', () => {
	feature('hover', () => {
		it('NATO in the seed shows its definition from a workspace glossary', async () => {
			const text = await hoverAt(SEED, 'NATO');
			assert.match(text, /North Atlantic Treaty Organization/);
		});

		it('IMCWP in the title block shows its long form', async () => {
			assert.match(await hoverAt(SEED, 'IMCWP', 2), /International Meeting of Communist and Workers' Parties/);
		});

		it('an acronym defined inline, "Long Form (ATU)", on a later use', async () => {
			assert.match(await hoverAt(DRAFT, 'ATU', 2), /Assembly of Tenant Unions/);
		});

		it('a quoted definition, "Tenant Council" means …, on a later use', async () => {
			assert.match(await hoverAt(DRAFT, 'Tenant Council', 2), /nine unions that prepare the yearly congress/);
		});

		it('[[#housing]] shows the axis it points to', async () => {
			assert.match(await hoverAt(DRAFT, '[[#housing]]', 1, 4), /For public housing and rent control/);
		});
	});

	feature('definition', () => {
		it('[[#housing]] goes to the labelled axis 3', async () => {
			const [t] = await definitionsAt(DRAFT, '[[#housing]]', 1, 4);
			assert.ok(t, 'a target');
			assert.equal(relative(t.uri), DRAFT);
			assert.equal(t.range.start.line, 7);
		});

		it('the natural reference "axis 1" goes to axis 1', async () => {
			const [t] = await definitionsAt(DRAFT, 'axis 1', 1, 5);
			assert.equal(t?.range.start.line, 5);
		});

		it('USSR in the seed goes to its line in the workspace glossary', async () => {
			const [t] = await definitionsAt(SEED, 'USSR');
			assert.ok(t, 'a target');
			assert.equal(relative(t.uri), GLOSSARY);
			assert.equal(t.range.start.line, 5);
		});

		it('[[joint-actions-2021]] opens the seed', async () => {
			const [t] = await definitionsAt(DRAFT, '[[joint-actions-2021]]', 1, 4);
			assert.ok(t && relative(t.uri).endsWith(SEED), `the seed: ${t && relative(t.uri)}`);
		});
	});

	feature('references', () => {
		it('NATO, from its glossary line, is used twice in the seed', async () => {
			const locations = await referencesAt(GLOSSARY, 'NATO');
			const inSeed = locations.filter((l) => relative(l.uri) === SEED);
			assert.equal(inSeed.length, 2, JSON.stringify(locations.map((l) => `${relative(l.uri)}:${l.range.start.line}`)));
			for (const l of inSeed) assert.equal(await textAt(l), 'NATO');
		});

		it('axis 3, from its label, is referenced by both wiki references', async () => {
			const locations = await referencesAt(DRAFT, '{#housing}', 1, 3);
			const texts = await Promise.all(locations.map(textAt));
			assert.ok(texts.filter((t) => t.includes('housing')).length >= 2, JSON.stringify(texts));
		});
	});

	feature('rename', () => {
		it('renaming the label {#housing} rewrites the label and its two wiki references', async () => {
			const [uri, position] = await at(DRAFT, '{#housing}', 1, 3);
			const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, position, 'homes');
			assert.ok(edit, 'a workspace edit');
			const edits = edit.get(uri);
			assert.equal(edits.length, 3, JSON.stringify(edits));
			for (const e of edits) assert.match(e.newText, /homes/);
		});
	});

	feature('completion', () => {
		it('after [[# the labels of the document are offered', async () => {
			const [uri, position] = await at(DRAFT, '[[#housing]]', 1, 3);
			const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
			const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/^#/, ''));
			assert.ok(labels.includes('peace') && labels.includes('housing'), JSON.stringify(labels));
		});
	});

	feature('code lens', () => {
		const lenses = async (uri: vscode.Uri) => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];

		it('shows "N references" above the referenced axis 3', async () => {
			const { document } = await open(DRAFT);
			const all = await waitFor('code lenses', () => lenses(document.uri), (l) => l.length > 0);
			const onAxis3 = all.filter((l) => l.range.start.line === 7);
			assert.ok(onAxis3.some((l) => /reference/.test(l.command?.title ?? '') && /\d/.test(l.command?.title ?? '')), JSON.stringify(all.map((l) => [l.range.start.line, l.command?.title])));
		});

		it('declaration.codeLens.enabled: false removes them', async () => {
			const { document } = await open(DRAFT);
			await withSetting('codeLens.enabled', false, async () => {
				await waitFor('no code lenses', () => lenses(document.uri), (l) => l.length === 0);
			});
		});
	});

	feature('inlay hints', () => {
		const hints = async (document: vscode.TextDocument) =>
			(await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0))) ?? [];
		const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

		it('shows the number of the axis after [[#housing]]', async () => {
			const { document } = await open(DRAFT);
			const end = positionOf(document, '[[#housing]]', 1, '[[#housing]]'.length);
			const all = await hints(document);
			assert.ok(all.some((h) => h.position.isEqual(end) && label(h).includes('3')), JSON.stringify(all.map((h) => [h.position, label(h)])));
		});

		it('declaration.inlayHints.enabled: false removes them', async () => {
			const { document } = await open(DRAFT);
			await withSetting('inlayHints.enabled', false, async () => {
				await waitFor('no inlay hints', () => hints(document), (h) => h.length === 0);
			});
		});
	});

	feature('workspace symbols', () => {
		it('finds an axis of a document by a word of its title', async () => {
			const found = await waitFor('workspace symbols for "rent control"', () => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'rent control'), (s) => (s ?? []).length > 0);
			assert.ok(found.some((s) => s.name.includes('For public housing and rent control') && relative(s.location.uri) === DRAFT), JSON.stringify(found.map((s) => s.name)));
		});

		it('finds the headings of documents the editor never opened', async () => {
			const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Text of Joint Actions');
			assert.ok(found.some((s) => relative(s.location.uri).endsWith(SEED)), JSON.stringify(found.map((s) => s.name)));
		});
	});

	feature('reference diagnostics', () => {
		it('reports a reference to a missing axis and a duplicate label', async () => {
			const editor = await scratch('Broken draft\n\n1. First point, see [[nowhere]]. {#a}\n2. Second point, see axis 9. {#a}\n');
			const items = await waitFor('unresolved-reference and duplicate-label', () => vscode.languages.getDiagnostics(editor.document.uri), (d) => d.some((x) => codeOf(x) === 'duplicate-label') && d.filter((x) => codeOf(x) === 'unresolved-reference').length === 2);
			const texts = items.filter((d) => codeOf(d) === 'unresolved-reference').map((d) => editor.document.getText(d.range));
			assert.ok(texts.some((t) => t.includes('nowhere')) && texts.some((t) => t.includes('9')), JSON.stringify(texts));
		});
	});

	feature('term diagnostics', () => {
		it('declaration.diagnostics.undefinedAcronyms sets the severity of an undefined acronym', async () => {
			const editor = await scratch('Statement on the QZXW\n\n• The QZXW must act now.\n');
			const acronyms = () => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => codeOf(d) === 'undefined-acronym');
			await withSetting('diagnostics.undefinedAcronyms', 'warning', async () => {
				await waitFor('an undefined-acronym warning', acronyms, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Warning && x.range.start.line === 2));
			});
			await withSetting('diagnostics.undefinedAcronyms', 'off', async () => {
				await waitFor('no undefined-acronym diagnostic', acronyms, (d) => d.length === 0);
			});
		});
	});

	feature('bundled glossary', () => {
		it('declaration.glossary.bundled: false takes the bundled definition of COVID-19 out of the hover', async () => {
			const bundled = /coronavirus|disease/i;
			assert.match(await hoverAt(SEED, 'COVID-19'), bundled);
			await withSetting('glossary.bundled', false, async () => {
				await waitFor('the hover on COVID-19 to lose the bundled definition', () => hoverAt(SEED, 'COVID-19'), (t) => !bundled.test(t));
			});
			await waitFor('the bundled definition to come back', () => hoverAt(SEED, 'COVID-19'), (t) => bundled.test(t));
		});
	});
});
