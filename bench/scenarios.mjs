// The scenarios of the benchmark, played against one server in one session: the editor's side
// of the conversation (initialize, open, type, ask) and the checks on every answer.
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspClient, RpcError } from './lsp-client.mjs';
import { clientCapabilities, uriOf } from './servers.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A scenario not applicable to a server: reported as n/a, never as a pass. */
export class NotApplicable extends Error {}

const METHOD_NOT_FOUND = -32601;

/** The empty answers: null, [], a hover without contents, a diagnostic report without items. */
function isEmpty(result) {
	if (result == null) return true;
	if (Array.isArray(result)) return result.length === 0;
	if (typeof result === 'object' && 'contents' in result) {
		const c = result.contents;
		return c == null || c === '' || (Array.isArray(c) && c.length === 0) || (typeof c === 'object' && 'value' in c && !c.value);
	}
	if (typeof result === 'object' && result.kind === 'full') return !result.items?.length;
	return false;
}

const countOf = (result) => (Array.isArray(result) ? result.length : result?.items ? result.items.length : result == null ? 0 : 1);

export class Session {
	/**
	 * Starts the server and plays initialize / initialized / didChangeConfiguration.
	 * @param {object} spec  from servers.mjs
	 * @param {string} rootPath  the workspace folder
	 */
	static async start(spec, rootPath) {
		const s = new Session();
		s.spec = spec;
		s.folders = [{ uri: uriOf(rootPath), name: basename(rootPath) }];
		s.settings = spec.settings;
		s.documents = new Map();
		s.diagnostics = new Map();
		s.client = new LspClient(spec.script, spec.args, { name: spec.title, nodeArgs: spec.nodeArgs, onRequest: (method, params) => spec.onRequest(method, params, s) });
		// work-done progress the server reports (our server: "Indexing declarations"): begun and ended tokens
		s.progress = { begun: new Set(), ended: new Set(), lastEnd: 0 };
		s.client.notificationListeners.add((method, params) => {
			if (method === 'textDocument/publishDiagnostics') s.diagnostics.set(params.uri, { version: params.version, items: params.diagnostics });
			if (method === '$/progress' && params?.value?.kind === 'begin') s.progress.begun.add(params.token);
			if (method === '$/progress' && params?.value?.kind === 'end') {
				s.progress.ended.add(params.token);
				s.progress.lastEnd = performance.now();
			}
		});
		const { result } = await s.client.request('initialize', {
			processId: process.pid,
			clientInfo: { name: 'decl-bench', version: '1' },
			locale: 'en',
			rootPath,
			rootUri: s.folders[0].uri,
			workspaceFolders: s.folders,
			capabilities: clientCapabilities,
			initializationOptions: spec.initializationOptions ?? {},
			trace: 'off',
		}, 60000).catch((err) => {
			const log = s.client.log.slice(-2).join(' / ').slice(0, 500);
			if (!s.client.exited) s.client.proc.kill('SIGKILL');
			throw new Error(`${err.message}${log ? `; server log: ${log}` : ''}`);
		});
		s.caps = result.capabilities ?? {};
		const sync = s.caps.textDocumentSync;
		s.fullSync = sync === 1 || (typeof sync === 'object' && sync.change === 1);
		s.client.notify('initialized', {});
		s.initializedAt = performance.now();
		s.client.notify('workspace/didChangeConfiguration', { settings: spec.settings });
		s.cpuStart = s.client.cpuMs();
		return s;
	}

	open(path, text) {
		const uri = uriOf(path);
		const doc = { uri, text, version: 1, lineStarts: new Map(), edits: 0 };
		this.documents.set(uri, doc);
		this.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: this.spec.languageId, version: 1, text } });
		return doc;
	}

	offsetOf(doc, { line, character }) {
		let start = doc.lineStarts.get(line);
		if (start === undefined) {
			start = 0;
			for (let l = 0; l < line; l++) start = doc.text.indexOf('\n', start) + 1;
			doc.lineStarts.set(line, start);
		}
		return start + character;
	}

	/** One keystroke at `pos`: types `x`, or deletes the `x` typed by the previous keystroke. Returns the new version. */
	keystroke(doc, pos, insert = 'x') {
		const off = this.offsetOf(doc, pos);
		const typing = doc.edits % 2 === 0;
		doc.edits++;
		let change;
		if (typing) {
			doc.text = doc.text.slice(0, off) + insert + doc.text.slice(off);
			change = { range: { start: pos, end: pos }, text: insert };
		} else {
			doc.text = doc.text.slice(0, off) + doc.text.slice(off + insert.length);
			change = { range: { start: pos, end: { line: pos.line, character: pos.character + insert.length } }, text: '' };
		}
		doc.version++;
		this.client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [this.fullSync ? { text: doc.text } : change] });
		return doc.version;
	}

	/** Any edit (used by the freshness check): replaces [start, end) on one line with `text`. */
	replace(doc, line, startChar, endChar, text) {
		const off = this.offsetOf(doc, { line, character: startChar });
		doc.text = doc.text.slice(0, off) + text + doc.text.slice(off + endChar - startChar);
		doc.version++;
		const change = { range: { start: { line, character: startChar }, end: { line, character: endChar } }, text };
		this.client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [this.fullSync ? { text: doc.text } : change] });
	}

	/** Resolves when diagnostics for `doc` at `version` (or later) are published (push) — registered before the change is sent. */
	publication(doc, version, timeoutMs = 30000) {
		return this.client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === doc.uri && (p.version == null || p.version >= version), timeoutMs);
	}

	/** Diagnostics after open: the first publication (push) or the first pull. */
	async firstDiagnostics(doc) {
		if (this.spec.diagnostics === 'pull') {
			const { result, ms } = await this.client.request('textDocument/diagnostic', { textDocument: { uri: doc.uri } });
			return { ms, count: countOf(result) };
		}
		throw new Error('firstDiagnostics for push servers goes through publication()');
	}

	async close() {
		const cpu = this.client.exited ? NaN : this.client.cpuMs() - this.cpuStart;
		const mem = this.client.exited ? { peakMB: NaN, rssMB: NaN } : this.client.memory();
		await this.client.shutdown();
		return { cpuMs: cpu, ...mem, unknownRequests: [...this.client.unknownRequests] };
	}
}

/**
 * Runs `op` repeatedly and collects its latencies: one warm-up (kept when it took over a second:
 * then every run is costly and the budget matters more), then until `iterations` samples or the
 * time budget is spent, at least `min` samples. `op` returns { ms, result }.
 * Every answer is checked: an error fails the scenario, except MethodNotFound (not implemented);
 * all answers empty means not implemented; some empty, some not, is a failure.
 */
export async function measure(session, op, { iterations, budgetMs, min, expectResults = true }) {
	if (session.client.exited) throw new Error(`the server had exited (code ${session.client.exited.code}, signal ${session.client.exited.signal})`);
	const samples = [];
	let empty = 0;
	let counts = 0;
	const cpu0 = session.client.cpuMs();
	const client0 = session.client.clientMs();
	const started = performance.now();
	let first;
	try {
		for (let i = 0; ; i++) {
			const { ms, result } = await op(i);
			if (isEmpty(result)) empty++;
			counts += countOf(result);
			if (i === 0) {
				first = ms;
				if (ms > 1000) samples.push(ms);
			} else {
				samples.push(ms);
			}
			if (samples.length >= iterations) break;
			if (samples.length >= min && performance.now() - started > budgetMs) break;
		}
	} catch (err) {
		if (err instanceof RpcError && err.code === METHOD_NOT_FOUND) throw new NotApplicable(`not implemented (${err.message})`);
		throw err;
	}
	const runs = samples.length + (first > 1000 ? 0 : 1);
	if (expectResults && empty === runs) throw new NotApplicable('not implemented (every answer was empty)');
	if (expectResults && empty > 0) throw new Error(`${empty} of ${runs} answers were empty`);
	return { samples, first, cpuPerOpMs: (session.client.cpuMs() - cpu0) / runs, clientPerOpMs: (session.client.clientMs() - client0) / runs, meanCount: counts / runs };
}

/** Throws NotApplicable when the server does not advertise the capability. */
export function need(session, capability) {
	if (!session.caps[capability]) throw new NotApplicable(`not implemented (no ${capability})`);
}

/** Starts a session; when the server does not start or answer initialize, records the failure. */
async function startOrRecord(spec, rootPath, tag, record) {
	try {
		return await Session.start(spec, rootPath);
	} catch (err) {
		record(tag('start'), { status: 'fail', reason: err.message });
		return null;
	}
}

/** Runs one measurement and records its outcome: ok with its figures, n/a when not implemented, or a failure. */
function runner(record) {
	return async (key, fn) => {
		try {
			record(key, { status: 'ok', ...(await fn()) });
		} catch (err) {
			record(key, err instanceof NotApplicable ? { status: 'na', reason: err.message } : { status: 'fail', reason: err.message });
		}
	};
}

/**
 * The single-document scenarios: open, keystroke → outline, keystroke → diagnostics, hover,
 * definition, references, a freshness check of the outline. `record(key, outcome)` collects.
 */
export async function documentScenarios(spec, doc, size, opts, record) {
	const kind = spec.kind;
	const tag = (name) => `${name}@${size}`;
	const session = await startOrRecord(spec, doc.roots[kind], tag, record);
	if (!session) return;
	const run = runner(record);
	try {
		const push = spec.diagnostics === 'push';
		const opened = performance.now();
		const firstPub = push ? session.publication({ uri: uriOf(doc.paths[kind]) }, 1, 60000) : null;
		const d = session.open(doc.paths[kind], doc.texts[kind]);
		await run(tag('open-diagnostics'), async () => {
			if (push) {
				const { params, at } = await firstPub;
				return { samples: [at - opened], meanCount: params.diagnostics.length };
			}
			const { ms, count } = await session.firstDiagnostics(d);
			return { samples: [ms], meanCount: count };
		});
		const edit = doc.targets.edit[kind];

		await run(tag('outline'), async () => {
			need(session, 'documentSymbolProvider');
			return measure(session, async () => {
				const started = performance.now();
				session.keystroke(d, edit);
				const { result } = await session.client.request('textDocument/documentSymbol', { textDocument: { uri: d.uri } });
				return { ms: performance.now() - started, result };
			}, opts);
		});

		await run(tag('outline-fresh'), async () => {
			need(session, 'documentSymbolProvider');
			if (opts.heavy && kind === 'md') throw new NotApplicable('skipped at this size');
			// rename a heading and look for the new name in the next outline
			const h = doc.targets.heading;
			const line = d.text.split('\n', h[kind].line + 1)[h[kind].line];
			const at = line.indexOf(h.name) + h.name.length;
			session.replace(d, h[kind].line, at, at, ' Zeta');
			const { result } = await session.client.request('textDocument/documentSymbol', { textDocument: { uri: d.uri } });
			const names = [];
			const walk = (list) => {
				for (const s of list ?? []) {
					names.push(s.name);
					walk(s.children);
				}
			};
			walk(result);
			session.replace(d, h[kind].line, at, at + 5, '');
			if (!names.some((n) => n.includes(`${h.name} Zeta`))) throw new Error(`the outline after renaming "${h.name}" does not show the new name`);
			return { samples: [], note: 'fresh' };
		});

		await run(tag('diagnostics'), async () => {
			if (push) {
				// let a publication for the last edit (debounced) go out before measuring
				await session.publication(d, d.version, 5000).catch(() => {});
				await sleep(50);
				return measure(session, async () => {
					const version = d.version + 1;
					const pub = session.publication(d, version);
					const started = performance.now();
					session.keystroke(d, edit);
					const { params, at } = await pub;
					return { ms: at - started, result: params.diagnostics };
				}, { ...opts, expectResults: false });
			}
			need(session, 'diagnosticProvider');
			return measure(session, async () => {
				const started = performance.now();
				session.keystroke(d, edit);
				const { result } = await session.client.request('textDocument/diagnostic', { textDocument: { uri: d.uri } });
				return { ms: performance.now() - started, result };
			}, { ...opts, expectResults: false });
		});

		const ask = async (key, capability, method, position, extra = {}) => {
			await run(tag(key), async () => {
				need(session, capability);
				if (!position) throw new NotApplicable('no target in the generated text');
				return measure(session, async () => {
					const { result, ms } = await session.client.request(method, { textDocument: { uri: d.uri }, position, ...extra });
					return { ms, result };
				}, opts);
			});
		};
		// hover: a term use (ours); Markdown hovers only image and video links, so an image link
		const hoverAt = kind === 'md' ? doc.targets.image.md : doc.targets.use?.decl;
		await ask('hover', 'hoverProvider', 'textDocument/hover', hoverAt);
		await ask('definition', 'definitionProvider', 'textDocument/definition', doc.targets.wiki?.[kind]);
		await ask('references', 'referencesProvider', 'textDocument/references', doc.targets.wiki?.[kind], { context: { includeDeclaration: true } });
	} finally {
		const end = await session.close();
		record(tag('memory'), { status: Number.isNaN(end.peakMB) ? 'fail' : 'ok', reason: Number.isNaN(end.peakMB) ? 'the server exited' : undefined, samples: [end.peakMB], cpuMs: end.cpuMs, unknownRequests: end.unknownRequests });
	}
}

/**
 * The workspace scenarios: time from `initialized` until workspace symbols answer for the last
 * and a middle document (so the whole workspace is indexed), workspace symbol queries, references
 * to a glossary term across the workspace, peak memory.
 */
export async function workspaceScenarios(spec, ws, size, opts, record) {
	const kind = spec.kind;
	const tag = (name) => `${name}@${size}`;
	const session = await startOrRecord(spec, ws.roots[kind], tag, record);
	if (!session) return;
	const run = runner(record);
	try {
		await run(tag('index'), async () => {
			need(session, 'workspaceSymbolProvider');
			let polls = 0;
			let answered = 0;
			for (const probe of ws.probes) {
				for (;;) {
					polls++;
					const { result } = await session.client.request('workspace/symbol', { query: probe }, opts.indexTimeoutMs);
					if (Array.isArray(result) && result.length) answered++;
					if (Array.isArray(result) && result.some((s) => s.name.includes(probe))) break;
					if (performance.now() - session.initializedAt > opts.indexTimeoutMs) {
						const msg = `"${probe}" not found by workspace/symbol within ${opts.indexTimeoutMs / 1000} s of initialized`;
						if (!answered) throw new NotApplicable(`not implemented (${polls} answers, all empty: ${msg})`);
						throw new Error(msg);
					}
					await sleep(20);
				}
			}
			return { samples: [performance.now() - session.initializedAt], meanCount: polls, cpuMs: session.client.cpuMs() - session.cpuStart, clientMs: session.client.clientMs(), note: `${polls} queries` };
		});

		// a server that reports its indexing progress has finished indexing when every progress it began has ended:
		// the time from initialized to that end is recorded, and the queries below are measured after it
		await run(tag('index-complete'), async () => {
			const p = session.progress;
			if (p.begun.size === 0) throw new NotApplicable('reports no work-done progress');
			const deadline = performance.now() + opts.indexTimeoutMs;
			while ([...p.begun].some((t) => !p.ended.has(t))) {
				if (performance.now() > deadline) throw new Error(`indexing progress not ended within ${opts.indexTimeoutMs / 1000} s`);
				await sleep(20);
			}
			return { samples: [p.lastEnd - session.initializedAt], meanCount: p.begun.size, note: 'progress ended' };
		});

		const queries = ws.queries;
		await run(tag('workspace-symbol'), async () => {
			need(session, 'workspaceSymbolProvider');
			return measure(session, async (i) => {
				const { result, ms } = await session.client.request('workspace/symbol', { query: queries[i % queries.length] });
				return { ms, result };
			}, opts);
		});

		await run(tag('glossary-references'), async () => {
			need(session, 'referencesProvider');
			const d = session.open(ws.glossary.paths[kind], ws.glossary.texts[kind]);
			const position = ws.glossary.def[kind];
			return measure(session, async () => {
				const { result, ms } = await session.client.request('textDocument/references', { textDocument: { uri: d.uri }, position, context: { includeDeclaration: true } }, opts.indexTimeoutMs);
				return { ms, result };
			}, opts);
		});
	} finally {
		const end = await session.close();
		record(tag('ws-memory'), { status: Number.isNaN(end.peakMB) ? 'fail' : 'ok', reason: Number.isNaN(end.peakMB) ? 'the server exited' : undefined, samples: [end.peakMB], cpuMs: end.cpuMs, unknownRequests: end.unknownRequests });
	}
}
