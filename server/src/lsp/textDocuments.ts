/**
 * The open documents' text, kept in step with the editor's (`textDocument/didChange`).
 *
 * `TextDocument.update` (vscode-languageserver-textdocument 1.0.x) updates its line offsets from
 * the inserted text alone, so an edit that joins a CR and an LF into one CRLF (typing a line break
 * after a lone CR, deleting what stood between them) leaves a stale line table: every later
 * position is read one line off and the server's copy of the text drifts from the editor's (found
 * by the property tests, issue 8). `updateTextDocument` applies the changes one at a time and
 * rebuilds the line table whenever a change joins a CR and an LF at one of its edges.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

export function updateTextDocument(doc: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): TextDocument {
	let current = doc;
	for (const change of changes) {
		if (!('range' in change)) {
			current = TextDocument.update(current, [change], version);
			continue;
		}
		const text = current.getText();
		let start = current.offsetAt(change.range.start);
		let end = current.offsetAt(change.range.end);
		if (start > end) [start, end] = [end, start];
		const joins = joinsCrLf(text, start, end, change.text);
		current = TextDocument.update(current, [change], version);
		if (joins) current = TextDocument.create(current.uri, current.languageId, version, current.getText());
	}
	return current;
}

/** True when replacing `text[start, end)` by `insert` puts a CR right before an LF across an edge of the change. */
export function joinsCrLf(text: string, start: number, end: number, insert: string): boolean {
	const before = text.charCodeAt(start - 1);
	const after = text.charCodeAt(end);
	const first = insert.length > 0 ? insert.charCodeAt(0) : after;
	const last = insert.length > 0 ? insert.charCodeAt(insert.length - 1) : before;
	return (before === 13 && first === 10) || (last === 13 && after === 10);
}
