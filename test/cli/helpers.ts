/**
 * Runs the built command line (`node server/out/cli.js …`) as a process, the way a terminal or a
 * CI job does, and gives back its exit code, standard output and standard error.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'server', 'out', 'cli.js');
export const SEED = join(ROOT, 'examples', 'joint-actions-2021.decl');
export const FIXTURES = join(__dirname, 'fixtures');
export const BROKEN = join(FIXTURES, 'broken');
/** The real corpus lives beside the project, never copied into it. */
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'real');

export interface Run {
	readonly status: number | null;
	readonly stdout: string;
	readonly stderr: string;
	readonly ms: number;
}

export interface RunOptions {
	readonly cwd?: string;
	readonly input?: string | Buffer;
	readonly env?: NodeJS.ProcessEnv;
	/** Run as an unprivileged user when the tests run as root. */
	readonly unprivileged?: boolean;
}

let built = false;

/** Builds the bundle once when it is missing (CI builds it in `npm ci`'s prepare step). */
export function ensureBuilt(): void {
	if (built || existsSync(CLI)) {
		built = true;
		return;
	}
	const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
	built = true;
}

export function decl(args: readonly string[], options: RunOptions = {}): Run {
	ensureBuilt();
	const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
	// the runner may set FORCE_COLOR; colour must follow the TTY alone
	if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
	const spawnOptions: SpawnSyncOptions = { cwd: options.cwd ?? ROOT, env, input: options.input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 };
	const started = performance.now();
	// as root, `unprivileged` runs the CLI as nobody (setpriv, util-linux), so that file permissions apply
	const asNobody = options.unprivileged === true && process.getuid?.() === 0;
	const r = asNobody
		? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, CLI, ...args], spawnOptions)
		: spawnSync(process.execPath, [CLI, ...args], spawnOptions);
	const ms = performance.now() - started;
	if (r.error) throw r.error;
	return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr), ms };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'decl-cli-'): { dir: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `path:line:col: severity code message`. */
export const LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint) ([a-z-]+) (.+)$/;

/** The diagnostic lines of a text report (everything before the summary). */
export function diagnosticLines(stdout: string): string[] {
	return stdout.split('\n').filter((l) => LINE.test(l));
}

/**
 * Whether the references module reports unresolved references yet (it is being built alongside
 * the CLI): probed by behaviour, on a two-axis document that cites axis 9.
 */
export function referencesLanded(): boolean {
	const r = decl(['check', '-'], { input: 'Probe\n\n1. One.\n2. Two.\n\nAs axis 9 says.\n' });
	return r.stdout.includes('unresolved-reference');
}

/** Whether the terms module reports undefined acronyms yet: probed on a document citing an acronym nobody defines. */
export function termsLanded(): boolean {
	const r = decl(['check', '--undefined-acronyms', 'warning', '--no-bundled-glossary', '-'], { input: 'Probe\n\nThe QZXW met.\n' });
	return r.stdout.includes('undefined-acronym');
}
