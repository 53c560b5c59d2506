// Diagnostics as the Problems view sees them (vscode.languages.getDiagnostics), and settings taking effect.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED, codeOf, documentSymbols, open, scratch, touch, usesServer, waitFor, withSetting } from './helpers';

const diagnosticsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri);

describe('diagnostics', () => {
	usesServer();

	it('reports a numbering gap and a front-matter error, with their ranges, source and code', async () => {
		const editor = await scratch('---\ntitle: [unclosed\n---\nBroken list\n\n1. First.\n2. Second.\n4. Fourth.\n');
		const uri = editor.document.uri;
		const items = await waitFor('numbering-gap and front-matter diagnostics', () => diagnosticsOf(uri), (d) => ['numbering-gap', 'front-matter'].every((c) => d.some((x) => codeOf(x) === c)));
		for (const d of items) assert.equal(d.source, 'declaration');
		const gap = items.find((d) => codeOf(d) === 'numbering-gap');
		assert.equal(gap?.severity, vscode.DiagnosticSeverity.Warning);
		assert.equal(gap?.range.start.line, 7, 'the gap is reported on "4. Fourth."');
		const yaml = items.find((d) => codeOf(d) === 'front-matter');
		assert.equal(yaml?.severity, vscode.DiagnosticSeverity.Error);
		assert.ok(yaml && yaml.range.start.line >= 1 && yaml.range.end.line <= 2, `the YAML error is inside the front matter: ${JSON.stringify(yaml?.range)}`);
	});

	it('follows edits: fixing the gap clears the diagnostic', async () => {
		const editor = await scratch('Fixable\n\n1. First.\n3. Third.\n');
		const uri = editor.document.uri;
		await waitFor('a numbering-gap diagnostic', () => diagnosticsOf(uri), (d) => d.some((x) => codeOf(x) === 'numbering-gap'));
		await editor.edit((e) => e.replace(new vscode.Range(3, 0, 3, 1), '2'));
		await waitFor('the numbering gap to go away', () => diagnosticsOf(uri), (d) => !d.some((x) => codeOf(x) === 'numbering-gap'));
	});

	it('finds no errors or warnings in the published seed', async () => {
		const uri = (await open(SEED)).document.uri;
		// The seed was the first document opened; a document opened after it has its diagnostics by now,
		// so the seed's are in as well.
		const probe = await scratch('Probe\n\n1. One.\n3. Three.\n');
		await waitFor('diagnostics of a later document', () => diagnosticsOf(probe.document.uri), (d) => d.length > 0);
		const bad = diagnosticsOf(uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
		assert.deepEqual(bad.map((d) => `${d.range.start.line + 1}: ${codeOf(d)} ${d.message}`), []);
	});
});

describe('settings', () => {
	usesServer();

	it('declaration.dateOrder changes how a numeric date is read', async () => {
		const editor = await scratch('Statement of the spring meeting\n05/04/2021\n\n• An axis.\n');
		// VS Code caches a document's outline by document version, and a setting does not change the
		// version: each probe edits the document (toggling a trailing space) before asking again.
		const titleDetail = async () => {
			await touch(editor);
			return (await documentSymbols(editor.document.uri)).find((s) => s.name.includes('Statement of the spring meeting'))?.detail ?? '';
		};
		await withSetting('dateOrder', 'month-first', async () => {
			await waitFor('the title to show 4 May 2021 (month-first)', titleDetail, (d) => /2021-05-04|4 May 2021|May 4, 2021/.test(d));
		});
		await withSetting('dateOrder', 'day-first', async () => {
			await waitFor('the title to show 5 April 2021 (day-first)', titleDetail, (d) => /2021-04-05|5 April 2021|April 5, 2021/.test(d));
		});
	});
});
