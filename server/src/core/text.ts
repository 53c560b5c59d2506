/**
 * Text primitives: lines, line breaks (LF, CRLF, lone CR), indentation columns, and the one
 * place where UTF-16 offsets become LSP positions and back (`LineIndex`).
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from './model';

/** One line of the text. Offsets are UTF-16 code units. */
export interface Line {
	/** 0-based line number. */
	readonly index: number;
	/** Offset of the first character. */
	readonly start: number;
	/** Offset just past the last character, before the line break. */
	readonly end: number;
	/** Offset just past the line break (the next line's start); equals `end` on the last line. */
	readonly next: number;
}

const TAB_WIDTH = 4;

/** Splits text at LF, CRLF and lone CR, as LSP does. Always returns at least one line. */
export function splitLines(text: string): Line[] {
	const lines: Line[] = [];
	const n = text.length;
	let start = 0;
	// indexOf runs natively: far faster than a character loop on large texts
	let lf = text.indexOf('\n');
	let cr = text.indexOf('\r');
	while (lf >= 0 || cr >= 0) {
		if (cr < 0 || (lf >= 0 && lf < cr)) {
			lines.push({ index: lines.length, start, end: lf, next: lf + 1 });
			start = lf + 1;
			lf = text.indexOf('\n', start);
		} else {
			const crlf = lf === cr + 1;
			const next = crlf ? cr + 2 : cr + 1;
			lines.push({ index: lines.length, start, end: cr, next });
			start = next;
			if (crlf) lf = text.indexOf('\n', start);
			cr = text.indexOf('\r', start);
		}
	}
	lines.push({ index: lines.length, start, end: n, next: n });
	return lines;
}

/**
 * Appends to `out` the lines of `text` from `from` (a line start) up to `to`, a line start (a line
 * break ends just before it), and with `last` the last line of the text too (`to` is then
 * `text.length`); their indices follow `out.length`. Reads only `[from, to]`, so splitting the
 * changed lines of a large text costs what they cost.
 */
export function splitLinesInto(text: string, from: number, to: number, out: Line[], last: boolean): void {
	let start = from;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) {
			out.push({ index: out.length, start, end: i, next: i + 1 });
			start = i + 1;
		} else if (c === 13) {
			const next = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
			out.push({ index: out.length, start, end: i, next });
			start = next;
			i = next - 1;
		}
	}
	if (last) out.push({ index: out.length, start, end: text.length, next: text.length });
}

/** The length of the longest common prefix of `a` and `b`, compared a block at a time (natively) before character by character. */
export function commonPrefix(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	let i = 0;
	for (let block = 1 << 16; block >= 16; block >>= 4) {
		while (i + block <= n && a.slice(i, i + block) === b.slice(i, i + block)) i += block;
	}
	while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
	return i;
}

/** The length of the longest common suffix of `a` and `b`, at most `max` (pass what is left after the common prefix, so that the two never overlap). */
export function commonSuffix(a: string, b: string, max = Math.min(a.length, b.length)): number {
	const n = Math.max(0, Math.min(max, a.length, b.length));
	const al = a.length;
	const bl = b.length;
	let i = 0;
	for (let block = 1 << 16; block >= 16; block >>= 4) {
		while (i + block <= n && a.slice(al - i - block, al - i) === b.slice(bl - i - block, bl - i)) i += block;
	}
	while (i < n && a.charCodeAt(al - i - 1) === b.charCodeAt(bl - i - 1)) i++;
	return i;
}

/** Strings shorter than this are copied by `slice`, longer ones point into the string they were cut from (V8's sliced strings). */
export const SLICE_MIN = 13;

/** A copy of `s` that does not keep alive the text it was cut from (a V8 substring refers to its parent). */
export function detach(s: string): string {
	return s.length < SLICE_MIN ? s : (` ${s}`).slice(1);
}

/** Maps offsets to LSP positions (UTF-16) and back. Built once per document version. */
export class LineIndex {
	readonly #starts: Int32Array;
	readonly #length: number;

	/** `starts` (each line's start) is computed from `lines` when not given. */
	constructor(readonly lines: readonly Line[], length: number, starts?: Int32Array) {
		if (!starts) {
			starts = new Int32Array(lines.length);
			for (let i = 0; i < lines.length; i++) starts[i] = lines[i].start;
		}
		this.#starts = starts;
		this.#length = length;
	}

	static of(text: string): LineIndex {
		return new LineIndex(splitLines(text), text.length);
	}

	/**
	 * The index of `lines`, a new version of `prev.lines` whose lines before `first` are the same
	 * and whose lines from `tail` on are the old ones from `tail - lineDelta` on, moved by `delta`
	 * characters: built from `prev`'s line starts rather than from every line.
	 */
	static patched(prev: LineIndex, lines: readonly Line[], length: number, first: number, tail: number, lineDelta: number, delta: number): LineIndex {
		const old = prev.#starts;
		const starts = new Int32Array(lines.length);
		starts.set(old.subarray(0, first));
		for (let i = first; i < tail; i++) starts[i] = lines[i].start;
		if (delta === 0) starts.set(old.subarray(tail - lineDelta), tail);
		else for (let i = tail; i < lines.length; i++) starts[i] = old[i - lineDelta] + delta;
		return new LineIndex(lines, length, starts);
	}

	get lineCount(): number {
		return this.lines.length;
	}

	/** The line holding `offset` (clamped into the text). */
	lineAt(offset: number): Line {
		const o = clamp(offset, 0, this.#length);
		let lo = 0;
		let hi = this.#starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.#starts[mid] <= o) lo = mid;
			else hi = mid - 1;
		}
		return this.lines[lo];
	}

	positionAt(offset: number): Position {
		const line = this.lineAt(offset);
		const o = clamp(offset, 0, this.#length);
		return { line: line.index, character: Math.min(o, line.end) - line.start };
	}

	/** The offset of an LSP position; positions past a line's end or past the text are clamped. */
	offsetAt(position: Position): number {
		const lineNo = Number.isFinite(position.line) ? Math.floor(position.line) : 0;
		if (lineNo < 0) return 0;
		if (lineNo >= this.lines.length) return this.#length;
		const line = this.lines[lineNo];
		const ch = Number.isFinite(position.character) ? Math.floor(position.character) : 0;
		return clamp(line.start + Math.max(0, ch), line.start, line.end);
	}

	toRange(span: Span): Range {
		return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
	}

	toSpan(range: Range): Span {
		const start = this.offsetAt(range.start);
		const end = this.offsetAt(range.end);
		return start <= end ? { start, end } : { start: end, end: start };
	}
}

function clamp(n: number, lo: number, hi: number): number {
	return n < lo ? lo : n > hi ? hi : n;
}

/** Indentation width in columns of the leading whitespace of `text.slice(start, end)`; tabs count 4. */
export function indentColumns(text: string, start: number, end: number): number {
	let col = 0;
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 32 || c === 0xa0) col++;
		else if (c === 9) col += TAB_WIDTH - (col % TAB_WIDTH);
		else break;
	}
	return col;
}

/** Offset of the first character that is not a space, tab or no-break space, in `[start, end)`; `end` if none. */
export function firstNonSpace(text: string, start: number, end: number): number {
	let i = start;
	while (i < end) {
		const c = text.charCodeAt(i);
		if (c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0xfeff) i++;
		else break;
	}
	return i;
}

/** Offset just past the last character that is not whitespace, in `[start, end)`; `start` if none. */
export function lastNonSpace(text: string, start: number, end: number): number {
	let i = end;
	while (i > start) {
		const c = text.charCodeAt(i - 1);
		if (c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0xfeff) i--;
		else break;
	}
	return i;
}

export function isBlank(text: string, line: Line): boolean {
	return firstNonSpace(text, line.start, line.end) === line.end;
}

export function spanText(text: string, span: Span): string {
	return text.slice(span.start, span.end);
}

export function spanContains(span: Span, offset: number): boolean {
	return offset >= span.start && offset <= span.end;
}

/** Blanks the given spans with spaces, keeping line breaks, so that offsets do not move. */
export function blankSpans(text: string, spans: readonly Span[]): string {
	if (spans.length === 0) return text;
	let out = '';
	let last = 0;
	for (const s of spans) {
		out += text.slice(last, s.start);
		out += text.slice(s.start, s.end).replace(/[^\r\n]/g, ' ');
		last = s.end;
	}
	return out + text.slice(last);
}
