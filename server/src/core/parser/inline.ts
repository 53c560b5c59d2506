/**
 * Inline constructs that several features must see the same way: wiki references `[[…]]` and
 * plain URLs. Scans are linear; offsets are offsets into the (masked) text.
 */
import type { Span } from '../model';

export interface WikiLink {
	/** The whole `[[target|shown]]`. */
	readonly span: Span;
	/** `target` as written (document, `#label`, or `document#label`), trimmed. */
	readonly target: string;
	readonly targetSpan: Span;
	/** The shown text after `|`, if any. */
	readonly alias?: string;
	readonly aliasSpan?: Span;
}

/** Every `[[…]]` in `[start, end)` of `text`; a link does not span lines and holds no `[` or `]`. */
export function findWikiLinks(text: string, start = 0, end = text.length): WikiLink[] {
	const out: WikiLink[] = [];
	let i = text.indexOf('[[', start);
	while (i >= 0 && i < end) {
		let j = i + 2;
		while (j < end && text[j] !== ']' && text[j] !== '[' && text[j] !== '\n' && text[j] !== '\r') j++;
		if (j + 1 < end + 1 && text[j] === ']' && text[j + 1] === ']') {
			const inner = text.slice(i + 2, j);
			const bar = inner.indexOf('|');
			const rawTarget = bar < 0 ? inner : inner.slice(0, bar);
			const lead = rawTarget.length - rawTarget.trimStart().length;
			const target = rawTarget.trim();
			const targetSpan = { start: i + 2 + lead, end: i + 2 + lead + target.length };
			let alias: string | undefined;
			let aliasSpan: Span | undefined;
			if (bar >= 0) {
				const raw = inner.slice(bar + 1);
				const aLead = raw.length - raw.trimStart().length;
				alias = raw.trim();
				aliasSpan = { start: i + 2 + bar + 1 + aLead, end: i + 2 + bar + 1 + aLead + alias.length };
			}
			out.push({ span: { start: i, end: j + 2 }, target, targetSpan, alias, aliasSpan });
			i = text.indexOf('[[', j + 2);
		} else {
			i = text.indexOf('[[', i + 2);
		}
	}
	return out;
}

export interface Url {
	readonly span: Span;
	readonly url: string;
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`[\]{}]+/gi;

/** Plain URLs (`http://…`, `https://…`, `www.…`), without trailing punctuation. */
export function findUrls(text: string, start = 0, end = text.length): Url[] {
	const out: Url[] = [];
	const slice = text.slice(start, end);
	URL_RE.lastIndex = 0;
	for (let m = URL_RE.exec(slice); m; m = URL_RE.exec(slice)) {
		let url = m[0];
		while (/[.,;:!?)]$/.test(url) && !(url.endsWith(')') && url.includes('('))) url = url.slice(0, -1);
		out.push({ span: { start: start + m.index, end: start + m.index + url.length }, url });
	}
	return out;
}
