/** `decl terms`: every term the files define, from the terms module (core/terms). */
import type { DeclarationService } from '../core/service';
import { collectInputs, type Source } from './inputs';
import type { Io } from './io';
import { formatTerms, type TermEntry } from './listing';
import { createStyle } from './style';
import { configFrom, createService, type SettingsOptions } from './workspace';

export interface TermsOptions extends SettingsOptions {
	readonly json: boolean;
	readonly color: boolean;
}

/** Thrown while the terms module does not export what the command needs. */
class NotAvailable extends Error {}

export async function runTerms(files: readonly string[], options: TermsOptions, io: Io): Promise<number> {
	const inputs = await collectInputs(files, { cwd: io.cwd, allowFolders: false, exclude: [], readStdin: io.readStdin });
	if (inputs.problems.length > 0) {
		for (const p of inputs.problems) io.stderr.write(`decl: cannot read ${p.display}: ${p.reason}\n`);
		return 2;
	}
	const service = createService(configFrom(options), inputs.sources, inputs.folders);
	let entries: TermEntry[];
	try {
		entries = listTerms(service, inputs.sources);
	} catch (e) {
		if (!(e instanceof NotAvailable)) throw e;
		io.stderr.write(`decl terms: not available in this version: ${e.message}.\n`);
		return 2;
	}
	if (options.json) io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
	else io.stdout.write(`${formatTerms(entries, createStyle(options.color)).join('\n')}\n`);
	return 0;
}

export function listTerms(_service: DeclarationService, _sources: readonly Source[]): TermEntry[] {
	throw new NotAvailable('the terms module (server/src/core/terms) has not landed yet');
}
