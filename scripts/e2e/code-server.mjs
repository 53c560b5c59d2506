// The pieces shared by the editor tests (launch.mjs), the screenshots (screenshots.mjs) and `npm start`:
// finding/installing code-server, starting it on 127.0.0.1 with private state, and opening its web
// workbench in headless Chromium (playwright-core + the system browser). Nothing here downloads
// anything except the one-time code-server install from the npm registry.
/* global window, Element -- the init script and page.evaluate callbacks run in the browser */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');
export const CODE_SERVER_VERSION = '4.96.4';
export const codeServerDir = resolve(root, process.env.CODE_SERVER_DIR ?? '.vscode-test/code-server');
const entry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** The browser the workbench runs in: $CHROME_PATH, else Debian's chromium; null when there is none. */
export function findBrowser() {
	const candidates = process.env.CHROME_PATH ? [process.env.CHROME_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((p) => existsSync(p)) ?? null;
}
export const BROWSER_INSTALL_HINT = 'apt-get install -y chromium';

/** Installs code-server on first use (scripts/e2e/install-code-server.sh; about a minute) and returns its entry point. */
export function ensureCodeServer() {
	if (existsSync(join(codeServerDir, `installed-${CODE_SERVER_VERSION}`)) && existsSync(entry)) return entry;
	const res = spawnSync('bash', [join(root, 'scripts', 'e2e', 'install-code-server.sh'), codeServerDir, CODE_SERVER_VERSION], { stdio: ['ignore', 'inherit', 'inherit'] });
	if (res.status !== 0 || !existsSync(entry)) throw new Error(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} failed (exit ${res.status ?? res.signal})`);
	return entry;
}

/**
 * A fresh state folder for one code-server: user data (with settings that keep it quiet and offline),
 * extensions, XDG config/cache (so nothing lands in $HOME) and logs.
 * @param {Record<string, unknown>} [settings] extra user settings
 */
export function makeState(settings = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'decl-vscode-'));
	const dirs = { dir, userData: join(dir, 'user-data'), extensions: join(dir, 'extensions'), xdg: join(dir, 'xdg'), logs: join(dir, 'logs') };
	for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
	mkdirSync(join(dirs.userData, 'User'), { recursive: true });
	writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
		'workbench.startupEditor': 'none',
		'workbench.tips.enabled': false,
		'workbench.enableExperiments': false,
		'security.workspace.trust.enabled': false,
		'telemetry.telemetryLevel': 'off',
		'update.mode': 'none',
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'extensions.ignoreRecommendations': true,
		'npm.fetchOnlinePackageInfo': false,
		'typescript.disableAutomaticTypeAcquisition': true,
		'git.enabled': false,
		'remote.autoForwardPorts': false,
		'chat.disableAIFeatures': true,
		...settings,
	}, null, '\t'));
	return dirs;
}

/** Environment of code-server and the browser: no gallery, no login-shell probing, nothing in $HOME. */
export function quietEnv(state, extra = {}) {
	return {
		EXTENSIONS_GALLERY: '{}', // no open-vsx queries
		VSCODE_CLI: '1', // skips resolving the shell environment with `bash -i -l -c …`
		...process.env,
		XDG_CONFIG_HOME: state.xdg,
		XDG_CACHE_HOME: join(state.xdg, 'cache'),
		...extra,
	};
}

const serverFlags = (state) => [
	'--auth', 'none',
	'--user-data-dir', state.userData,
	'--extensions-dir', state.extensions,
	'--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
	'--disable-getting-started-override', '--ignore-last-opened', '--disable-proxy',
];

/** Runs code-server's extension CLI (e.g. ['--install-extension', vsix]) against a state folder. */
export function codeServerCli(state, args) {
	const res = spawnSync(process.execPath, [ensureCodeServer(), ...serverFlags(state), ...args], { env: quietEnv(state), encoding: 'utf8' });
	if (res.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (exit ${res.status ?? res.signal}):\n${res.stdout}${res.stderr}`);
	return res.stdout;
}

/**
 * Packages the extension as it is built (client/out, server/out) with vsce and installs the .vsix into a state folder.
 * vsce lists every file under its folder before applying .vscodeignore, which takes long beside node_modules,
 * .vscode-test and generated benchmark data; so it runs on a copy without those, and .vscodeignore decides the rest.
 */
export function installExtension(state) {
	const stage = join(state.dir, 'package');
	const heavy = new Set(['node_modules', '.vscode-test', '.git', '.e2e', 'bench', 'test']);
	for (const entry of readdirSync(root)) {
		if (!heavy.has(entry) && !entry.endsWith('.vsix')) cpSync(join(root, entry), join(stage, entry), { recursive: true });
	}
	const vsix = join(state.dir, 'declaration-documents.vsix');
	const vsce = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], { cwd: stage, encoding: 'utf8' });
	rmSync(stage, { recursive: true, force: true });
	if (vsce.status !== 0) throw new Error(`vsce package failed (exit ${vsce.status ?? vsce.signal}):\n${vsce.stdout}${vsce.stderr}`);
	codeServerCli(state, ['--install-extension', vsix]);
	return vsix;
}

/**
 * Starts code-server on 127.0.0.1 (port 0 = any free port, or the given one) in its own process group.
 * It runs under a tiny shell guard that holds a pipe from us: if this Node process dies, even by
 * SIGKILL, the pipe closes and the guard ends the whole group (server, extension host, watchers, ptys).
 * @param {{ state: ReturnType<typeof makeState>, port?: number, env?: Record<string, string>, onOutput?: (s: string) => void }} options
 * @returns {Promise<{ origin: string, child: import('node:child_process').ChildProcess, exited: Promise<string>, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ state, port = 0, env = {}, onOutput = () => {} }) {
	const guard = 'exec 3<&0; "$@" </dev/null & cs=$!; { cat <&3 >/dev/null; kill -TERM 0; } & wait "$cs"';
	const child = spawn('sh', ['-c', guard, 'code-server', process.execPath, ensureCodeServer(), ...serverFlags(state), '--bind-addr', `127.0.0.1:${port}`], {
		detached: true,
		stdio: ['pipe', 'pipe', 'pipe'],
		env: quietEnv(state, env),
	});
	const exited = new Promise((res) => child.once('exit', (code, signal) => res(String(code ?? signal))));
	let output = '';
	const origin = await new Promise((res, rej) => {
		const onData = (chunk) => {
			const s = chunk.toString();
			onOutput(s);
			output += s;
			const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (m) res(m[1]);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('error', rej);
		exited.then((how) => rej(new Error(`code-server exited before listening (${how}):\n${output.slice(-2000)}`)));
	});
	const stop = async () => {
		const group = (signal) => {
			try {
				process.kill(-child.pid, signal);
			} catch {
				// the group is gone
			}
		};
		group('SIGTERM');
		const deadline = Date.now() + 5000;
		while (Date.now() < deadline && groupAlive(child.pid)) await new Promise((r) => setTimeout(r, 50));
		group('SIGKILL');
		child.stdin.destroy();
	};
	return { origin, child, exited, stop };
}

/** Whether a process group still has a live (not zombie) member; exited children of a dead parent stay zombies until init reaps them. */
function groupAlive(pgid) {
	let pids;
	try {
		pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	} catch {
		try {
			process.kill(-pgid, 0);
			return true;
		} catch {
			return false;
		}
	}
	return pids.some((pid) => {
		try {
			// /proc/PID/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const [stateChar, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return Number(pgrp) === pgid && stateChar !== 'Z' && stateChar !== 'X';
		} catch {
			return false;
		}
	});
}

/** A `vscode-remote://` URI object for a path on the code-server machine, as the web workbench resolves it. */
export const remoteUri = (origin, path) => ({ scheme: 'vscode-remote', authority: new URL(origin).host, path: path.split(sep).join('/') });

/**
 * Opens the workbench of a running code-server in headless Chromium.
 * developmentOptions (extensions under development, extensionTestsPath) are added to the workbench
 * configuration the page reads from <meta id="vscode-workbench-web-configuration" data-settings>;
 * this is the web workbench's embedder API (the `payload` URL parameter and code-server's CLI do not
 * take these). Every request to another origin is refused, and no host name but 127.0.0.1 resolves.
 * @param {{ origin: string, folder: string, state: ReturnType<typeof makeState>, developmentOptions?: object,
 *   viewport?: { width: number, height: number }, deviceScaleFactor?: number, onConsole?: (line: string) => void,
 *   beforeLoad?: (page: import('playwright-core').Page) => Promise<void> }} options
 */
export async function openWorkbench({ origin, folder, state, developmentOptions, viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, onConsole = () => {}, beforeLoad }) {
	const executablePath = findBrowser();
	if (!executablePath) throw new Error(`no browser at ${process.env.CHROME_PATH ?? '/usr/bin/chromium'}: ${BROWSER_INSTALL_HINT} (or set CHROME_PATH)`);
	const { chromium } = createRequire(import.meta.url)('playwright-core');
	const browser = await chromium.launch({
		executablePath,
		headless: true,
		env: quietEnv(state),
		args: [
			'--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
			'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
			'--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate',
		],
	});
	try {
		const context = await browser.newContext({ serviceWorkers: 'block', viewport, deviceScaleFactor });
		const host = new URL(origin).host;
		await context.route('**/*', (route) => {
			const url = new URL(route.request().url());
			if (url.host === host || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
			onConsole(`[blocked] ${url.href}`);
			return route.abort('blockedbyclient');
		});
		if (developmentOptions) {
			await context.addInitScript((extra) => {
				const getAttribute = Element.prototype.getAttribute;
				Element.prototype.getAttribute = function (name) {
					const value = getAttribute.call(this, name);
					if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
					const config = JSON.parse(value);
					config.developmentOptions = { ...config.developmentOptions, ...extra };
					window.__declDevOptions = true;
					return JSON.stringify(config);
				};
			}, developmentOptions);
		}
		const page = await context.newPage();
		page.on('console', (m) => onConsole(`[console.${m.type()}] ${m.text()}`));
		page.on('pageerror', (e) => onConsole(`[pageerror] ${e.stack ?? e}`));
		if (beforeLoad) await beforeLoad(page);
		const payload = JSON.stringify([['skipWelcome', 'true'], ['skipReleaseNotes', 'true']]);
		const kind = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
		await page.goto(`${origin}/?${kind}=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
		if (developmentOptions && !(await page.evaluate(() => window.__declDevOptions === true))) {
			throw new Error('the workbench did not read its <meta id="vscode-workbench-web-configuration"> (another code-server layout?)');
		}
		return { browser, page };
	} catch (e) {
		await browser.close().catch(() => {});
		throw e;
	}
}
