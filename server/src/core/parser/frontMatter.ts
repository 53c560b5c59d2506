/** YAML front matter (FORMAT.md §2), parsed with the `yaml` package; errors become diagnostics on their line. */
import { parseDocument as parseYaml, isMap } from 'yaml';
import type { CoreDiagnostic, FrontMatter, Span } from '../model';
import { lineOf, type Line, type LineTable } from '../text';
import { parseDateValue, type DateOrder } from './dates';

export interface FrontMatterResult {
	readonly frontMatter?: FrontMatter;
	readonly diagnostics: CoreDiagnostic[];
	/** Index of the first line after the front matter (0 when there is none). */
	readonly bodyLine: number;
}

function isFence(text: string, lines: LineTable, i: number): boolean {
	return text.slice(lines.starts[i], lines.ends[i]).trimEnd() === '---';
}

export function parseFrontMatter(text: string, lines: LineTable, firstLineStart: number, order: DateOrder): FrontMatterResult {
	const first = lineOf(lines, 0);
	if (text.slice(firstLineStart, first.end).trimEnd() !== '---') return { diagnostics: [], bodyLine: 0 };
	let close = -1;
	const n = lines.starts.length;
	for (let i = 1; i < n; i++) {
		if (isFence(text, lines, i)) {
			close = i;
			break;
		}
	}
	if (close < 0) {
		return {
			diagnostics: [{
				span: { start: firstLineStart, end: first.end },
				severity: 'error',
				code: 'front-matter',
				message: 'Front matter is not closed: add a line holding only `---` after it. The document is read without front matter.',
			}],
			bodyLine: 0,
		};
	}
	const contentSpan: Span = { start: first.next, end: lines.starts[close] };
	const span: Span = { start: firstLineStart, end: lines.ends[close] };
	const source = text.slice(contentSpan.start, contentSpan.end);
	const diagnostics: CoreDiagnostic[] = [];
	let data: Record<string, unknown> = {};
	try {
		const doc = parseYaml(source, { prettyErrors: false, uniqueKeys: true, strict: false });
		for (const error of doc.errors) {
			const at = contentSpan.start + Math.min(error.pos[0], source.length);
			const line = lineHolding(lines, at, 1, close - 1);
			const message = error.message.split('\n')[0];
			diagnostics.push({ span: { start: line.start, end: Math.max(line.end, line.start) }, severity: 'error', code: 'front-matter', message: `Front matter: ${message}` });
		}
		if (doc.errors.length === 0) {
			const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
			if (isMap(doc.contents) && value && typeof value === 'object') data = value as Record<string, unknown>;
			else if (value != null) {
				diagnostics.push({ span: { start: lines.starts[1], end: lines.ends[1] }, severity: 'error', code: 'front-matter', message: 'Front matter must be a mapping of keys to values (`title: …`).' });
			}
		}
	} catch (e) {
		diagnostics.push({ span: { start: firstLineStart, end: first.end }, severity: 'error', code: 'front-matter', message: `Front matter could not be read: ${(e as Error).message}` });
	}
	const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);
	const signatories = Array.isArray(data.signatories) ? data.signatories.map((s) => (typeof s === 'string' ? s : typeof s === 'object' && s ? String(Object.values(s)[0] ?? '') : String(s))).filter((s) => s.trim()) : undefined;
	const frontMatter: FrontMatter = {
		span,
		contentSpan,
		closed: true,
		data,
		title: str(data.title),
		date: parseDateValue(data.date, order),
		issuer: str(data.issuer),
		place: str(data.place),
		lang: str(data.lang),
		status: str(data.status),
		signatories,
	};
	return { frontMatter, diagnostics, bodyLine: close + 1 };
}

function lineHolding(lines: LineTable, offset: number, lo: number, hi: number): Line {
	const n = lines.starts.length;
	for (let i = Math.max(lo, 0); i <= hi && i < n; i++) {
		const line = lineOf(lines, i);
		if (offset < line.next || i === hi) return line;
	}
	return lineOf(lines, Math.min(lo, n - 1));
}
