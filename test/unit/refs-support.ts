/** Helpers for the cross-reference tests: an in-memory workspace, positions from text, applying edits. */
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { DeclarationService } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/text';

export const FOLDER = 'file:///ws/';

export interface Ws {
	readonly service: DeclarationService;
	readonly texts: Record<string, string>;
	uri(file: string): string;
	/** The position of the `occurrence`-th `needle` in `file`, plus `delta` code units. */
	pos(file: string, needle: string, occurrence?: number, delta?: number): Position;
	/** The text a range covers in `file`. */
	text(file: string, range: Range): string;
	fileOf(uri: string): string;
}

export function makeWs(files: Record<string, string>, open: readonly string[] = Object.keys(files)): Ws {
	const service = new DeclarationService();
	service.index.setFolders([FOLDER]);
	const texts = { ...files };
	for (const [name, text] of Object.entries(files)) {
		if (open.includes(name)) service.index.setOpen(FOLDER + name, 1, text);
		else service.index.setDisk(FOLDER + name, text);
	}
	return {
		service,
		texts,
		uri: (file) => FOLDER + file,
		pos(file, needle, occurrence = 1, delta = 0) {
			const t = texts[file];
			let i = -1;
			for (let k = 0; k < occurrence; k++) {
				i = t.indexOf(needle, i + 1);
				if (i < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times in ${file}`);
			}
			return LineIndex.of(t).positionAt(i + delta);
		},
		text(file, range) {
			const li = LineIndex.of(texts[file]);
			const s = li.toSpan(range);
			return texts[file].slice(s.start, s.end);
		},
		fileOf: (uri) => uri.slice(FOLDER.length),
	};
}

/** Applies text edits as an editor does (all ranges refer to the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
	const li = LineIndex.of(text);
	const spans = edits.map((e) => ({ ...li.toSpan(e.range), newText: e.newText })).sort((a, b) => b.start - a.start);
	let out = text;
	for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
	return out;
}

/** Applies a workspace edit to the texts of a workspace (by file name); returns the changed texts. */
export function applyWorkspaceEdit(ws: Ws, edit: WorkspaceEdit | null | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [uri, edits] of Object.entries(edit?.changes ?? {})) {
		const file = ws.fileOf(uri);
		out[file] = applyEdits(ws.texts[file], edits);
	}
	return out;
}
