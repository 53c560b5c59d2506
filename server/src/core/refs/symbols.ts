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

function sym(name: string, kind: SymbolKind, span: Span, rank: number): Sym {
	const lower = name.toLowerCase();
	return { name, lower, mask: maskOf(lower), kind, span, rank };
}

const cache = new DocumentCache<Sym[]>();

function symbolsOf(doc: DeclDocument): Sym[] {
	return cache.get(doc, (d) => {
		const out: Sym[] = [];
		if (d.title) out.push(sym(d.title.text, SymbolKind.File, d.title.span, 0));
		for (const h of d.headings) {
			out.push(sym(h.text, SymbolKind.Namespace, h.nameSpan, 1));
			if (h.label) out.push(sym(`#${h.label.name}`, SymbolKind.Key, h.label.span, 2));
		}
		for (const it of d.items) {
			out.push(sym(`${it.printed} ${it.title}`, it.depth === 0 ? SymbolKind.EnumMember : SymbolKind.Field, it.firstLineSpan, it.depth === 0 ? 3 : 4));
			if (it.label) out.push(sym(`#${it.label.name}`, SymbolKind.Key, it.label.span, 2));
		}
		return out;
	});
}

/**
 * How well `q` (lower case) matches `s` (lower case): 0 for no match; higher is better. Exact,
 * prefix, word-start substring, substring, word initials, then any subsequence (fewer gaps first).
 */
export function fuzzyScore(q: string, s: string): number {
	if (q.length === 0) return 100;
	if (s === q) return 1000;
	const at = s.indexOf(q);
	if (at === 0) return 900 - Math.min(s.length, 200) / 10;
	if (at > 0) {
		const wordStart = !/[\p{L}\p{N}]/u.test(s[at - 1]);
		return (wordStart ? 800 : 700) - Math.min(at, 100) / 2 - Math.min(s.length, 200) / 20;
	}
	// subsequence, preferring matches at word starts and contiguous runs
	let score = 0;
	let j = 0;
	let prev = -2;
	for (let i = 0; i < s.length && j < q.length; i++) {
		if (s[i] !== q[j]) continue;
		const wordStart = i === 0 || !/[\p{L}\p{N}]/u.test(s[i - 1]);
		score += wordStart ? 8 : i === prev + 1 ? 5 : 1;
		prev = i;
		j++;
	}
	if (j < q.length) return 0;
	return Math.min(600, 100 + score * 10 / q.length) - Math.min(s.length, 200) / 20;
}

export function workspaceSymbols(query: string, index: WorkspaceIndex, token?: CancellationToken): WorkspaceSymbol[] {
	const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
	const qm = maskOf(q.replace(/ /g, ''));
	const found: { s: Sym; doc: DeclDocument; score: number }[] = [];
	let worst = 0;
	let n = 0;
	for (const doc of index.documents()) {
		if (token && (++n & 255) === 0) throwIfCancelled(token);
		const syms = symbolsOf(doc);
		for (const s of syms) {
			if ((s.mask & qm) !== qm) continue;
			const score = fuzzyScore(q, s.lower) - s.rank;
			if (score <= 0) continue;
			if (found.length >= MAX_SYMBOLS * 4 && score <= worst) continue;
			found.push({ s, doc, score });
			if (found.length >= MAX_SYMBOLS * 8) {
				found.sort((a, b) => b.score - a.score);
				found.length = MAX_SYMBOLS * 4;
				worst = found[found.length - 1].score;
			}
		}
	}
	found.sort((a, b) => b.score - a.score || a.s.name.length - b.s.name.length);
	return found.slice(0, MAX_SYMBOLS).map(({ s, doc }) => ({
		name: s.name,
		kind: s.kind,
		containerName: doc.title?.text ? `${doc.title.text} · ${index.relativePath(doc.uri)}` : index.relativePath(doc.uri),
		location: { uri: doc.uri, range: doc.lineIndex.toRange(s.span) },
	}));
}
