/** The package's name and version, read from package.json beside the built `server/out/` (or the sources). */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface PackageInfo {
	readonly name: string;
	readonly version: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
	if (cached) return cached;
	for (const up of [['..', '..'], ['..', '..', '..']]) {
		try {
			const pkg = JSON.parse(readFileSync(path.join(__dirname, ...up, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
			if (pkg.name === 'declaration-documents' && typeof pkg.version === 'string') return (cached = { name: pkg.name, version: pkg.version });
		} catch {
			// try the next place
		}
	}
	return (cached = { name: 'declaration-documents', version: '0.0.0' });
}
