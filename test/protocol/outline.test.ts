import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

const seed = readFileSync(join(__dirname, '..', '..', 'examples', 'joint-actions-2021.decl'), 'utf8');

describe('protocol: outline, folding and diagnostics over stdio', () => {
	let client: TestClient;
	before(async () => {
		client = new TestClient({ 'joint-actions-2021.decl': seed });
		await client.initialize();
	});
	after(() => client.dispose());

	it('answers documentSymbol with the title, the heading and the eleven axes', async () => {
		const uri = client.open('joint-actions-2021.decl', seed);
		const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
		assert.equal(symbols[0].name, 'Extraordinary TeleConference of the IMCWP, Text of Joint Actions');
		assert.equal(symbols[0].detail, '2021-12-15 11:41');
		const heading = symbols.find((s) => s.name === 'Text of Joint Actions');
		assert.ok(heading, 'the heading is a root symbol');
		assert.equal(heading.children?.length, 11);
		assert.deepEqual(heading.children?.map((c) => c.range.start.line), [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
		assert.ok(heading.children?.[5].name.startsWith('6. In support of Cuba, its people, and the Communist Party of Cuba'));
	});

	it('answers foldingRange with the section and the list', async () => {
		const uri = client.uri('joint-actions-2021.decl');
		const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
		assert.ok(ranges.some((r) => r.startLine === 5 && r.endLine === 21), JSON.stringify(ranges));
		assert.ok(ranges.some((r) => r.startLine === 11 && r.endLine === 21), JSON.stringify(ranges));
	});

	it('publishes diagnostics on open and again after a change', async () => {
		const first = await client.waitForDiagnostics('joint-actions-2021.decl');
		assert.ok(first.every((d) => d.severity !== 1 && d.severity !== 2), JSON.stringify(first));
		client.change('joint-actions-2021.decl', 'Title\n\n1. One.\n3. Three.\n');
		const after = await client.waitForDiagnostics('joint-actions-2021.decl', (ds) => ds.some((d) => d.code === 'numbering-gap'));
		const gap = after.find((d) => d.code === 'numbering-gap');
		assert.deepEqual(gap?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } });
		assert.equal(gap?.source, 'declaration');
	});

	it('answers the custom declaration/axes request', async () => {
		const uri = client.uri('joint-actions-2021.decl');
		const result = await client.request<{ axes: { number: string; title: string }[] }>('declaration/axes', { textDocument: { uri } });
		assert.deepEqual(result.axes.map((a) => a.number), ['1.', '3.']);
	});
});
