/** One workspace for one run: every document read goes into one index, as in the editor. */
import { defaultConfig, type AcronymSeverity, type DeclarationConfig } from '../core/config';
import type { DateOrder } from '../core/parser/dates';
import { DeclarationService } from '../core/service';
import { loadBundledGlossary } from '../node/bundledGlossary';
import type { Source } from './inputs';

/** The command-line options that mirror the editor's `declaration.*` settings. */
export interface SettingsOptions {
	readonly undefinedAcronyms?: AcronymSeverity;
	readonly bundledGlossary?: boolean;
	readonly dateOrder?: DateOrder;
}

export function configFrom(options: SettingsOptions, exclude: readonly string[] = defaultConfig.indexExclude): DeclarationConfig {
	return {
		...defaultConfig,
		undefinedAcronyms: options.undefinedAcronyms ?? defaultConfig.undefinedAcronyms,
		bundledGlossary: options.bundledGlossary ?? defaultConfig.bundledGlossary,
		dateOrder: options.dateOrder ?? defaultConfig.dateOrder,
		indexExclude: exclude,
	};
}

export function createService(config: DeclarationConfig, sources: readonly Source[], folders: readonly string[]): DeclarationService {
	const service = new DeclarationService({ config, bundledGlossary: loadBundledGlossary() });
	service.index.setFolders(folders);
	for (const s of sources) service.index.setDisk(s.uri, s.text);
	return service;
}
