// A minimal LSP client for the benchmark: JSON-RPC over the stdio of a server process spawned
// directly with node (no shell), so that /proc/<pid> is the server itself.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const CLK_TCK = 100;

export class RpcError extends Error {
	constructor(method, error) {
		super(`${method}: error ${error.code}: ${error.message}`);
		this.code = error.code;
	}
}

export class LspClient {
	/**
	 * @param {string} script  the server's JavaScript entry point, run with this node
	 * @param {string[]} args
	 * @param {{ onRequest?: (method: string, params: any) => any, name?: string, env?: object, nodeArgs?: string[] }} options
	 */
	constructor(script, args, { onRequest, name, env, nodeArgs = [] } = {}) {
		this.name = name ?? script;
		this.proc = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
		this.pid = this.proc.pid;
		this.nextId = 1;
		this.pending = new Map();
		this.onRequest = onRequest ?? (() => null);
		this.notificationListeners = new Set();
		this.log = [];
		this.stderr = '';
		this.unknownRequests = new Set();
		/** time spent answering the server's requests, by method (ms, n) */
		this.clientTime = {};
		this.chunks = [];
		this.buffered = 0;
		this.need = 0;
		this.exited = null;
		this.proc.stdout.on('data', (chunk) => this.#onData(chunk));
		this.proc.stderr.on('data', (chunk) => {
			this.stderr = (this.stderr + chunk).slice(-8000);
		});
		this.proc.stdin.on('error', () => {});
		// 'close', not 'exit': by then stderr has been read, so a crash report is not lost
		this.proc.on('close', (code, signal) => {
			this.exited = { code, signal };
			const why = this.stderr ? `; stderr: ${this.stderr.slice(-600)}` : this.log.length ? `; last log: ${this.log.slice(-2).join(' / ').slice(-600)}` : '';
			for (const p of this.pending.values()) p.reject(new Error(`${this.name} exited (code ${code}, signal ${signal}) while waiting for ${p.method}${why}`));
			this.pending.clear();
		});
	}

	#onData(chunk) {
		this.chunks.push(chunk);
		this.buffered += chunk.length;
		for (;;) {
			// a large message arrives in many chunks: concatenate only once it is complete
			if (this.need && this.buffered < this.need) return;
			if (!this.buffered) return;
			const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
			this.chunks = [buf];
			const headerEnd = buf.indexOf('\r\n\r\n');
			if (headerEnd < 0) {
				this.need = 0;
				return;
			}
			const m = /Content-Length:\s*(\d+)/i.exec(buf.subarray(0, headerEnd).toString('ascii'));
			if (!m) throw new Error(`${this.name}: bad header ${buf.subarray(0, headerEnd).toString('ascii')}`);
			const total = headerEnd + 4 + Number(m[1]);
			if (buf.length < total) {
				this.need = total;
				return;
			}
			this.need = 0;
			const body = buf.subarray(headerEnd + 4, total).toString('utf8');
			const rest = buf.subarray(total);
			this.chunks = rest.length ? [rest] : [];
			this.buffered = rest.length;
			this.#onMessage(JSON.parse(body));
		}
	}

	#onMessage(msg) {
		if (msg.id !== undefined && msg.method === undefined) {
			const p = this.pending.get(msg.id);
			if (!p) return;
			this.pending.delete(msg.id);
			clearTimeout(p.timer);
			if (msg.error) p.reject(new RpcError(p.method, msg.error));
			else p.resolve(msg.result);
			return;
		}
		if (msg.id !== undefined) {
			this.#answer(msg);
			return;
		}
		if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
			this.log.push(msg.params.message);
			if (this.log.length > 50) this.log.shift();
		}
		for (const l of this.notificationListeners) l(msg.method, msg.params);
	}

	async #answer(msg) {
		try {
			const started = performance.now();
			const answer = this.onRequest(msg.method, msg.params);
			const t = (this.clientTime[msg.method] ??= { n: 0, ms: 0 });
			t.n++;
			t.ms += performance.now() - started;
			let result = await answer;
			if (result === undefined) {
				this.unknownRequests.add(msg.method);
				this.#send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: `unhandled by the benchmark client: ${msg.method}` } });
				return;
			}
			if (result === NULL) result = null;
			this.#send({ jsonrpc: '2.0', id: msg.id, result });
		} catch (err) {
			this.#send({ jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: String(err?.message ?? err) } });
		}
	}

	#send(msg) {
		const body = JSON.stringify(msg);
		this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
	}

	/** Sends a request; resolves with { result, ms } (ms from send to the parsed response). */
	request(method, params, timeoutMs = 120000) {
		if (this.exited) return Promise.reject(new Error(`${this.name} has exited (code ${this.exited.code})`));
		const id = this.nextId++;
		const started = performance.now();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(id);
				reject(new Error(`${this.name}: ${method} timed out after ${timeoutMs} ms`));
			}, timeoutMs);
			this.pending.set(id, {
				method,
				timer,
				resolve: (result) => resolve({ result, ms: performance.now() - started }),
				reject,
			});
			this.#send({ jsonrpc: '2.0', id, method, params });
		});
	}

	/** Total time (ms) this client has spent answering the server's requests. */
	clientMs() {
		let ms = 0;
		for (const t of Object.values(this.clientTime)) ms += t.ms;
		return ms;
	}

	notify(method, params) {
		this.#send({ jsonrpc: '2.0', method, params });
	}

	/** Resolves with the first notification `method` whose params satisfy `test`, or rejects after timeoutMs. */
	waitFor(method, test, timeoutMs = 120000) {
		return new Promise((resolve, reject) => {
			const started = performance.now();
			const listener = (m, params) => {
				if (m !== method || !test(params)) return;
				this.notificationListeners.delete(listener);
				clearTimeout(timer);
				resolve({ params, ms: performance.now() - started, at: performance.now() });
			};
			const timer = setTimeout(() => {
				this.notificationListeners.delete(listener);
				reject(new Error(`${this.name}: no ${method} within ${timeoutMs} ms`));
			}, timeoutMs);
			this.notificationListeners.add(listener);
		});
	}

	/** Peak and current resident set (MB) of the server process, from /proc/<pid>/status. */
	memory() {
		const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
		const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
		return { peakMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
	}

	/** User + system CPU time (ms) of the server process so far, from /proc/<pid>/stat. */
	cpuMs() {
		const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// fields[0] is field 3 (state): utime is field 14, stime field 15
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
	}

	async shutdown() {
		if (this.exited) return;
		try {
			await this.request('shutdown', null, 10000);
			this.notify('exit', null);
		} catch {
			// fall through to kill
		}
		await new Promise((resolve) => {
			if (this.exited) return resolve();
			const timer = setTimeout(() => {
				this.proc.kill('SIGKILL');
				resolve();
			}, 3000);
			this.proc.on('close', () => {
				clearTimeout(timer);
				resolve();
			});
		});
	}
}

/** Return this from onRequest to answer `null` (undefined means "not handled"). */
export const NULL = Symbol('null');
