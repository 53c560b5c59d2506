import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hover, Location, MarkupContent, Position } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

const seed = readFileSync(join(__dirname, '..', '..', 'examples', 'joint-actions-2021.decl'), 'utf8');
const GLOSSARY = [
	'Shared glossary',
	'',
	'Glossary',
	'',
	"IMCWP: International Meeting of Communist and Workers' Parties, held yearly since 1998.",
	'USSR: Union of Soviet Socialist Republics, founded on 30 December 1922.',
	'NATO: North Atlantic Treaty Organization, a military alliance founded in 1949.',
	'',
].join('\n');
const S = 'statements/joint-actions-2021.decl';

function pos(text: string, needle: string, occurrence = 1, delta = 1): Position {
	let at = -1;
	for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
	assert.ok(at >= 0, needle);
	const before = text.slice(0, at + delta).split(/\r\n|\r|\n/);
	return { line: before.length - 1, character: before[before.length - 1].length };
}

function hoverText(h: Hover | null): string {
	return h ? (h.contents as MarkupContent).value : '';
}

describe('protocol: terms over stdio', () => {
	describe('with a workspace glossary the editor never opened', () => {
		let client: TestClient;
		before(async () => {
			client = new TestClient({ [S]: seed, 'glossary.decl': GLOSSARY });
			await client.initialize();
		});
		after(() => client.dispose());

		it('hovers IMCWP with its glossary definition, where it is defined and its uses', async () => {
			const uri = client.open(S, seed);
			const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(seed, 'IMCWP', 2) });
			assert.equal(hoverText(h), "**IMCWP**\n\nInternational Meeting of Communist and Workers' Parties, held yearly since 1998.\n\n*Defined in glossary.decl, line 5 · 3 uses in the workspace*");
			assert.deepEqual(h?.range, { start: { line: 3, character: 40 }, end: { line: 3, character: 45 } });
		});

		it('goes to the definition of USSR in the unopened glossary', async () => {
			const uri = client.uri(S);
			const locs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: pos(seed, 'USSR') });
			assert.deepEqual(locs, [{ uri: client.uri('glossary.decl'), range: { start: { line: 5, character: 0 }, end: { line: 5, character: 4 } } }]);
		});

		it('finds the references of NATO from its definition, with and without the declaration', async () => {
			const uri = client.uri('glossary.decl');
			const position = pos(GLOSSARY, 'NATO');
			const without = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
			const at = (occurrence: number): Location => {
				const start = pos(seed, 'NATO', occurrence, 0);
				return { uri: client.uri(S), range: { start, end: { line: start.line, character: start.character + 4 } } };
			};
			assert.deepEqual(without, [at(1), at(2)]);
			assert.deepEqual([at(1).range.start.line, at(2).range.start.line], [19, 20]);
			const withDecl = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
			assert.equal(withDecl.length, 3);
			assert.deepEqual(withDecl[0], { uri, range: { start: { line: 6, character: 0 }, end: { line: 6, character: 4 } } });
		});
	});

	describe('with no workspace glossary at all', () => {
		let client: TestClient;
		before(async () => {
			client = new TestClient({ [S]: seed });
			await client.initialize();
		});
		after(() => client.dispose());

		for (const [needle, expected] of [['UN resolutions', 'United Nations'], ['US blockade', 'United States of America'], ['COVID-19', 'coronavirus disease 2019']]) {
			it(`hovers ${needle.split(' ')[0]} from the bundled glossary`, async () => {
				const uri = client.open(S, seed);
				const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(seed, needle) }));
				assert.ok(text.includes(expected) && text.includes('Defined in the bundled glossary'), text);
			});
		}

		it('goes to the bundled glossary file for UN', async () => {
			const uri = client.uri(S);
			const [loc] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: pos(seed, 'UN resolutions') });
			assert.ok(loc.uri.endsWith('/server/glossary/bundled.decl'), loc.uri);
			const bundled = readFileSync(join(__dirname, '..', '..', 'server', 'glossary', 'bundled.decl'), 'utf8').split('\n');
			assert.ok(bundled[loc.range.start.line].startsWith('UN |'), bundled[loc.range.start.line]);
		});

		it('publishes no error or warning for the seed', async () => {
			const ds = await client.waitForDiagnostics(S);
			assert.deepEqual(ds.filter((d) => d.severity === 1 || d.severity === 2), []);
		});

		it('switches the bundled glossary off by the setting', async () => {
			client.settings = { glossary: { bundled: false } };
			await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
			const uri = client.uri(S);
			const deadline = Date.now() + 5000;
			let h: Hover | null = null;
			do {
				h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(seed, 'COVID-19') });
				if (h === null) break;
				await new Promise((r) => setTimeout(r, 50));
			} while (Date.now() < deadline);
			assert.equal(h, null);
		});
	});
});
