#!/usr/bin/env node
// `npm start`: the extension in a real editor, on examples/.
//   With `code` on PATH: code --extensionDevelopmentPath=<repo> examples (a desktop VS Code window).
//   Otherwise: the extension is packaged with vsce into a .vsix, installed into a fresh code-server
//   (installed on first use, scripts/e2e/install-code-server.sh) and served on 127.0.0.1; open the
//   printed URL in a browser (from another machine: ssh -L PORT:127.0.0.1:PORT). Ctrl+C stops it.
// Options: --port N (code-server's port; default 8080, or any free one if taken), --folder DIR.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCodeServer, installExtension, makeState, root, startCodeServer } from './e2e/code-server.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
	const i = argv.indexOf(name);
	return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const folder = resolve(option('--folder', join(root, 'examples')));
const port = Number(option('--port', 8080));

const run = (cmd, args, what) => {
	const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
	if (res.status !== 0) {
		console.error(`npm start: ${what} failed (exit ${res.status ?? res.signal})`);
		process.exit(1);
	}
};

run(process.execPath, [join(root, 'scripts', 'build.mjs')], 'the build');

if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0) {
	run('code', [`--extensionDevelopmentPath=${root}`, folder], 'code');
	process.exit(0);
}

ensureCodeServer();
// Fresh state each time, like the tests; its folder goes when code-server stops.
const state = makeState();
console.log('npm start: packaging the extension with vsce and installing it into code-server');
installExtension(state);

let server;
let stopping = false;
const stop = async (code) => {
	if (stopping) return;
	stopping = true;
	await server?.stop();
	rmSync(state.dir, { recursive: true, force: true });
	process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));

const start = (p) => startCodeServer({ state, port: p, onOutput: (s) => process.env.START_VERBOSE === '1' && process.stdout.write(s) });
try {
	server = await start(port);
} catch (e) {
	if (!/EADDRINUSE|address already in use/i.test(String(e))) throw e;
	server = await start(0);
}
server.exited.then((how) => {
	if (stopping) return;
	console.error(`npm start: code-server stopped (${how})`);
	stop(1);
});
const url = `${server.origin}/?folder=${encodeURIComponent(folder)}`;
console.log(`\nDeclaration Documents in code-server (VS Code in the browser), on ${folder}:\n\n  ${url}\n\nOpen that URL in a browser; Ctrl+C stops the server.`);
