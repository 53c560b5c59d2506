/**
 * Fault tolerance of the server process (issue 8): malformed JSON-RPC, requests before
 * `initialize`, a client that dies, `didChange` out of order, a 50 MB document, a burst of 10,000
 * requests. The server must answer every request (a result or an error, never silence), keep
 * working afterwards, exit when its client is gone, and keep its memory bounded.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';
import { childPids, isAlive, RawServer, rssKb, type Message } from '../support/rawServer';

const URI = 'file:///nowhere/robust.decl';
const DOC = 'Joint Declaration\n\n15 December 2021\n\nText of Joint Actions\n\n1. First axis {#first}.\n2. Second axis, see axis 1 and [[#first]].\n   (a) A point.\n3. Third axis.\n';

/** Still alive and answering: a documentSymbol round trip on a known document. */
async function stillAnswers(s: RawServer, id: number): Promise<void> {
	const r = await s.request(id, 'textDocument/documentSymbol', { textDocument: { uri: URI } });
	assert.ok(Array.isArray(r.result), `answers after the abuse: ${JSON.stringify(r)}`);
	assert.ok((r.result as DocumentSymbol[]).length > 0, 'and still knows the open document');
}

function answered(m: Message): boolean {
	return (m.result !== undefined) !== (m.error !== undefined);
}

describe('protocol: robustness of the server process', function () {
	this.timeout(60_000);

	describe('malformed JSON-RPC', () => {
		let s: RawServer;
		before(async () => {
			s = new RawServer();
			await s.initialize();
			s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'declaration', version: 1, text: DOC } } });
			await stillAnswers(s, 1);
		});
		after(() => s.kill());

		it('survives bodies that are not JSON, not objects, empty, or not UTF-8', async () => {
			s.sendRaw('{not json');
			s.sendRaw('{"jsonrpc":"2.0","id":77,"method":"textDocument/hover","params":{');
			s.sendRaw('', 0);
			s.sendRaw('[]');
			s.sendRaw('null');
			s.sendRaw('"a string"');
			s.sendRaw('12345');
			s.sendRaw(Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
			await stillAnswers(s, 2);
			assert.equal(s.proc.exitCode, null, 'still running');
		});

		it('survives messages with missing fields', async () => {
			s.sendRaw('{"jsonrpc":"2.0","id":9001}'); // neither request nor response
			s.send({ jsonrpc: '2.0', id: 9002, method: 'textDocument/documentSymbol' }); // no params
			s.send({ jsonrpc: '2.0', id: 9003, method: 'textDocument/hover', params: { textDocument: { uri: URI } } }); // no position
			s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x.decl' } } }); // no text
			s.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: URI } } }); // no changes
			s.send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: {} });
			s.send({ jsonrpc: '2.0', id: 9004, result: 'a response to nothing' });
			for (const id of [9002, 9003]) assert.ok(answered(await s.response(id)), `request ${id} is answered`);
			await stillAnswers(s, 3);
		});

		it('answers requests whose fields have the wrong types', async () => {
			const bad: [string, unknown][] = [
				['textDocument/documentSymbol', null],
				['textDocument/documentSymbol', 'a string'],
				['textDocument/documentSymbol', { textDocument: 5 }],
				['textDocument/documentSymbol', { textDocument: { uri: ['a'] } }],
				['textDocument/foldingRange', []],
				['textDocument/selectionRange', { textDocument: { uri: URI }, positions: 'abc' }],
				['textDocument/selectionRange', { textDocument: { uri: URI }, positions: [null, 3, { line: 'x' }] }],
				['textDocument/hover', { textDocument: { uri: URI }, position: { line: 'a', character: {} } }],
				['textDocument/definition', { textDocument: { uri: URI }, position: null }],
				['textDocument/references', { textDocument: { uri: URI }, position: { line: 6, character: 3 }, context: 7 }],
				['textDocument/rename', { textDocument: { uri: URI }, position: { line: 6, character: 15 }, newName: 42 }],
				['textDocument/prepareRename', { textDocument: { uri: URI }, position: [] }],
				['textDocument/completion', { textDocument: { uri: URI }, position: { line: 7, character: 1e300 } }],
				['textDocument/codeAction', { textDocument: { uri: URI }, range: 'everything', context: { diagnostics: 'none' } }],
				['textDocument/inlayHint', { textDocument: { uri: URI }, range: null }],
				['textDocument/codeLens', { textDocument: null }],
				['textDocument/documentLink', { textDocument: { uri: null } }],
				['workspace/symbol', { query: 3 }],
				['workspace/willRenameFiles', { files: 'all' }],
				['declaration/axes', { textDocument: {} }],
			];
			let id = 100;
			for (const [method, params] of bad) s.send({ jsonrpc: '2.0', id: id++, method, params });
			for (let k = 100; k < id; k++) {
				const r = await s.response(k);
				assert.ok(answered(r), `${bad[k - 100][0]} with ${JSON.stringify(bad[k - 100][1])} is answered: ${JSON.stringify(r)}`);
			}
			await stillAnswers(s, 4);
		});

		it('answers unknown methods with MethodNotFound and ignores unknown notifications', async () => {
			const r = await s.request(200, 'declaration/doesNotExist', {});
			assert.equal(r.error?.code, -32601);
			s.send({ jsonrpc: '2.0', method: 'declaration/unknownNotification', params: {} });
			s.send({ jsonrpc: '2.0', method: '$/unknown', params: {} });
			await stillAnswers(s, 5);
		});

		it('answers positions past the end, negative and huge, with valid ranges, and unknown URIs with nothing', async () => {
			const positions = [
				{ line: 9999, character: 0 }, { line: 0, character: 9999 }, { line: -1, character: -5 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
				{ line: Number.MAX_SAFE_INTEGER, character: 1e308 }, { line: 6.5, character: 2.25 },
			];
			let id = 300;
			for (const position of positions) {
				for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion', 'textDocument/prepareRename', 'textDocument/documentHighlight']) {
					s.send({ jsonrpc: '2.0', id: id++, method, params: { textDocument: { uri: URI }, position } });
				}
				s.send({ jsonrpc: '2.0', id: id++, method: 'textDocument/selectionRange', params: { textDocument: { uri: URI }, positions: [position] } });
			}
			for (let k = 300; k < id; k++) {
				const r = await s.response(k);
				assert.ok(answered(r), `answered: ${JSON.stringify(r)}`);
				const sel = r.result as { range: { start: { line: number }; end: { line: number } } }[] | undefined;
				if (Array.isArray(sel)) for (const x of sel) assert.ok(x.range.end.line <= 10 && x.range.start.line >= 0, `selection inside the document: ${JSON.stringify(x.range)}`);
			}
			for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink', 'textDocument/codeLens']) {
				const r = await s.request(id++, method, { textDocument: { uri: 'file:///no/such/file.decl' } });
				assert.deepEqual(r.result, [], `${method} on an unknown URI answers []`);
			}
			const r = await s.request(id++, 'textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } });
			assert.equal(r.result, null);
			await stillAnswers(s, 6);
		});
	});

	it('answers requests sent before initialize with ServerNotInitialized, drops notifications, and initializes afterwards', async () => {
		const s = new RawServer();
		try {
			// LSP: before initialize, requests get -32002 and notifications (but exit) are dropped
			s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'declaration', version: 1, text: DOC } } });
			const early = await s.request(1, 'textDocument/documentSymbol', { textDocument: { uri: URI } });
			assert.equal(early.error?.code, -32002, `ServerNotInitialized before initialize: ${JSON.stringify(early)}`);
			const custom = await s.request(2, 'declaration/axes', { textDocument: { uri: URI } });
			assert.equal(custom.error?.code, -32002, `our own requests too: ${JSON.stringify(custom)}`);
			const init = await s.initialize();
			assert.ok(init.result, 'initialize still works');
			const dropped = await s.request(3, 'textDocument/documentSymbol', { textDocument: { uri: URI } });
			assert.deepEqual(dropped.result, [], 'the didOpen sent before initialize was dropped');
			s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'declaration', version: 2, text: DOC } } });
			await stillAnswers(s, 4);
		} finally {
			await s.kill();
		}
	});

	describe('a client that dies', () => {
		it('exits when its stdin closes, promptly and leaving no child process', async () => {
			const s = new RawServer();
			await s.initialize();
			s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'declaration', version: 1, text: DOC } } });
			await stillAnswers(s, 1);
			const pid = s.proc.pid!;
			const children = childPids(pid);
			const started = Date.now();
			s.proc.stdin.end();
			const exit = await Promise.race([s.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
			assert.notEqual(exit, 'timeout', 'exits within 5 s of its client going away');
			assert.ok(Date.now() - started < 5000);
			assert.ok(!isAlive(pid), 'the server process is gone');
			for (const c of children) assert.ok(!isAlive(c), `child ${c} is gone`);
			assert.equal(childPids(pid).length, 0);
		});

		it('exits with 0 after shutdown and exit', async () => {
			const s = new RawServer();
			await s.initialize();
			await s.request(1, 'shutdown', null);
			s.send({ jsonrpc: '2.0', method: 'exit' });
			const exit = await s.exited;
			assert.equal(exit.code, 0);
		});

		it('exits when the client process named in initialize dies (processId watchdog)', async () => {
			const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
			const s = new RawServer();
			try {
				await s.request(0, 'initialize', { processId: parent.pid, rootUri: null, capabilities: {} });
				parent.kill('SIGKILL');
				const exit = await Promise.race([s.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
				assert.notEqual(exit, 'timeout', 'exits within 10 s of its client process dying');
			} finally {
				parent.kill('SIGKILL');
				await s.kill();
			}
		});
	});

	describe('didChange out of order', () => {
		let client: TestClient;
		before(async () => {
			client = new TestClient();
			await client.initialize();
		});
		after(() => client.dispose());

		it('keeps answering from the last text received, and publishes diagnostics for the version it read', async () => {
			const uri = client.open('order.decl', 'Title\n\n1. One.\n2. Two.\n');
			const change = (version: number, text: string): void => void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
			change(5, 'Title\n\n1. One.\n3. Three.\n');
			change(3, 'Title\n\n1. One.\n2. Two.\n3. Three.\n4. Four.\n');
			change(4, 'Title\n\n1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n');
			// an incremental change whose range lies past the end of the text
			void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: 120, character: 4 } }, text: '6. Six.\n' }] });
			const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
			const names = JSON.stringify(symbols);
			assert.ok(names.includes('6. Six'), `answers from the last text received: ${names}`);
			const ds = await client.waitForDiagnostics('order.decl', () => true);
			assert.ok(Array.isArray(ds));
			const published = client.diagnostics.get(uri);
			assert.equal(published?.version, 2, 'diagnostics carry the version of the text they were computed from');
		});
	});

	describe('a 50 MB document', () => {
		let client: TestClient;
		afterEach(() => client.dispose());

		it('is declined past declaration.maxDocumentSize with a clear message, with memory bounded', async () => {
			client = new TestClient();
			await client.initialize();
			const line = '1. Peace, bread and land for the peoples of the world, and solidarity with workers everywhere.\n';
			const text = 'Huge declaration\n\n' + line.repeat(Math.ceil(50e6 / line.length));
			const uri = client.open('huge.decl', text);
			const ds = await client.waitForDiagnostics('huge.decl', (d) => d.length > 0, 30_000);
			const d = ds.find((x) => x.code === 'document-too-large');
			assert.ok(d, `a document-too-large diagnostic: ${JSON.stringify(ds)}`);
			assert.match(d.message, /50\.\d MB, over the 20\.0 MB limit \(setting declaration\.maxDocumentSize\)/);
			const started = Date.now();
			const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
			const folding = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
			await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1_000_000, character: 3 } });
			assert.deepEqual(symbols, []);
			assert.deepEqual(folding, []);
			assert.ok(Date.now() - started < 5000, 'and answers at once');
			const rss = rssKb(client.proc.pid!);
			if (rss !== undefined) assert.ok(rss < 1_500_000, `server RSS ${Math.round(rss / 1024)} MB stays under 1.5 GB with a 50 MB document`);
		});

		it('honours a smaller configured limit (declaration.maxDocumentSize) and analyses again under it', async () => {
			client = new TestClient();
			await client.initialize({ maxDocumentSize: 1000 });
			client.open('big.decl', 'Title\n\n' + '1. An axis.\n'.repeat(200));
			const ds = await client.waitForDiagnostics('big.decl', (x) => x.length > 0);
			assert.ok(ds.some((x) => x.code === 'document-too-large' && /over the 0\.0 MB limit/.test(x.message)), JSON.stringify(ds));
			client.change('big.decl', 'Title\n\n1. One.\n3. Three.\n');
			await client.waitForDiagnostics('big.decl', (x) => x.some((y) => y.code === 'numbering-gap'));
		});
	});

	describe('10,000 requests in a burst', () => {
		let client: TestClient;
		after(() => client.dispose());

		it('answers or cancels every one, and memory returns to its level', async function () {
			this.timeout(180_000);
			client = new TestClient();
			await client.initialize();
			const text = `Title\n\n${Array.from({ length: 60 }, (_, i) => `${i + 1}. Axis ${i + 1} {#a${i}}, see axis ${(i % 7) + 1} and [[#a${(i + 3) % 60}]]. NATO and the UN.\n   (a) A point.`).join('\n')}\n`;
			const uri = client.open('burst.decl', text);
			await client.waitForDiagnostics('burst.decl');
			const pid = client.proc.pid!;
			const burst = async (n: number): Promise<{ answered: number; cancelled: number }> => {
				const methods = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/hover', 'textDocument/selectionRange', 'textDocument/definition', 'textDocument/completion'];
				let answeredCount = 0;
				let cancelled = 0;
				const failures: string[] = [];
				const all: Promise<void>[] = [];
				for (let i = 0; i < n; i++) {
					const method = methods[i % methods.length];
					const position = { line: 2 + (i % 120), character: i % 40 };
					const params = method === 'textDocument/selectionRange' ? { textDocument: { uri }, positions: [position] } : { textDocument: { uri }, position };
					const source = i % 10 === 9 ? new CancellationTokenSource() : undefined;
					const p = (source ? client.conn.sendRequest(method, params, source.token) : client.conn.sendRequest(method, params)).then(
						() => void answeredCount++,
						(e: { code?: number; message?: string }) => {
							if (e.code === -32800) cancelled++;
							else failures.push(`${method} ${JSON.stringify(params)}: ${e.code} ${e.message}`);
						},
					);
					source?.cancel();
					all.push(p);
				}
				await Promise.all(all);
				assert.deepEqual(failures.slice(0, 5), [], 'only cancellation may fail a request');
				return { answered: answeredCount, cancelled };
			};
			const idle = async (): Promise<number | undefined> => {
				await new Promise((resolve) => setTimeout(resolve, 1500));
				await client.request('textDocument/documentSymbol', { textDocument: { uri } });
				return rssKb(pid);
			};
			await burst(1000); // warm up: code compiled, caches built
			const baseline = await idle();
			const first = await burst(10_000);
			assert.equal(first.answered + first.cancelled, 10_000, 'every request answered or cancelled');
			assert.ok(first.answered >= 9000, `most answered: ${JSON.stringify(first)}`);
			const afterFirst = await idle();
			const later: number[] = [];
			for (let k = 0; k < 2; k++) {
				const again = await burst(10_000);
				assert.equal(again.answered + again.cancelled, 10_000);
				later.push((await idle()) ?? 0);
			}
			if (baseline !== undefined && afterFirst !== undefined) {
				const mb = (kb: number): number => Math.round(kb / 1024);
				console.log(`      (server RSS: ${mb(baseline)} MB after warm-up, ${mb(afterFirst)} MB after a burst of 10,000, then ${later.map(mb).join(' and ')} MB after two more; ${first.answered} answered, ${first.cancelled} cancelled)`);
				// V8 keeps heap it has grown into, and one sample can catch a collection late; a leak grows with every burst, so the better of the later samples must stay near the first
				assert.ok(afterFirst < baseline + 200 * 1024, `RSS near its level after a burst: ${mb(baseline)} MB → ${mb(afterFirst)} MB`);
				assert.ok(Math.min(...later) < afterFirst + 80 * 1024, `no growth from burst to burst: ${mb(afterFirst)} MB → ${later.map(mb).join(', ')} MB`);
			}
			const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
			assert.equal(symbols.length, 61);
		});
	});
});
