// Helpers for the editor tests: documents of the fixture workspace, waiting (with a deadline, never a
// fixed sleep) for the extension and its language server, positions from text, and result flattening.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'declaration-documents.declaration-documents';
export const LANGUAGE_ID = 'declaration';
/** The seed document (examples/joint-actions-2021.decl), at the root of the fixture workspace. */
export const SEED = 'joint-actions-2021.decl';

/** The first sentences of the seed's eleven axes, in order; axis i starts on line 11 + i. */
export const SEED_AXES = [
	'Support of the struggles of the working class',
	'For protection measures against the pandemic',
	'Activities against anti-communism',
	'In solidarity with people’s mobilizations',
	'Initiatives to promote the necessity',
	'In support of Cuba, its people, and the Communist Party of Cuba',
	'With the people of Palestine',
	'Solidarity with all the peoples struggling',
	'Support for initiatives developed by pro-peace',
	'Condemnation of the preparation for new imperialist',
	'The Communist and Workers’ Parties expressed the need',
];
export const SEED_FIRST_AXIS_LINE = 11;

/** Polls `probe` until `accept` holds for its result, or fails with what it last saw after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | Thenable<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	let error: unknown;
	for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
		try {
			last = await probe();
			error = undefined;
			if (accept(last)) return last;
		} catch (e) {
			error = e;
		}
		if (Date.now() > deadline) {
			const seen = error !== undefined ? `error ${String(error)}` : JSON.stringify(last)?.slice(0, 1500);
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last saw: ${seen}`);
		}
		await new Promise((r) => setTimeout(r, delay));
	}
}

export function workspaceUri(relativePath: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the fixture workspace folder is open');
	return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** Opens a workspace file in an editor (and makes it the active one). */
export async function open(relativePath: string): Promise<vscode.TextEditor> {
	const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
	return vscode.window.showTextDocument(document, { preview: false });
}

let scratchCount = 0;
/** Writes a new document into the fixture workspace (a fresh temp folder per run) and opens it. */
export async function scratch(text: string, name = `scratch-${++scratchCount}.decl`): Promise<vscode.TextEditor> {
	await vscode.workspace.fs.writeFile(workspaceUri(name), new TextEncoder().encode(text));
	return open(name);
}

const READY_TIMEOUT_MS = 45_000;
let activation: Promise<void> | undefined;
let readiness: Promise<void> | undefined;

/** Opens the seed and activates the extension (once per run). Enough for what the client does alone. */
export function activated(): Promise<void> {
	activation ??= (async () => {
		const extension = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(extension, `extension ${EXTENSION_ID} is loaded`);
		await open(SEED);
		await extension.activate();
	})();
	return activation;
}

/** Activates the extension and waits until its language server answers: the seed's outline is not empty (once per run). */
export function ready(): Promise<void> {
	readiness ??= (async () => {
		await activated();
		const uri = workspaceUri(SEED);
		await waitFor('the language server to answer documentSymbol on the seed', () => documentSymbols(uri), (s) => s.length > 0, READY_TIMEOUT_MS);
	})();
	return readiness;
}

/** In a describe block: its tests need the extension active (client-side features). */
export function usesExtension(): void {
	before(async function () {
		this.timeout(READY_TIMEOUT_MS);
		await activated();
	});
}

/** In a describe block: its tests need the language server up. */
export function usesServer(): void {
	before(async function () {
		this.timeout(READY_TIMEOUT_MS + 5_000);
		await ready();
	});
}

export async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
	return (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
}

/** Depth-first, in document order: a symbol, then its children. */
export function flatten(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
	return symbols.flatMap((s) => [s, ...flatten(s.children)]);
}

/**
 * The next selection change of `editor` reported by the workbench whose cursor `accept`s.
 * The extension host learns of the workbench's selection asynchronously: after a command moved the
 * cursor, the echo of an earlier selection can still arrive and overwrite `editor.selection` for a
 * moment. Waiting for the workbench's own report of the new cursor avoids reading such a stale value.
 */
export function selectionChange(editor: vscode.TextEditor, accept: (p: vscode.Position) => boolean, what: string, timeoutMs = 5_000): Promise<vscode.Position> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			listener.dispose();
			reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the cursor is at ${editor.selection.active.line}:${editor.selection.active.character}`));
		}, timeoutMs);
		const listener = vscode.window.onDidChangeTextEditorSelection((e) => {
			if (e.textEditor.document !== editor.document || !accept(e.selections[0].active)) return;
			clearTimeout(timer);
			listener.dispose();
			resolve(e.selections[0].active);
		});
	});
}

/** Puts the cursor at `position` and waits until the workbench has it there. */
export async function placeCursor(editor: vscode.TextEditor, position: vscode.Position): Promise<void> {
	if (editor.selection.isEmpty && editor.selection.active.isEqual(position)) return;
	const placed = selectionChange(editor, (p) => p.isEqual(position), `the cursor to reach ${position.line}:${position.character}`);
	editor.selection = new vscode.Selection(position, position);
	await placed;
}

/** The position `delta` UTF-16 code units into the `occurrence`-th match of `needle`. */
export function positionOf(document: vscode.TextDocument, needle: string, occurrence = 1, delta = 1): vscode.Position {
	const text = document.getText();
	let index = -1;
	for (let i = 0; i < occurrence; i++) {
		index = text.indexOf(needle, index + 1);
		assert.ok(index >= 0, `"${needle}" occurs at least ${occurrence} time(s) in ${document.uri.path}`);
	}
	return document.positionAt(index + delta);
}

/** All the text of a hover result, markdown or plain. */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
	return (hovers ?? [])
		.flatMap((h) => h.contents)
		.map((c) => (typeof c === 'string' ? c : c.value))
		.join('\n');
}

/** A definition/reference result as { uri, range }, whether Location or LocationLink. */
export function target(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
	return 'targetUri' in location ? { uri: location.targetUri, range: location.targetSelectionRange ?? location.targetRange } : location;
}

/** The workspace-relative path of a URI in the fixture workspace. */
export function relative(uri: vscode.Uri): string {
	return vscode.workspace.asRelativePath(uri, false);
}

/** A diagnostic's code as a string (the code may come as { value, target }). */
export function codeOf(d: vscode.Diagnostic): string {
	return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** Changes the document's version without changing its meaning: adds or removes a trailing space on the last line. */
export async function touch(editor: vscode.TextEditor): Promise<void> {
	const last = editor.document.lineAt(editor.document.lineCount - 1);
	const ok = await editor.edit((e) => (last.text.endsWith(' ') ? e.delete(new vscode.Range(last.range.end.translate(0, -1), last.range.end)) : e.insert(last.range.end, ' ')));
	assert.ok(ok, 'the edit was applied');
}

/** Sets a `declaration.*` setting for the workspace folder, runs `body`, then restores the setting. */
export async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
	const config = vscode.workspace.getConfiguration('declaration');
	const before = config.inspect(key)?.workspaceValue;
	await config.update(key, value, vscode.ConfigurationTarget.Workspace);
	try {
		return await body();
	} finally {
		await vscode.workspace.getConfiguration('declaration').update(key, before, vscode.ConfigurationTarget.Workspace);
	}
}
