#!/usr/bin/env node
// Bundles the client extension, the language server and the `decl` command line with esbuild.
//   node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

/** @type {esbuild.BuildOptions} */
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	sourcemap: true,
	minify,
	logLevel: 'warning',
	loader: { '.decl': 'text' },
};

const builds = [
	{ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
	{ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
	{ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
	for (const options of builds) await (await esbuild.context(options)).watch();
	console.log('esbuild: watching client, server and cli');
} else {
	await Promise.all(builds.map((options) => esbuild.build(options)));
	chmodSync('server/out/cli.js', 0o755);
}
