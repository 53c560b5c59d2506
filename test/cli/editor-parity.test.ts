import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';
import { BROKEN, decl, SEED } from './helpers';

/**
 * `decl check` and the editor run one engine: for the seed and a broken draft (with the document
 * it cites), the diagnostics the language server publishes over stdio are exactly those
 * `decl check --format json` prints for the same folder.
 */
const FILES: Record<string, string> = {
	'joint-actions-2021.decl': readFileSync(SEED, 'utf8'),
	'draft.decl': readFileSync(join(BROKEN, 'draft.decl'), 'utf8'),
	'charter.decl': readFileSync(join(BROKEN, 'charter.decl'), 'utf8'),
};

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

interface Comparable {
	range: Diagnostic['range'];
	severity?: number;
	code?: string | number;
	source?: string;
	message: string;
	tags?: number[];
}

const key = (d: Comparable): string => JSON.stringify([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code, d.message]);
const sorted = (ds: Comparable[]): Comparable[] => [...ds].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('cli: the same diagnostics as the editor', () => {
	let client: TestClient;
	before(async () => {
		client = new TestClient(FILES);
		await client.initialize();
		for (const [name, text] of Object.entries(FILES)) client.open(name, text);
		for (const name of Object.keys(FILES)) await client.waitForDiagnostics(name);
		// other documents' changes re-publish after a debounce: let it settle
		await new Promise((r) => setTimeout(r, 800));
	});
	after(() => client.dispose());

	for (const name of ['joint-actions-2021.decl', 'draft.decl']) {
		it(`${name}: decl check --format json equals the published diagnostics`, () => {
			const editor: Comparable[] = (client.diagnostics.get(client.uri(name))?.diagnostics ?? []).map((d) => ({
				range: d.range, severity: d.severity, code: d.code, source: d.source, message: d.message, ...(d.tags?.length ? { tags: d.tags } : {}),
			}));
			const r = decl(['check', '--format', 'json', '.'], { cwd: client.root });
			assert.ok(r.status === 0 || r.status === 1, r.stderr);
			const report = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { range: Diagnostic['range']; severity: string; code: string; source: string; message: string; tags?: string[] }[] }[] };
			const file = report.files.find((f) => f.path === name);
			assert.ok(file, `decl read ${name}`);
			const cli: Comparable[] = file.diagnostics.map((d) => ({
				range: d.range, severity: SEVERITY[d.severity], code: d.code, source: d.source, message: d.message, ...(d.tags?.includes('unnecessary') ? { tags: [1] } : {}),
			}));
			assert.deepEqual(sorted(cli), sorted(editor));
			if (name === 'draft.decl') assert.ok(cli.length >= 2, 'the broken draft has diagnostics to compare');
		});
	}
});
