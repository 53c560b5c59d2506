/**
 * Dictionaries of term names and the matching of uses (FORMAT.md §7): whole words, acronyms
 * case-sensitively, other terms case-insensitively and in the plural, the longest match first and,
 * for one length, the nearest scope (the document, then workspace glossaries, then the bundled one).
 */
import type { Span } from '../model';
import type { TermDefinition } from './definitions';
import { isPluralOf, MAX_SEPARATOR, normalizeSeparator, singulars, type NamePattern } from './names';
import type { Tokens } from './tokens';

/** Scope levels, nearest first: 0 the document itself, 1 workspace glossaries, 2 the bundled glossary. */
export type Level = 0 | 1 | 2;

export class Dictionary {
	/** Patterns by their first word (lower case), one per name key. */
	readonly byFirst = new Map<string, NamePattern[]>();
	/** The definition a name key resolves to (the first one given). */
	readonly winners = new Map<string, TermDefinition>();
	/** Every definition of a name key, in the order given. */
	readonly all = new Map<string, TermDefinition[]>();

	static readonly empty = new Dictionary([]);

	constructor(defs: Iterable<TermDefinition>) {
		for (const d of defs) {
			for (const p of d.patterns) {
				const list = this.all.get(p.key);
				if (list) {
					list.push(d);
					continue;
				}
				this.all.set(p.key, [d]);
				this.winners.set(p.key, d);
				const byFirst = this.byFirst.get(p.first);
				if (byFirst) byFirst.push(p);
				else this.byFirst.set(p.first, [p]);
			}
		}
	}

	get size(): number {
		return this.winners.size;
	}
}

/** One use of a name: the words it covers, the name key, and the scope it resolves in. */
export interface Use {
	readonly start: number;
	readonly end: number;
	readonly key: string;
	readonly level: Level;
	readonly plural: boolean;
}

/**
 * The uses in a document's words. `defs` are the document's own definitions (sorted by position):
 * a name inside a definition that gives that very name is the definition, not a use.
 */
export function matchUses(text: string, tokens: Tokens, dicts: readonly (Dictionary | undefined)[], defs: readonly TermDefinition[]): Use[] {
	const { count, starts, ends } = tokens;
	const out: Use[] = [];
	if (dicts.every((d) => !d || d.size === 0)) return out;
	let defPtr = 0;
	let i = 0;
	while (i < count) {
		const lower = text.slice(starts[i], ends[i]).toLowerCase();
		let best: NamePattern | undefined;
		let bestLevel: Level = 0;
		let bestN = 0;
		let bestPlural = false;
		const consider = (patterns: readonly NamePattern[] | undefined, level: Level, singularOnly: boolean): void => {
			if (!patterns) return;
			for (const p of patterns) {
				const n = p.words.length;
				if (n < bestN || (singularOnly && n !== 1) || i + n > count) continue;
				const plural = tryMatch(text, tokens, i, p, lower);
				if (plural === undefined) continue;
				// longer first; then exact before plural; then nearer
				if (n > bestN || (bestPlural && !plural) || (plural === bestPlural && level < bestLevel)) {
					best = p;
					bestN = n;
					bestLevel = level;
					bestPlural = plural;
				}
			}
		};
		const alt = singulars(lower);
		for (let level: Level = 0; level < dicts.length && level <= 2; level = (level + 1) as Level) {
			const d = dicts[level];
			if (!d || d.size === 0) continue;
			consider(d.byFirst.get(lower), level, false);
			for (const s of alt) consider(d.byFirst.get(s), level, true);
		}
		if (!best) {
			i++;
			continue;
		}
		const start = starts[i];
		const end = ends[i + bestN - 1];
		i += bestN;
		while (defPtr < defs.length && defs[defPtr].span.end <= start) defPtr++;
		let atDefinition = false;
		for (let k = defPtr; k < defs.length && defs[k].span.start < end; k++) {
			const d = defs[k];
			if (d.span.end > start && d.patterns.some((p) => p.key === best!.key)) {
				atDefinition = true;
				break;
			}
		}
		if (!atDefinition) out.push({ start, end, key: best.key, level: bestLevel, plural: bestPlural });
	}
	return out;
}

/** undefined: no match at word `i`; else whether it matched as a plural. */
function tryMatch(text: string, tokens: Tokens, i: number, p: NamePattern, lower: string): boolean | undefined {
	const n = p.words.length;
	let plural = false;
	for (let j = 0; j < n; j++) {
		const t = i + j;
		if (j > 0) {
			const gapStart = tokens.ends[t - 1];
			const gapEnd = tokens.starts[t];
			if (gapEnd - gapStart > MAX_SEPARATOR || normalizeSeparator(text.slice(gapStart, gapEnd)) !== p.seps[j - 1]) return undefined;
		}
		const word = p.caseSensitive ? text.slice(tokens.starts[t], tokens.ends[t]) : j === 0 ? lower : text.slice(tokens.starts[t], tokens.ends[t]).toLowerCase();
		const want = p.words[j];
		if (word === want) continue;
		if (j !== n - 1) return undefined;
		if (p.caseSensitive ? word === `${want}s` : isPluralOf(word, want)) plural = true;
		else return undefined;
	}
	return plural;
}

/** The use at `offset` (inclusive at both ends), by binary search. */
export function useAt(uses: readonly Use[], offset: number): Use | undefined {
	let lo = 0;
	let hi = uses.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const u = uses[mid];
		if (u.end < offset) lo = mid + 1;
		else if (u.start > offset) hi = mid - 1;
		else {
			// prefer a use that starts at offset over one that ends there
			const next = uses[mid + 1];
			return next && next.start === offset ? next : u;
		}
	}
	return undefined;
}

export function spanOf(u: Use): Span {
	return { start: u.start, end: u.end };
}
