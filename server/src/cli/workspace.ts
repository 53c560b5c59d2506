/** One workspace for one run: every document read goes into one index, as in the editor. */
import { defaultConfig, type AcronymSeverity, type DeclarationConfig } from '../core/config';
import type { DateOrder } from '../core/parser/dates';
import { DeclarationService } from '../core/service';
import { loadBundledGlossary } from '../node/bundledGlossary';
import { collectInputs, type Source } from './inputs';
import type { Io } from './io';

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

/**
 * The single-file commands (`outline`, `terms`, `refs`): reads the files given (`-` is standard
 * input) into one workspace. Unreadable files are named on standard error, and then there is no
 * workspace: the command exits 2.
 */
export async function openFiles(files: readonly string[], options: SettingsOptions, io: Io): Promise<{ service: DeclarationService; sources: readonly Source[] } | undefined> {
	const inputs = await collectInputs(files, { cwd: io.cwd, allowFolders: false, exclude: [], readStdin: io.readStdin });
	if (inputs.problems.length > 0) {
		for (const p of inputs.problems) io.stderr.write(`decl: cannot read ${p.display}: ${p.reason}\n`);
		return undefined;
	}
	return { service: createService(configFrom(options), inputs.sources, inputs.folders), sources: inputs.sources };
}
