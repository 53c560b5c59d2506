// The editor side of the extension: the language of a file, list continuation on Enter, and the
// Next/Previous Axis commands, as a user meets them in a real workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LANGUAGE_ID, SEED, SEED_FIRST_AXIS_LINE, open, placeCursor, scratch, selectionChange, usesExtension, usesServer, waitFor, withSetting } from './helpers';

/** Puts the cursor at the end of `line`, presses Enter the way `how` says, and returns the document's lines. */
async function enterAtEndOf(editor: vscode.TextEditor, line: number, how: 'key binding' | 'typing'): Promise<string[]> {
	await placeCursor(editor, editor.document.lineAt(line).range.end);
	const before = editor.document.version;
	// The Enter key runs `declaration.onEnter` in declaration documents (package.json keybindings);
	// with `declaration.lists.continueOnEnter` off it types a newline, and onEnterRules apply.
	if (how === 'key binding') await vscode.commands.executeCommand('declaration.onEnter');
	else await vscode.commands.executeCommand('type', { text: '\n' });
	await waitFor('the edit to reach the document', () => editor.document.version, (v) => v > before, 5_000);
	return editor.document.getText().split(/\r?\n/);
}

describe('editor', () => {
	usesExtension();

	it('opens .decl and .declaration files in the declaration language', async () => {
		assert.equal((await open(SEED)).document.languageId, LANGUAGE_ID);
		assert.equal((await open('e2e-long-extension.declaration')).document.languageId, LANGUAGE_ID);
	});

	it('Enter after "• text" starts the next bullet (the Enter key binding)', async () => {
		const editor = await scratch('Title\n\n• First item\n');
		const lines = await enterAtEndOf(editor, 2, 'key binding');
		assert.equal(lines[2], '• First item');
		assert.equal(lines[3], '• ');
		await waitFor('the cursor to follow the new bullet', () => editor.selection.active, (p) => p.isEqual(new vscode.Position(3, 2)), 5_000);
	});

	it('Enter after "  • text" keeps the indentation and the marker (typing, onEnterRules)', async () => {
		const editor = await scratch('Title\n\n  • First item\n');
		const lines = await enterAtEndOf(editor, 2, 'typing');
		assert.equal(lines[3], '  • ');
	});

	it('Enter after "3. text" starts "4. "', async () => {
		const editor = await scratch('Title\n\n1. One.\n2. Two.\n3. Three.\n');
		const lines = await enterAtEndOf(editor, 4, 'key binding');
		assert.equal(lines[5], '4. ');
	});

	it('Enter on an empty bullet ends the list', async () => {
		const editor = await scratch('Title\n\n• First item\n• \n');
		const lines = await enterAtEndOf(editor, 3, 'key binding');
		assert.equal(lines[3].trim(), '', 'the empty bullet is removed');
		assert.ok(!lines.slice(3).some((l) => l.includes('•')), `no new bullet: ${JSON.stringify(lines)}`);
	});

	it('with declaration.lists.continueOnEnter off, Enter in a list still follows the language configuration', async () => {
		await withSetting('lists.continueOnEnter', false, async () => {
			const editor = await scratch('Title\n\n- First item\n');
			const lines = await enterAtEndOf(editor, 2, 'typing');
			assert.equal(lines[3], '- ');
		});
	});
});

describe('axis navigation', () => {
	usesServer();

	it('Next Axis and Previous Axis move the cursor from axis to axis in the seed', async () => {
		const editor = await open(SEED);
		const go = async (command: 'declaration.nextAxis' | 'declaration.previousAxis', expectedLine: number) => {
			const from = editor.selection.active;
			const moved = selectionChange(editor, (p) => !p.isEqual(from), `${command} to move the cursor from ${from.line}:${from.character}`);
			await vscode.commands.executeCommand(command);
			const at = await moved;
			assert.equal(at.line, expectedLine, `${command} from line ${from.line}`);
			assert.ok(at.character <= 2, `the cursor is at the start of the axis (column ${at.character})`);
		};
		// From the heading "Text of Joint Actions" (line 5), the next axis is the first of the eleven.
		await placeCursor(editor, new vscode.Position(5, 0));
		await go('declaration.nextAxis', SEED_FIRST_AXIS_LINE);
		await go('declaration.nextAxis', SEED_FIRST_AXIS_LINE + 1);
		await go('declaration.nextAxis', SEED_FIRST_AXIS_LINE + 2);
		await go('declaration.previousAxis', SEED_FIRST_AXIS_LINE + 1);
		// From inside an axis, Previous goes to the start of that axis.
		await placeCursor(editor, new vscode.Position(SEED_FIRST_AXIS_LINE + 5, 20));
		await go('declaration.previousAxis', SEED_FIRST_AXIS_LINE + 5);
		await placeCursor(editor, new vscode.Position(SEED_FIRST_AXIS_LINE + 9, 30));
		await go('declaration.nextAxis', SEED_FIRST_AXIS_LINE + 10);
	});
});
