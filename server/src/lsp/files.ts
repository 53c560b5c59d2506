/**
 * The workspace on disk, for the core's IWorkspaceFiles: finds `.decl` / `.declaration` files
 * under the workspace folders and reads them. Security rules (ARCHITECTURE.md, "Security"):
 * only files inside the workspace folders, only the two extensions, size-capped, never a link
 * followed out of its folder, binary files skipped.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import type { IWorkspaceFiles } from '../core/workspace';
import { IGNORE_FILE, parseIgnoreFile } from '../node/declignore';

export const DECLARATION_EXTENSIONS = ['.decl', '.declaration'];

export function isDeclarationPath(p: string): boolean {
	const lower = p.toLowerCase();
	return DECLARATION_EXTENSIONS.some((e) => lower.endsWith(e));
}

export interface DiskWorkspaceOptions {
	readonly folders: readonly string[]; // folder URIs
	readonly exclude: readonly string[];
	readonly maxFileSize: number;
	readonly log?: (message: string) => void;
	/** Stop after this many files (a safety net for huge folders). */
	readonly maxFiles?: number;
	/** Also skip the globs of a `.declignore` at the top of each folder (default true; the CLI reads them itself). */
	readonly ignoreFiles?: boolean;
}

export class DiskWorkspace implements IWorkspaceFiles {
	readonly #folders: string[];
	readonly #isExcluded: (relative: string) => boolean;
	readonly #options: DiskWorkspaceOptions;
	/** Per folder, the matcher of its `.declignore` globs (read by `loadIgnoreFiles`). */
	readonly #ignored = new Map<string, (relative: string) => boolean>();
	/** The folders with their links resolved, once per DiskWorkspace (one indexing run or one event). */
	#realFolders: Promise<string[]> | undefined;
	#ignoreLoaded: Promise<void> | undefined;

	constructor(options: DiskWorkspaceOptions) {
		this.#options = options;
		this.#folders = options.folders.map((f) => safeFsPath(f)).filter((f): f is string => f !== undefined);
		this.#isExcluded = matcher(options.exclude);
	}

	/** Reads the `.declignore` at the top of each folder, once; an absent file is no error. */
	loadIgnoreFiles(): Promise<void> {
		if (this.#options.ignoreFiles === false) return Promise.resolve();
		this.#ignoreLoaded ??= Promise.all(this.#folders.map(async (folder) => {
			try {
				const globs = parseIgnoreFile(await fs.readFile(path.join(folder, IGNORE_FILE), 'utf8'));
				if (globs.length > 0) this.#ignored.set(folder, matcher(globs));
			} catch (e) {
				const code = (e as NodeJS.ErrnoException)?.code;
				if (code !== 'ENOENT' && code !== 'ENOTDIR') this.#options.log?.(`cannot read ${path.join(folder, IGNORE_FILE)}: ${(e as Error).message}`);
			}
		})).then(() => undefined);
		return this.#ignoreLoaded;
	}

	#excluded(folder: string, rel: string): boolean {
		return this.#isExcluded(rel) || (this.#ignored.get(folder)?.(rel) ?? false);
	}

	/** True when `fsPath` lies inside one of the workspace folders (after resolving links). */
	async isInside(fsPath: string): Promise<boolean> {
		let real: string;
		try {
			real = await fs.realpath(fsPath);
		} catch {
			return false;
		}
		this.#realFolders ??= Promise.all(this.#folders.map((folder) => fs.realpath(folder).catch(() => folder)));
		for (const realFolder of await this.#realFolders) {
			if (real === realFolder || real.startsWith(realFolder + path.sep)) return true;
		}
		return false;
	}

	async findDocuments(): Promise<string[]> {
		await this.loadIgnoreFiles();
		const found: string[] = [];
		const max = this.#options.maxFiles ?? 200_000;
		for (const folder of this.#folders) {
			let root: string;
			try {
				root = await fs.realpath(folder);
			} catch {
				continue;
			}
			const visited = new Set<string>([root]);
			const queue: string[] = [root];
			while (queue.length > 0 && found.length < max) {
				const dir = queue.shift() as string;
				let entries: import('node:fs').Dirent[];
				try {
					entries = await fs.readdir(dir, { withFileTypes: true });
				} catch (e) {
					this.#options.log?.(`cannot list ${dir}: ${(e as Error).message}`);
					continue;
				}
				for (const entry of entries) {
					if (found.length >= max) break; // the cap holds inside one huge directory too
					const full = path.join(dir, entry.name);
					const rel = path.relative(root, full).split(path.sep).join('/');
					if (this.#excluded(folder, rel)) continue;
					let isDir = entry.isDirectory();
					let isFile = entry.isFile();
					if (entry.isSymbolicLink()) {
						// follow a link only when it stays inside this folder, and never into a loop
						let real: string;
						try {
							real = await fs.realpath(full);
						} catch {
							continue; // dangling link
						}
						if (real !== root && !real.startsWith(root + path.sep)) continue;
						try {
							const st = await fs.stat(real);
							isDir = st.isDirectory();
							isFile = st.isFile();
						} catch {
							continue;
						}
						if (isDir) {
							if (visited.has(real)) continue;
							visited.add(real);
						}
					} else if (isDir) {
						visited.add(full);
					}
					if (isDir) queue.push(full);
					else if (isFile && isDeclarationPath(entry.name)) found.push(URI.file(full).toString());
				}
			}
		}
		return found;
	}

	async readDocument(uri: string): Promise<string | undefined> {
		const fsPath = safeFsPath(uri);
		if (!fsPath || !isDeclarationPath(fsPath)) return undefined;
		if (!(await this.isInside(fsPath))) return undefined;
		try {
			const st = await fs.stat(fsPath);
			if (!st.isFile()) return undefined;
			if (st.size > this.#options.maxFileSize) {
				this.#options.log?.(`skipped ${fsPath}: ${st.size} bytes, over the limit of ${this.#options.maxFileSize} (declaration.index.maxFileSize)`);
				return undefined;
			}
			const buf = await fs.readFile(fsPath);
			if (looksBinary(buf)) {
				this.#options.log?.(`skipped ${fsPath}: not text`);
				return undefined;
			}
			return buf.toString('utf8');
		} catch (e) {
			this.#options.log?.(`cannot read ${fsPath}: ${(e as Error).message}`);
			return undefined;
		}
	}

	/** True when a file URI is excluded by the settings or its folder's `.declignore` (call `loadIgnoreFiles` first). */
	isExcluded(uri: string): boolean {
		const fsPath = safeFsPath(uri);
		if (!fsPath) return true;
		for (const folder of this.#folders) {
			if (fsPath.startsWith(folder + path.sep)) return this.#excluded(folder, path.relative(folder, fsPath).split(path.sep).join('/'));
		}
		return false;
	}
}

/** NUL bytes in the first 8 KB: a binary file, whatever its name. */
function matcher(globs: readonly string[]): (relative: string) => boolean {
	const matchers = globs.map((g) => picomatch(g, { dot: true }));
	return (rel) => matchers.some((m) => m(rel) || m(`${rel}/`));
}

export function looksBinary(buf: Uint8Array): boolean {
	const n = Math.min(buf.length, 8192);
	for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
	return false;
}

export function safeFsPath(uri: string): string | undefined {
	try {
		const u = URI.parse(uri);
		return u.scheme === 'file' ? u.fsPath : undefined;
	} catch {
		return undefined;
	}
}
