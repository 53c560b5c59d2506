/**
 * The LSP adapter: wires a connection to the core's DeclarationService. Each handler is a few
 * lines: find the document, call the façade with the token, return its answer. Every handler is
 * wrapped so that one failing request never brings the server down.
 */
import {
	CodeActionKind, DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType, LSPErrorCodes, ResponseError,
	TextDocumentSyncKind, TextDocuments, type CancellationToken, type Connection, type InitializeParams,
	type InitializeResult, type ServerCapabilities, type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { CancelledError } from '../core/cancellation';
import { defaultConfig, readConfig, type DeclarationConfig } from '../core/config';
import { DeclarationService, RenameRefusal } from '../core/service';
import { loadBundledGlossary } from '../node/bundledGlossary';
import { DiskWorkspace, isDeclarationPath } from './files';
import { AxesRequest } from './protocol';
import { IGNORE_FILE } from '../node/declignore';
import { updateTextDocument } from './textDocuments';

const READ_CONCURRENCY = 16;
/** Documents parsed and analysed per step of the background warm-up, between two yields to pending messages. */
const WARM_CHUNK = 16;
/** How long a cross-file request waits for the first indexing of the workspace before answering with what is known. */
const INDEX_WAIT_MS = 10_000;
const DIAGNOSTICS_DEBOUNCE_MS = 60;
/** The longest wait for diagnostics while edits keep arriving. */
const DIAGNOSTICS_MAX_DEBOUNCE_MS = 1000;
const WORKSPACE_DIAGNOSTICS_DEBOUNCE_MS = 250;

export function startServer(connection: Connection): void {
	const documents = new TextDocuments({ create: TextDocument.create, update: updateTextDocument });
	const service = new DeclarationService({ bundledGlossary: loadBundledGlossary() });
	const index = service.index;
	let folders: string[] = [];
	let config: DeclarationConfig = defaultConfig;
	let configurationCapability = false;
	let watcherRegistration = false;
	let workspaceFoldersCapability = false;
	let codeLensRefresh = false;
	let inlayHintRefresh = false;
	// `ready`: every file of the first indexing is read (cross-file requests wait for it; parsing is lazy).
	// `service.workspaceComplete`: the first indexing is read and warmed; until then diagnostics leave
	// out what depends on other documents, and the open documents are published again when it turns true.
	let indexingDone: () => void = () => undefined;
	let indexed = false;
	const ready = new Promise<void>((resolve) => {
		indexingDone = () => {
			indexed = true;
			resolve();
		};
	});
	let indexRun = 0;
	/** Set by the initialize request: before it, requests are answered with ServerNotInitialized and notifications dropped (LSP). */
	let initializeReceived = false;
	const yieldNow = (): Promise<void> => new Promise((r) => setImmediate(r));

	const log = (message: string): void => connection.console.log(message);

	/** Runs a handler safely: cancellation becomes RequestCancelled, any other error is logged and answered with `fallback`. */
	function safe<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
		return async (params: P, token: CancellationToken): Promise<R> => {
			if (!initializeReceived) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not received the initialize request');
			try {
				if (token.isCancellationRequested) throw new CancelledError();
				return await handler(params, token);
			} catch (e) {
				if (e instanceof CancelledError || token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
				if (e instanceof ResponseError) throw e;
				connection.console.error(`${name} failed: ${(e as Error)?.stack ?? e}`);
				return fallback;
			}
		};
	}

	/** Waits (bounded) for the first indexing, so that cross-file answers see the whole workspace. */
	async function indexedOrTimeout(token: CancellationToken): Promise<void> {
		if (!indexed) await Promise.race([ready, new Promise((r) => setTimeout(r, INDEX_WAIT_MS))]);
		if (token.isCancellationRequested) throw new CancelledError();
	}

	const uriOf = (p: { textDocument: { uri: string } }): string => p.textDocument.uri;

	connection.onInitialize((params: InitializeParams): InitializeResult => {
		initializeReceived = true;
		const caps = params.capabilities;
		configurationCapability = Boolean(caps.workspace?.configuration);
		watcherRegistration = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
		workspaceFoldersCapability = Boolean(caps.workspace?.workspaceFolders);
		codeLensRefresh = Boolean(caps.workspace?.codeLens?.refreshSupport);
		inlayHintRefresh = Boolean(caps.workspace?.inlayHint?.refreshSupport);
		folders = (params.workspaceFolders ?? []).map((f) => f.uri);
		if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
		if (folders.length === 0 && params.rootPath) folders = [URI.file(params.rootPath).toString()];
		index.setFolders(folders);
		service.workspaceComplete = folders.length === 0;
		const init = params.initializationOptions as { settings?: unknown } | undefined;
		if (init?.settings) applyConfig(readConfig(init.settings), false);
		const capabilities: ServerCapabilities = {
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
			documentSymbolProvider: { label: 'Declaration' },
			foldingRangeProvider: true,
			selectionRangeProvider: true,
			hoverProvider: true,
			definitionProvider: true,
			referencesProvider: true,
			documentHighlightProvider: true,
			renameProvider: { prepareProvider: true },
			completionProvider: { triggerCharacters: ['[', '#', '|'], resolveProvider: false },
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
			codeLensProvider: { resolveProvider: false },
			inlayHintProvider: true,
			documentLinkProvider: { resolveProvider: false },
			workspaceSymbolProvider: true,
			workspace: {
				workspaceFolders: { supported: true, changeNotifications: true },
				fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*.{decl,declaration}' } }] } },
			},
		};
		return { capabilities, serverInfo: { name: 'declaration-language-server', version: '0.1.0' } };
	});

	connection.onInitialized(async () => {
		if (workspaceFoldersCapability) {
			connection.workspace.onDidChangeWorkspaceFolders((e) => {
				folders = folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
				index.setFolders(folders);
				void reindex();
			});
		}
		if (watcherRegistration) {
			void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{decl,declaration}' }, { globPattern: `**/${IGNORE_FILE}` }] }).catch(() => undefined);
		}
		if (configurationCapability) await pullConfig();
		void reindex();
	});

	async function pullConfig(): Promise<void> {
		try {
			const [section] = await connection.workspace.getConfiguration([{ section: 'declaration' }]);
			applyConfig(readConfig(section), true);
		} catch (e) {
			log(`could not read settings: ${(e as Error).message}`);
		}
	}

	function applyConfig(next: DeclarationConfig, reactToChange: boolean): void {
		const old = config;
		config = next;
		service.configure(next);
		if (!reactToChange) return;
		if (JSON.stringify(old.indexExclude) !== JSON.stringify(next.indexExclude) || old.indexMaxFileSize !== next.indexMaxFileSize) void reindex();
		scheduleAllDiagnostics(0);
		// lenses, hints and semantic answers depend on the settings: ask the client to ask again
		if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
		if (inlayHintRefresh) void connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
	}

	connection.onDidChangeConfiguration(async (params) => {
		if (!initializeReceived) return;
		const settings = (params?.settings ?? {}) as Record<string, unknown>;
		if (settings && typeof settings === 'object' && 'declaration' in settings) applyConfig(readConfig(settings.declaration), true);
		else if (configurationCapability) await pullConfig();
	});

	function disk(): DiskWorkspace {
		return new DiskWorkspace({ folders, exclude: config.indexExclude, maxFileSize: config.indexMaxFileSize, log });
	}

	/**
	 * The editor's progress indicator for one indexing run ("Indexing declarations", in VS Code's
	 * status bar), for clients that support work-done progress. Indexing never waits for the client
	 * to accept it: reports made before it did are folded into the first one.
	 */
	function indexingProgress(total: number): { report(done: number, message: string): void; done(): void } {
		let reporter: WorkDoneProgressServerReporter | undefined;
		let finished = false;
		let latest: { done: number; message: string } | undefined;
		let shown = -1;
		const show = (): void => {
			if (!reporter || !latest) return;
			const percentage = total > 0 ? Math.min(100, Math.floor((latest.done * 100) / total)) : 100;
			if (percentage === shown) return;
			shown = percentage;
			reporter.report(percentage, latest.message);
		};
		connection.window.createWorkDoneProgress().then(
			(r) => {
				if (finished) return; // over before the client accepted: nothing to show
				reporter = r;
				r.begin('Indexing declarations', 0, `${total} documents`, false);
				show();
			},
			() => undefined, // the client declined: index without a progress indicator
		);
		return {
			report(done, message) {
				latest = { done, message };
				show();
			},
			done() {
				if (finished) return;
				finished = true;
				reporter?.done();
			},
		};
	}

	/**
	 * Indexes every declaration document under the workspace folders, a bounded number of reads at a
	 * time; `ready` resolves once they are read. Then warms the index in the background (parse and
	 * per-document analyses), a small chunk at a time, yielding between chunks so that requests for
	 * the open documents are answered meanwhile.
	 */
	async function reindex(): Promise<void> {
		const run = ++indexRun;
		const started = Date.now();
		const files = disk();
		let uris: string[] = [];
		try {
			uris = await files.findDocuments();
		} catch (e) {
			log(`could not list the workspace: ${(e as Error).message}`);
		}
		const wanted = new Set(uris);
		for (const uri of index.uris()) if (!wanted.has(uri) && !index.isOpen(uri)) index.deleteDisk(uri);
		// reading and analysing count half each
		const progress = indexingProgress(2 * uris.length);
		try {
			let next = 0;
			let read = 0;
			const worker = async (): Promise<void> => {
				while (next < uris.length && run === indexRun) {
					const uri = uris[next++];
					const text = await files.readDocument(uri);
					if (text === undefined) index.deleteDisk(uri);
					else {
						index.setDisk(uri, text);
						// parse while the other reads are in flight: the first workspace-wide answer
						// then waits for the slower of reading and parsing, not for both in turn
						index.get(uri);
					}
					progress.report(++read, `reading ${read}/${uris.length}`);
				}
			};
			await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, worker));
			if (run !== indexRun) return;
			log(`read ${uris.length} declaration document(s) in ${Date.now() - started} ms`);
			indexingDone();
			const current = { get isCancellationRequested() { return run !== indexRun; } };
			try {
				for (let i = 0; i < uris.length; i += WARM_CHUNK) {
					await yieldNow();
					service.warmDocuments(uris.slice(i, i + WARM_CHUNK), current);
					const warmed = Math.min(uris.length, i + WARM_CHUNK);
					progress.report(uris.length + warmed, `analysing ${warmed}/${uris.length}`);
				}
				await yieldNow();
				service.warmWorkspace(current);
			} catch (e) {
				if (e instanceof CancelledError) return; // a newer indexing run took over
				connection.console.error(`warming the index failed: ${(e as Error)?.stack ?? e}`);
			}
		} finally {
			progress.done();
		}
		if (run !== indexRun) return;
		log(`indexed ${uris.length} declaration document(s) in ${Date.now() - started} ms`);
		const wasComplete = service.workspaceComplete;
		service.workspaceComplete = true;
		// cross-file diagnostics are complete now (or the workspace changed): publish the open documents again
		scheduleAllDiagnostics(0);
		if (!wasComplete) log('workspace complete');
	}

	// ------------------------------------------------------------ documents and diagnostics

	const pending = new Map<string, NodeJS.Timeout>();
	/** Per open document: when its last edit arrived, and how long its last diagnostics pass took. */
	const typing = new Map<string, { lastEdit: number; lastDuration: number }>();
	let allTimer: NodeJS.Timeout | undefined;

	/**
	 * Computes and publishes the diagnostics of the document's current version. Yields to pending
	 * messages before parsing and again before the providers run, and gives up as soon as a newer
	 * version arrived (its own publication is scheduled): an outdated version is never computed.
	 */
	async function publish(uri: string): Promise<void> {
		const first = documents.get(uri);
		if (!first) return;
		const version = first.version;
		const outdated = (): boolean => documents.get(uri)?.version !== version;
		const started = Date.now();
		await yieldNow();
		if (outdated()) return;
		const doc = documents.get(uri);
		if (!doc) return;
		index.setOpen(uri, version, doc.getText());
		index.get(uri); // parse (or reparse) now, then let waiting requests in before the providers run
		await yieldNow();
		if (outdated()) return;
		let diagnostics: ReturnType<typeof service.getDiagnostics> = [];
		try {
			diagnostics = service.getDiagnostics(uri, { get isCancellationRequested() { return outdated(); } });
		} catch (e) {
			if (e instanceof CancelledError) return;
			connection.console.error(`diagnostics failed for ${uri}: ${(e as Error)?.stack ?? e}`);
		}
		if (outdated()) return;
		const t = typing.get(uri);
		if (t) t.lastDuration = Date.now() - started;
		void connection.sendDiagnostics({ uri, version, diagnostics });
	}

	function scheduleDiagnostics(uri: string, delay: number): void {
		clearTimeout(pending.get(uri));
		pending.set(uri, setTimeout(() => {
			pending.delete(uri);
			void publish(uri);
		}, delay));
	}

	/**
	 * After an edit: a lone keystroke waits the usual debounce; while edits keep arriving faster than
	 * that, the wait grows with the cost of the last diagnostics pass, so that the pass does not run
	 * between two keystrokes and hold up the next request.
	 */
	function scheduleAfterEdit(uri: string): void {
		const now = Date.now();
		const t = typing.get(uri) ?? { lastEdit: 0, lastDuration: 0 };
		const gap = now - t.lastEdit;
		t.lastEdit = now;
		typing.set(uri, t);
		const burst = gap < Math.max(DIAGNOSTICS_DEBOUNCE_MS, t.lastDuration);
		const delay = burst ? Math.min(DIAGNOSTICS_MAX_DEBOUNCE_MS, DIAGNOSTICS_DEBOUNCE_MS + 2 * t.lastDuration) : DIAGNOSTICS_DEBOUNCE_MS;
		scheduleDiagnostics(uri, delay);
	}

	function scheduleAllDiagnostics(delay: number): void {
		clearTimeout(allTimer);
		allTimer = setTimeout(() => {
			allTimer = undefined;
			// a document whose own publication is pending (being typed in) keeps its debounce
			for (const d of documents.all()) if (!pending.has(d.uri)) scheduleDiagnostics(d.uri, 0);
		}, delay);
	}

	documents.onDidOpen((e) => {
		index.setOpen(e.document.uri, e.document.version, e.document.getText());
		scheduleDiagnostics(e.document.uri, 0);
	});
	documents.onDidChangeContent((e) => {
		index.setOpen(e.document.uri, e.document.version, e.document.getText());
		scheduleAfterEdit(e.document.uri);
		scheduleOthers(e.document.uri);
	});
	documents.onDidClose((e) => {
		const uri = e.document.uri;
		clearTimeout(pending.get(uri));
		pending.delete(uri);
		typing.delete(uri);
		index.closeOpen(uri);
		void connection.sendDiagnostics({ uri, diagnostics: [] });
		// what is on disk counts again
		if (isDeclarationPath(uri) && uri.startsWith('file:')) {
			void disk().readDocument(uri).then((text) => (text === undefined ? index.deleteDisk(uri) : index.setDisk(uri, text)));
		}
		scheduleOthers(uri);
	});

	/** Another document changed: the open documents' cross-file diagnostics may have changed too. */
	function scheduleOthers(changed: string): void {
		if (documents.all().some((d) => d.uri !== changed)) scheduleAllDiagnostics(WORKSPACE_DIAGNOSTICS_DEBOUNCE_MS);
	}

	connection.onDidChangeWatchedFiles(async (params) => {
		if (!initializeReceived) return;
		// a changed .declignore changes what the index holds: index the workspace again
		if (params.changes.some((c) => c.uri.endsWith(`/${IGNORE_FILE}`))) {
			void reindex();
			return;
		}
		const files = disk();
		await files.loadIgnoreFiles();
		for (const change of params.changes) {
			const uri = change.uri;
			if (change.type === FileChangeType.Deleted) {
				if (isDeclarationPath(uri)) index.deleteDisk(uri);
				else for (const u of index.uris()) if (u.startsWith(uri.endsWith('/') ? uri : `${uri}/`)) index.deleteDisk(u);
				continue;
			}
			if (!isDeclarationPath(uri) || files.isExcluded(uri)) continue;
			const text = await files.readDocument(uri);
			if (text === undefined) index.deleteDisk(uri);
			else index.setDisk(uri, text);
		}
		scheduleAllDiagnostics(WORKSPACE_DIAGNOSTICS_DEBOUNCE_MS);
	});


	// ------------------------------------------------------------ requests

	connection.onDocumentSymbol(safe('documentSymbol', [], (p, token) => service.getDocumentSymbols(uriOf(p), token)));
	connection.onFoldingRanges(safe('foldingRange', [], (p, token) => service.getFoldingRanges(uriOf(p), token)));
	connection.onSelectionRanges(safe('selectionRange', [], (p, token) => service.getSelectionRanges(uriOf(p), p.positions, token)));
	connection.onRequest(AxesRequest.type, safe('declaration/axes', { axes: [] }, (p, token) => service.getAxes(uriOf(p), token)));

	connection.onHover(safe('hover', null, async (p, token) => {
		await indexedOrTimeout(token);
		return service.getHover(uriOf(p), p.position, token);
	}));
	connection.onDefinition(safe('definition', null, async (p, token) => {
		await indexedOrTimeout(token);
		return service.getDefinition(uriOf(p), p.position, token);
	}));
	connection.onReferences(safe('references', [], async (p, token) => {
		await indexedOrTimeout(token);
		return service.getReferences(uriOf(p), p.position, p.context?.includeDeclaration ?? true, token);
	}));
	connection.onDocumentHighlight(safe('documentHighlight', [], async (p, token) => {
		await indexedOrTimeout(token);
		return service.getDocumentHighlights(uriOf(p), p.position, token);
	}));
	/** A refused rename is an error the editor shows (RequestFailed with the reason), not an empty answer. */
	const refusalShown = async <R>(run: () => R | Promise<R>): Promise<R> => {
		try {
			return await run();
		} catch (e) {
			if (e instanceof RenameRefusal) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
			throw e;
		}
	};
	connection.onPrepareRename(safe('prepareRename', null, (p, token) => refusalShown(async () => {
		await indexedOrTimeout(token);
		return service.prepareRename(uriOf(p), p.position, token);
	})));
	connection.onRenameRequest(safe('rename', null, (p, token) => refusalShown(async () => {
		await indexedOrTimeout(token);
		return service.rename(uriOf(p), p.position, p.newName, token);
	})));
	connection.onCompletion(safe('completion', [], async (p, token) => {
		await indexedOrTimeout(token);
		return service.getCompletions(uriOf(p), p.position, token);
	}));
	connection.onCodeAction(safe('codeAction', [], async (p, token) => {
		await indexedOrTimeout(token);
		return service.getCodeActions(uriOf(p), p.range, p.context?.diagnostics ?? [], token);
	}));
	connection.onCodeLens(safe('codeLens', [], async (p, token) => {
		await indexedOrTimeout(token);
		return service.getCodeLenses(uriOf(p), token);
	}));
	connection.languages.inlayHint.on(safe('inlayHint', [], async (p, token) => {
		await indexedOrTimeout(token);
		return service.getInlayHints(uriOf(p), p.range, token);
	}));
	connection.onDocumentLinks(safe('documentLink', [], async (p, token) => {
		await indexedOrTimeout(token);
		return service.getDocumentLinks(uriOf(p), token);
	}));
	connection.onWorkspaceSymbol(safe('workspaceSymbol', [], async (p, token) => {
		await indexedOrTimeout(token);
		return service.getWorkspaceSymbols(typeof p?.query === 'string' ? p.query : '', token);
	}));
	connection.workspace.onWillRenameFiles(safe('willRenameFiles', null, async (p, token) => {
		await indexedOrTimeout(token);
		return service.willRenameFiles(p.files, token);
	}));

	// notifications that arrive before initialize are dropped, as LSP asks (the document store's too)
	documents.listen(untilInitialized(connection, () => initializeReceived));
	connection.listen();
}

/**
 * `connection` for the document store, with its notification handlers (`onDidOpenTextDocument`, …)
 * called only once `initialized()` is true: before the initialize request, LSP drops notifications.
 */
function untilInitialized(connection: Connection, initialized: () => boolean): Connection {
	return new Proxy(connection, {
		get(target, key, receiver) {
			const value: unknown = Reflect.get(target, key, receiver);
			if (typeof key !== 'string' || typeof value !== 'function' || !/^on(?:Did|Will)[A-Za-z]*TextDocument/.test(key)) return value;
			return (handler: (...args: unknown[]) => unknown) =>
				(value as (h: (...args: unknown[]) => unknown) => unknown).call(target, (...args: unknown[]) => (initialized() ? handler(...args) : undefined));
		},
	});
}
