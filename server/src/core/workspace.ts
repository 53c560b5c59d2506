/**
 * The workspace index: every declaration document of the workspace, open in the editor or only on
 * disk, parsed lazily and cached by version. The adapter feeds it (editor events, file reads,
 * watched-file events); features read it. Open documents win over disk.
 */
import type { DeclDocument } from './model';
import { parseDocument, reparseDocument, type ParseOptions } from './parser/parse';
import { commonPrefix, commonSuffix, splitLines, LineIndex } from './text';

/** File access, implemented by the adapter (Node `fs`) and by tests (in memory). */
export interface IWorkspaceFiles {
	/** URIs of the declaration documents under the workspace folders, minus what the settings exclude. */
	findDocuments(): Promise<string[]>;
	/** The text of a document on disk; undefined when it is gone, unreadable, too large or not text. */
	readDocument(uri: string): Promise<string | undefined>;
}

export interface Disposable {
	dispose(): void;
}

interface Entry {
	open?: { version: number; text: string };
	disk?: { version: number; text: string };
	doc?: DeclDocument;
	/** The model of the open document's previous version, while the current one is not parsed yet: its unchanged start is reused. */
	prev?: DeclDocument;
}

/** A value derived from one parsed document, computed once per document version. */
export class DocumentCache<T> {
	#map = new WeakMap<DeclDocument, T>();
	get(doc: DeclDocument, compute: (doc: DeclDocument) => T): T {
		let v = this.#map.get(doc);
		if (v === undefined) {
			v = compute(doc);
			this.#map.set(doc, v);
		}
		return v;
	}
}

export class WorkspaceIndex {
	readonly #entries = new Map<string, Entry>();
	#parseOptions: ParseOptions = {};
	#maxDocumentSize = 20_000_000;
	#generation = 0;
	#diskVersion = 0;
	#folders: string[] = [];
	readonly #listeners = new Set<(uri: string) => void>();

	/** Bumped on every change of any document: workspace-wide caches key on it. */
	get generation(): number {
		return this.#generation;
	}

	/** Workspace folder URIs (used for workspace-relative paths). */
	get folders(): readonly string[] {
		return this.#folders;
	}

	setFolders(folders: readonly string[]): void {
		this.#folders = folders.map((f) => (f.endsWith('/') ? f : `${f}/`));
		this.#changed('');
	}

	setParseOptions(options: ParseOptions, maxDocumentSize?: number): void {
		this.#parseOptions = options;
		if (maxDocumentSize !== undefined) this.#maxDocumentSize = maxDocumentSize;
		for (const e of this.#entries.values()) {
			e.doc = undefined;
			e.prev = undefined;
		}
		this.#changed('');
	}

	onDidChange(listener: (uri: string) => void): Disposable {
		this.#listeners.add(listener);
		return { dispose: () => this.#listeners.delete(listener) };
	}

	/** The editor opened or changed a document. */
	setOpen(uri: string, version: number, text: string): void {
		const e = this.#entry(uri);
		if (e.open && e.open.version === version && e.open.text === text) return;
		// keep the previous open version's model (or the one before it, when that was never parsed) for the reparse
		if (e.open && e.doc && e.doc.text === e.open.text) e.prev = e.doc;
		e.open = { version, text };
		e.doc = undefined;
		this.#changed(uri);
	}

	/** The editor closed a document: what is on disk counts again (an untitled document is forgotten). */
	closeOpen(uri: string): void {
		const e = this.#entries.get(uri);
		if (!e?.open) return;
		e.open = undefined;
		e.doc = undefined;
		e.prev = undefined;
		if (!e.disk) this.#entries.delete(uri);
		this.#changed(uri);
	}

	/** A document was read from disk (on start, or after a watched-file event). */
	setDisk(uri: string, text: string): void {
		const e = this.#entry(uri);
		if (e.disk && e.disk.text === text) return;
		e.disk = { version: --this.#diskVersion, text };
		if (!e.open) {
			e.doc = undefined;
			this.#changed(uri);
		}
	}

	/** A document was deleted on disk (or can no longer be read). */
	deleteDisk(uri: string): void {
		const e = this.#entries.get(uri);
		if (!e?.disk) return;
		e.disk = undefined;
		if (!e.open) {
			this.#entries.delete(uri);
			this.#changed(uri);
		}
	}

	isOpen(uri: string): boolean {
		return this.#entries.get(uri)?.open !== undefined;
	}

	has(uri: string): boolean {
		return this.#entries.has(uri);
	}

	uris(): string[] {
		return [...this.#entries.keys()];
	}

	get size(): number {
		return this.#entries.size;
	}

	/** The parsed document (parsed now if its current version was not parsed yet). */
	get(uri: string): DeclDocument | undefined {
		const e = this.#entries.get(uri);
		if (!e) return undefined;
		if (e.doc) return e.doc;
		const src = e.open ?? e.disk;
		if (!src) return undefined;
		const prev = e.open ? e.prev : undefined;
		e.prev = undefined;
		if (src.text.length > this.#maxDocumentSize) e.doc = tooLarge(uri, src.version, src.text, this.#maxDocumentSize);
		else if (prev && !isTooLarge(prev)) {
			// the texts agree before the change and after it: only the lines between are parsed again
			const { prefix, suffix } = textsInCommon(prev, src.text);
			e.doc = reparseDocument(prev, prefix, uri, src.version, src.text, this.#parseOptions, suffix);
			CHANGES.set(e.doc, { prev: new WeakRef(prev), prefix, suffix });
		} else e.doc = parseDocument(uri, src.version, src.text, this.#parseOptions);
		return e.doc;
	}

	/** Every indexed document, parsed (documents declined for their size left out: nothing scans them). */
	*documents(): IterableIterator<DeclDocument> {
		for (const uri of this.#entries.keys()) {
			const d = this.get(uri);
			if (d && !isTooLarge(d)) yield d;
		}
	}

	/** `folder/sub/name.decl` → `sub/name.decl` (relative to its workspace folder), or the last path segment. */
	relativePath(uri: string): string {
		for (const f of this.#folders) if (uri.startsWith(f)) return decodeURIComponent(uri.slice(f.length));
		return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
	}

	#entry(uri: string): Entry {
		let e = this.#entries.get(uri);
		if (!e) {
			e = {};
			this.#entries.set(uri, e);
		}
		return e;
	}

	#changed(uri: string): void {
		this.#generation++;
		for (const l of this.#listeners) l(uri);
	}
}

export { commonPrefix, commonSuffix };

/** For a document the index reparsed: the version it was reparsed from (weakly) and where their texts agree. */
const CHANGES = new WeakMap<DeclDocument, { readonly prev: WeakRef<DeclDocument>; readonly prefix: number; readonly suffix: number }>();

/**
 * How long a prefix and suffix the texts of `prev` and `doc` have in common (the suffix never overlaps the
 * prefix). Found once per keystroke: the index compares the texts for the reparse, and later passes over
 * the same two versions (per-block terms and references) take its answer instead of comparing again.
 */
export function textsInCommon(prev: DeclDocument, doc: DeclDocument | string): { prefix: number; suffix: number } {
	if (typeof doc !== 'string') {
		const known = CHANGES.get(doc);
		if (known && known.prev.deref() === prev) return known;
	}
	const a = prev.text;
	const b = typeof doc === 'string' ? doc : doc.text;
	const prefix = commonPrefix(a, b);
	return { prefix, suffix: commonSuffix(a, b, Math.min(a.length, b.length) - prefix) };
}

/** True for the stand-in of a document over `declaration.maxDocumentSize`: features must not scan its text. */
export function isTooLarge(doc: DeclDocument): boolean {
	return doc.diagnostics.length === 1 && doc.diagnostics[0].code === 'document-too-large';
}

/** A document over the size limit: no structure, one diagnostic that says why. */
function tooLarge(uri: string, version: number, text: string, limit: number): DeclDocument {
	const lines = splitLines(text);
	return {
		uri, version, text, masked: text, lineIndex: new LineIndex(lines, text.length), lines, comments: [],
		headings: [], rootHeadings: [], paragraphs: [], lists: [], items: [],
		diagnostics: [{
			span: { start: 0, end: Math.min(lines[0].end, 200) },
			severity: 'warning',
			code: 'document-too-large',
			message: `This document is ${(text.length / 1e6).toFixed(1)} MB, over the ${(limit / 1e6).toFixed(1)} MB limit (setting declaration.maxDocumentSize): it is not analysed.`,
		}],
	};
}
