/**
 * Dictionaries of term names and the matching of uses (FORMAT.md §7): whole words, acronyms
 * case-sensitively, other terms case-insensitively and in the plural, the longest match first and,
 * for one length, the nearest scope (the document, then workspace glossaries, then the bundled one).
 */
import type { Span } from '../model';
import type { TermDefinition } from './definitions';
import { hashLower, isPluralOf, lowerWord, MAX_SEPARATOR, normalizeSeparator, singularHashes, type NamePattern } from './names';
import type { BlockMatch } from './blocks';
import { wordRun, type Tokens, type WordRun } from './tokens';

/** Scope levels, nearest first: 0 the document itself, 1 workspace glossaries, 2 the bundled glossary. */
export type Level = 0 | 1 | 2;

export class Dictionary {
	/** One-word patterns by the hash of their word in lower case, one per name key. */
	readonly byFirst = new Map<number, NamePattern[]>();
	/** Patterns of two words or more by the hashes of their first two words (`pairHash`). */
	readonly byPair = new Map<number, NamePattern[]>();
	/** The definition a name key resolves to (the first one given). */
	readonly winners = new Map<string, TermDefinition>();
	/** Every definition of a name key, in the order given. */
	readonly all = new Map<string, TermDefinition[]>();
	/** The first-word hashes of the patterns of two words or more. */
	readonly pairFirst = new Set<number>();
	/** The most words a name has. */
	readonly maxWords: number = 0;

	/** A bit per key of `byFirst` and `byPair` (hashed down to the table size): most words start no name and are passed over without a map lookup. */
	readonly presence: Uint32Array;
	readonly presenceMask: number;

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
				if (p.words.length > 1) this.pairFirst.add(p.first);
				if (p.words.length > this.maxWords) this.maxWords = p.words.length;
				const map = p.words.length === 1 ? this.byFirst : this.byPair;
				const k = p.words.length === 1 ? p.first : pairHash(p.first, hashLower(p.words[1], 0, p.words[1].length));
				const bucket = map.get(k);
				if (bucket) bucket.push(p);
				else map.set(k, [p]);
			}
		}
		let size = 64;
		while (size < (this.byFirst.size + this.byPair.size) * 16) size *= 2;
		this.presence = new Uint32Array(size >>> 5);
		this.presenceMask = size - 1;
		for (const k of this.byFirst.keys()) this.#mark(k);
		for (const k of this.byPair.keys()) this.#mark(k);
	}

	#mark(k: number): void {
		const b = k & this.presenceMask;
		this.presence[b >>> 5] |= 1 << (b & 31);
	}

	/** False when no name has the key `k`; true when one may. */
	mayHave(k: number): boolean {
		const b = k & this.presenceMask;
		return (this.presence[b >>> 5] & (1 << (b & 31))) !== 0;
	}

	get size(): number {
		return this.winners.size;
	}

	#signature: string | undefined;
	#signatureId: number | undefined;

	/** The name keys in the order given: two dictionaries with one signature match the same uses. */
	get signature(): string {
		return (this.#signature ??= [...this.all.keys()].join('\n'));
	}

	/** A number for the signature: the same for two dictionaries with one signature (while they are among the last few seen). */
	get signatureId(): number {
		if (this.#signatureId === undefined) {
			const s = this.signature;
			let id = signatureIds.get(s);
			if (id === undefined) {
				if (signatureIds.size >= 64) signatureIds.clear();
				id = ++signatureSerial;
				signatureIds.set(s, id);
			}
			this.#signatureId = id;
		}
		return this.#signatureId;
	}
}

/** The key of a pattern's first two words. */
export function pairHash(first: number, second: number): number {
	return ((Math.imul(first, 0x2f0b3a49) ^ second) & 0x3fffffff) >>> 0;
}

/** One use of a name: the words it covers, the name key, and the scope it resolves in. */
export interface Use {
	readonly start: number;
	readonly end: number;
	readonly key: string;
	readonly level: Level;
	readonly plural: boolean;
}

const NO_USES: readonly Use[] = [];

/** Work done, for the tests (they count work, not time): blocks whose uses were matched. */
export const matchWork = { blocks: 0 };

/** Dictionaries' signatures by number (bounded), so that a block's cached uses say cheaply which dictionaries they hold for. */
const signatureIds = new Map<string, number>();
let signatureSerial = 0;

/** Which dictionaries, by their signatures' numbers. */
function signatureOf(dicts: readonly (Dictionary | undefined)[]): string {
	return dicts.map((d) => d?.signatureId ?? 0).join(',');
}

/**
 * The uses in a document's words. `defs` are the document's own definitions (sorted by position):
 * a name inside a definition that gives that very name is the definition, not a use.
 *
 * Matched block by block: the uses of a block are kept (relative to it, in its `BlockData`; unless `keep` is
 * false: a document not open in the editor has no next version to reuse them) and reused when the
 * dictionaries have the same signature, the scan enters the block at the same word, and no name could reach
 * past its end there.
 */
export function matchUses(tokens: Tokens, dicts: readonly (Dictionary | undefined)[], defs: readonly TermDefinition[], keep = true): Use[] {
	if (dicts.every((d) => !d || d.size === 0)) return [];
	const sig = signatureOf(dicts);
	// the words a name starting in a block can reach past it
	let window = 1;
	for (const d of dicts) if (d && d.maxWords > window) window = d.maxWords;
	const { blocks, first } = tokens;
	const raw: Use[] = [];
	let run: WordRun | undefined;
	let m: Best | undefined;
	let i = 0;
	for (let b = 0; b < blocks.count; b++) {
		const f = first[b];
		const limit = first[b + 1];
		if (i >= limit) continue;
		const entry = i - f;
		const data = blocks.data[b];
		const base = blocks.starts[b];
		const got = data.match;
		if (got && got.sig === sig && got.entry === entry) {
			const placed = data.placedUses;
			if (placed && placed.match === got && placed.base === base) for (const u of placed.uses) raw.push(u);
			else {
				const uses: Use[] = [];
				for (const u of got.uses) uses.push({ start: u.start + base, end: u.end + base, key: u.key, level: u.level, plural: u.plural });
				data.placedUses = { match: got, base, uses };
				for (const u of uses) raw.push(u);
			}
			i = f + got.end;
			continue;
		}
		matchWork.blocks++;
		// the words are read from a run of them with document offsets, copied ahead of need (a few thousand words at a time)
		if (!run || !m || i < run.from || limit + window > run.from + run.count) {
			run = wordRun(tokens, i, Math.max(limit, i + 4096) + window);
			m = newScan(run);
		}
		const at = raw.length;
		m.crossed = false;
		i = run.from + scan(m, dicts, i - run.from, limit - run.from, raw);
		if (keep && !m.crossed) {
			const match: BlockMatch = { sig, entry, uses: raw.length === at ? NO_USES : raw.slice(at).map((u) => ({ start: u.start - base, end: u.end - base, key: u.key, level: u.level, plural: u.plural })), end: i - f };
			data.match = match;
			data.placedUses = { match, base, uses: raw.slice(at) };
		}
	}
	const out: Use[] = [];
	let defPtr = 0;
	for (const u of raw) {
		const { start, end } = u;
		while (defPtr < defs.length && defs[defPtr].span.end <= start) defPtr++;
		let atDefinition = false;
		for (let k = defPtr; k < defs.length && defs[k].span.start < end; k++) {
			const d = defs[k];
			if (d.span.end > start && d.patterns.some((p) => p.key === u.key)) {
				atDefinition = true;
				break;
			}
		}
		if (!atDefinition) out.push(u);
	}
	return out;
}

function newScan(tokens: WordRun): Best {
	return { text: tokens.text, tokens, i: 0, best: undefined, level: 0, n: 0, plural: false, stamp: new Int32Array(MAX_CACHED).fill(-1), words: [], seps: [], limit: 0, crossed: false };
}

/**
 * Matches from word `from` while the position is before `limit` (a name may run on past it), appending to
 * `out`; returns the word the scan stopped at. Sets `m.crossed` when a name could have reached past `limit`.
 */
function scan(m: Best, dicts: readonly (Dictionary | undefined)[], from: number, limit: number, out: Use[]): number {
	const { text, tokens } = m;
	const { count, starts, ends } = tokens;
	m.limit = limit;
	let i = from;
	const alt = new Uint32Array(3);
	const alt2 = new Uint32Array(3);
	let nextAt = -1;
	let nextAlts = 0;
	while (i < limit) {
		m.i = i;
		m.best = undefined;
		m.level = 0;
		m.n = 0;
		m.plural = false;
		const h = tokens.hashes[i];
		// the singulars of word i were found as those of the next word at i - 1
		let alts: number;
		if (nextAt === i) {
			alt.set(alt2);
			alts = nextAlts;
		} else alts = singularHashes(text, starts[i], ends[i], alt);
		const next = i + 1 < count;
		const pair = next ? pairHash(h, tokens.hashes[i + 1]) : 0;
		const alts2 = next ? singularHashes(text, starts[i + 1], ends[i + 1], alt2) : 0;
		nextAt = i + 1;
		nextAlts = alts2;
		for (let level: Level = 0; level < dicts.length && level <= 2; level = (level + 1) as Level) {
			const d = dicts[level];
			if (!d || d.size === 0) continue;
			if (next && d.byPair.size > 0) {
				if (i + 1 >= limit && d.pairFirst.has(h)) m.crossed = true;
				if (d.mayHave(pair)) consider(m, d.byPair.get(pair), level, 0);
				// a two-word name in the plural (`Working Groups`)
				for (let k = 0; k < alts2; k++) {
					const p2 = pairHash(h, alt2[k]);
					if (d.mayHave(p2)) consider(m, d.byPair.get(p2), level, 2);
				}
			}
			if (d.mayHave(h)) consider(m, d.byFirst.get(h), level, 0);
			for (let k = 0; k < alts; k++) if (d.mayHave(alt[k])) consider(m, d.byFirst.get(alt[k]), level, 1);
		}
		const best = m.best as NamePattern | undefined;
		if (!best) {
			i++;
			continue;
		}
		out.push({ start: tokens.base + starts[i], end: tokens.base + ends[i + m.n - 1], key: best.key, level: m.level, plural: m.plural });
		i += m.n;
	}
	return i;
}

/** How many words after a position keep their lower case and separators cached while patterns are tried there. */
const MAX_CACHED = 16;

interface Best {
	readonly text: string;
	readonly tokens: WordRun;
	i: number;
	best: NamePattern | undefined;
	level: Level;
	n: number;
	plural: boolean;
	/** `stamp[j] === i`: `words[j]` and `seps[j]` hold word `i + j` in lower case and the separator before it. */
	readonly stamp: Int32Array;
	readonly words: string[];
	readonly seps: string[];
	/** The end of the block scanned, and whether a name could have reached past it. */
	limit: number;
	crossed: boolean;
}

/** Word `i + j` in lower case (`lowerWord`) and the normalised separator before it, cached for the position `i`. */
function cached(m: Best, j: number): void {
	if (j < MAX_CACHED && m.stamp[j] === m.i) return;
	const t = m.i + j;
	const { starts, ends } = m.tokens;
	const word = lowerWord(m.text.slice(starts[t], ends[t]));
	// a gap longer than any separator can match none
	const gap = j === 0 ? '' : starts[t] - ends[t - 1] > MAX_SEPARATOR ? '\u0000' : normalizeSeparator(m.text.slice(ends[t - 1], starts[t]));
	if (j < MAX_CACHED) {
		m.stamp[j] = m.i;
		m.words[j] = word;
		m.seps[j] = gap;
	} else {
		m.words[MAX_CACHED] = word;
		m.seps[MAX_CACHED] = gap;
	}
}

/** Takes the longest pattern matching at word `m.i`; for one length, exact before plural, then the nearer level. */
function consider(m: Best, patterns: readonly NamePattern[] | undefined, level: Level, onlyLength: number): void {
	if (!patterns) return;
	const count = m.tokens.count;
	for (const p of patterns) {
		const n = p.words.length;
		if (n < m.n || (onlyLength !== 0 && n !== onlyLength)) continue;
		if (m.i + n > m.limit) m.crossed = true;
		if (m.i + n > count) continue;
		const plural = tryMatch(m, p);
		if (plural === undefined) continue;
		if (n > m.n || (m.plural && !plural) || (plural === m.plural && level < m.level)) {
			m.best = p;
			m.n = n;
			m.level = level;
			m.plural = plural;
		}
	}
}

/** undefined: no match at word `m.i`; else whether it matched as a plural. */
function tryMatch(m: Best, p: NamePattern): boolean | undefined {
	const n = p.words.length;
	const { starts, ends } = m.tokens;
	let plural = false;
	for (let j = 0; j < n; j++) {
		const t = m.i + j;
		const slot = j < MAX_CACHED ? j : MAX_CACHED;
		if (j > 0) {
			cached(m, j);
			if (m.seps[slot] !== p.seps[j - 1]) return undefined;
		}
		let word: string;
		if (p.caseSensitive) word = m.text.slice(starts[t], ends[t]);
		else {
			cached(m, j);
			word = m.words[slot];
		}
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
