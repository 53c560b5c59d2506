// The two servers under test and what an editor does for each: how to start it, the settings it
// is sent, the requests it makes of its client and how its diagnostics are obtained.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { NULL } from './lsp-client.mjs';

export const uriOf = (path) => pathToFileURL(path).href;

/** What a recent VS Code tells a server it can do (the parts these servers look at). */
export const clientCapabilities = {
	general: { positionEncodings: ['utf-16'] },
	window: { workDoneProgress: true, showMessage: {}, showDocument: { support: true } },
	workspace: {
		applyEdit: true,
		configuration: true,
		workspaceFolders: true,
		didChangeConfiguration: { dynamicRegistration: true },
		didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
		symbol: { dynamicRegistration: true, symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => i + 1) }, resolveSupport: { properties: ['location.range'] } },
		diagnostics: { refreshSupport: true },
		workspaceEdit: { documentChanges: true },
	},
	textDocument: {
		synchronization: { dynamicRegistration: true, didSave: true, willSave: true, willSaveWaitUntil: true },
		documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true, labelSupport: true, symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => i + 1) } },
		hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
		definition: { dynamicRegistration: true, linkSupport: true },
		references: { dynamicRegistration: true },
		publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
		diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
		completion: { dynamicRegistration: true, completionItem: { snippetSupport: true } },
		documentHighlight: { dynamicRegistration: true },
		foldingRange: { dynamicRegistration: true },
		codeAction: { dynamicRegistration: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } } },
		rename: { dynamicRegistration: true, prepareSupport: true },
	},
};

const lookup = (settings, section) => {
	if (!section) return settings;
	let v = settings;
	for (const key of section.split('.')) {
		if (v == null || typeof v !== 'object') return null;
		v = v[key];
	}
	return v ?? null;
};

/**
 * Answers the requests every server may send its client.
 * Returns undefined for a method it does not know (the client then answers MethodNotFound and
 * the report lists the method).
 */
function commonRequest(method, params, session) {
	switch (method) {
		case 'workspace/configuration':
			return params.items.map((item) => lookup(session.settings, item.section));
		case 'workspace/workspaceFolders':
			return session.folders;
		case 'client/registerCapability':
		case 'client/unregisterCapability':
		case 'window/workDoneProgress/create':
		case 'workspace/diagnostic/refresh':
		case 'workspace/semanticTokens/refresh':
		case 'workspace/inlayHint/refresh':
		case 'workspace/codeLens/refresh':
		case 'workspace/inlineValue/refresh':
		case 'window/showMessageRequest':
			return NULL;
		case 'window/showDocument':
			return { success: false };
		default:
			return undefined;
	}
}

/** The defaults of the `declaration.*` settings, from the manifest, as VS Code would send them. */
function declarationDefaults(root) {
	const settings = {};
	try {
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		const conf = manifest.contributes?.configuration ?? [];
		for (const block of Array.isArray(conf) ? conf : [conf]) {
			for (const [key, def] of Object.entries(block.properties ?? {})) {
				const path = key.split('.').slice(1);
				let node = settings;
				for (const part of path.slice(0, -1)) node = node[part] ??= {};
				node[path.at(-1)] = def.default;
			}
		}
	} catch {
		// no manifest: the server's own defaults apply
	}
	return settings;
}

/**
 * Our server: `node server/out/server.js --stdio`; diagnostics are pushed. Like our client, it
 * gets the settings in initializationOptions and through didChangeConfiguration.
 */
export function declarationServer(root, script = join(root, 'server', 'out', 'server.js')) {
	const declaration = declarationDefaults(root);
	return {
		id: 'decl',
		title: 'Declaration Documents',
		script,
		args: ['--stdio'],
		available: () => (existsSync(script) ? null : `${script} does not exist (build with node scripts/build.mjs)`),
		languageId: 'declaration',
		kind: 'decl',
		diagnostics: 'push',
		settings: { declaration },
		initializationOptions: { settings: declaration },
		onRequest: (method, params, session) => commonRequest(method, params, session),
	};
}

/**
 * VS Code's Markdown language server (vscode-langservers-extracted). It keeps no parser of its
 * own: it asks its client for markdown-it tokens (`markdown/parse`), and for the files of the
 * workspace (`markdown/findMarkdownFilesInWorkspace`, `markdown/fs/*`). This client answers as
 * VS Code's Markdown extension does (client.ts of markdown-language-features): markdown-it with
 * `html: true`, front matter masked, tokens cached for the last (uri, version) parsed, file
 * bytes sent as an array of numbers. Diagnostics are pulled (`textDocument/diagnostic`).
 */
export function markdownServer(root) {
	const script = join(root, 'node_modules', 'vscode-langservers-extracted', 'lib', 'markdown-language-server', 'node', 'main.js');
	const md = new MarkdownIt({ html: true });
	let cache = null;
	/** Front matter becomes blank lines (VS Code's engine uses markdown-it-front-matter; line numbers are kept either way). */
	const tokenize = (text) => {
		if (text.startsWith('---\n')) {
			const end = text.indexOf('\n---', 3);
			if (end > 0) {
				const close = text.indexOf('\n', end + 4);
				const head = text.slice(0, close < 0 ? text.length : close).replace(/[^\n]/g, '');
				text = head + (close < 0 ? '' : text.slice(close));
			}
		}
		return md.parse(text, {});
	};
	const walk = (dir, out) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
			const p = join(dir, entry.name);
			if (entry.isDirectory()) walk(p, out);
			else if (entry.name.endsWith('.md')) out.push(uriOf(p));
		}
		return out;
	};
	return {
		id: 'md',
		title: 'Markdown (VS Code)',
		script,
		args: ['--stdio'],
		available: () => (existsSync(script) ? null : `${script} does not exist (npm install vscode-langservers-extracted)`),
		languageId: 'markdown',
		kind: 'md',
		diagnostics: 'pull',
		settings: {
			markdown: {
				server: { log: 'off' },
				// VS Code's default is off; turned on so that there are diagnostics to measure.
				validate: {
					enabled: true,
					referenceLinks: { enabled: 'warning' },
					fragmentLinks: { enabled: 'warning' },
					fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
					ignoredLinks: [],
					unusedLinkDefinitions: { enabled: 'hint' },
					duplicateLinkDefinitions: { enabled: 'warning' },
				},
				suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'onDoubleHash' } },
				occurrencesHighlight: { enabled: false },
				preferredMdPathExtensionStyle: 'auto',
			},
		},
		clientParseMs: 0,
		onRequest(method, params, session) {
			switch (method) {
				case 'markdown/parse': {
					const started = performance.now();
					let tokens;
					if (typeof params.text === 'string') {
						tokens = tokenize(params.text);
					} else {
						const open = session.documents.get(params.uri);
						const version = open ? open.version : -1;
						if (cache && cache.uri === params.uri && cache.version === version && version >= 0) {
							tokens = cache.tokens;
						} else {
							const text = open ? open.text : readFileSync(fileURLToPath(params.uri), 'utf8');
							tokens = tokenize(text);
							cache = { uri: params.uri, version, tokens };
						}
					}
					this.clientParseMs += performance.now() - started;
					return tokens;
				}
				case 'markdown/fs/readFile':
					return Array.from(readFileSync(fileURLToPath(params.uri)));
				case 'markdown/fs/stat':
					try {
						return { isDirectory: statSync(fileURLToPath(params.uri)).isDirectory() };
					} catch {
						return NULL;
					}
				case 'markdown/fs/readDirectory':
					return readdirSync(fileURLToPath(params.uri), { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]);
				case 'markdown/findMarkdownFilesInWorkspace':
					return session.folders.flatMap((f) => walk(fileURLToPath(f.uri), []));
				case 'markdown/fs/watcher/create':
				case 'markdown/fs/watcher/delete':
					return NULL;
				default:
					return commonRequest(method, params, session);
			}
		},
	};
}
