// `declaration.onEnter`: Enter in a list item starts the next item (`3.` -> `4.`, `(c)` -> `(d)`,
// same bullet), Enter on an empty item ends the list. Bound to Enter only in declaration
// documents (see package.json `keybindings`); anything else falls back to the editor's own Enter,
// which still applies language-configuration.json `onEnterRules`.
import * as vscode from 'vscode';
import { computeEnter } from './onEnter';

/** How many lines above the cursor are looked at to tell the letter `(i)` from the roman one. */
const CONTEXT_LINES = 60;

export function registerOnEnter(context: vscode.ExtensionContext): void {
	context.subscriptions.push(vscode.commands.registerTextEditorCommand('declaration.onEnter', (editor) => onEnter(editor)));
}

function typeNewline(): Thenable<unknown> {
	return vscode.commands.executeCommand('type', { source: 'keyboard', text: '\n' });
}

async function onEnter(editor: vscode.TextEditor): Promise<void> {
	const { document, selections } = editor;
	if (selections.length !== 1 || !selections[0].isEmpty || document.languageId !== 'declaration') {
		await typeNewline();
		return;
	}
	const cursor = selections[0].active;
	const line = document.lineAt(cursor.line);
	const preceding: string[] = [];
	for (let i = Math.max(0, cursor.line - CONTEXT_LINES); i < cursor.line; i++) preceding.push(document.lineAt(i).text);
	const action = computeEnter(line.text, cursor.character, preceding);

	switch (action.kind) {
		case 'default':
			await typeNewline();
			return;
		case 'end': {
			const ok = await editor.edit((edit) => edit.replace(line.range, action.replacement), { undoStopBefore: true, undoStopAfter: true });
			if (ok) {
				const end = new vscode.Position(cursor.line, action.replacement.length);
				editor.selection = new vscode.Selection(end, end);
			}
			return;
		}
		case 'continue': {
			const replaced = new vscode.Range(cursor, cursor.translate(0, action.deleteCount));
			const ok = await editor.edit((edit) => edit.replace(replaced, action.text), { undoStopBefore: true, undoStopAfter: false });
			if (ok) {
				const lines = action.text.split('\n');
				const end = new vscode.Position(cursor.line + lines.length - 1, lines[lines.length - 1].length);
				editor.selection = new vscode.Selection(end, end);
				editor.revealRange(new vscode.Range(end, end));
			}
			return;
		}
	}
}
