/**
 * Scheduling (issue 7): the first diagnostics after open never wait for the indexing of the
 * workspace and report nothing that is only an artefact of an unfinished index; requests for the
 * open document are answered while a large workspace is being indexed; a cancelled request is
 * answered (RequestCancelled or its result), never left hanging.
 */
import { strict as assert } from 'node:assert';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

const FILES = 2000;

interface PublishDiagnosticsParams {
	uri: string;
	version?: number;
	diagnostics: Diagnostic[];
}
const GLOSSARY = ['Shared glossary', '', 'Glossary', '', 'QXRB: Queensland Xylophone Research Board, a body invented for this test.', ''].join('\n');
const DRAFT = [
	'Draft on scheduling',
	'27 November 2026',
	'',
	'The parties, recalling [[joint-actions-2021]] and the work of the QXRB, agree on the following axes:',
	'',
	'1. For peace. {#peace}',
	'2. For the rights of workers; see axis 1.',
	'',
].join('\n');

function workspace(): Record<string, string> {
	const files: Record<string, string> = {};
	for (let i = 0; i < FILES; i++) {
		const n = String(i).padStart(4, '0');
		files[`bulk/d${n}.decl`] = `Document ${n}\n\n# Part ${n} {#part-${n}}\n\n1. An axis of document ${n}.\n2. Another axis, see axis 1.\n`;
	}
	// read last in most listings: the first publication comes before they are known
	files['zz/glossary.decl'] = GLOSSARY;
	files['zz/joint-actions-2021.decl'] = 'Joint actions 2021\n\n• First axis.\n• Second axis.\n';
	return files;
}

const warningsOrErrors = (d: readonly Diagnostic[]): Diagnostic[] => d.filter((x) => x.severity === 1 || x.severity === 2);

describe('protocol: scheduling during indexing', function () {
	this.timeout(60_000);
	let client: TestClient;
	after(async () => {
		await client?.dispose();
	});

	it('publishes the first diagnostics before indexing ends, without cross-file artefacts, and answers the outline meanwhile', async () => {
		client = new TestClient(workspace());
		const events: string[] = [];
		const publications: PublishDiagnosticsParams[] = [];
		let indexedResolve: () => void = () => undefined;
		const indexed = new Promise<void>((r) => (indexedResolve = r));
		client.conn.onNotification('window/logMessage', (p: { message: string }) => {
			if (/^indexed \d+ declaration document/.test(p.message)) {
				events.push('indexed');
				indexedResolve();
			}
		});
		const draftUri = client.uri('draft.decl');
		client.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
			if (p.uri !== draftUri) return;
			publications.push(p);
			events.push('diagnostics');
		});
		await client.initialize();
		client.open('draft.decl', DRAFT);
		const symbols = client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: draftUri } }).then((r) => {
			events.push('documentSymbol');
			return r;
		});
		const outline = await symbols;
		assert.ok(outline.length > 0, 'the outline has symbols');
		await indexed;
		// the publication after indexing: the references resolve, the acronym is defined
		for (let k = 0; k < 100 && publications.length < 2; k++) await new Promise((r) => setTimeout(r, 50));
		const at = (e: string): number => events.indexOf(e);
		assert.ok(at('diagnostics') >= 0 && at('diagnostics') < at('indexed'), `first diagnostics before indexing ends: ${events.join(', ')}`);
		assert.ok(at('documentSymbol') < at('indexed'), `outline answered during indexing: ${events.join(', ')}`);
		assert.deepEqual(warningsOrErrors(publications[0].diagnostics), [], 'no error or warning in the first publication');
		const last = publications[publications.length - 1];
		assert.deepEqual(warningsOrErrors(last.diagnostics), [], 'none after indexing either');
	});

	it('answers a cancelled request with RequestCancelled or its result, never hangs', async () => {
		const source = new CancellationTokenSource();
		const pending = client.conn.sendRequest('workspace/symbol', { query: 'Part' }, source.token);
		source.cancel();
		const outcome = await Promise.race([
			pending.then(() => 'result', (e: unknown) => (e instanceof ResponseError ? `error ${e.code}` : `other ${String(e)}`)),
			new Promise<string>((r) => setTimeout(() => r('hang'), 10_000)),
		]);
		assert.ok(outcome === 'result' || outcome === 'error -32800', `answered: ${outcome}`);
	});
});

describe('protocol: indexing progress', function () {
	this.timeout(30_000);

	interface Progress {
		token: string | number;
		value: { kind: 'begin' | 'report' | 'end'; title?: string; percentage?: number; message?: string };
	}

	it('shows "Indexing declarations" to a client that supports work-done progress: begin, reports that grow to 100 %, end', async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < 200; i++) files[`d${i}.decl`] = `Document ${i}\n\n1. An axis.\n`;
		const client = new TestClient(files);
		try {
			const seen: Progress[] = [];
			const created: (string | number)[] = [];
			client.conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
				created.push(p.token);
				return null;
			});
			client.conn.onNotification('$/progress', (p: Progress) => seen.push(p));
			await client.initialize({}, { workDoneProgress: true });
			const deadline = Date.now() + 20_000;
			while (!seen.some((p) => p.value.kind === 'end') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			assert.equal(created.length, 1, 'one progress for the indexing run');
			assert.ok(seen.every((p) => p.token === created[0]), 'every report on the token the client accepted');
			const kinds = seen.map((p) => p.value.kind);
			assert.equal(kinds[0], 'begin');
			assert.equal(seen[0].value.title, 'Indexing declarations');
			assert.equal(kinds.at(-1), 'end');
			assert.equal(kinds.filter((k) => k === 'end').length, 1);
			const percentages = seen.filter((p) => p.value.kind === 'report').map((p) => p.value.percentage ?? -1);
			assert.ok(percentages.length > 0, 'reports while indexing');
			assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'percentages only grow');
			assert.equal(percentages.at(-1), 100);
			assert.match(seen.find((p) => p.value.kind === 'report')!.value.message ?? '', /^(reading|analysing) \d+\/200$/);
		} finally {
			await client.dispose();
		}
	});

	it('indexes without one for a client that does not support it (no create request, symbols answered)', async () => {
		const client = new TestClient({ 'a.decl': 'Alpha document\n\n# Scope {#scope}\n' });
		try {
			let asked = 0;
			client.conn.onRequest('window/workDoneProgress/create', () => {
				asked++;
				return null;
			});
			await client.initialize();
			const symbols = await client.request<{ name: string }[]>('workspace/symbol', { query: 'Scope' });
			assert.ok(symbols.some((s) => s.name === 'Scope'));
			assert.equal(asked, 0);
		} finally {
			await client.dispose();
		}
	});
});
