/**
 * The workspace on disk through the server (issue 8): indexing a hostile folder finishes, files
 * outside the folder never enter the index (not even when the client reports them changed), and a
 * server with no workspace folder at all (single-file mode) works on what the editor opens.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentSymbol, WorkspaceSymbol } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

const DOC = (title: string, label: string): string => `${title}\n\n# ${title} {#${label}}\n\n1. An axis {#${label}-axis}.\n`;

/** Resolves when the server logs that it finished indexing, with the number it indexed. */
function indexed(client: TestClient, timeoutMs = 15_000): Promise<number> {
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('indexing did not finish')), timeoutMs);
		client.conn.onNotification('window/logMessage', (p: { message: string }) => {
			const m = /indexed (\d+) declaration document/.exec(p.message);
			if (m) {
				clearTimeout(t);
				resolve(Number(m[1]));
			}
		});
	});
}

async function symbolNames(client: TestClient, query: string): Promise<string[]> {
	const r = await client.request<WorkspaceSymbol[] | null>('workspace/symbol', { query });
	return (r ?? []).map((s) => `${s.name} ${s.location.uri}`);
}

describe('protocol: the workspace on disk', function () {
	this.timeout(60_000);

	describe('a hostile workspace folder', () => {
		let client: TestClient;
		let outside: string;
		after(async () => {
			await client.dispose();
			rmSync(outside, { recursive: true, force: true });
		});

		it('is indexed to the end: directories named .decl, dangling links, FIFOs, binaries, loops and links out are skipped', async () => {
			outside = mkdtempSync(join(tmpdir(), 'decl-outside-'));
			writeFileSync(join(outside, 'secret.decl'), DOC('Secret Outside', 'secret'));
			client = new TestClient({ 'inside.decl': DOC('Inside Document', 'inside'), 'sub/deep.decl': DOC('Deep Document', 'deep') });
			const root = client.root;
			mkdirSync(join(root, 'folder.decl'));
			symlinkSync(join(root, 'gone.decl'), join(root, 'dangling.decl'));
			symlinkSync(root, join(root, 'sub', 'loop'));
			symlinkSync(join(outside, 'secret.decl'), join(root, 'link-out.decl'));
			symlinkSync(outside, join(root, 'dir-out'));
			writeFileSync(join(root, 'binary.decl'), Buffer.from([0, 1, 2, 3, 0, 0]));
			try {
				execFileSync('mkfifo', [join(root, 'pipe.decl')]);
			} catch {
				// no mkfifo: the rest still holds
			}
			const done = indexed(client);
			await client.initialize();
			// listed: the two documents and binary.decl (a regular file, refused when read); nothing else, no duplicates
			assert.equal(await done, 3, 'the regular files inside the folder, each once');
			const names = await symbolNames(client, '');
			assert.ok(names.some((n) => n.includes('inside.decl')) && names.some((n) => n.includes('deep.decl')), `inside documents are indexed: ${names.join('; ')}`);
			assert.ok(!names.some((n) => n.includes('binary.decl')), 'the binary file is not');
			assert.ok(!names.some((n) => /secret|Secret|link-out|dir-out/.test(n)), `nothing from outside: ${names.join('; ')}`);
		});

		it('ignores watched-file events for files outside the folder, and picks up new files inside', async () => {
			const secretUri = pathToFileURL(join(outside, 'secret.decl')).href;
			await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: secretUri, type: 1 }, { uri: 'file:///etc/passwd', type: 2 }, { uri: 'https://example.org/x.decl', type: 1 }] });
			writeFileSync(join(client.root, 'added.decl'), DOC('Added Later', 'added'));
			await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('added.decl'), type: 1 }] });
			let names: string[] = [];
			for (let k = 0; k < 50 && !names.some((n) => n.includes('added.decl')); k++) {
				await new Promise((r) => setTimeout(r, 100));
				names = await symbolNames(client, '');
			}
			assert.ok(names.some((n) => n.includes('added.decl')), `a new file inside is indexed: ${names.join('; ')}`);
			assert.ok(!names.some((n) => /secret/i.test(n)), `the outside file is not: ${names.join('; ')}`);
		});

		it('reads nothing from outside when a document outside is closed', async () => {
			const secretUri = pathToFileURL(join(outside, 'secret.decl')).href;
			await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: secretUri, languageId: 'declaration', version: 1, text: 'Opened\n\n1. By the user.\n' } });
			const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: secretUri } });
			assert.ok(symbols.length > 0, 'a document the user opens is analysed wherever it lives');
			await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: secretUri } });
			await new Promise((r) => setTimeout(r, 300));
			const names = await symbolNames(client, '');
			assert.ok(!names.some((n) => /secret/i.test(n)), `closing it does not pull the file on disk into the index: ${names.join('; ')}`);
		});
	});

	describe('no workspace folder (single-file mode)', () => {
		let client: TestClient;
		after(() => client.dispose());

		it('analyses what the editor opens and answers cross-file requests with what it has', async () => {
			client = new TestClient();
			await client.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
			await client.conn.sendNotification('initialized', {});
			const uri = 'untitled:Untitled-1';
			await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'declaration', version: 1, text: 'Title\n\n1. One {#a}.\n3. See [[#a]], [[other#b]] and axis 9.\n' } });
			const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
			assert.ok(symbols.length > 0);
			for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/completion', 'textDocument/prepareRename']) {
				try {
					await client.request(method, { textDocument: { uri }, position: { line: 3, character: 10 }, context: { includeDeclaration: true } });
				} catch (e) {
					// a refusal to rename is an answer: an error with a message for the user
					assert.equal((e as { code?: number }).code, -32803, `${method}: ${(e as Error).message}`);
				}
			}
			await client.request('workspace/symbol', { query: '' });
			const file = client.open('single.decl', 'Title\n\n1. One.\n3. Three.\n');
			const ds = await client.waitForDiagnostics('single.decl', (d) => d.some((x) => x.code === 'numbering-gap'));
			assert.ok(ds.length > 0);
			assert.ok((await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: file } })).length > 0);
		});
	});
});
