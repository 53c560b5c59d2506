/**
 * The data behind `decl terms` and `decl refs`, and how it is printed. The data comes from the
 * terms and references modules of the core (FORMAT.md §7, §8); this file only shapes and prints it.
 */
import type { DeclarationService } from '../core/service';
import type { Source } from './inputs';
import type { Style } from './style';

/** A place in a file, 1-based, columns in characters as a person counts them. */
export interface Place {
	readonly path: string;
	readonly line: number;
	readonly column: number;
}

export type TermScope = 'document' | 'workspace' | 'bundled';

export interface TermEntry {
	readonly term: string;
	readonly aliases: readonly string[];
	readonly definition: string;
	/** Where the definition applies: its own document first, every document of the workspace (glossary sections), or the bundled glossary. */
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
	/** Where it leads, or undefined when it is unresolved. */
	readonly target?: Place & { readonly name: string };
}

/** Thrown while the core's module does not export what the command needs. */
export class NotAvailable extends Error {}

export function listTerms(_service: DeclarationService, _sources: readonly Source[]): TermEntry[] {
	throw new NotAvailable('the terms module (server/src/core/terms) does not export its definitions yet');
}

export function listRefs(_service: DeclarationService, _sources: readonly Source[]): RefEntry[] {
	throw new NotAvailable('the references module (server/src/core/refs) does not export its resolution yet');
}

const where = (p: Place): string => `${p.path}:${p.line}:${p.column}`;

export function formatTerms(terms: readonly TermEntry[], style: Style): string[] {
	const out: string[] = [];
	for (const t of terms) {
		const aliases = t.aliases.length > 0 ? ` ${style.dim(`(also ${t.aliases.join(', ')})`)}` : '';
		out.push(`${style.bold(t.term)}${aliases}  ${style.dim(`${t.scope} · ${t.uses} ${t.uses === 1 ? 'use' : 'uses'} · ${where(t.definedAt)}`)}`);
		out.push(`    ${t.definition}`);
	}
	out.push(`${terms.length} ${terms.length === 1 ? 'term' : 'terms'}.`);
	return out;
}

export function formatRefs(refs: readonly RefEntry[], style: Style): string[] {
	const out = refs.map((r) => {
		const target = r.target ? `${where(r.target)} ${r.target.name}` : style.yellow('unresolved');
		return `${style.bold(where(r.at))} ${r.text} ${style.dim('→')} ${target}`;
	});
	const unresolved = refs.filter((r) => !r.target).length;
	out.push(`${refs.length} ${refs.length === 1 ? 'reference' : 'references'}, ${unresolved} unresolved.`);
	return out;
}
