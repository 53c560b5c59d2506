/** `decl terms`: every term the files define, from the terms module (core/terms). */
import type { DeclarationService } from '../core/service';
import { docInfo, termsOf } from '../core/terms/state';
import type { Source } from './inputs';
import type { Io } from './io';
import { formatTerms, placeOf, type TermEntry } from './listing';
import { createStyle } from './style';
import { openFiles, type SettingsOptions } from './workspace';

export interface TermsOptions extends SettingsOptions {
	readonly json: boolean;
	readonly color: boolean;
}

export async function runTerms(files: readonly string[], options: TermsOptions, io: Io): Promise<number> {
	const opened = await openFiles(files, options, io);
	if (!opened) return 2;
	const { service, sources } = opened;
	const entries = listTerms(service, sources);
	if (options.json) io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
	else io.stdout.write(`${formatTerms(entries, createStyle(options.color)).join('\n')}\n`);
	return 0;
}

/** Every definition the sources hold, in path then document order, with its scope and use count. */
export function listTerms(service: DeclarationService, sources: readonly Source[]): TermEntry[] {
	const state = termsOf(service.context());
	const out: TermEntry[] = [];
	for (const source of sources) {
		const doc = service.index.get(source.uri);
		if (!doc) continue;
		for (const def of docInfo(doc).defs) {
			out.push({
				term: def.names[0] ?? doc.text.slice(def.termSpan.start, def.termSpan.end),
				aliases: def.names.slice(1),
				definition: def.definition,
				kind: def.kind,
				// a glossary section defines for every document of the workspace; a quoted or acronym definition for its own document
				scope: def.kind === 'glossary' ? 'workspace' : 'document',
				definedAt: placeOf(doc, def.termSpan.start, source.display),
				uses: state.countUses(def),
			});
		}
	}
	return out;
}
