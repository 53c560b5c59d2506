// Axis navigation (`declaration.nextAxis`, `declaration.previousAxis`, `declaration.goToAxis`) and
// the `declaration.showReferences` command used by the server's "N references" code lenses.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AxesRequest, type AxisInfo } from './protocol';

interface Axis {
	info: AxisInfo;
	range: vscode.Range;
	selectionRange: vscode.Range;
}

export function registerAxisCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
	context.subscriptions.push(
		vscode.commands.registerTextEditorCommand('declaration.nextAxis', (editor) => step(editor, getClient(), 1)),
		vscode.commands.registerTextEditorCommand('declaration.previousAxis', (editor) => step(editor, getClient(), -1)),
		vscode.commands.registerTextEditorCommand('declaration.goToAxis', (editor) => goToAxis(editor, getClient())),
		vscode.commands.registerCommand('declaration.showReferences', showReferences),
	);
}

/** Asks the server for the document's axes and points; undefined (after telling the user) when it cannot answer. */
async function fetchAxes(client: LanguageClient | undefined, document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<Axis[] | undefined> {
	if (document.languageId !== 'declaration') return undefined;
	if (!client || !client.isRunning()) {
		void vscode.window.showWarningMessage('Declaration Documents: the language server is not running.', 'Restart Server').then((choice) => {
			if (choice) void vscode.commands.executeCommand('declaration.restartServer');
		});
		return undefined;
	}
	try {
		const result = await client.sendRequest(AxesRequest.type, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } }, token);
		const p2c = client.protocol2CodeConverter;
		return (result?.axes ?? []).map((info) => ({ info, range: p2c.asRange(info.range), selectionRange: p2c.asRange(info.selectionRange ?? info.range) }));
	} catch (error) {
		if (token?.isCancellationRequested) return undefined;
		client.error(`${AxesRequest.method} failed`, error);
		void vscode.window.showErrorMessage(`Declaration Documents: could not get the axes of this document (${error instanceof Error ? error.message : String(error)}).`);
		return undefined;
	}
}

/** The axes proper (depth 0); when the server reports none at depth 0, every item. */
function topLevel(axes: Axis[]): Axis[] {
	const top = axes.filter((a) => a.info.depth === 0);
	return top.length > 0 ? top : axes;
}

/**
 * Moves the cursor to the start of the next axis (direction 1) or of the previous one (-1).
 * "Previous" from inside an axis goes to the start of that axis, as heading navigation does.
 */
async function step(editor: vscode.TextEditor, client: LanguageClient | undefined, direction: 1 | -1): Promise<void> {
	const document = editor.document;
	const axes = await fetchAxes(client, document);
	// The user may have switched editors while the server answered: then do nothing.
	if (!axes || vscode.window.activeTextEditor?.document !== document) return;
	const list = topLevel(axes);
	const here = editor.selection.active;
	const target = direction === 1
		? list.find((a) => a.range.start.isAfter(here))
		: [...list].reverse().find((a) => a.range.start.isBefore(here));
	if (!target) {
		vscode.window.setStatusBarMessage(list.length === 0 ? 'No axes in this document' : direction === 1 ? 'No next axis' : 'No previous axis', 3000);
		return;
	}
	// The text may have changed while the server answered: keep the position inside the document.
	const position = document.validatePosition(target.range.start);
	editor.selection = new vscode.Selection(position, position);
	editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

interface AxisPick extends vscode.QuickPickItem {
	axis: Axis;
}

/** A quick pick of the document's axes and points; the editor follows the highlighted item, Escape goes back. */
async function goToAxis(editor: vscode.TextEditor, client: LanguageClient | undefined): Promise<void> {
	const document = editor.document;
	const axes = await fetchAxes(client, document);
	if (!axes) return;
	if (axes.length === 0) {
		void vscode.window.showInformationMessage('Declaration Documents: this document has no axes (no list items were found).');
		return;
	}
	const items: AxisPick[] = axes.map((axis) => {
		// Non-breaking spaces: the quick pick keeps them, so points show indented under their axis.
		const indent = '\u00a0\u00a0\u00a0\u00a0'.repeat(Math.max(0, axis.info.depth));
		const label = `${indent}${axis.info.number} ${axis.info.title}`.trimEnd();
		const description = axis.info.label ? `#${axis.info.label}` : undefined;
		return { label, description, detail: undefined, axis };
	});
	const originalSelection = editor.selection;
	const originalVisible = editor.visibleRanges[0];
	const here = originalSelection.active;
	const current = [...items].reverse().find((i) => !i.axis.range.start.isAfter(here));

	const pick = vscode.window.createQuickPick<AxisPick>();
	pick.title = 'Go to Axis';
	pick.placeholder = 'Type a number or words of the title';
	pick.matchOnDescription = true;
	pick.items = items;
	if (current) pick.activeItems = [current];
	const highlight = vscode.window.createTextEditorDecorationType({ isWholeLine: true, backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground') });

	const preview = (item: AxisPick | undefined): void => {
		if (!item) return;
		editor.setDecorations(highlight, [item.axis.range]);
		editor.revealRange(item.axis.selectionRange, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
	};
	let accepted = false;
	await new Promise<void>((resolve) => {
		const disposables: vscode.Disposable[] = [
			pick.onDidChangeActive((active) => preview(active[0])),
			pick.onDidAccept(() => {
				const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
				if (chosen) {
					accepted = true;
					const position = document.validatePosition(chosen.axis.selectionRange.start);
					editor.selection = new vscode.Selection(position, position);
					editor.revealRange(chosen.axis.selectionRange, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
				}
				pick.hide();
			}),
			pick.onDidHide(() => {
				for (const d of disposables) d.dispose();
				highlight.dispose();
				pick.dispose();
				if (!accepted && originalVisible) {
					editor.revealRange(originalVisible, vscode.TextEditorRevealType.AtTop);
					editor.selection = originalSelection;
				}
				resolve();
			}),
		];
		pick.show();
	});
}

/**
 * `declaration.showReferences(uri, position)`: the command of the server's "N references" code
 * lenses. Arguments arrive as JSON (a URI string and an LSP position), or as VS Code objects.
 */
async function showReferences(uriArg: unknown, positionArg: unknown): Promise<void> {
	const uri = uriArg instanceof vscode.Uri ? uriArg : typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : undefined;
	const pos = positionArg as { line?: unknown; character?: unknown } | undefined;
	if (!uri || !pos || typeof pos.line !== 'number' || typeof pos.character !== 'number') {
		void vscode.window.showErrorMessage('Declaration Documents: showReferences needs a document URI and a position.');
		return;
	}
	const position = new vscode.Position(pos.line, pos.character);
	const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, position)) ?? [];
	if (locations.length === 0) {
		vscode.window.setStatusBarMessage('No references found', 3000);
		return;
	}
	await vscode.commands.executeCommand('editor.action.showReferences', uri, position, locations);
}
