/**
 * Workspace symbols: the title, headings, items (number and title) and labels of every indexed
 * document. Each document's list is precomputed once per version, with lower-cased names and a
 * bit mask of the letters and digits they hold, so that a query rejects most symbols with one AND.
 */
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { DeclDocument, Span } from '../model';
import { DocumentCache, type WorkspaceIndex } from '../workspace';
import type { CancellationToken } from '../cancellation';
import { throwIfCancelled } from '../cancellation';

export const MAX_SYMBOLS = 500;

interface Sym {
	readonly name: string;
	readonly lower: string;
	readonly mask: number;
	/** The first letter of each word, to reject fuzzy matches fast. */
	readonly initials: string;
	readonly kind: SymbolKind;
	readonly span: Span;
	/** Ranks kinds on equal scores: titles, headings, labels, axes, points. */
	readonly rank: number;
}

function charBit(c: number): number {
	if (c >= 97 && c <= 122) return 1 << (c - 97);
	if (c >= 48 && c <= 57) return 1 << (26 + ((c - 48) % 5));
	if (c > 127) return 1 << 31;
	return 0;
}

function maskOf(lower: string): number {
	let m = 0;
	for (let i = 0; i < lower.length; i++) m |= charBit(lower.charCodeAt(i));
	return m;
}

const ALNUM_RE = /[\p{L}\p{N}]/u;

/** A letter or digit (lower-case text): ASCII by code, the rest by a Unicode test. */
function isAlnum(s: string, i: number): boolean {
	const c = s.charCodeAt(i);
	if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true;
	if (c < 128) return false;
	return ALNUM_RE.test(s[i]);
}

function isWordStart(s: string, i: number): boolean {
	return isAlnum(s, i) && (i === 0 || !isAlnum(s, i - 1));
}

/** The first character of every word. */
function initialsOf(lower: string): string {
	let out = '';
	for (let i = 0; i < lower.length; i++) if (isWordStart(lower, i)) out += lower[i];
	return out;
}

function sym(name: string, kind: SymbolKind, span: Span, rank: number): Sym {
	const lower = name.toLowerCase();
	return { name, lower, mask: maskOf(lower), initials: initialsOf(lower), kind, span, rank };
}

interface DocSymbols {
	readonly syms: readonly Sym[];
	/** The first two characters of every word of every symbol → the symbols holding such a word. */
	readonly byWordStart: ReadonlyMap<string, readonly number[]>;
}

const cache = new DocumentCache<DocSymbols>();

function symbolsOf(doc: DeclDocument): DocSymbols {
	return cache.get(doc, (d) => {
		const syms: Sym[] = [];
		if (d.title) syms.push(sym(d.title.text, SymbolKind.File, d.title.span, 0));
		for (const h of d.headings) {
			syms.push(sym(h.text, SymbolKind.Namespace, h.nameSpan, 1));
			if (h.label) syms.push(sym(`#${h.label.name}`, SymbolKind.Key, h.label.span, 2));
		}
		for (const it of d.items) {
			syms.push(sym(`${it.printed} ${it.title}`, it.depth === 0 ? SymbolKind.EnumMember : SymbolKind.Field, it.firstLineSpan, it.depth === 0 ? 3 : 4));
			if (it.label) syms.push(sym(`#${it.label.name}`, SymbolKind.Key, it.label.span, 2));
		}
		const byWordStart = new Map<string, number[]>();
		syms.forEach((s, id) => {
			for (let i = 0; i < s.lower.length - 1; i++) {
				if (!isWordStart(s.lower, i)) continue;
				const key = s.lower.slice(i, i + 2);
				const list = byWordStart.get(key);
				if (!list) byWordStart.set(key, [id]);
				else if (list[list.length - 1] !== id) list.push(id);
			}
		});
		return { syms, byWordStart };
	});
}

/**
 * How well `q` (lower case) matches `s` (lower case): 0 for no match; higher is better. Exact,
 * prefix, substring at a word start, substring, then word-prefix matches (`fphrc` for "For Public
 * Housing and Rent Control": every query character continues the previous match or starts a word).
 */
export function fuzzyScore(q: string, s: string, initials = initialsOf(s), fuzzy = true): number {
	if (q.length === 0) return 100;
	if (s === q) return 1000;
	const at = s.indexOf(q);
	if (at === 0) return 900 - Math.min(s.length, 200) / 10;
	if (at > 0) return (isWordStart(s, at) ? 800 : 700) - Math.min(at, 100) / 2 - Math.min(s.length, 200) / 20;
	if (!fuzzy || q.length < 2 || initials.indexOf(q[0]) < 0) return 0;
	let j = 0;
	let prev = -2;
	let runs = 0;
	let i = 0;
	while (j < q.length) {
		// jump to the next occurrence of the wanted character (native search), then check where it is
		i = s.indexOf(q[j], i);
		if (i < 0) break;
		if (i === prev + 1) j++;
		else if (isWordStart(s, i) || q[j] === ' ') {
			j++;
			runs++;
		} else {
			i++;
			continue;
		}
		prev = i;
		i++;
	}
	if (j < q.length) return 0;
	return 500 - runs * 10 - Math.min(s.length, 200) / 20;
}

/** Substring matches at a word start (and better) score above this; others below. */
const WORD_START_FLOOR = 730;

/**
 * The best symbols for a query, at most MAX_SYMBOLS. First only the symbols with a word starting
 * with the query's first two characters (a look-up per document); when they do not fill the result
 * with matches at word starts, every symbol (a bit-mask test rejects most of them at once).
 */
/**
 * The symbol lists of every document, kept up to date from the index's change events: after a
 * keystroke only the changed document's list is rebuilt (lazily, at the next query).
 */
class SymbolLists {
	readonly #index: WorkspaceIndex;
	readonly #entries = new Map<string, { doc: DeclDocument; ds: DocSymbols }>();
	readonly #dirty = new Set<string>();
	#all = true;
	#list: { doc: DeclDocument; ds: DocSymbols }[] | undefined;

	constructor(index: WorkspaceIndex) {
		this.#index = index;
		index.onDidChange((uri) => {
			if (uri === '') this.#all = true;
			else this.#dirty.add(uri);
		});
	}

	get(token?: CancellationToken): { doc: DeclDocument; ds: DocSymbols }[] {
		if (this.#all) {
			this.#all = false;
			this.#dirty.clear();
			this.#entries.clear();
			this.#list = undefined;
			for (const uri of this.#index.uris()) this.#dirty.add(uri);
		}
		if (this.#dirty.size > 0) {
			let n = 0;
			for (const uri of this.#dirty) {
				if (token && (++n & 255) === 0) throwIfCancelled(token);
				const doc = this.#index.get(uri);
				if (doc) this.#entries.set(uri, { doc, ds: symbolsOf(doc) });
				else this.#entries.delete(uri);
				this.#dirty.delete(uri);
			}
			this.#list = undefined;
		}
		return (this.#list ??= [...this.#entries.values()]);
	}
}

const lists = new WeakMap<WorkspaceIndex, SymbolLists>();

function allSymbols(index: WorkspaceIndex, token?: CancellationToken): { doc: DeclDocument; ds: DocSymbols }[] {
	let l = lists.get(index);
	if (!l) lists.set(index, (l = new SymbolLists(index)));
	return l.get(token);
}

interface Found {
	readonly d: number;
	readonly i: number;
	readonly score: number;
}

/**
 * The best symbols for a query, at most MAX_SYMBOLS. First only the symbols with a word starting
 * with the query's first two characters (a look-up per document); when they do not fill the result
 * with matches at word starts, every symbol (a bit-mask test rejects most of them at once).
 */
export function workspaceSymbols(query: string, index: WorkspaceIndex, token?: CancellationToken): WorkspaceSymbol[] {
	const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
	const qm = maskOf(q.replace(/ /g, ''));
	const docs = allSymbols(index, token);
	const run = (fast: boolean): { found: Found[]; strong: number } => {
		let found: Found[] = [];
		let worst = 0;
		let strong = 0;
		const key = q.slice(0, 2);
		const consider = (d: number, i: number, s: Sym): void => {
			if ((s.mask & qm) !== qm) return;
			const score = fuzzyScore(q, s.lower, s.initials, strong < MAX_SYMBOLS) - s.rank;
			if (score <= worst) return;
			if (score >= WORD_START_FLOOR) strong++;
			found.push({ d, i, score });
			if (found.length >= MAX_SYMBOLS * 3) {
				found.sort((a, b) => b.score - a.score);
				found = found.slice(0, MAX_SYMBOLS);
				// ties with the last kept one do not enter: on equal scores, documents in index order win
				worst = found[found.length - 1].score;
			}
		};
		for (let d = 0; d < docs.length; d++) {
			if (token && (d & 255) === 0) throwIfCancelled(token);
			const { syms, byWordStart } = docs[d].ds;
			if (fast) {
				const ids = byWordStart.get(key);
				if (ids) for (const i of ids) consider(d, i, syms[i]);
			} else {
				for (let i = 0; i < syms.length; i++) consider(d, i, syms[i]);
			}
			if (q.length === 0 && found.length >= MAX_SYMBOLS * 2) break;
		}
		return { found, strong };
	};
	let result = q.length >= 2 ? run(true) : undefined;
	if (!result || result.strong < MAX_SYMBOLS) result = run(false);
	const found = result.found;
	const nameOf = (x: Found): string => docs[x.d].ds.syms[x.i].name;
	found.sort((a, b) => b.score - a.score || nameOf(a).length - nameOf(b).length || a.d - b.d || a.i - b.i);
	return found.slice(0, MAX_SYMBOLS).map(({ d, i }) => {
		const s = docs[d].ds.syms[i];
		const doc = docs[d].doc;
		return {
			name: s.name,
			kind: s.kind,
			containerName: doc.title?.text ? `${doc.title.text} · ${index.relativePath(doc.uri)}` : index.relativePath(doc.uri),
			location: { uri: doc.uri, range: doc.lineIndex.toRange(s.span) },
		};
	});
}
