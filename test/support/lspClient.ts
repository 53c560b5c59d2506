/**
 * A language client for protocol tests: starts the built server (`server/out/server.js --stdio`)
 * as an editor would and speaks JSON-RPC to it through vscode-jsonrpc.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
	uri: string;
	version?: number;
	diagnostics: Diagnostic[];
}

export const SERVER = resolve(__dirname, '..', '..', 'server', 'out', 'server.js');

export class TestClient {
	readonly proc: ChildProcessWithoutNullStreams;
	readonly conn: MessageConnection;
	readonly root: string;
	readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
	stderr = '';
	settings: Record<string, unknown> = {};
	#waiters: (() => void)[] = [];
	#versions = new Map<string, number>();

	/** Writes `files` into a fresh temporary workspace and starts the server on it. */
	constructor(files: Record<string, string> = {}) {
		this.root = mkdtempSync(join(tmpdir(), 'decl-protocol-'));
		for (const [name, text] of Object.entries(files)) {
			mkdirSync(dirname(join(this.root, name)), { recursive: true });
			writeFileSync(join(this.root, name), text);
		}
		this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
		this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
		this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
		this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
			this.diagnostics.set(p.uri, p);
			for (const w of this.#waiters.splice(0)) w();
		});
		this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'declaration' ? this.settings : null)));
		this.conn.onRequest('client/registerCapability', () => null);
		this.conn.onRequest('window/workDoneProgress/create', () => null);
		this.conn.listen();
	}

	uri(file: string): string {
		return pathToFileURL(join(this.root, file)).href;
	}

	/** Starts the session; `window` is merged into the client's capabilities (e.g. `{ workDoneProgress: true }`). */
	async initialize(settings: Record<string, unknown> = {}, window?: Record<string, unknown>): Promise<unknown> {
		this.settings = settings;
		const rootUri = pathToFileURL(this.root).href;
		const result = await this.conn.sendRequest('initialize', {
			processId: process.pid,
			rootUri,
			workspaceFolders: [{ uri: rootUri, name: 'ws' }],
			capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } }, ...(window ? { window } : {}) },
		});
		await this.conn.sendNotification('initialized', {});
		return result;
	}

	open(file: string, text: string): string {
		const uri = this.uri(file);
		this.#versions.set(uri, 1);
		void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'declaration', version: 1, text } });
		return uri;
	}

	change(file: string, text: string): void {
		const uri = this.uri(file);
		const version = (this.#versions.get(uri) ?? 1) + 1;
		this.#versions.set(uri, version);
		void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
	}

	request<R>(method: string, params: unknown): Promise<R> {
		return this.conn.sendRequest(method, params) as Promise<R>;
	}

	/** The next diagnostics published for `file` that satisfy `accept` (default: any). */
	async waitForDiagnostics(file: string, accept: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 5000): Promise<Diagnostic[]> {
		const uri = this.uri(file);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const got = this.diagnostics.get(uri);
			if (got && accept(got.diagnostics)) return got.diagnostics;
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`no matching diagnostics for ${file} within ${timeoutMs} ms (last: ${JSON.stringify(got?.diagnostics)})`);
			await new Promise<void>((r) => {
				const t = setTimeout(r, left);
				this.#waiters.push(() => {
					clearTimeout(t);
					r();
				});
			});
		}
	}

	async dispose(): Promise<void> {
		try {
			await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
			await this.conn.sendNotification('exit');
		} catch {
			// already gone
		}
		await new Promise<void>((r) => {
			if (this.proc.exitCode !== null) return r();
			const t = setTimeout(() => {
				this.proc.kill('SIGKILL');
				r();
			}, 3000);
			this.proc.on('exit', () => {
				clearTimeout(t);
				r();
			});
		});
		this.conn.dispose();
		rmSync(this.root, { recursive: true, force: true });
	}
}
