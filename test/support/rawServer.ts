/**
 * The built server over raw stdio framing, for tests that must send what no JSON-RPC library
 * would: bad JSON, missing fields, wrong types. Reads `Content-Length` frames from stdout.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SERVER } from './lspClient';

export interface Message {
	jsonrpc?: string;
	id?: number | string | null;
	method?: string;
	params?: unknown;
	result?: unknown;
	error?: { code: number; message: string };
}

export class RawServer {
	readonly proc: ChildProcessWithoutNullStreams;
	readonly messages: Message[] = [];
	stderr = '';
	#buf = Buffer.alloc(0);
	#waiters: (() => void)[] = [];
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

	constructor(args: string[] = []) {
		this.proc = spawn(process.execPath, [SERVER, '--stdio', ...args], { stdio: 'pipe' });
		this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
		this.proc.stdout.on('data', (d: Buffer) => this.#read(d));
		this.proc.stdin.on('error', () => undefined); // writing to a server that is gone
		this.exited = new Promise((r) => this.proc.on('exit', (code, signal) => r({ code, signal })));
	}

	#read(chunk: Buffer): void {
		this.#buf = Buffer.concat([this.#buf, chunk]);
		for (;;) {
			const sep = this.#buf.indexOf('\r\n\r\n');
			if (sep < 0) return;
			const header = this.#buf.subarray(0, sep).toString('ascii');
			const m = /Content-Length: (\d+)/i.exec(header);
			if (!m) throw new Error(`bad header from the server: ${header}`);
			const len = Number(m[1]);
			if (this.#buf.length < sep + 4 + len) return;
			const body = this.#buf.subarray(sep + 4, sep + 4 + len).toString('utf8');
			this.#buf = this.#buf.subarray(sep + 4 + len);
			const msg = JSON.parse(body) as Message;
			// answer the server's own requests as a minimal client would
			if (msg.method && msg.id !== undefined && msg.result === undefined) {
				this.send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? [null] : null });
			}
			this.messages.push(msg);
			for (const w of this.#waiters.splice(0)) w();
		}
	}

	/** Writes one frame whose body is `body` as given (a string is sent verbatim, even when it is not JSON). */
	sendRaw(body: string | Buffer, contentLength?: number): void {
		const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
		this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${contentLength ?? b.length}\r\n\r\n`, 'ascii'), b]));
	}

	send(message: unknown): void {
		this.sendRaw(JSON.stringify(message));
	}

	/** The first message (already received or to come) that satisfies `accept`. */
	async waitFor(accept: (m: Message) => boolean, timeoutMs = 10_000, what = 'a message'): Promise<Message> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.messages.find(accept);
			if (found) return found;
			const left = deadline - Date.now();
			if (left <= 0 || this.proc.exitCode !== null) throw new Error(`no ${what} within ${timeoutMs} ms (server ${this.proc.exitCode === null ? 'running' : `exited ${this.proc.exitCode}`}); stderr: ${this.stderr.slice(-500)}`);
			await new Promise<void>((r) => {
				const t = setTimeout(r, Math.min(left, 200));
				this.#waiters.push(() => {
					clearTimeout(t);
					r();
				});
			});
		}
	}

	response(id: number | string, timeoutMs?: number): Promise<Message> {
		return this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs, `response to request ${id}`);
	}

	async request(id: number, method: string, params: unknown): Promise<Message> {
		this.send({ jsonrpc: '2.0', id, method, params });
		return this.response(id);
	}

	async initialize(rootUri: string | null = null, extra: Record<string, unknown> = {}): Promise<Message> {
		const r = await this.request(0, 'initialize', { processId: process.pid, rootUri, capabilities: {}, ...extra });
		this.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
		return r;
	}

	async kill(): Promise<void> {
		if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
		await this.exited;
	}
}

/** Resident set size of a process in kB (from /proc/<pid>/status), or undefined off Linux. */
export function rssKb(pid: number): number | undefined {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) : undefined;
	} catch {
		return undefined;
	}
}

/** Pids of the children of `pid` (from /proc/<pid>/task/<pid>/children), or [] when unknown. */
export function childPids(pid: number): number[] {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
