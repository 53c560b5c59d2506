/**
 * The glossary shipped with the server (`server/glossary/bundled.decl`), read from disk by the
 * Node hosts: the LSP adapter and the `decl` command line. Both are bundled into `server/out/`,
 * so the file is `../glossary/bundled.decl` from there (or `../../glossary/` from `server/src/node/`
 * when run from sources).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { BundledGlossary } from '../core/service';

export function bundledGlossaryCandidates(dir: string = __dirname): string[] {
	return [path.join(dir, '..', 'glossary', 'bundled.decl'), path.join(dir, '..', '..', 'glossary', 'bundled.decl')];
}

/** The bundled glossary, or undefined when it is not where it should be. */
export function loadBundledGlossary(dir: string = __dirname): BundledGlossary | undefined {
	for (const file of bundledGlossaryCandidates(dir)) {
		try {
			return { uri: URI.file(file).toString(), text: readFileSync(file, 'utf8') };
		} catch {
			// try the next place
		}
	}
	return undefined;
}
