/**
 * The command line's inputs: the files and folders named on the command line, `-` for standard
 * input, folders walked with the adapter's DiskWorkspace (same extensions, exclude globs, symlink
 * rules as the editor's workspace index). Every file that cannot be read becomes a problem naming
 * the file and the reason; the caller reports them and exits with code 2.
 */
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DiskWorkspace, looksBinary } from '../lsp/files';
import { IGNORE_FILE, parseIgnoreFile } from '../node/declignore';

/** A document the command reads. */
export interface Source {
	/** The URI the core knows it by: a `file:` URI, or `untitled:stdin`. */
	readonly uri: string;
	/** The path as printed: relative to the working directory when inside it, else absolute; `<stdin>` for standard input. */
	readonly display: string;
	/** For SARIF's artifactLocation: a relative URI reference (`/` separators, percent-encoded), or an absolute `file:` URI. */
	readonly sarifUri: string;
	readonly text: string;
}

/** A file that could not be read, and why (`no such file or directory`, `permission denied`…). */
export interface InputProblem {
	readonly display: string;
	readonly reason: string;
}

export const STDIN_URI = 'untitled:stdin';
export const STDIN_DISPLAY = '<stdin>';

/** The name of the ignore file read at the top of every folder given to `decl check`. */
export { IGNORE_FILE } from '../node/declignore';

export interface CollectOptions {
	readonly cwd: string;
	/** Folders are walked (decl check); otherwise a folder is a problem (`is a directory`). */
	readonly allowFolders: boolean;
	/** Exclude globs applied inside walked folders (the defaults and `--exclude`; each folder's `.declignore` is added). */
	readonly exclude: readonly string[];
	readonly readStdin: () => Promise<string>;
}

export interface Collected {
	/** Sorted by display path, without duplicates. */
	readonly sources: Source[];
	/** Folder URIs for the workspace index: the folders given, then the working directory. */
	readonly folders: string[];
	readonly problems: InputProblem[];
	/** Things skipped on the way (binary files, unlistable folders), for standard error. */
	readonly notices: string[];
	/** The folders that were walked (display paths), for the "nothing found" message. */
	readonly walked: string[];
}

export async function collectInputs(args: readonly string[], options: CollectOptions): Promise<Collected> {
	const { cwd } = options;
	const realCwd = await fs.realpath(cwd).catch(() => cwd);
	const display = (abs: string): string => displayPath(abs, cwd, realCwd);
	const sources: Source[] = [];
	const problems: InputProblem[] = [];
	const notices: string[] = [];
	const walked: string[] = [];
	const folders: string[] = [];
	const seen = new Set<string>();

	const add = async (abs: string, shown: string, explicit: boolean): Promise<void> => {
		const key = await fs.realpath(abs).catch(() => abs);
		if (seen.has(key)) return;
		seen.add(key);
		const read = await readTextFile(abs);
		if (typeof read === 'string') {
			sources.push({ uri: URI.file(abs).toString(), display: shown, sarifUri: sarifUri(abs, cwd, realCwd), text: read });
		} else if (read.binary && !explicit) {
			notices.push(`skipped ${shown}: ${read.reason}`);
		} else {
			problems.push({ display: shown, reason: read.reason });
		}
	};

	for (const arg of args) {
		if (arg === '-') {
			if (sources.some((s) => s.uri === STDIN_URI)) continue;
			const text = await options.readStdin();
			if (text.slice(0, 8192).includes('\0')) problems.push({ display: STDIN_DISPLAY, reason: 'not text (it contains NUL bytes)' });
			else sources.push({ uri: STDIN_URI, display: STDIN_DISPLAY, sarifUri: 'stdin', text: stripBom(text) });
			continue;
		}
		const abs = path.resolve(cwd, arg);
		const shown = display(abs);
		let st: Stats;
		try {
			st = await fs.stat(abs);
		} catch (e) {
			problems.push({ display: shown, reason: await describeError(e, abs) });
			continue;
		}
		if (st.isDirectory()) {
			if (!options.allowFolders) {
				problems.push({ display: shown, reason: 'is a directory (this command reads files; `decl check` reads folders)' });
				continue;
			}
			walked.push(shown);
			folders.push(URI.file(abs).toString());
			const exclude = [...options.exclude, ...(await readIgnoreFile(path.join(abs, IGNORE_FILE), notices, display))];
			const realRoot = await fs.realpath(abs).catch(() => abs);
			const disk = new DiskWorkspace({
				folders: [URI.file(abs).toString()],
				exclude,
				ignoreFiles: false, // read above, with its notices
				maxFileSize: Number.MAX_SAFE_INTEGER,
				log: (message) => notices.push(message.replace(/^cannot list (.*?):/, (_m, dir: string) => `cannot list ${display(dir)}:`)),
			});
			const found = await disk.findDocuments();
			// DiskWorkspace walks the folder's real path: name the files under the folder as given
			const paths = found.map((uri) => {
				const real = URI.parse(uri).fsPath;
				return real.startsWith(realRoot + path.sep) ? path.join(abs, path.relative(realRoot, real)) : real;
			});
			await inParallel(paths, 32, (p) => add(p, display(p), false));
		} else if (st.isFile()) {
			await add(abs, shown, true);
		} else {
			problems.push({ display: shown, reason: 'not a regular file' });
		}
	}
	folders.push(URI.file(cwd).toString());
	sources.sort((a, b) => compareStrings(a.display, b.display));
	return { sources, folders: [...new Set(folders)], problems, notices, walked };
}

/** Reads one file as text: the text (UTF-8, BOM removed, as the editor shows it), or why it cannot be read. */
export async function readTextFile(abs: string): Promise<string | { reason: string; binary?: boolean }> {
	let buf: Buffer;
	try {
		buf = await fs.readFile(abs);
	} catch (e) {
		return { reason: await describeError(e, abs) };
	}
	if (looksBinary(buf)) return { reason: 'not a text file (it contains NUL bytes)', binary: true };
	return stripBom(buf.toString('utf8'));
}

/** The reason a file cannot be read, in words. */
async function describeError(e: unknown, abs: string): Promise<string> {
	const code = (e as NodeJS.ErrnoException)?.code;
	switch (code) {
		case 'ENOENT': {
			const link = await fs.lstat(abs).then((s) => s.isSymbolicLink(), () => false);
			if (link) {
				const target = await fs.readlink(abs).catch(() => '?');
				return `broken symbolic link (its target ${target} does not exist)`;
			}
			return 'no such file or directory';
		}
		case 'ENOTDIR': return 'no such file or directory (a part of the path is a file, not a folder)';
		case 'EACCES':
		case 'EPERM': return 'permission denied';
		case 'EISDIR': return 'is a directory';
		case 'ELOOP': return 'too many levels of symbolic links';
		case 'ENAMETOOLONG': return 'the file name is too long';
		case 'EMFILE':
		case 'ENFILE': return 'too many open files';
		case 'EIO': return 'input/output error';
		default: return (e as Error)?.message ?? String(e);
	}
}

/** `.declignore`: one glob a line (relative to its folder, as in the setting declaration.index.exclude); `#` starts a comment line. */
async function readIgnoreFile(file: string, notices: string[], display: (abs: string) => string): Promise<string[]> {
	let text: string;
	try {
		text = await fs.readFile(file, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException)?.code;
		if (code !== 'ENOENT' && code !== 'ENOTDIR') notices.push(`cannot read ${display(file)}: ${await describeError(e, file)}`);
		return [];
	}
	return parseIgnoreFile(text);
}

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function relativeInside(abs: string, base: string): string | undefined {
	const rel = path.relative(base, abs);
	if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
	return rel;
}

export function displayPath(abs: string, cwd: string, realCwd: string = cwd): string {
	if (abs === cwd || abs === realCwd) return '.';
	return relativeInside(abs, cwd) ?? relativeInside(abs, realCwd) ?? abs;
}

function sarifUri(abs: string, cwd: string, realCwd: string): string {
	const rel = relativeInside(abs, cwd) ?? relativeInside(abs, realCwd);
	if (rel === undefined) return URI.file(abs).toString();
	return rel.split(path.sep).map((seg) => encodeURIComponent(seg)).join('/');
}

/** Plain code-unit order: the same on every machine, whatever its locale. */
export function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) await run(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
