/** In-memory workspaces for the terms tests: a service over files "on disk", positions from text, edits applied. */
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { defaultConfig, type DeclarationConfig } from '../../server/src/core/config';
import { DeclarationService } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/text';

export const ROOT = 'file:///ws/';
export const BUNDLED_URI = 'file:///ext/server/glossary/bundled.decl';

export const MINI_BUNDLED = [
	'Bundled glossary',
	'',
	'Glossary',
	'',
	'UN | United Nations: United Nations, an intergovernmental organization founded in 1945.',
	'NATO: North Atlantic Treaty Organization, a military alliance founded in 1949.',
	'US | USA: United States of America, a federal republic.',
	'EU: European Union, a political and economic union of European states.',
	'UN Charter: the founding treaty of the UN, signed in 1945.',
	'WFTU: World Federation of Trade Unions, founded in Paris in 1945.',
	'',
].join('\n');

export interface Ws {
	readonly service: DeclarationService;
	readonly files: Record<string, string>;
	uri(file: string): string;
	file(uri: string): string;
	pos(file: string, needle: string, occurrence?: number, delta?: number): Position;
	/** The text a range covers in a file (or in the bundled glossary). */
	textAt(uri: string, range: { start: Position; end: Position }): string;
	write(file: string, text: string): void;
	remove(file: string): void;
	configure(config: Partial<DeclarationConfig>): void;
}

export function makeWs(files: Record<string, string>, options: { bundled?: string | false; config?: Partial<DeclarationConfig>; open?: readonly string[] } = {}): Ws {
	const bundledText = options.bundled === false ? undefined : options.bundled ?? MINI_BUNDLED;
	const service = new DeclarationService({
		config: { ...defaultConfig, ...options.config },
		bundledGlossary: bundledText === undefined ? undefined : { uri: BUNDLED_URI, text: bundledText },
	});
	service.index.setFolders([ROOT]);
	const current: Record<string, string> = { ...files };
	for (const [name, text] of Object.entries(files)) {
		if (options.open?.includes(name)) service.index.setOpen(ROOT + name, 1, text);
		else service.index.setDisk(ROOT + name, text);
	}
	const ws: Ws = {
		service,
		files: current,
		uri: (file) => ROOT + file,
		file: (uri) => (uri === BUNDLED_URI ? '<bundled>' : uri.slice(ROOT.length)),
		pos(file, needle, occurrence = 1, delta = 1) {
			const text = current[file];
			let at = -1;
			for (let i = 0; i < occurrence; i++) {
				at = text.indexOf(needle, at + 1);
				if (at < 0) throw new Error(`${needle} occurs fewer than ${occurrence} times in ${file}`);
			}
			return LineIndex.of(text).positionAt(at + delta);
		},
		textAt(uri, range) {
			const text = uri === BUNDLED_URI ? bundledText ?? '' : current[ws.file(uri)];
			const li = LineIndex.of(text);
			return text.slice(li.offsetAt(range.start), li.offsetAt(range.end));
		},
		write(file, text) {
			current[file] = text;
			service.index.setDisk(ROOT + file, text);
		},
		remove(file) {
			delete current[file];
			service.index.deleteDisk(ROOT + file);
		},
		configure(config) {
			service.configure({ ...service.config, ...config });
		},
	};
	return ws;
}

/** Applies text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
	const li = LineIndex.of(text);
	const spans = edits.map((e) => ({ start: li.offsetAt(e.range.start), end: li.offsetAt(e.range.end), text: e.newText }));
	spans.sort((a, b) => b.start - a.start || b.end - a.end);
	let out = text;
	for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
	return out;
}

/** Applies a workspace edit to the files of a workspace (by file name); returns the new files. */
export function applyWorkspaceEdit(ws: Ws, edit: WorkspaceEdit): Record<string, string> {
	const out: Record<string, string> = { ...ws.files };
	for (const [uri, edits] of Object.entries(edit.changes ?? {})) out[ws.file(uri)] = applyEdits(out[ws.file(uri)], edits);
	for (const c of edit.documentChanges ?? []) {
		if ('kind' in c) {
			if (c.kind === 'create') {
				const f = ws.file(c.uri);
				if (out[f] === undefined || c.options?.overwrite) out[f] = '';
			} else throw new Error(`unexpected ${c.kind}`);
		} else {
			const f = ws.file(c.textDocument.uri);
			if (out[f] === undefined) throw new Error(`edit of a file that does not exist: ${f}`);
			out[f] = applyEdits(out[f], c.edits as TextEdit[]);
		}
	}
	return out;
}
