/** `decl refs`: see listing.ts. */
import { collectInputs } from './inputs';
import type { Io } from './io';
import { formatRefs, listRefs, NotAvailable } from './listing';
import { createStyle } from './style';
import { configFrom, createService, type SettingsOptions } from './workspace';

export interface RefsOptions extends SettingsOptions {
	readonly json: boolean;
	readonly color: boolean;
}

export async function runRefs(files: readonly string[], options: RefsOptions, io: Io): Promise<number> {
	const inputs = await collectInputs(files, { cwd: io.cwd, allowFolders: false, exclude: [], readStdin: io.readStdin });
	if (inputs.problems.length > 0) {
		for (const p of inputs.problems) io.stderr.write(`decl: cannot read ${p.display}: ${p.reason}\n`);
		return 2;
	}
	const service = createService(configFrom(options), inputs.sources, inputs.folders);
	let entries;
	try {
		entries = listRefs(service, inputs.sources);
	} catch (e) {
		if (!(e instanceof NotAvailable)) throw e;
		io.stderr.write(`decl refs: not available in this version: ${e.message}.\n`);
		return 2;
	}
	if (options.json) io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
	else io.stdout.write(`${formatRefs(entries, createStyle(options.color)).join('\n')}\n`);
	return 0;
}
