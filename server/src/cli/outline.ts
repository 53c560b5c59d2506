/** `decl outline`: the outline of each file as an indented tree, or the document symbols as JSON. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { DeclDocument } from '../core/model';
import type { Source } from './inputs';
import type { Io } from './io';
import { createStyle, type Style } from './style';
import { openFiles, type SettingsOptions } from './workspace';

export interface OutlineOptions extends SettingsOptions {
	readonly json: boolean;
	readonly color: boolean;
}

export async function runOutline(files: readonly string[], options: OutlineOptions, io: Io): Promise<number> {
	const opened = await openFiles(files, options, io);
	if (!opened) return 2;
	const { service, sources } = opened;
	// in the order given on the command line
	const order = orderAsGiven(files, sources);
	if (options.json) {
		const out = order.map((s) => ({ path: s.display, uri: s.uri, symbols: service.getDocumentSymbols(s.uri) }));
		io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
		return 0;
	}
	const style = createStyle(options.color);
	const blocks = order.map((s) => {
		const doc = service.index.get(s.uri);
		const lines = doc ? renderOutline(doc, service.getDocumentSymbols(s.uri), style) : [];
		return order.length > 1 ? [style.bold(style.cyan(s.display)), ...lines.map((l) => `  ${l}`)] : lines;
	});
	io.stdout.write(`${blocks.map((b) => b.join('\n')).join('\n\n')}\n`);
	return 0;
}

/** The sources in the order of the arguments (collectInputs sorts them by path). */
function orderAsGiven(args: readonly string[], sources: readonly Source[]): Source[] {
	const byDisplay = new Map(sources.map((s) => [s.display, s]));
	const out: Source[] = [];
	const taken = new Set<Source>();
	for (const a of args) {
		const s = a === '-' ? sources.find((x) => x.display === '<stdin>') : byDisplay.get(a) ?? sources.find((x) => !taken.has(x) && x.uri.endsWith(encodeURI(a.replace(/^\.\//, ''))));
		if (s && !taken.has(s)) {
			out.push(s);
			taken.add(s);
		}
	}
	for (const s of sources) if (!taken.has(s)) out.push(s);
	return out;
}

/** The header (title, date, place, status, signatories count), then the headings, axes and points as a tree. */
export function renderOutline(doc: DeclDocument, symbols: readonly DocumentSymbol[], style: Style): string[] {
	const lines: string[] = [];
	const fm = doc.frontMatter;
	lines.push(style.bold(doc.title?.text ?? '(untitled)'));
	const facts: string[] = [];
	if (doc.date) facts.push(`date ${doc.date.iso}${doc.date.time ? ` ${doc.date.time}` : ''}`);
	const place = doc.date?.place ?? fm?.place;
	if (place) facts.push(`place ${place}`);
	if (fm?.issuer) facts.push(`issuer ${fm.issuer}`);
	if (fm?.status) facts.push(`status ${fm.status}`);
	if (doc.signatories) facts.push(`${doc.signatories.names.length} ${doc.signatories.names.length === 1 ? 'signatory' : 'signatories'}`);
	if (facts.length > 0) lines.push(style.dim(facts.join(' · ')));
	const walk = (list: readonly DocumentSymbol[], depth: number): void => {
		for (const s of list) {
			if (depth === 0 && s.kind === SymbolKind.File) continue; // the title, printed above
			const name = s.name;
			const detail = s.detail ? `  ${s.kind === SymbolKind.Namespace || s.kind === SymbolKind.EnumMember || s.kind === SymbolKind.Field ? style.cyan(s.detail) : style.dim(s.detail)}` : '';
			lines.push(`${'  '.repeat(depth)}${s.kind === SymbolKind.Namespace ? style.bold(name) : name}${detail}`);
			if (s.kind !== SymbolKind.Array) walk(s.children ?? [], depth + 1);
		}
	};
	walk(symbols, 0);
	return lines;
}
