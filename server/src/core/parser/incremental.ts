/**
 * The text-level half of a reparse (`reparseDocument`): the lines and drafting comments of a new
 * version, patched from the previous version's where the two texts agree, and its masked text,
 * built from slices of the text and the comments' blanks (those of unchanged comments reused), so
 * that a keystroke costs what the changed lines cost and not a pass over the whole text.
 *
 * The new text agrees with the old one on `[0, prefix)` and, shifted by `delta` (the change of
 * length), on its last `suffix` characters. Everything here is exact: the results equal what a
 * fresh `splitLines`, `findComments` and blanking give for the new text (the property tests of
 * test/unit/prop-reparse.test.ts compare them).
 */
import type { Span } from '../model';
import { splitLinesInto, type LineTable } from '../text';

export interface LinePatch {
	readonly lines: LineTable;
	/** Lines `[0, first)` are the old version's, unchanged. */
	readonly first: number;
	/** Lines from `tail` on are the old lines from `tail - lineDelta` on, moved by `delta`. */
	readonly tail: number;
	readonly lineDelta: number;
}

/**
 * The first index in `[0, count)` for which `before(i)` is false, `count` when there is none; `before` must
 * hold for a prefix of the indices only (a binary search over sorted lines or spans).
 */
export function firstNotBefore(count: number, before: (i: number) => boolean): number {
	let lo = 0;
	let hi = count;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (before(mid)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The index of the line holding `offset` (`starts`: the lines' starts). */
export function lineAt(starts: Int32Array, offset: number): number {
	return Math.max(0, firstNotBefore(starts.length, (i) => starts[i] <= offset) - 1);
}

/** The index of the first line that starts at or after `offset` (`starts.length` when none does). */
export function firstLineFrom(starts: Int32Array, offset: number): number {
	return firstNotBefore(starts.length, (i) => starts[i] < offset);
}

/**
 * The lines of `text`: the old lines that end (line break included) before the change, the changed
 * lines split afresh, and the old lines that start past the first unchanged character of the
 * suffix, moved. A line break whose last character lies in the suffix ends a line in both texts
 * (a lone CR stays lone: the character after it is in the suffix too), so the lines from there on
 * are the old ones, moved. Undefined when that does not hold (a defensive check).
 */
export function patchLines(oldText: string, old: LineTable, text: string, prefix: number, suffix: number): LinePatch | undefined {
	const delta = text.length - oldText.length;
	const n0 = old.starts.length;
	const first = prefix === 0 ? 0 : lineAt(old.starts, prefix - 1);
	const oldTail = firstLineFrom(old.starts, oldText.length - suffix + 1);
	const from = old.starts[first];
	const last = oldTail >= n0;
	const to = last ? text.length : old.starts[oldTail] + delta;
	const midStarts: number[] = [];
	const midEnds: number[] = [];
	const after = splitLinesInto(text, from, to, midStarts, midEnds, last);
	if (!last && after !== to) return undefined;
	const tail = first + midStarts.length;
	const lineDelta = tail - oldTail;
	const n = tail + (n0 - oldTail);
	const starts = new Int32Array(n);
	const ends = new Int32Array(n);
	starts.set(old.starts.subarray(0, first));
	ends.set(old.ends.subarray(0, first));
	starts.set(midStarts, first);
	ends.set(midEnds, first);
	if (delta === 0) {
		starts.set(old.starts.subarray(oldTail), tail);
		ends.set(old.ends.subarray(oldTail), tail);
	} else {
		for (let k = oldTail; k < n0; k++) {
			starts[k + lineDelta] = old.starts[k] + delta;
			ends[k + lineDelta] = old.ends[k] + delta;
		}
	}
	return { lines: { starts, ends }, first, tail, lineDelta };
}

export interface CommentPatch {
	readonly comments: Span[];
	/** Per comment: the index of the old comment it is (the same text, maybe moved), or -1 for a new one. */
	readonly origin: number[];
	/** The comments (and the blanked head: front matter or byte-order mark) agree on `[0, from)`… */
	readonly from: number;
	/** …and, shifted by `delta`, on `[to, text.length)`; `to` lies in the unchanged suffix. */
	readonly to: number;
}

/** True when the comment found at `c` was closed by `-->` (an unclosed one runs to the end of the text). */
function closed(text: string, c: Span): boolean {
	return c.end - 3 >= c.start + 4 && text.startsWith('-->', c.end - 3);
}

/** The index of the first span of `spans` (sorted, disjoint) whose start is at or after `offset`. */
function firstFrom(spans: readonly Span[], offset: number): number {
	return firstNotBefore(spans.length, (i) => spans[i].start < offset);
}

/** The span of `spans` that holds `offset` strictly inside (start < offset < end), if any. */
function strictlyInside(spans: readonly Span[], offset: number): Span | undefined {
	const k = firstFrom(spans, offset) - 1;
	return k >= 0 && spans[k].end > offset ? spans[k] : undefined;
}

/**
 * The drafting comments of `text` (as `findComments(text, bodyStart)` finds them): the old comments
 * that close before the change, then a scan from there that stops as soon as it stands, in the
 * unchanged suffix, where the old scan stood too (not inside an old comment): from there on the
 * old comments are the new ones, moved.
 */
export function patchComments(
	oldText: string, oldComments: readonly Span[], oldBodyStart: number,
	text: string, bodyStart: number, prefix: number, suffix: number,
): CommentPatch {
	const delta = text.length - oldText.length;
	const suffixStart = text.length - suffix;
	let kept = 0;
	if (bodyStart === oldBodyStart) {
		// comments are disjoint and sorted: their ends are sorted too
		let lo = 0;
		let hi = oldComments.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (oldComments[mid].end <= prefix) lo = mid + 1;
			else hi = mid;
		}
		kept = lo;
		if (kept > 0 && !closed(oldText, oldComments[kept - 1])) kept--;
	}
	const comments = oldComments.slice(0, kept);
	const origin: number[] = [];
	for (let k = 0; k < kept; k++) origin.push(k);
	let q = kept > 0 ? comments[kept - 1].end : bodyStart;
	let to: number;
	for (;;) {
		const i = text.indexOf('<!--', q);
		// the scan searches on over [q, i]: where that reaches the suffix, it stands there as the old scan
		// stood at the same place, unless that place was inside an old comment
		const at = i < 0 || i >= suffixStart ? Math.max(q, suffixStart) : q;
		if (at >= suffixStart) {
			const atOld = at - delta;
			if (atOld >= oldBodyStart && !strictlyInside(oldComments, atOld)) {
				for (let k = firstFrom(oldComments, atOld); k < oldComments.length; k++) {
					const c = oldComments[k];
					comments.push({ start: c.start + delta, end: c.end + delta });
					origin.push(k);
				}
				to = at;
				break;
			}
		}
		if (i < 0) {
			// no comment after q: past the suffix start no old comment starts either (its `<!--` would be
			// in the new text too), but one may run into it
			to = Math.max(q, suffixStart);
			const c = strictlyInside(oldComments, to - delta);
			if (c) to = c.end + delta;
			break;
		}
		const close = text.indexOf('-->', i + 4);
		const end = close < 0 ? text.length : close + 3;
		comments.push({ start: i, end });
		origin.push(-1);
		if (close < 0) {
			// unclosed: it blanks the rest, as an unclosed old comment did from where both had begun
			const last = oldComments[oldComments.length - 1];
			to = last && !closed(oldText, last) ? Math.max(i, last.start + delta, suffixStart) : text.length;
			break;
		}
		q = end;
	}
	// where the comments start to differ before the change
	let from = prefix;
	const nextOld = oldComments[kept];
	const nextNew = comments[kept];
	const startOld = nextOld ? nextOld.start : Infinity;
	const startNew = nextNew ? nextNew.start : Infinity;
	if (startOld < prefix || startNew < prefix) {
		// the same comment opened before the change holds [start, prefix) in both versions
		if (!(startOld === startNew && startOld + 4 <= prefix)) from = Math.min(startOld, startNew, prefix);
	}
	return { comments, origin, from, to };
}

/** `text.slice(span.start, span.end)` blanked: every character but line breaks a space. */
export function blankOf(text: string, span: Span): string {
	const s = text.slice(span.start, span.end);
	// most comments hold no line break: their blank is spaces alone
	return s.includes('\n') || s.includes('\r') ? s.replace(/[^\r\n]/g, ' ') : ' '.repeat(s.length);
}

/**
 * `text` with the `spans` (sorted, disjoint) blanked, each by its blank `blanks[k]`: a string made of
 * slices of `text` and the blanks, built in steps proportional to the number of spans. V8 copies it
 * into one piece only when it is first read character by character.
 */
export function maskedText(text: string, spans: readonly Span[], blanks: readonly string[]): string {
	if (spans.length === 0) return text;
	let out = '';
	let last = 0;
	for (let k = 0; k < spans.length; k++) {
		const s = spans[k];
		out += text.slice(last, s.start);
		out += blanks[k];
		last = s.end;
	}
	return out + text.slice(last);
}

/** The first span of `spans` (sorted, disjoint) that ends after `offset`; `spans.length` when none does. */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
	return firstNotBefore(spans.length, (i) => spans[i].end <= offset);
}
