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
 * The lines of a text as offsets, without an object per line: line `i` runs from `starts[i]` to
 * `ends[i]` (before its line break); the next line starts at `starts[i + 1]`. What `splitLines`
 * gives, for the parser and `LineIndex`; `Line` objects are made from it only when asked for.
 */
export interface LineTable {
	readonly starts: Int32Array;
	readonly ends: Int32Array;
}

/** A copy of the typed array `a` with room for `length` values (its own first, zeros after): growing a scratch array. */
export function grown<T extends Int32Array | Uint32Array | Float64Array>(a: T, length: number): T {
	const b = new (a.constructor as new (length: number) => T)(length);
	b.set(a);
	return b;
}

/** `splitLines` as a `LineTable`. */
export function lineTable(text: string): LineTable {
	const n = text.length;
	let starts = new Int32Array(64 + (n >> 5));
	let ends = new Int32Array(starts.length);
	let count = 0;
	let start = 0;
	let lf = text.indexOf('\n');
	let cr = text.indexOf('\r');
	for (;;) {
		if (count === starts.length) {
			starts = grown(starts, count * 2);
			ends = grown(ends, count * 2);
		}
		starts[count] = start;
		if (lf < 0 && cr < 0) {
			ends[count++] = n;
			break;
		}
		if (cr < 0 || (lf >= 0 && lf < cr)) {
			ends[count++] = lf;
			start = lf + 1;
			lf = text.indexOf('\n', start);
		} else {
			ends[count++] = cr;
			const crlf = lf === cr + 1;
			start = crlf ? cr + 2 : cr + 1;
			if (crlf) lf = text.indexOf('\n', start);
			cr = text.indexOf('\r', start);
		}
	}
	return { starts: starts.slice(0, count), ends: ends.slice(0, count) };
}

/** Line `i` of `table` as a `Line`. */
export function lineOf(table: LineTable, i: number): Line {
	const { starts, ends } = table;
	return { index: i, start: starts[i], end: ends[i], next: i + 1 < starts.length ? starts[i + 1] : ends[i] };
}

/**
 * Appends to `starts` and `ends` the lines of `text` from `from` (a line start) up to `to`, a line
 * start (a line break ends just before it), and with `last` the last line of the text too (`to` is
 * then `text.length`). Reads only `[from, to]`, so splitting the changed lines of a large text
 * costs what they cost. Returns where the line after the last line break read starts (`from` when
 * there was none).
 */
export function splitLinesInto(text: string, from: number, to: number, starts: number[], ends: number[], last: boolean): number {
	let start = from;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) {
			starts.push(start);
			ends.push(i);
			start = i + 1;
		} else if (c === 13) {
			const next = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
			starts.push(start);
			ends.push(i);
			start = next;
			i = next - 1;
		}
	}
	if (last) {
		starts.push(start);
		ends.push(text.length);
	}
	return start;
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

/**
 * Maps offsets to LSP positions (UTF-16) and back. Built once per document version, from the lines'
 * offsets (`LineTable`); the `Line` objects of `lines` are made on first use.
 */
export class LineIndex {
	readonly #starts: Int32Array;
	readonly #ends: Int32Array;
	readonly #length: number;
	#lines: readonly Line[] | undefined;

	/** From `lines`, or (when `lines` is undefined) from `table`. */
	constructor(lines: readonly Line[] | undefined, length: number, table?: LineTable) {
		if (lines) {
			const starts = new Int32Array(lines.length);
			const ends = new Int32Array(lines.length);
			for (let i = 0; i < lines.length; i++) {
				starts[i] = lines[i].start;
				ends[i] = lines[i].end;
			}
			this.#starts = starts;
			this.#ends = ends;
			this.#lines = lines;
		} else {
			this.#starts = table?.starts ?? new Int32Array(1);
			this.#ends = table?.ends ?? new Int32Array([length]);
		}
		this.#length = length;
	}

	static of(text: string): LineIndex {
		return new LineIndex(undefined, text.length, lineTable(text));
	}

	/** The lines as offsets. */
	get table(): LineTable {
		return { starts: this.#starts, ends: this.#ends };
	}

	/** The lines (made on first use). */
	get lines(): readonly Line[] {
		if (!this.#lines) {
			const lines: Line[] = [];
			const table = this.table;
			for (let i = 0; i < this.#starts.length; i++) lines.push(lineOf(table, i));
			this.#lines = lines;
		}
		return this.#lines;
	}

	get lineCount(): number {
		return this.#starts.length;
	}

	/** The index of the line holding `offset` (clamped into the text). */
	#lineNumber(offset: number): number {
		const o = clamp(offset, 0, this.#length);
		let lo = 0;
		let hi = this.#starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.#starts[mid] <= o) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	/** The line holding `offset` (clamped into the text). */
	lineAt(offset: number): Line {
		const i = this.#lineNumber(offset);
		return this.#lines ? this.#lines[i] : lineOf({ starts: this.#starts, ends: this.#ends }, i);
	}

	positionAt(offset: number): Position {
		const i = this.#lineNumber(offset);
		const o = clamp(offset, 0, this.#length);
		return { line: i, character: Math.min(o, this.#ends[i]) - this.#starts[i] };
	}

	/** The offset of an LSP position; positions past a line's end or past the text are clamped. */
	offsetAt(position: Position): number {
		const lineNo = Number.isFinite(position.line) ? Math.floor(position.line) : 0;
		if (lineNo < 0) return 0;
		if (lineNo >= this.#starts.length) return this.#length;
		const start = this.#starts[lineNo];
		const ch = Number.isFinite(position.character) ? Math.floor(position.character) : 0;
		return clamp(start + Math.max(0, ch), start, this.#ends[lineNo]);
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
