/**
 * Resolution of references (FORMAT.md §8) and the indexes the features query:
 *
 * - per document version (`docRefs`, cached): its wiki and natural references in order, the local
 *   resolution of each, its labels and slugs, and a reverse index target → referencing places;
 * - per workspace generation (`workspaceRefs`, cached on `index.generation`): document names (file
 *   stems and workspace-relative paths) → URIs, and the incoming cross-document references of each
 *   document.
 *
 * Natural references resolve within their document only: to the item with that number in the
 * reference's own section, else in the principal list, else anywhere in the document (among several
 * candidates, the shallowest, then the first in document order); `article N` resolves to the heading
 * `Article N` first, `§ N` falls back to a heading `Section N`.
 */
import type { DeclDocument, Heading, Item, Span } from '../model';
import { matchKeywordHeading, slugify, type KeywordHeading } from '../parser/headings';
import { blockText, blockWiki, docBlocks, NONE, type DocBlocks } from '../terms/blocks';
import { detach } from '../text';
import { DocumentCache, type WorkspaceIndex } from '../workspace';
import { scanNaturalRefs, type NaturalRef, type WikiRef } from './scan';

export type LocalTarget = { readonly kind: 'item'; readonly item: Item } | { readonly kind: 'heading'; readonly heading: Heading };
export type Target = (LocalTarget | { readonly kind: 'document' }) & { readonly doc: DeclDocument };
export type Ref = WikiRef | NaturalRef;

/** The result of resolving one reference. */
export type Resolution =
	| { readonly status: 'resolved'; readonly target: Target }
	| { readonly status: 'external'; readonly name: string }
	| { readonly status: 'unresolved'; readonly span: Span; readonly message: string; readonly missing: 'label' | 'document' | 'label-or-document' | 'number' | 'container'; readonly doc?: DeclDocument };

export type NaturalResult = LocalTarget | { readonly kind: 'external'; readonly name: string } | { readonly kind: 'unresolved'; readonly container: boolean };

export interface LabelIndex {
	readonly labels: ReadonlyMap<string, LocalTarget>;
	readonly slugs: ReadonlyMap<string, Heading>;
	lookup(name: string): LocalTarget | undefined;
}

export interface DocRefs {
	readonly doc: DeclDocument;
	/** Every reference, ordered by start offset. */
	readonly all: readonly Ref[];
	readonly wiki: readonly WikiRef[];
	readonly natural: readonly NaturalRef[];
	/** Local resolution of wiki references (undefined: needs the workspace, or resolves nowhere locally). */
	readonly wikiLocal: ReadonlyMap<WikiRef, LocalTarget>;
	readonly naturalResults: ReadonlyMap<NaturalRef, NaturalResult>;
	/** Wiki references that name a document, by the lower-cased name. */
	readonly byDocName: ReadonlyMap<string, readonly WikiRef[]>;
	/** Target → the references of this document that resolve to it locally. */
	readonly reverse: ReadonlyMap<Item | Heading, readonly Ref[]>;
	readonly labels: LabelIndex;
	/** The heading `Article N` (and `Section N`) by number. */
	readonly articles: ReadonlyMap<number, Heading>;
	readonly sections: ReadonlyMap<number, Heading>;
}

const cache = new DocumentCache<DocRefs>();

export function docRefs(doc: DeclDocument): DocRefs {
	return cache.get(doc, analyse);
}

/** Work done, for the tests (they count work, not time): blocks scanned for natural references. */
export const refScanWork = { blocks: 0 };

const byPosition = (a: Ref, b: Ref): number => a.span.start - b.span.start || a.span.end - b.span.end;

/** The natural references of block `b` as scanned, relative to it (they depend on where its headings' names start). */
function scanBlockNatural(blocks: DocBlocks, b: number): NaturalRef[] {
	const data = blocks.data[b];
	refScanWork.blocks++;
	const wiki = blockWiki(blocks, b);
	let w = 0;
	return scanNaturalRefs(blockText(blocks, b), (start) => {
		if (data.headingAt(start)) return true;
		while (w < wiki.length && wiki[w].span.end <= start) w++;
		return w < wiki.length && wiki[w].span.start <= start;
	});
}

function move(s: Span, by: number): Span {
	return { start: s.start + by, end: s.end + by };
}

/**
 * A wiki reference of a block that moved: the reference where the block was (`rel`) moved by `base`, each span
 * made when first read. A keystroke moves every block after it: their references are new wrappers, not new spans.
 */
class PlacedWiki implements WikiRef {
	readonly kind = 'wiki' as const;
	#span?: Span;
	#targetSpan?: Span;
	#docSpan?: Span;
	#labelSpan?: Span;
	#aliasSpan?: Span;

	constructor(readonly rel: WikiRef, readonly base: number) {}

	get span(): Span {
		return (this.#span ??= move(this.rel.span, this.base));
	}

	get target(): string {
		return this.rel.target;
	}

	get targetSpan(): Span {
		return (this.#targetSpan ??= move(this.rel.targetSpan, this.base));
	}

	get hash(): boolean {
		return this.rel.hash;
	}

	get docPart(): string {
		return this.rel.docPart;
	}

	get docSpan(): Span {
		return (this.#docSpan ??= move(this.rel.docSpan, this.base));
	}

	get labelPart(): string | undefined {
		return this.rel.labelPart;
	}

	get labelSpan(): Span | undefined {
		return this.rel.labelSpan && (this.#labelSpan ??= move(this.rel.labelSpan, this.base));
	}

	get alias(): string | undefined {
		return this.rel.alias;
	}

	get aliasSpan(): Span | undefined {
		return this.rel.aliasSpan && (this.#aliasSpan ??= move(this.rel.aliasSpan, this.base));
	}
}

/** A natural reference of a block at the document's offsets (see `PlacedWiki`). */
class PlacedNatural implements NaturalRef {
	readonly kind = 'natural' as const;
	#span?: Span;
	#keywordSpan?: Span;
	#phraseSpan?: Span;
	#digitsSpan?: Span;
	#suffixes?: readonly { readonly text: string; readonly span: Span }[];

	constructor(readonly rel: NaturalRef, readonly base: number) {}

	get span(): Span {
		return (this.#span ??= move(this.rel.span, this.base));
	}

	get keywordText(): string {
		return this.rel.keywordText;
	}

	get keyword(): NaturalRef['keyword'] {
		return this.rel.keyword;
	}

	get keywordSpan(): Span {
		return (this.#keywordSpan ??= move(this.rel.keywordSpan, this.base));
	}

	/** `keywordSpan.start`, without making the span. */
	get keywordStart(): number {
		return this.rel.keywordSpan.start + this.base;
	}

	get phraseSpan(): Span {
		return (this.#phraseSpan ??= move(this.rel.phraseSpan, this.base));
	}

	get number(): number {
		return this.rel.number;
	}

	get digitsSpan(): Span | undefined {
		return this.rel.digitsSpan && (this.#digitsSpan ??= move(this.rel.digitsSpan, this.base));
	}

	get suffixes(): readonly { readonly text: string; readonly span: Span }[] {
		return (this.#suffixes ??= this.rel.suffixes.length === 0 ? NONE : this.rel.suffixes.map((x) => ({ text: x.text, span: move(x.span, this.base) })));
	}

	get inRange(): boolean {
		return this.rel.inRange;
	}

	get external(): string | undefined {
		return this.rel.external;
	}

	get container(): number | undefined {
		return this.rel.container === undefined ? undefined : this.rel.container + this.base;
	}
}

/** Where a natural reference's keyword starts. */
function keywordStart(r: NaturalRef): number {
	return r instanceof PlacedNatural ? r.keywordStart : r.keywordSpan.start;
}

/** What a block without references holds, wherever it is. */
const NO_REFS = { base: -1, wiki: NONE as readonly WikiRef[], natural: NONE as readonly NaturalRef[], all: NONE as readonly Ref[] };

/** `r` (scanned in a block) at the document's offsets: spans made at once, strings copied off the text. */
function placeNatural(r: NaturalRef, by: number): NaturalRef {
	return {
		...r,
		span: move(r.span, by),
		keywordText: detach(r.keywordText),
		keywordSpan: move(r.keywordSpan, by),
		phraseSpan: move(r.phraseSpan, by),
		digitsSpan: r.digitsSpan && move(r.digitsSpan, by),
		suffixes: r.suffixes.map((x) => ({ text: detach(x.text), span: move(x.span, by) })),
		external: r.external === undefined ? undefined : detach(r.external),
		container: r.container === undefined ? undefined : r.container + by,
	};
}

/** `r` (a block's wiki reference, relative to it) at the document's offsets. */
function placeWiki(r: WikiRef, by: number): WikiRef {
	return {
		...r,
		span: move(r.span, by),
		targetSpan: move(r.targetSpan, by),
		docSpan: move(r.docSpan, by),
		labelSpan: r.labelSpan && move(r.labelSpan, by),
		aliasSpan: r.aliasSpan && move(r.aliasSpan, by),
	};
}

/**
 * The references of block `b` at the document's offsets; the same objects while the block stays where it is.
 * Placed as plain objects when first found; a block that moved gets wrappers over them (`PlacedWiki`,
 * `PlacedNatural`: spans made when read), so a keystroke does not re-create the references after it.
 */
function placedRefs(blocks: DocBlocks, b: number): { readonly wiki: readonly WikiRef[]; readonly natural: readonly NaturalRef[]; readonly all: readonly Ref[] } {
	const data = blocks.data[b];
	const base = blocks.starts[b];
	const was = data.placed;
	if (was?.base === base || (was && was.all.length === 0)) return was;
	let wiki: WikiRef[];
	let natural: NaturalRef[];
	if (was) {
		const by = base - was.base;
		wiki = was.wiki.map((r) => (r instanceof PlacedWiki ? new PlacedWiki(r.rel, r.base + by) : new PlacedWiki(r, by)));
		natural = was.natural.map((r) => (r instanceof PlacedNatural ? new PlacedNatural(r.rel, r.base + by) : new PlacedNatural(r, by)));
	} else {
		const found = scanBlockNatural(blocks, b);
		const wikiRel = blockWiki(blocks, b);
		if (wikiRel.length === 0 && found.length === 0) {
			data.placed = NO_REFS;
			return NO_REFS;
		}
		wiki = wikiRel.map((r) => placeWiki(r, base));
		natural = found.map((r) => placeNatural(r, base));
	}
	// in the order of the block's references sorted (the same order wherever the block is)
	const order = (data.order ??= sortOrder(wiki, natural));
	const all: Ref[] = new Array<Ref>(order.length);
	for (let k = 0; k < order.length; k++) all[k] = order[k] < wiki.length ? wiki[order[k]] : natural[order[k] - wiki.length];
	const placed = { base, wiki, natural, all };
	data.placed = placed;
	return placed;
}

/** The block's references sorted by position, as indices into its wiki references then its natural ones. */
function sortOrder(wiki: readonly WikiRef[], natural: readonly NaturalRef[]): Int32Array {
	const all: Ref[] = [...wiki, ...natural];
	const index = all.map((_, k) => k);
	// stable: references with one span keep their order (wiki ones first)
	index.sort((x, y) => byPosition(all[x], all[y]) || x - y);
	return Int32Array.from(index);
}

/** How many URIs keep their headings' keyword matches for the next version. */
const KEYWORD_MEMO_MAX = 32;
const keywordMemos = new Map<string, Map<string, KeywordHeading | undefined>>();

/**
 * `matchKeywordHeading` of heading texts, remembered from the previous version of the document: the table of a
 * version holds the texts of its own headings only, and replaces the previous version's (a bounded table by URI).
 */
function keywordMatcher(uri: string): { get(text: string): KeywordHeading | undefined } {
	const before = keywordMemos.get(uri);
	const now = new Map<string, KeywordHeading | undefined>();
	keywordMemos.delete(uri);
	keywordMemos.set(uri, now);
	if (keywordMemos.size > KEYWORD_MEMO_MAX) keywordMemos.delete(keywordMemos.keys().next().value as string);
	return {
		get(text) {
			if (now.has(text)) return now.get(text);
			const kw = before?.has(text) ? before.get(text) : matchKeywordHeading(text);
			now.set(text, kw);
			return kw;
		},
	};
}

function analyse(doc: DeclDocument): DocRefs {
	// references do not run on across a blank line: found block by block, each block's kept while it is unchanged
	const blocks = docBlocks(doc);
	const wiki: WikiRef[] = [];
	const natural: NaturalRef[] = [];
	const all: Ref[] = [];
	for (let b = 0; b < blocks.count; b++) {
		const p = placedRefs(blocks, b);
		if (p.all.length === 0) continue;
		for (const r of p.wiki) wiki.push(r);
		for (const r of p.natural) natural.push(r);
		for (const r of p.all) all.push(r);
	}
	const labels = labelIndex(doc);
	const keywords = keywordMatcher(doc.uri);
	const articles = new Map<number, Heading>();
	const sections = new Map<number, Heading>();
	for (const h of doc.headings) {
		const kw = h.keyword ?? keywords.get(h.text);
		if (kw?.value === undefined) continue;
		if (kw.kind === 'article' && !articles.has(kw.value)) articles.set(kw.value, h);
		if (kw.kind === 'section' && !sections.has(kw.value)) sections.set(kw.value, h);
	}

	const wikiLocal = new Map<WikiRef, LocalTarget>();
	const byDocName = new Map<string, WikiRef[]>();
	for (const r of wiki) {
		if (r.hash && r.docPart === '') {
			const t = labels.lookup(r.labelPart ?? '');
			if (t) wikiLocal.set(r, t);
			continue;
		}
		if (!r.hash) {
			const t = labels.lookup(r.docPart);
			if (t) {
				wikiLocal.set(r, t);
				continue;
			}
		}
		if (r.docPart === '') continue;
		const key = docNameKey(r.docPart);
		const list = byDocName.get(key);
		if (list) list.push(r);
		else byDocName.set(key, [r]);
	}

	const naturalResults = resolveNatural(doc, natural, articles, sections);
	// the reverse index is made when first asked for (code lenses, references): diagnostics do not need it
	let reverse: Map<Item | Heading, Ref[]> | undefined;
	return {
		doc, all, wiki, natural, wikiLocal, naturalResults, byDocName, labels, articles, sections,
		get reverse(): ReadonlyMap<Item | Heading, readonly Ref[]> {
			if (!reverse) {
				const m = new Map<Item | Heading, Ref[]>();
				const add = (t: LocalTarget, r: Ref): void => {
					const key = t.kind === 'item' ? t.item : t.heading;
					const list = m.get(key);
					if (list) list.push(r);
					else m.set(key, [r]);
				};
				for (const r of wiki) {
					const t = wikiLocal.get(r);
					if (t) add(t, r);
				}
				for (const r of natural) {
					const res = naturalResults.get(r);
					if (res && (res.kind === 'item' || res.kind === 'heading')) add(res, r);
				}
				reverse = m;
			}
			return reverse;
		},
	};
}

/** `normalizeDocName` of the document names written in references, remembered (bounded): a few names recur. */
const docNameKeys = new Map<string, string>();

function docNameKey(name: string): string {
	let key = docNameKeys.get(name);
	if (key === undefined) {
		if (docNameKeys.size >= 1024) docNameKeys.clear();
		key = normalizeDocName(name);
		docNameKeys.set(name, key);
	}
	return key;
}

function labelIndex(doc: DeclDocument): LabelIndex {
	const labels = new Map<string, LocalTarget>();
	const slugs = new Map<string, Heading>();
	// the labels of headings and of items, each in document order: merged, the first of a name wins
	const hs = doc.headings;
	const items = doc.items;
	let h = 0;
	let k = 0;
	for (;;) {
		while (h < hs.length && !hs[h].label) h++;
		while (k < items.length && !items[k].label) k++;
		if (h >= hs.length && k >= items.length) break;
		if (k >= items.length || (h < hs.length && hs[h].label!.span.start <= items[k].label!.span.start)) {
			const name = hs[h].label!.name;
			if (!labels.has(name)) labels.set(name, { kind: 'heading', heading: hs[h] });
			h++;
		} else {
			const name = items[k].label!.name;
			if (!labels.has(name)) labels.set(name, { kind: 'item', item: items[k] });
			k++;
		}
	}
	for (const hd of hs) if (hd.slug && !slugs.has(hd.slug)) slugs.set(hd.slug, hd);
	// the case-insensitive look-ups, made when a look-up first needs them
	let lower: Map<string, LocalTarget> | undefined;
	let lowerSlugs: Map<string, Heading> | undefined;
	const inexact = new Map<string, LocalTarget | undefined>();
	return {
		labels,
		slugs,
		lookup(name: string): LocalTarget | undefined {
			if (!name) return undefined;
			const exact = labels.get(name);
			if (exact) return exact;
			const slug = slugs.get(name);
			if (slug) return { kind: 'heading', heading: slug };
			// names not found as written are often written again (a document's name in its references)
			if (inexact.has(name)) return inexact.get(name);
			if (!lower || !lowerSlugs) {
				lower = new Map();
				for (const [n, t] of labels) {
					const l = n.toLowerCase();
					if (!lower.has(l)) lower.set(l, t);
				}
				lowerSlugs = new Map();
				for (const hd of hs) {
					const l = hd.slug.toLowerCase();
					if (l && !lowerSlugs.has(l)) lowerSlugs.set(l, hd);
				}
			}
			const l = name.toLowerCase();
			let found = lower.get(l);
			if (!found) {
				const s2 = lowerSlugs.get(l) ?? lowerSlugs.get(slugify(name));
				if (s2) found = { kind: 'heading', heading: s2 };
			}
			inexact.set(name, found);
			return found;
		},
	};
}

function resolveNatural(doc: DeclDocument, natural: readonly NaturalRef[], articles: ReadonlyMap<number, Heading>, sections: ReadonlyMap<number, Heading>): Map<NaturalRef, NaturalResult> {
	const results = new Map<NaturalRef, NaturalResult>();
	if (natural.length === 0) return results;
	const scope = new Scopes(doc);
	// the innermost section of each reference, by a sweep over the headings (both are in document order)
	const sectionOf: (Heading | undefined)[] = new Array<Heading | undefined>(natural.length);
	const stack: Heading[] = [];
	let h = 0;
	for (let i = 0; i < natural.length; i++) {
		const o = keywordStart(natural[i]);
		while (h < doc.headings.length && doc.headings[h].span.start <= o) {
			const next = doc.headings[h++];
			while (stack.length > 0 && stack[stack.length - 1].sectionSpan.end <= next.span.start) stack.pop();
			stack.push(next);
		}
		while (stack.length > 0 && stack[stack.length - 1].sectionSpan.end < o) stack.pop();
		sectionOf[i] = stack[stack.length - 1];
	}
	// first references of each phrase by keyword offset, for `paragraph 2 of article 5` (made when one is met)
	let firstOfPhrase: Map<number, NaturalRef> | undefined;
	// containers come later in the text: resolve from the end
	for (let i = natural.length - 1; i >= 0; i--) {
		const r = natural[i];
		let res: NaturalResult;
		if (r.external !== undefined) {
			res = { kind: 'external', name: r.external };
		} else if (r.container !== undefined) {
			if (!firstOfPhrase) {
				firstOfPhrase = new Map();
				for (const x of natural) {
					const o = keywordStart(x);
					if (!firstOfPhrase.has(o)) firstOfPhrase.set(o, x);
				}
			}
			const inner = firstOfPhrase.get(r.container);
			const c = inner ? results.get(inner) : undefined;
			if (!c || c.kind === 'unresolved') res = { kind: 'unresolved', container: true };
			else if (c.kind === 'external') res = c;
			else {
				const it = c.kind === 'heading' ? scope.inSection(c.heading, r.number) : pick(c.item.children.filter((x) => x.number === r.number), doc);
				res = it ? withSuffixes(it, r) : { kind: 'unresolved', container: false };
			}
		} else {
			let t: NaturalResult | undefined;
			if (r.keyword === 'article') {
				const hd = articles.get(r.number);
				if (hd) t = { kind: 'heading', heading: hd };
			}
			if (!t) {
				const section = sectionOf[i];
				const it = (section ? scope.inSection(section, r.number) : undefined) ?? scope.principal(r.number) ?? scope.inDocument(r.number);
				if (it) t = withSuffixes(it, r);
				else if (r.keyword === 'section') {
					const hd = sections.get(r.number);
					if (hd) t = { kind: 'heading', heading: hd };
				}
			}
			res = t ?? { kind: 'unresolved', container: false };
		}
		results.set(r, res);
	}
	return results;
}

/** `3(b)(ii)`: from the item numbered 3 down through its points. */
function withSuffixes(item: Item, r: NaturalRef): NaturalResult {
	let cur = item;
	for (const s of r.suffixes) {
		const want = s.text.toLowerCase();
		const child = cur.children.find((c) => markerBody(c.marker.text) === want) ?? (/^\d+$/.test(want) ? cur.children.find((c) => c.number === Number(want)) : undefined);
		if (!child) return { kind: 'unresolved', container: false };
		cur = child;
	}
	return { kind: 'item', item: cur };
}

/** `(b)` → `b`, `iv.` → `iv`, `3)` → `3`. */
export function markerBody(marker: string): string {
	return marker.trim().replace(/^\(/, '').replace(/[.)]$/, '').toLowerCase();
}

/** Among items with one number: the shallowest, in the principal list if several, else the first. */
function pick(cands: readonly Item[] | undefined, doc: DeclDocument): Item | undefined {
	if (!cands || cands.length === 0) return undefined;
	let best = cands[0];
	for (const c of cands) {
		if (c.depth < best.depth) best = c;
		else if (c.depth === best.depth && c.list === doc.principalList && best.list !== doc.principalList) best = c;
	}
	return best;
}

/**
 * The item a number designates (`pick`) in a section (descendant sections included), in the principal list, in
 * the document: each scope's items by number made once, keeping only the one `pick` takes (a number shared by
 * thousands of items of a long document is not looked through again for every reference).
 */
class Scopes {
	#doc: DeclDocument;
	#byDoc?: Map<number, Item>;
	#bySection?: Map<Heading, Map<number, Item>>;
	#principal?: Map<number, Item>;

	constructor(doc: DeclDocument) {
		this.#doc = doc;
	}

	/** `pick` over items in document order, one at a time. */
	#keep(m: Map<number, Item>, it: Item): void {
		const best = m.get(it.number);
		const principal = this.#doc.principalList;
		if (!best || it.depth < best.depth || (it.depth === best.depth && it.list === principal && best.list !== principal)) m.set(it.number, it);
	}

	inDocument(n: number): Item | undefined {
		if (!this.#byDoc) {
			this.#byDoc = new Map();
			for (const it of this.#doc.items) this.#keep(this.#byDoc, it);
		}
		return this.#byDoc.get(n);
	}

	inSection(h: Heading, n: number): Item | undefined {
		if (!this.#bySection) {
			this.#bySection = new Map();
			for (const it of this.#doc.items) {
				for (let s = it.section; s; s = s.parent) {
					let m = this.#bySection.get(s);
					if (!m) this.#bySection.set(s, (m = new Map()));
					this.#keep(m, it);
				}
			}
		}
		return this.#bySection.get(h)?.get(n);
	}

	principal(n: number): Item | undefined {
		if (!this.#principal) {
			this.#principal = new Map();
			for (const it of this.#doc.principalList?.items ?? []) if (!this.#principal.has(it.number)) this.#principal.set(it.number, it);
		}
		return this.#principal.get(n);
	}
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
	const l = m.get(k);
	if (l) l.push(v);
	else m.set(k, [v]);
}

// ------------------------------------------------------------------ documents and the workspace

const EXT_RE = /\.(?:decl|declaration)$/i;

/** How a written document name is compared: trimmed, `./` and the extension dropped, `\` as `/`, lower case. */
export function normalizeDocName(name: string): string {
	return name.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(EXT_RE, '').toLowerCase();
}

/** `drafts/2020-statement.decl` → `drafts/2020-statement`. */
export function pathWithoutExtension(relativePath: string): string {
	return relativePath.replace(EXT_RE, '');
}

export function stemOf(uri: string): string {
	let last = uri.slice(uri.lastIndexOf('/') + 1);
	try {
		last = decodeURIComponent(last);
	} catch {
		// keep it encoded
	}
	return last.replace(EXT_RE, '');
}

export interface IncomingRef {
	readonly from: DeclDocument;
	readonly ref: WikiRef;
	readonly target: Target;
}

export interface WorkspaceRefs {
	readonly generation: number;
	/** Lower-cased stems and workspace-relative paths (without extension) → URIs. */
	readonly names: ReadonlyMap<string, readonly string[]>;
	/** Resolves a document name written in `from`. */
	resolveDocument(name: string, fromUri: string): DeclDocument | undefined;
	/** The name to write for a document in a reference: its stem, or its path when the stem is shared. */
	nameFor(uri: string): string;
	/**
	 * When `name`, written in `fromUri`, fits several documents and neither an exact path nor the
	 * referencing document's folder decides between them: the workspace-relative paths of all of them,
	 * the one the reference resolves to first.
	 */
	ambiguity(name: string, fromUri: string): readonly string[] | undefined;
	/**
	 * The cross-document wiki references that point into a document: each document's references are
	 * looked up by name (its reverse index by written document name), so this is one map look-up per
	 * document of the workspace, cached until the workspace changes.
	 */
	incomingTo(uri: string): readonly IncomingRef[];
}

const workspaces = new WeakMap<WorkspaceIndex, WorkspaceRefs>();

export function workspaceRefs(index: WorkspaceIndex): WorkspaceRefs {
	const cached = workspaces.get(index);
	if (cached && cached.generation === index.generation) return cached;
	const ws = buildWorkspace(index, cached);
	workspaces.set(index, ws);
	return ws;
}

/**
 * Which documents name which documents: the last path segment of every document name written in a
 * wiki reference (`2020-statement` for `[[drafts/2020-statement#cuba]]`) → the URIs of the documents
 * that write it. Kept up to date incrementally from the index's change events, so that the incoming
 * references of a document are found without visiting the whole workspace after each keystroke.
 */
class ReferenceGraph {
	readonly #index: WorkspaceIndex;
	readonly #dirty = new Set<string>();
	#all = true;
	readonly #bySegment = new Map<string, Set<string>>();
	readonly #segmentsOf = new Map<string, string[]>();

	constructor(index: WorkspaceIndex) {
		this.#index = index;
		index.onDidChange((uri) => {
			if (uri === '') this.#all = true;
			else this.#dirty.add(uri);
		});
	}

	/** The documents that write a document name ending in `stem` (lower case). */
	referrers(stem: string): readonly string[] {
		this.#refresh();
		return [...(this.#bySegment.get(stem) ?? [])];
	}

	#refresh(): void {
		if (this.#all) {
			this.#all = false;
			this.#dirty.clear();
			this.#bySegment.clear();
			this.#segmentsOf.clear();
			for (const uri of this.#index.uris()) this.#update(uri);
			return;
		}
		for (const uri of this.#dirty) this.#update(uri);
		this.#dirty.clear();
	}

	#update(uri: string): void {
		for (const seg of this.#segmentsOf.get(uri) ?? []) this.#bySegment.get(seg)?.delete(uri);
		this.#segmentsOf.delete(uri);
		const doc = this.#index.get(uri);
		if (!doc) return;
		const segs = new Set<string>();
		for (const name of docRefs(doc).byDocName.keys()) segs.add(name.slice(name.lastIndexOf('/') + 1));
		for (const seg of segs) {
			let set = this.#bySegment.get(seg);
			if (!set) this.#bySegment.set(seg, (set = new Set()));
			set.add(uri);
		}
		this.#segmentsOf.set(uri, [...segs]);
	}
}

const graphs = new WeakMap<WorkspaceIndex, ReferenceGraph>();

function graphOf(index: WorkspaceIndex): ReferenceGraph {
	let g = graphs.get(index);
	if (!g) graphs.set(index, (g = new ReferenceGraph(index)));
	return g;
}

interface Names {
	readonly uris: readonly string[];
	readonly folders: readonly string[];
	readonly names: Map<string, string[]>;
	readonly stems: Map<string, number>;
	readonly rel: Map<string, string>;
}

const namesOf = new WeakMap<WorkspaceRefs, Names>();

/** Document names by stem and path; reused while the set of documents (and folders) is the same. */
function documentNames(index: WorkspaceIndex, previous: Names | undefined): Names {
	const uris = index.uris();
	const folders = index.folders;
	if (previous && previous.folders === folders && previous.uris.length === uris.length && previous.uris.every((u, i) => u === uris[i])) return previous;
	const names = new Map<string, string[]>();
	const stems = new Map<string, number>();
	const rel = new Map<string, string>();
	for (const uri of uris) {
		const path = pathWithoutExtension(index.relativePath(uri));
		rel.set(uri, path);
		const stem = stemOf(uri);
		const keys = new Set([path.toLowerCase(), stem.toLowerCase()]);
		for (const k of keys) push(names, k, uri);
		stems.set(stem.toLowerCase(), (stems.get(stem.toLowerCase()) ?? 0) + 1);
	}
	return { uris, folders, names, stems, rel };
}

function folderOf(uri: string): string {
	return uri.slice(0, uri.lastIndexOf('/') + 1);
}

function buildWorkspace(index: WorkspaceIndex, previous: WorkspaceRefs | undefined): WorkspaceRefs {
	const generation = index.generation;
	const docNames = documentNames(index, previous ? namesOf.get(previous) : undefined);
	const { names, stems, rel } = docNames;
	const resolved = new Map<string, string | undefined>();
	const incoming = new Map<string, IncomingRef[]>();

	const resolveUri = (name: string, fromUri: string): string | undefined => {
		const key = normalizeDocName(name);
		if (!key) return undefined;
		const memo = `${folderOf(fromUri)}\u0000${key}`;
		if (resolved.has(memo)) return resolved.get(memo);
		let uri: string | undefined;
		const cands = names.get(key);
		if (cands && cands.length === 1) uri = cands[0];
		else if (cands && cands.length > 1) {
			const folder = folderOf(fromUri);
			uri = cands.find((u) => (rel.get(u) ?? '').toLowerCase() === key)
				?? cands.find((u) => folderOf(u) === folder)
				?? [...cands].sort((a, b) => (rel.get(a) ?? '').length - (rel.get(b) ?? '').length || (a < b ? -1 : a > b ? 1 : 0))[0];
		} else if (key.includes('/')) {
			// relative to the referencing document: `../archive/joint-actions-2021`
			const raw = name.trim().replace(/\\/g, '/').replace(EXT_RE, '');
			for (const ext of ['.decl', '.declaration']) {
				try {
					const u = new URL(`${raw}${ext}`, fromUri).href;
					if (index.has(u)) {
						uri = u;
						break;
					}
				} catch {
					// not a URL
				}
			}
		}
		resolved.set(memo, uri);
		return uri;
	};

	const ws: WorkspaceRefs = {
		generation,
		names,
		resolveDocument(name, fromUri) {
			const uri = resolveUri(name, fromUri);
			return uri ? index.get(uri) : undefined;
		},
		nameFor(uri) {
			const stem = stemOf(uri);
			return (stems.get(stem.toLowerCase()) ?? 0) > 1 ? (rel.get(uri) ?? stem) : stem;
		},
		ambiguity(name, fromUri) {
			const key = normalizeDocName(name);
			const cands = key ? names.get(key) : undefined;
			if (!cands || cands.length < 2) return undefined;
			const folder = folderOf(fromUri);
			if (cands.some((u) => (rel.get(u) ?? '').toLowerCase() === key || folderOf(u) === folder)) return undefined;
			const taken = resolveUri(name, fromUri);
			return [...cands].sort((a, b) => (a === taken ? -1 : b === taken ? 1 : 0)).map((u) => rel.get(u) ?? u);
		},
		incomingTo(uri) {
			const memo = incoming.get(uri);
			if (memo) return memo;
			const target = index.get(uri);
			const out: IncomingRef[] = [];
			if (target) {
				const stem = stemOf(uri).toLowerCase();
				const path = (rel.get(uri) ?? '').toLowerCase();
				const labels = docRefs(target).labels;
				for (const fromUri of graphOf(index).referrers(stem)) {
					const from = index.get(fromUri);
					if (!from) continue;
					for (const [name, list] of docRefs(from).byDocName) {
						// the names that can designate this document: its stem, its path, a relative path ending in its stem
						if (name !== stem && name !== path && !name.endsWith(`/${stem}`)) continue;
						if (resolveUri(list[0].docPart, from.uri) !== uri) continue;
						for (const ref of list) {
							let t: Target | undefined;
							if (!ref.hash || !ref.labelPart) t = { kind: 'document', doc: target };
							else {
								const l = labels.lookup(ref.labelPart);
								if (l) t = { ...l, doc: target };
							}
							if (t) out.push({ from, ref, target: t });
						}
					}
				}
			}
			incoming.set(uri, out);
			return out;
		},
	};
	namesOf.set(ws, docNames);
	return ws;
}

/** Resolves a wiki reference written in `doc`. */
export function resolveWiki(doc: DeclDocument, ref: WikiRef, index: WorkspaceIndex): Resolution {
	const refs = docRefs(doc);
	const local = refs.wikiLocal.get(ref);
	if (local) return { status: 'resolved', target: { ...local, doc } };
	if (ref.hash && ref.docPart === '') {
		if (!ref.labelPart) return { status: 'unresolved', span: ref.targetSpan, message: 'Empty reference: write a label after `#`.', missing: 'label' };
		return { status: 'unresolved', span: ref.labelSpan ?? ref.targetSpan, message: `No label or heading \`${ref.labelPart}\` in this document.`, missing: 'label', doc };
	}
	if (!ref.docPart) return { status: 'unresolved', span: ref.targetSpan, message: 'Empty reference.', missing: 'label-or-document' };
	const target = workspaceRefs(index).resolveDocument(ref.docPart, doc.uri);
	if (!target) {
		if (!ref.hash) return { status: 'unresolved', span: ref.docSpan, message: `No label, heading or document named \`${ref.docPart}\`.`, missing: 'label-or-document', doc };
		return { status: 'unresolved', span: ref.docSpan, message: `No declaration document named \`${ref.docPart}\` in the workspace.`, missing: 'document' };
	}
	if (!ref.hash || !ref.labelPart) return { status: 'resolved', target: { kind: 'document', doc: target } };
	const l = docRefs(target).labels.lookup(ref.labelPart);
	if (!l) return { status: 'unresolved', span: ref.labelSpan ?? ref.targetSpan, message: `No label or heading \`${ref.labelPart}\` in \`${ref.docPart}\`.`, missing: 'label', doc: target };
	return { status: 'resolved', target: { ...l, doc: target } };
}

/** Resolves a natural reference of `doc`. */
export function resolveNaturalRef(doc: DeclDocument, ref: NaturalRef): Resolution {
	const r = docRefs(doc).naturalResults.get(ref);
	if (!r || r.kind === 'unresolved') {
		return { status: 'unresolved', span: ref.span, message: naturalMessage(doc, ref, r?.kind === 'unresolved' && r.container), missing: r?.kind === 'unresolved' && r.container ? 'container' : 'number' };
	}
	if (r.kind === 'external') return { status: 'external', name: r.name };
	return { status: 'resolved', target: { ...r, doc } };
}

export function resolveRef(doc: DeclDocument, ref: Ref, index: WorkspaceIndex): Resolution {
	return ref.kind === 'wiki' ? resolveWiki(doc, ref, index) : resolveNaturalRef(doc, ref);
}

export const KEYWORD_NOUN: Record<NaturalRef['keyword'], string> = { axis: 'axis', point: 'point', paragraph: 'paragraph', section: '§', article: 'article' };

function naturalMessage(doc: DeclDocument, ref: NaturalRef, container: boolean): string {
	const what = ref.keyword === 'section' ? `§ ${ref.number}` : `${KEYWORD_NOUN[ref.keyword]} ${ref.number}`;
	const written = `${what}${ref.suffixes.map((s) => `(${s.text})`).join('')}`;
	if (container) return `The reference that ${written} is part of resolves to nothing.`;
	const principal = doc.principalList;
	const n = principal?.items.length ?? 0;
	const range = ref.inRange ? ` (inside the range ${doc.text.slice(ref.span.start, ref.span.end)})` : '';
	if (ref.suffixes.length > 0) return `No ${written}${range} in this document.`;
	if (n > 0) return `No ${written}${range} in this document: the principal list has ${n} ${n === 1 ? 'item' : 'items'}.`;
	return `No ${written}${range} in this document.`;
}

/** The references at an offset, innermost first (the numbers of a range before the range). */
export function refsAt(refs: DocRefs, offset: number): Ref[] {
	const all = refs.all;
	let lo = 0;
	let hi = all.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (all[mid].span.start <= offset) lo = mid + 1;
		else hi = mid;
	}
	const out: Ref[] = [];
	for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) {
		const r = all[i];
		if (r.span.start <= offset && offset <= r.span.end) out.push(r);
		if (offset - r.span.start > 400) break;
	}
	out.reverse();
	out.sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start));
	if (out.length > 1) {
		// a cursor just after `3` and just before `]]` … prefer spans that strictly contain it
		const strict = out.filter((r) => offset < r.span.end);
		if (strict.length > 0) {
			const w = strict[0].span.end - strict[0].span.start;
			return strict.filter((r) => r.span.end - r.span.start === w);
		}
	}
	if (out.length === 0) return out;
	const w = out[0].span.end - out[0].span.start;
	return out.filter((r) => r.span.end - r.span.start === w);
}

/** Every reference to a target: local ones of its document and incoming ones from the workspace. */
export function referencesTo(target: Target, index: WorkspaceIndex): { doc: DeclDocument; ref: Ref }[] {
	const out: { doc: DeclDocument; ref: Ref }[] = [];
	if (target.kind !== 'document') {
		const key = target.kind === 'item' ? target.item : target.heading;
		for (const ref of docRefs(target.doc).reverse.get(key) ?? []) out.push({ doc: target.doc, ref });
	}
	for (const inc of workspaceRefs(index).incomingTo(target.doc.uri)) {
		if (sameTarget(inc.target, target)) out.push({ doc: inc.from, ref: inc.ref });
	}
	return out;
}

export function sameTarget(a: Target, b: Target): boolean {
	if (a.doc.uri !== b.doc.uri || a.kind !== b.kind) return false;
	if (a.kind === 'item' && b.kind === 'item') return a.item.marker.span.start === b.item.marker.span.start;
	if (a.kind === 'heading' && b.kind === 'heading') return a.heading.span.start === b.heading.span.start;
	return a.kind === 'document';
}
