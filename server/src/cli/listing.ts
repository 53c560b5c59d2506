/**
 * The data behind `decl terms` and `decl refs`, and how it is printed. The data comes from the
 * terms and references modules of the core (FORMAT.md §7, §8); this file only shapes and prints it.
 */
import type { DeclDocument } from '../core/model';
import { graphemeColumn } from './columns';
import type { Style } from './style';

/** A place in a file, 1-based, columns in characters as a person counts them. */
export interface Place {
	readonly path: string;
	readonly line: number;
	readonly column: number;
}

export type TermScope = 'document' | 'workspace';

export interface TermEntry {
	readonly term: string;
	readonly aliases: readonly string[];
	readonly definition: string;
	/** How it is defined: a glossary section entry, a quoted definition (`"Term" means …`), or an acronym with its long form. */
	readonly kind: 'glossary' | 'quoted' | 'acronym';
	/** Where the definition applies: its own document (quoted and acronym definitions), or every document of the workspace (glossary sections). */
	readonly scope: TermScope;
	readonly definedAt: Place;
	/** Uses in the documents read (the definition itself not counted). */
	readonly uses: number;
}

export interface RefEntry {
	readonly at: Place;
	/** The reference as written: `[[doc#label]]`, `axis 3`. */
	readonly text: string;
	readonly kind: 'wiki' | 'natural';
	/** `resolved`: `target` says where it leads; `external`: it points into another document (`paragraph 7 of resolution 2334`), named in `external`; `unresolved`: `reason` says why. */
	readonly status: 'resolved' | 'external' | 'unresolved';
	readonly target?: Place & { readonly name: string };
	readonly external?: string;
	readonly reason?: string;
}

/** The place of a UTF-16 offset of a document: 1-based line, column in characters. */
export function placeOf(doc: DeclDocument, offset: number, path: string): Place {
	const pos = doc.lineIndex.positionAt(offset);
	const line = doc.lines[pos.line];
	return { path, line: pos.line + 1, column: graphemeColumn(line ? doc.text.slice(line.start, line.end) : '', pos.character) };
}

const where = (p: Place): string => `${p.path}:${p.line}:${p.column}`;

/** `path:line:col Term (also Alias): definition (kind, scope, uses)`, one line a term. */
export function formatTerms(terms: readonly TermEntry[], style: Style): string[] {
	const out = terms.map((t) => {
		const aliases = t.aliases.length > 0 ? ` (also ${t.aliases.join(', ')})` : '';
		const facts = `(${t.kind}, scope ${t.scope}, ${t.uses} ${t.uses === 1 ? 'use' : 'uses'})`;
		return `${style.bold(where(t.definedAt))} ${style.bold(t.term)}${aliases}: ${t.definition} ${style.dim(facts)}`;
	});
	out.push(`${terms.length} ${terms.length === 1 ? 'term' : 'terms'}.`);
	return out;
}

export function formatRefs(refs: readonly RefEntry[], style: Style): string[] {
	const out = refs.map((r) => {
		const target = r.status === 'resolved' && r.target ? `${where(r.target)}${r.target.name ? ` ${r.target.name}` : ''}`
			: r.status === 'external' ? style.dim(`another document: ${r.external ?? ''}`)
				: `${style.yellow('unresolved')}${r.reason ? style.dim(` (${r.reason})`) : ''}`;
		return `${style.bold(where(r.at))} ${r.text} ${style.dim('→')} ${target}`;
	});
	const unresolved = refs.filter((r) => r.status === 'unresolved').length;
	const external = refs.filter((r) => r.status === 'external').length;
	out.push(`${refs.length} ${refs.length === 1 ? 'reference' : 'references'}: ${refs.length - unresolved - external} resolved, ${unresolved} unresolved${external ? `, ${external} into other documents` : ''}.`);
	return out;
}
