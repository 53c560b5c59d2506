#!/usr/bin/env node
// `npm run screenshots`: the README's pictures, taken in the real workbench. The extension is built,
// packaged with vsce and installed into a fresh code-server; headless Chromium opens examples/ (a copy,
// plus one short draft with mistakes in it) and Playwright takes:
//   docs/screenshot-outline.png     the seed with the Outline view
//   docs/screenshot-hover.png       a hover on NATO in the seed
//   docs/screenshot-diagnostic.png  a draft with problems: squiggles, a hover on one, the Problems panel
// Every step waits for what it needs on screen (with a deadline), never for a fixed time.
//   node scripts/e2e/screenshots.mjs [--out DIR] [--only outline,hover,diagnostic]   (E2E_NO_BUILD=1: as already built)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installExtension, makeState, openWorkbench, root, startCodeServer } from './code-server.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
	const i = argv.indexOf(name);
	return i >= 0 ? argv[i + 1] : undefined;
};
const outDir = resolve(option('--out') ?? join(root, 'docs'));
const only = option('--only')?.split(',');
const SEED = 'joint-actions-2021.decl';
const DRAFT = 'draft-with-problems.decl';
// A short draft of our own with three mistakes the checks find.
const draftText = `Draft Statement on Public Transport
12 May 2027

The signing unions agree on the following axes:

1. Free public transport in every city, as axis 5 explains. {#free}
2. Night services on every line; see [[#nights]].
4. Fares frozen until the network is public again.
`;

const t0 = Date.now();
const say = (...a) => console.log(`[screenshots ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

if (process.env.E2E_NO_BUILD !== '1') {
	const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(1);
}

const state = makeState({
	'editor.minimap.enabled': false,
	'editor.hover.delay': 150,
	'editor.fontSize': 14,
	'editor.wordWrap': 'on',
	'breadcrumbs.enabled': true,
	'workbench.colorTheme': 'Default Light Modern',
	'workbench.layoutControl.enabled': false,
	'window.commandCenter': false,
	'outline.collapseItems': 'alwaysExpand',
});
const workspace = join(state.dir, 'examples');
cpSync(join(root, 'examples'), workspace, { recursive: true });
writeFileSync(join(workspace, DRAFT), draftText);

let server;
let browser;
let page;
let code = 1;
try {
	say('packaging and installing the extension');
	installExtension(state);
	say('starting code-server');
	server = await startCodeServer({ state });
	say('opening the workbench');
	({ browser, page } = await openWorkbench({ origin: server.origin, folder: workspace, state, viewport: { width: 1280, height: 760 } }));
	await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
	await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30_000 });
	say('workbench ready');

	const command = async (title) => {
		await page.keyboard.press('F1');
		const input = page.locator('.quick-input-box input');
		await input.waitFor();
		await input.fill(`>${title}`);
		await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
		await page.keyboard.press('Enter');
		await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
	};
	const openFile = async (name) => {
		await page.keyboard.press('Control+P');
		const input = page.locator('.quick-input-box input');
		await input.waitFor();
		await input.fill(name);
		await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
		await page.keyboard.press('Enter');
		await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
		await page.locator('.monaco-editor .view-lines').first().waitFor();
		await page.locator('.monaco-editor textarea').first().focus();
	};
	// Puts the cursor on the `occurrence`-th `needle` of a file's text (Go to Line/Column).
	const cursorAt = async (text, needle, occurrence = 1) => {
		let index = -1;
		for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
		if (index < 0) throw new Error(`"${needle}" not found`);
		const before = text.slice(0, index).split('\n');
		const line = before.length;
		const column = before[before.length - 1].length + 2;
		await page.keyboard.press('Control+P');
		const input = page.locator('.quick-input-box input');
		await input.waitFor();
		await input.fill(`:${line}:${column}`);
		await page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` }).first().waitFor();
		await page.keyboard.press('Enter');
		await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
		await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor();
	};
	const shoot = async (name) => {
		mkdirSync(outDir, { recursive: true });
		const file = join(outDir, `screenshot-${name}.png`);
		await page.mouse.move(0, 0);
		await page.screenshot({ path: file });
		say(`wrote ${file}`);
	};
	const wanted = (name) => !only || only.includes(name);

	const seedText = readFileSync(join(workspace, SEED), 'utf8');
	await openFile(SEED);
	if (wanted('outline')) {
		await command('Explorer: Focus on Outline View');
		// Collapse the file list so that the outline has the height of the window.
		await page.locator('.pane-header[aria-label^="Explorer Section"]').first().click();
		await page.locator('.outline-pane .monaco-list-row', { hasText: 'Text of Joint Actions' }).first().waitFor({ timeout: 30_000 });
		await page.locator('.outline-pane .monaco-list-row', { hasText: 'In support of Cuba' }).first().waitFor({ timeout: 30_000 });
		await page.locator('.monaco-editor textarea').first().focus();
		await shoot('outline');
	}
	if (wanted('hover')) {
		await cursorAt(seedText, 'NATO');
		await command('Show or Focus Hover');
		await page.locator('.monaco-hover-content', { hasText: 'North Atlantic Treaty Organization' }).first().waitFor({ timeout: 30_000 });
		await shoot('hover');
		await page.keyboard.press('Escape');
	}
	if (wanted('diagnostic')) {
		await openFile(DRAFT);
		await page.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30_000 });
		await command('View: Toggle Problems');
		await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
		await page.locator('.monaco-editor textarea').first().focus();
		await cursorAt(draftText, 'nights');
		await command('Show or Focus Hover');
		await page.locator('.monaco-hover-content', { hasText: 'nights' }).first().waitFor({ timeout: 30_000 });
		await shoot('diagnostic');
	}
	code = 0;
} catch (e) {
	say(`failed: ${e?.stack ?? e}`);
	try {
		await page?.screenshot({ path: join(state.dir, 'failure.png') });
		if (page) say(`the screen at the failure: ${join(state.dir, 'failure.png')}`);
	} catch {
		// no page to show
	}
} finally {
	await browser?.close().catch(() => {});
	await server?.stop();
	if (code === 0) rmSync(state.dir, { recursive: true, force: true });
}
process.exit(code);
