/**
 * The terms of the whole workspace, kept current incrementally.
 *
 * - Per document version (DocumentCache): its definitions, its own dictionary, its words.
 * - The workspace dictionary (names defined in glossary sections of every document) is rebuilt only
 *   when a changed document's glossary definitions changed; the per-document contributions are
 *   kept, so a rebuild is a recombination, not a rescan.
 * - The uses of every document are matched once per document version; when the workspace's (or the
 *   bundled glossary's) names change, only the documents whose word filter holds a changed name's
 *   first word are matched again.
 * - A reverse index: for every name key at the workspace and bundled levels, the documents using it,
 *   and how often in all.
 * Documents are found through `WorkspaceIndex.onDidChange`, so a keystroke costs the work for the
 * one document typed in, never a workspace rescan.
 */
import { throwIfCancelled } from '../cancellation';
import type { FeatureContext } from '../service';
import type { DeclDocument } from '../model';
import { parseDocument } from '../parser/parse';
import { DocumentCache, isTooLarge, type WorkspaceIndex } from '../workspace';
import { findDefinitions, type TermDefinition } from './definitions';
import { Dictionary, matchUses, type Use } from './dictionary';
import { docBlocks, keepFindable, type DocBlocks } from './blocks';
import { tokenize, type Tokens, type WordFilter } from './tokens';

/** What one document version defines and holds. */
export interface DocInfo {
	readonly doc: DeclDocument;
	readonly defs: readonly TermDefinition[];
	readonly glossary: readonly TermDefinition[];
	readonly own: Dictionary;
	/**
	 * The words, tokenised when first asked for. A closed document's words are let go once its uses are
	 * matched (`releaseTokens`) and tokenised again only if it must be matched again: only its filter stays.
	 */
	readonly tokens: Tokens;
	/** May hold a word's hash (the filter of `tokens`, kept when they are let go). */
	readonly filter: WordFilter;
	/** A document open in the editor: its tokens are kept (a closed document's are let go once matched). */
	readonly byBlocks: boolean;
	releaseTokens(): void;
	/** The name keys of the glossary definitions, sorted and joined: what the workspace dictionary depends on. */
	readonly glossarySignature: string;
}

const infoCache = new DocumentCache<DocInfo>();

/**
 * The info of a document version; `open` (a document open in the editor) makes it keep its words. Words are
 * found block by block, unchanged blocks' shared with the versions before (`tokenize`).
 */
export function docInfo(doc: DeclDocument, open = false): DocInfo {
	return infoCache.get(doc, (d) => makeInfo(d, open));
}

function makeInfo(d: DeclDocument, byBlocks: boolean): DocInfo {
	const defs = findDefinitions(d);
	const glossary = defs.filter((x) => x.kind === 'glossary');
	const keys = new Set<string>();
	for (const g of glossary) for (const p of g.patterns) keys.add(p.key);
	let tokens: Tokens | undefined;
	let filter: WordFilter | undefined;
	// the blocks found for the definitions (and the references), kept until the words are: the table of latest
	// versions holds a few documents only, and indexing a workspace finds every document's definitions first
	let blocks: DocBlocks | undefined = docBlocks(d);
	return {
		doc: d,
		defs,
		glossary,
		own: new Dictionary(defs),
		get tokens(): Tokens {
			if (!tokens) {
				tokens = tokenize(d, blocks);
				blocks = undefined;
				// an open document's words (kept) hold its blocks: its next version must find them
				if (byBlocks) keepFindable(tokens.blocks);
			}
			return tokens;
		},
		get filter(): WordFilter {
			return filter ?? this.tokens.filter;
		},
		byBlocks,
		releaseTokens(): void {
			if (!tokens || byBlocks) return;
			filter ??= tokens.filter;
			tokens = undefined;
		},
		glossarySignature: [...keys].sort().join('\n'),
	};
}

interface Entry {
	readonly info: DocInfo;
	uses: Use[];
	/** Uses at levels 1 and 2 by `level|key`. */
	byKey: Map<string, Use[]>;
	/** How many uses at level 0 each key has (made when first asked for). */
	ownCounts?: Map<string, number>;
}

export interface Located {
	readonly uri: string;
	/** In text order. */
	readonly uses: readonly Use[];
}

interface Bundled {
	readonly text: string;
	readonly doc: DeclDocument;
	readonly dict: Dictionary;
}

let bundledCache: Bundled | undefined;

/** The bundled glossary parsed (once per text). */
export function bundledGlossary(ctx: FeatureContext): Bundled | undefined {
	const b = ctx.bundledGlossary;
	if (!b) return undefined;
	if (bundledCache?.text !== b.text || bundledCache.doc.uri !== b.uri) {
		const doc = parseDocument(b.uri, 0, b.text);
		bundledCache = { text: b.text, doc, dict: new Dictionary(docInfo(doc).glossary) };
	}
	return bundledCache;
}

const states = new WeakMap<WorkspaceIndex, TermsWorkspace>();

/** The terms state of an index, synchronised with it. */
export function termsOf(ctx: FeatureContext): TermsWorkspace {
	let s = states.get(ctx.index);
	if (!s) {
		s = new TermsWorkspace(ctx.index);
		states.set(ctx.index, s);
	}
	s.sync(ctx);
	return s;
}

export class TermsWorkspace {
	readonly #index: WorkspaceIndex;
	#generation = -1;
	#allDirty = true;
	readonly #dirty = new Set<string>();
	readonly #entries = new Map<string, Entry>();
	#ws: Dictionary = Dictionary.empty;
	#bundled: Bundled | undefined;
	#bundledDict: Dictionary | undefined;
	readonly #totals = new Map<string, number>();
	readonly #docsByKey = new Map<string, Set<string>>();
	/** The documents with glossary definitions. */
	readonly #glossaryUris = new Set<string>();
	/** The documents whose uses are to be matched (left by a cancelled sync). */
	readonly #pending = new Set<string>();

	constructor(index: WorkspaceIndex) {
		this.#index = index;
		index.onDidChange((uri) => {
			if (uri === '') this.#allDirty = true;
			else this.#dirty.add(uri);
		});
	}

	get workspace(): Dictionary {
		return this.#ws;
	}

	get bundled(): Bundled | undefined {
		return this.#bundledDict ? this.#bundled : undefined;
	}

	dictionaries(info: DocInfo): [Dictionary, Dictionary, Dictionary | undefined] {
		return [info.own, this.#ws, this.#bundledDict];
	}

	/** Brings the state up to date with the index and the settings. */
	sync(ctx: FeatureContext): void {
		const bundled = ctx.config.bundledGlossary ? bundledGlossary(ctx) : undefined;
		const bundledDict = bundled?.dict;
		let rematchAll = false;
		if (bundledDict !== this.#bundledDict) {
			this.#bundled = bundled;
			this.#bundledDict = bundledDict;
			rematchAll = true;
		}
		if (!rematchAll && this.#generation === this.#index.generation && !this.#allDirty && this.#dirty.size === 0) {
			this.#matchPending(ctx);
			return;
		}
		const uris = this.#allDirty ? new Set([...this.#index.uris(), ...this.#entries.keys()]) : new Set(this.#dirty);
		this.#allDirty = false;
		this.#dirty.clear();
		this.#generation = this.#index.generation;

		const changedFirst = new Set<number>();
		let glossaryChanged = false;
		const stale = this.#pending;
		for (const uri of uris) {
			const old = this.#entries.get(uri);
			const got = this.#index.get(uri);
			const doc = got && !isTooLarge(got) ? got : undefined; // a document declined for its size is not scanned
			if (!doc) {
				if (old) {
					this.#removeContribution(uri, old);
					this.#entries.delete(uri);
					this.#glossaryUris.delete(uri);
					if (old.info.glossary.length > 0) {
						glossaryChanged = true;
						for (const g of old.info.glossary) for (const p of g.patterns) changedFirst.add(p.first);
					}
				}
				continue;
			}
			if (old && old.info.doc === doc) continue;
			// an open document keeps its words; every document is tokenised and matched by blocks, unchanged blocks reused
			const info = docInfo(doc, this.#index.isOpen(uri));
			if ((old?.info.glossary.length ?? 0) > 0 || info.glossary.length > 0) glossaryChanged = true;
			if ((old?.info.glossarySignature ?? '') !== info.glossarySignature) {
				const before = new Map<string, number>();
				const after = new Map<string, number>();
				for (const g of old?.info.glossary ?? []) for (const p of g.patterns) before.set(p.key, p.first);
				for (const g of info.glossary) for (const p of g.patterns) after.set(p.key, p.first);
				for (const [k, f] of before) if (!after.has(k)) changedFirst.add(f);
				for (const [k, f] of after) if (!before.has(k)) changedFirst.add(f);
			}
			if (old) this.#removeContribution(uri, old);
			this.#entries.set(uri, { info, uses: [], byKey: new Map() });
			if (info.glossary.length > 0) this.#glossaryUris.add(uri);
			else this.#glossaryUris.delete(uri);
			stale.add(uri);
		}
		if (glossaryChanged) this.#rebuildWorkspaceDictionary();
		if (rematchAll || changedFirst.size > 0) {
			for (const [uri, e] of this.#entries) {
				if (stale.has(uri)) continue;
				if (rematchAll || [...changedFirst].some((f) => e.info.filter.has(f))) {
					this.#removeContribution(uri, e);
					stale.add(uri);
				}
			}
		}
		this.#matchPending(ctx);
	}

	/** Matches the documents waiting for it; cancellable between documents (the rest wait for the next sync). */
	#matchPending(ctx: FeatureContext): void {
		for (const uri of this.#pending) {
			throwIfCancelled(ctx.token);
			const e = this.#entries.get(uri);
			if (e) this.#match(uri, e);
			this.#pending.delete(uri);
		}
	}

	#rebuildWorkspaceDictionary(): void {
		const defs: TermDefinition[] = [];
		for (const uri of [...this.#glossaryUris].sort()) defs.push(...(this.#entries.get(uri)?.info.glossary ?? []));
		this.#ws = new Dictionary(defs);
	}

	#match(uri: string, e: Entry): void {
		const info = e.info;
		e.uses = matchUses(info.tokens, this.dictionaries(info), info.defs, info.byBlocks);
		e.ownCounts = undefined;
		// a closed document's words are needed again only if it must be matched again
		if (!this.#index.isOpen(uri)) info.releaseTokens();
		// grouped by key within each level first: the `level|key` strings are made once per key, not per use
		const byLevel = [new Map<string, Use[]>(), new Map<string, Use[]>()];
		for (const u of e.uses) {
			if (u.level === 0) continue;
			const m = byLevel[u.level - 1];
			const list = m.get(u.key);
			if (list) list.push(u);
			else m.set(u.key, [u]);
		}
		e.byKey = new Map();
		for (let level = 1; level <= 2; level++) for (const [key, list] of byLevel[level - 1]) e.byKey.set(`${level}|${key}`, list);
		for (const [k, list] of e.byKey) {
			this.#totals.set(k, (this.#totals.get(k) ?? 0) + list.length);
			let docs = this.#docsByKey.get(k);
			if (!docs) {
				docs = new Set();
				this.#docsByKey.set(k, docs);
			}
			docs.add(uri);
		}
	}

	#removeContribution(uri: string, e: Entry): void {
		for (const [k, list] of e.byKey) {
			const left = (this.#totals.get(k) ?? 0) - list.length;
			if (left > 0) this.#totals.set(k, left);
			else this.#totals.delete(k);
			const docs = this.#docsByKey.get(k);
			docs?.delete(uri);
			if (docs?.size === 0) this.#docsByKey.delete(k);
		}
		e.byKey = new Map();
		e.uses = [];
		e.ownCounts = undefined;
	}

	/** The document's info and uses (the document must be the index's current version of its URI). */
	entry(doc: DeclDocument): { info: DocInfo; uses: readonly Use[] } {
		const e = this.#entries.get(doc.uri);
		if (e && e.info.doc === doc) {
			if (this.#pending.delete(doc.uri)) this.#match(doc.uri, e);
			return e;
		}
		// not (yet) in the index: matched on the fly
		const info = docInfo(doc);
		return { info, uses: matchUses(info.tokens, this.dictionaries(info), info.defs) };
	}

	/** The definition a use resolves to in the document `info`. */
	resolve(info: DocInfo, use: Use): TermDefinition | undefined {
		const dict = use.level === 0 ? info.own : use.level === 1 ? this.#ws : this.#bundledDict;
		return dict?.winners.get(use.key);
	}

	isBundled(def: TermDefinition): boolean {
		return this.#bundled !== undefined && this.#bundledDict !== undefined && def.uri === this.#bundled.doc.uri && this.#bundledDict.winners.get(def.patterns[0].key) === def;
	}

	/** Every use of `def` in the workspace (optionally only of one of its name keys), by document in URI order, each in text order. */
	usesOf(def: TermDefinition, onlyKey?: string): Located[] {
		const keys = def.patterns.map((p) => p.key).filter((k) => onlyKey === undefined || k === onlyKey);
		const bundled = this.isBundled(def);
		const byUri = new Map<string, Use[]>();
		if (!bundled) {
			const home = this.#entries.get(def.uri);
			if (home) {
				const own = home.uses.filter((u) => u.level === 0 && keys.includes(u.key) && home.info.own.winners.get(u.key) === def);
				if (own.length > 0) byUri.set(def.uri, own);
			}
		}
		const level = bundled ? 2 : def.kind === 'glossary' ? 1 : undefined;
		if (level !== undefined) {
			const dict = level === 2 ? this.#bundledDict : this.#ws;
			for (const key of keys) {
				if (dict?.winners.get(key) !== def) continue;
				const k = `${level}|${key}`;
				for (const uri of this.#docsByKey.get(k) ?? []) {
					const uses = this.#entries.get(uri)?.byKey.get(k);
					if (!uses) continue;
					const list = byUri.get(uri);
					if (list) list.push(...uses);
					else byUri.set(uri, uses.slice());
				}
			}
		}
		const out: Located[] = [];
		for (const uri of [...byUri.keys()].sort()) {
			const uses = byUri.get(uri)!;
			if (keys.length > 1) uses.sort((a, b) => a.start - b.start);
			out.push({ uri, uses });
		}
		return out;
	}

	/** How many uses `def` has in the workspace (without listing them). */
	countUses(def: TermDefinition): number {
		let n = 0;
		const bundled = this.isBundled(def);
		const keys = def.patterns.map((p) => p.key);
		if (!bundled) {
			const home = this.#entries.get(def.uri);
			if (home) {
				if (!home.ownCounts) {
					home.ownCounts = new Map();
					for (const u of home.uses) if (u.level === 0) home.ownCounts.set(u.key, (home.ownCounts.get(u.key) ?? 0) + 1);
				}
				for (const key of keys) if (home.info.own.winners.get(key) === def) n += home.ownCounts.get(key) ?? 0;
			}
		}
		const level = bundled ? 2 : def.kind === 'glossary' ? 1 : undefined;
		if (level !== undefined) {
			const dict = level === 2 ? this.#bundledDict : this.#ws;
			for (const key of keys) if (dict?.winners.get(key) === def) n += this.#totals.get(`${level}|${key}`) ?? 0;
		}
		return n;
	}

	/** Every indexed document's info (parsed and cached). */
	*infos(): IterableIterator<DocInfo> {
		for (const e of this.#entries.values()) yield e.info;
	}
}
