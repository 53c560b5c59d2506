/**
 * `.declignore`: globs of files the workspace index and `decl check` skip, one a line, relative
 * to the folder holding the file (as in the setting declaration.index.exclude); `#` starts a
 * comment line; a line naming a folder (`drafts`, `drafts/`) skips everything under it.
 * Shared by the two Node hosts: the language server (at each workspace folder's top) and the CLI
 * (at the top of each folder it is given).
 */
export const IGNORE_FILE = '.declignore';

export function parseIgnoreFile(text: string): string[] {
	const globs: string[] = [];
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	for (const raw of body.split(/\r\n|\r|\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith('#')) continue;
		let glob = line.startsWith('./') ? line.slice(2) : line;
		while (glob.endsWith('/')) glob = glob.slice(0, -1);
		if (!glob) continue;
		globs.push(glob);
		if (!glob.endsWith('/**')) globs.push(`${glob}/**`);
	}
	return globs;
}
