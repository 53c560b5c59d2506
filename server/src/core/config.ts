/** The settings the core honours (`declaration.*` in VS Code), with their defaults. */
import type { DateOrder } from './parser/dates';

export type AcronymSeverity = 'off' | 'hint' | 'information' | 'warning';

export interface DeclarationConfig {
	readonly dateOrder: DateOrder;
	readonly undefinedAcronyms: AcronymSeverity;
	readonly bundledGlossary: boolean;
	readonly indexExclude: readonly string[];
	readonly indexMaxFileSize: number;
	readonly maxDocumentSize: number;
	readonly codeLens: boolean;
	readonly inlayHints: boolean;
}

export const defaultConfig: DeclarationConfig = Object.freeze({
	dateOrder: 'auto',
	undefinedAcronyms: 'hint',
	bundledGlossary: true,
	indexExclude: Object.freeze(['**/node_modules/**']),
	indexMaxFileSize: 5_000_000,
	maxDocumentSize: 20_000_000,
	codeLens: true,
	inlayHints: true,
});

/** Reads the `declaration` settings section (as VS Code sends it) leniently: wrong types fall back to defaults. */
export function readConfig(section: unknown): DeclarationConfig {
	const s = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
	const get = (path: string): unknown => {
		let v: unknown = s;
		for (const part of path.split('.')) {
			if (v && typeof v === 'object' && part in (v as object)) v = (v as Record<string, unknown>)[part];
			else return (s as Record<string, unknown>)[path];
		}
		return v;
	};
	const oneOf = <T extends string>(v: unknown, values: readonly T[], d: T): T => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : d);
	const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
	const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
	const exclude = get('index.exclude');
	return {
		dateOrder: oneOf(get('dateOrder'), ['auto', 'day-first', 'month-first'], defaultConfig.dateOrder),
		undefinedAcronyms: oneOf(get('diagnostics.undefinedAcronyms'), ['off', 'hint', 'information', 'warning'], defaultConfig.undefinedAcronyms),
		bundledGlossary: bool(get('glossary.bundled'), defaultConfig.bundledGlossary),
		indexExclude: Array.isArray(exclude) ? exclude.filter((x): x is string => typeof x === 'string') : defaultConfig.indexExclude,
		indexMaxFileSize: num(get('index.maxFileSize'), defaultConfig.indexMaxFileSize),
		maxDocumentSize: num(get('maxDocumentSize'), defaultConfig.maxDocumentSize),
		codeLens: bool(get('codeLens.enabled'), defaultConfig.codeLens),
		inlayHints: bool(get('inlayHints.enabled'), defaultConfig.inlayHints),
	};
}
