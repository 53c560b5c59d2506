/**
 * The façade of the core: one object with one method per language feature. Every method takes
 * the document URI (or nothing) first and a cancellation token last, and answers in LSP data types.
 * The adapter (server/src/lsp) and the command line (server/src/cli) are its only callers.
 */
import type {
	CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentHighlight, DocumentLink, DocumentSymbol, FoldingRange,
	Hover, InlayHint, Location, Position, Range, SelectionRange, WorkspaceEdit, WorkspaceSymbol,
} from 'vscode-languageserver-types';
import { noopToken, throwIfCancelled, type CancellationToken } from './cancellation';
import { defaultConfig, type DeclarationConfig } from './config';
import { getDocumentSymbols } from './features/documentSymbols';
import { getFoldingRanges } from './features/folding';
import { getSelectionRanges } from './features/selectionRange';
import { toLspDiagnostic } from './features/diagnostics';
import { getAxes, type AxesResult } from './features/axes';
import type { CoreDiagnostic, DeclDocument, Span } from './model';
import { isTooLarge, WorkspaceIndex } from './workspace';
import { createReferencesProvider } from './refs/provider';
import { docRefs, workspaceRefs } from './refs/analysis';
import { createTermsProvider } from './terms/provider';
import { docInfo, termsOf } from './terms/state';

/** What a provider needs besides the document: the workspace, the settings, the token. */
export interface FeatureContext {
	readonly index: WorkspaceIndex;
	readonly config: DeclarationConfig;
	readonly token: CancellationToken;
	/** The bundled glossary, when the host ships one. */
	readonly bundledGlossary?: BundledGlossary;
	/**
	 * False while the first indexing of the workspace is unfinished: providers then leave out the
	 * diagnostics that depend on other documents (a reference to another document, an acronym or a
	 * glossary term defined or used elsewhere), which would be artefacts of the incomplete index.
	 * Absent means complete (hosts that index everything before asking, such as the command line).
	 */
	readonly workspaceComplete?: boolean;
}

export interface BundledGlossary {
	readonly uri: string;
	readonly text: string;
}

/** A refusal to rename, with the message the editor shows. */
export class RenameRefusal extends Error {}

/**
 * A group of language features (terms, cross-references). Every method is optional; the façade
 * asks the providers in order and takes the first answer (hover, definition, rename…) or merges
 * all answers (diagnostics, code actions, lenses, links, completions, symbols).
 */
export interface FeatureProvider {
	hover?(doc: DeclDocument, offset: number, ctx: FeatureContext): Hover | undefined;
	definition?(doc: DeclDocument, offset: number, ctx: FeatureContext): Location[] | undefined;
	references?(doc: DeclDocument, offset: number, includeDeclaration: boolean, ctx: FeatureContext): Location[] | undefined;
	highlights?(doc: DeclDocument, offset: number, ctx: FeatureContext): DocumentHighlight[] | undefined;
	/** Throws RenameRefusal where the position is a rename target that cannot be renamed. */
	prepareRename?(doc: DeclDocument, offset: number, ctx: FeatureContext): { range: Range; placeholder: string } | undefined;
	rename?(doc: DeclDocument, offset: number, newName: string, ctx: FeatureContext): WorkspaceEdit | undefined;
	completions?(doc: DeclDocument, offset: number, ctx: FeatureContext): CompletionItem[] | undefined;
	diagnostics?(doc: DeclDocument, ctx: FeatureContext): CoreDiagnostic[];
	codeActions?(doc: DeclDocument, span: Span, diagnostics: readonly Diagnostic[], ctx: FeatureContext): CodeAction[];
	codeLenses?(doc: DeclDocument, ctx: FeatureContext): CodeLens[];
	inlayHints?(doc: DeclDocument, span: Span, ctx: FeatureContext): InlayHint[];
	documentLinks?(doc: DeclDocument, ctx: FeatureContext): DocumentLink[];
	workspaceSymbols?(query: string, ctx: FeatureContext): WorkspaceSymbol[];
	/** Edits that keep references right when files are renamed (`workspace/willRenameFiles`). */
	willRenameFiles?(files: readonly { oldUri: string; newUri: string }[], ctx: FeatureContext): WorkspaceEdit | undefined;
}

export interface DeclarationServiceOptions {
	readonly index?: WorkspaceIndex;
	readonly config?: DeclarationConfig;
	readonly bundledGlossary?: BundledGlossary;
}

export class DeclarationService {
	readonly index: WorkspaceIndex;
	#config: DeclarationConfig;
	readonly #bundledGlossary?: BundledGlossary;
	readonly #providers: readonly FeatureProvider[];
	readonly #atPosition: readonly FeatureProvider[];
	#workspaceComplete = true;

	constructor(options: DeclarationServiceOptions = {}) {
		this.index = options.index ?? new WorkspaceIndex();
		this.#config = options.config ?? defaultConfig;
		this.#bundledGlossary = options.bundledGlossary;
		this.index.setParseOptions({ dateOrder: this.#config.dateOrder }, this.#config.maxDocumentSize);
		const refs = createReferencesProvider();
		const terms = createTermsProvider();
		// Completion: after `[[` only references complete, so they are asked first.
		this.#providers = [refs, terms];
		// A position: terms answer only where a defined term stands (never inside a reference, a wiki
		// link or a label), so they are asked first; references then take the rest of an axis's
		// first line or a heading as the axis or heading itself.
		this.#atPosition = [terms, refs];
	}

	get config(): DeclarationConfig {
		return this.#config;
	}

	/** Applies new settings; documents are re-parsed lazily when parsing options changed. */
	configure(config: DeclarationConfig): void {
		const old = this.#config;
		this.#config = config;
		if (old.dateOrder !== config.dateOrder || old.maxDocumentSize !== config.maxDocumentSize) {
			this.index.setParseOptions({ dateOrder: config.dateOrder }, config.maxDocumentSize);
		}
	}

	/** Whether the index holds the whole workspace (the adapter sets it false while the first indexing runs). */
	get workspaceComplete(): boolean {
		return this.#workspaceComplete;
	}

	set workspaceComplete(value: boolean) {
		this.#workspaceComplete = value;
	}

	/** The context the providers get; also for hosts that call a feature module directly (the CLI's `terms` listing). */
	context(token: CancellationToken = noopToken): FeatureContext {
		return { index: this.index, config: this.#config, token, bundledGlossary: this.#bundledGlossary, workspaceComplete: this.#workspaceComplete };
	}

	#first<T>(uri: string, token: CancellationToken, ask: (p: FeatureProvider, doc: DeclDocument, ctx: FeatureContext) => T | undefined, providers = this.#atPosition): T | undefined {
		const doc = this.index.get(uri);
		if (!doc || isTooLarge(doc)) return undefined; // declined documents are not analysed (issue 8)
		const ctx = this.context(token);
		for (const p of providers) {
			throwIfCancelled(token);
			const r = ask(p, doc, ctx);
			if (r !== undefined) return r;
		}
		return undefined;
	}

	#all<T>(uri: string, token: CancellationToken, ask: (p: FeatureProvider, doc: DeclDocument, ctx: FeatureContext) => readonly T[] | undefined): T[] {
		const doc = this.index.get(uri);
		if (!doc || isTooLarge(doc)) return [];
		const ctx = this.context(token);
		const out: T[] = [];
		for (const p of this.#providers) {
			throwIfCancelled(token);
			const r = ask(p, doc, ctx);
			if (r) out.push(...r);
		}
		return out;
	}

	#offset(doc: DeclDocument, position: Position): number {
		return doc.lineIndex.offsetAt(position);
	}

	/**
	 * Warms the index ahead of need: parses the given documents and computes their per-document
	 * analyses (references, term definitions and words), each cached per version. The adapter calls
	 * it in small chunks while indexing, yielding between them.
	 */
	warmDocuments(uris: readonly string[], token: CancellationToken = noopToken): void {
		for (const uri of uris) {
			throwIfCancelled(token);
			const doc = this.index.get(uri);
			if (!doc || isTooLarge(doc)) continue;
			docRefs(doc);
			docInfo(doc);
		}
	}

	/** Brings the workspace-wide structures (term uses and dictionary, reference graph) up to date, after warmDocuments. */
	warmWorkspace(token: CancellationToken = noopToken): void {
		throwIfCancelled(token);
		termsOf(this.context(token));
		throwIfCancelled(token);
		workspaceRefs(this.index);
	}

	/** The outline. */
	getDocumentSymbols(uri: string, token: CancellationToken = noopToken): DocumentSymbol[] {
		const doc = this.index.get(uri);
		return doc ? getDocumentSymbols(doc, token) : [];
	}

	getFoldingRanges(uri: string, token: CancellationToken = noopToken): FoldingRange[] {
		throwIfCancelled(token);
		const doc = this.index.get(uri);
		return doc ? getFoldingRanges(doc) : [];
	}

	getSelectionRanges(uri: string, positions: readonly Position[], token: CancellationToken = noopToken): SelectionRange[] {
		throwIfCancelled(token);
		const doc = this.index.get(uri);
		return doc ? getSelectionRanges(doc, positions) : [];
	}

	/** The axes and points of a document in order, for the client's Next/Previous Axis and Go to Axis commands. */
	getAxes(uri: string, token: CancellationToken = noopToken): AxesResult {
		throwIfCancelled(token);
		const doc = this.index.get(uri);
		return doc ? getAxes(doc) : { axes: [] };
	}

	/** Every diagnostic of a document (FORMAT.md §10), in document order. */
	getDiagnostics(uri: string, token: CancellationToken = noopToken): Diagnostic[] {
		const doc = this.index.get(uri);
		if (!doc) return [];
		const core = [...doc.diagnostics, ...this.#all(uri, token, (p, d, ctx) => p.diagnostics?.(d, ctx))];
		core.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
		return core.map((d) => toLspDiagnostic(doc, d));
	}

	getHover(uri: string, position: Position, token: CancellationToken = noopToken): Hover | null {
		return this.#first(uri, token, (p, doc, ctx) => p.hover?.(doc, this.#offset(doc, position), ctx)) ?? null;
	}

	getDefinition(uri: string, position: Position, token: CancellationToken = noopToken): Location[] | null {
		return this.#first(uri, token, (p, doc, ctx) => p.definition?.(doc, this.#offset(doc, position), ctx)) ?? null;
	}

	getReferences(uri: string, position: Position, includeDeclaration: boolean, token: CancellationToken = noopToken): Location[] {
		return this.#first(uri, token, (p, doc, ctx) => p.references?.(doc, this.#offset(doc, position), includeDeclaration, ctx)) ?? [];
	}

	getDocumentHighlights(uri: string, position: Position, token: CancellationToken = noopToken): DocumentHighlight[] {
		return this.#first(uri, token, (p, doc, ctx) => p.highlights?.(doc, this.#offset(doc, position), ctx)) ?? [];
	}

	/** Where a rename can start, or null; throws RenameRefusal with a message the user reads. */
	prepareRename(uri: string, position: Position, token: CancellationToken = noopToken): { range: Range; placeholder: string } | null {
		return this.#first(uri, token, (p, doc, ctx) => p.prepareRename?.(doc, this.#offset(doc, position), ctx)) ?? null;
	}

	rename(uri: string, position: Position, newName: string, token: CancellationToken = noopToken): WorkspaceEdit | null {
		return this.#first(uri, token, (p, doc, ctx) => p.rename?.(doc, this.#offset(doc, position), newName, ctx)) ?? null;
	}

	getCompletions(uri: string, position: Position, token: CancellationToken = noopToken): CompletionItem[] {
		return this.#first(uri, token, (p, doc, ctx) => {
			const r = p.completions?.(doc, this.#offset(doc, position), ctx);
			return r && r.length > 0 ? r : undefined;
		}, this.#providers) ?? [];
	}

	getCodeActions(uri: string, range: Range, diagnostics: readonly Diagnostic[], token: CancellationToken = noopToken): CodeAction[] {
		return this.#all(uri, token, (p, doc, ctx) => p.codeActions?.(doc, doc.lineIndex.toSpan(range), diagnostics, ctx));
	}

	getCodeLenses(uri: string, token: CancellationToken = noopToken): CodeLens[] {
		if (!this.#config.codeLens) return [];
		return this.#all(uri, token, (p, doc, ctx) => p.codeLenses?.(doc, ctx));
	}

	getInlayHints(uri: string, range: Range, token: CancellationToken = noopToken): InlayHint[] {
		if (!this.#config.inlayHints) return [];
		return this.#all(uri, token, (p, doc, ctx) => p.inlayHints?.(doc, doc.lineIndex.toSpan(range), ctx));
	}

	getDocumentLinks(uri: string, token: CancellationToken = noopToken): DocumentLink[] {
		return this.#all(uri, token, (p, doc, ctx) => p.documentLinks?.(doc, ctx));
	}

	getWorkspaceSymbols(query: string, token: CancellationToken = noopToken): WorkspaceSymbol[] {
		const ctx = this.context(token);
		const out: WorkspaceSymbol[] = [];
		for (const p of this.#providers) {
			throwIfCancelled(token);
			out.push(...(p.workspaceSymbols?.(query, ctx) ?? []));
		}
		return out;
	}

	willRenameFiles(files: readonly { oldUri: string; newUri: string }[], token: CancellationToken = noopToken): WorkspaceEdit | null {
		const ctx = this.context(token);
		for (const p of this.#providers) {
			const r = p.willRenameFiles?.(files, ctx);
			if (r) return r;
		}
		return null;
	}
}
