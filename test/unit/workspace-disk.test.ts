/**
 * The workspace on disk (issue 8): DiskWorkspace must list and read only declaration files inside
 * the workspace folders, survive whatever the file system holds, and never follow a link out.
 * Tests run as root in CI, so "unreadable" is made of things root cannot read as text either: a
 * directory named `x.decl`, a dangling link, a FIFO, a link loop.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiskWorkspace, looksBinary } from '../../server/src/lsp/files';

const DOC = 'Title\n\n1. One.\n';

function uriOf(p: string): string {
	return pathToFileURL(p).href;
}

/** A promise that fails after `ms`: reading a FIFO or walking a loop must not hang. */
function within<T>(p: Promise<T>, ms = 5000): Promise<T> {
	return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms))]);
}

describe('workspace on disk (DiskWorkspace)', function () {
	this.timeout(20_000);
	let base: string;
	let root: string;
	let outside: string;
	const logs: string[] = [];
	const ws = (options: Partial<ConstructorParameters<typeof DiskWorkspace>[0]> = {}): DiskWorkspace =>
		new DiskWorkspace({ folders: [uriOf(root)], exclude: ['**/node_modules/**'], maxFileSize: 1_000_000, log: (m) => logs.push(m), ...options });

	beforeEach(() => {
		base = realpathSync(mkdtempSync(join(tmpdir(), 'decl-disk-')));
		root = join(base, 'ws');
		outside = join(base, 'outside');
		mkdirSync(root);
		mkdirSync(outside);
		writeFileSync(join(root, 'a.decl'), DOC);
		writeFileSync(join(outside, 'secret.decl'), 'Secret\n\n1. Not yours.\n');
		logs.length = 0;
	});
	afterEach(() => rmSync(base, { recursive: true, force: true }));

	it('skips what the .declignore at the top of the folder names, like decl check does', async () => {
		mkdirSync(join(root, 'drafts', 'old'), { recursive: true });
		writeFileSync(join(root, 'drafts', 'old', 'x.decl'), DOC);
		writeFileSync(join(root, 'drafts', 'keep.decl'), DOC);
		writeFileSync(join(root, 'scratch-1.decl'), DOC);
		writeFileSync(join(root, '.declignore'), '# not for the index\ndrafts/old/\nscratch-*.decl\n');
		const w = ws();
		const found = (await w.findDocuments()).map((u) => u.slice(uriOf(root).length)).sort();
		assert.deepEqual(found, ['/a.decl', '/drafts/keep.decl']);
		assert.equal(w.isExcluded(uriOf(join(root, 'scratch-1.decl'))), true, 'watched-file events are filtered the same way');
		assert.equal(w.isExcluded(uriOf(join(root, 'drafts', 'keep.decl'))), false);
		const all = (await ws({ ignoreFiles: false }).findDocuments()).length;
		assert.equal(all, 4, 'without the ignore file every document is listed');
	});

	it('lists and reads the two extensions only, in subfolders too, minus the excluded', async () => {
		mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
		mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
		writeFileSync(join(root, 'sub', 'deeper', 'b.declaration'), DOC);
		writeFileSync(join(root, 'sub', 'C.DECL'), DOC);
		writeFileSync(join(root, 'notes.txt'), DOC);
		writeFileSync(join(root, 'a.decl.bak'), DOC);
		writeFileSync(join(root, 'node_modules', 'pkg', 'x.decl'), DOC);
		const found = (await ws().findDocuments()).map((u) => u.slice(uriOf(root).length)).sort();
		assert.deepEqual(found, ['/a.decl', '/sub/C.DECL', '/sub/deeper/b.declaration']);
		assert.equal(await ws().readDocument(uriOf(join(root, 'notes.txt'))), undefined, 'another extension is never read');
		assert.equal(await ws().readDocument(uriOf(join(root, 'a.decl'))), DOC);
	});

	it('skips a directory named x.decl, a dangling link and a FIFO, without hanging', async () => {
		mkdirSync(join(root, 'x.decl'));
		writeFileSync(join(root, 'x.decl', 'inner.decl'), DOC);
		symlinkSync(join(root, 'gone.decl'), join(root, 'dangling.decl'));
		let fifo = false;
		try {
			execFileSync('mkfifo', [join(root, 'pipe.decl')]);
			fifo = true;
		} catch {
			// no mkfifo here: the FIFO part is skipped
		}
		const found = await within(ws().findDocuments());
		const names = found.map((u) => u.slice(uriOf(root).length)).sort();
		assert.deepEqual(names, ['/a.decl', '/x.decl/inner.decl'], 'only regular files are documents');
		assert.equal(await within(ws().readDocument(uriOf(join(root, 'x.decl')))), undefined, 'a directory is not read');
		assert.equal(await within(ws().readDocument(uriOf(join(root, 'dangling.decl')))), undefined, 'a dangling link is not read');
		if (fifo) assert.equal(await within(ws().readDocument(uriOf(join(root, 'pipe.decl')))), undefined, 'a FIFO is not opened (it would block)');
	});

	it('reads nothing for a file deleted between listing and reading', async () => {
		const found = await ws().findDocuments();
		assert.equal(found.length, 1);
		unlinkSync(join(root, 'a.decl'));
		assert.equal(await ws().readDocument(found[0]), undefined);
	});

	it('skips binary files with a .decl name (NUL bytes), and reads text with controls that are not NUL', async () => {
		writeFileSync(join(root, 'image.decl'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
		writeFileSync(join(root, 'utf16.decl'), Buffer.from('\ufeffTitle\n', 'utf16le'));
		writeFileSync(join(root, 'controls.decl'), 'Title\u0007\u001b[31m\n\n1. One.\n');
		assert.equal(await ws().readDocument(uriOf(join(root, 'image.decl'))), undefined);
		assert.equal(await ws().readDocument(uriOf(join(root, 'utf16.decl'))), undefined);
		assert.equal(await ws().readDocument(uriOf(join(root, 'controls.decl'))), 'Title\u0007\u001b[31m\n\n1. One.\n');
		assert.ok(logs.some((l) => /not text/.test(l)), 'the skip is logged');
		assert.ok(looksBinary(Buffer.from([65, 0, 66])) && !looksBinary(Buffer.from('plain')));
	});

	it('walks symbolic-link loops once and terminates', async () => {
		mkdirSync(join(root, 'sub'));
		writeFileSync(join(root, 'sub', 'b.decl'), DOC);
		symlinkSync(root, join(root, 'sub', 'loop-to-root'));
		symlinkSync(join(root, 'sub'), join(root, 'sub', 'loop-to-self'));
		symlinkSync(join(root, 'l2.decl'), join(root, 'l1.decl'));
		symlinkSync(join(root, 'l1.decl'), join(root, 'l2.decl'));
		const found = await within(ws().findDocuments());
		const names = found.map((u) => u.slice(uriOf(root).length)).sort();
		assert.deepEqual(names, ['/a.decl', '/sub/b.decl'], 'each document once, the file loop skipped');
		assert.equal(await within(ws().readDocument(uriOf(join(root, 'l1.decl')))), undefined);
	});

	it('never follows a link out of the workspace folder, nor reads a path outside it', async () => {
		symlinkSync(join(outside, 'secret.decl'), join(root, 'link.decl'));
		symlinkSync(outside, join(root, 'outdir'));
		symlinkSync('../outside/secret.decl', join(root, 'relative.decl'));
		const found = await ws().findDocuments();
		assert.ok(found.every((u) => !/secret|outdir|link\.decl|relative\.decl/.test(u)), `nothing outside is listed: ${found.join(', ')}`);
		for (const p of [join(root, 'link.decl'), join(root, 'outdir', 'secret.decl'), join(root, 'relative.decl'), join(outside, 'secret.decl'), join(root, '..', 'outside', 'secret.decl')]) {
			assert.equal(await ws().readDocument(uriOf(p)), undefined, `not read: ${p}`);
		}
		assert.equal(await ws().readDocument('file:///etc/passwd'), undefined);
		assert.equal(await ws().readDocument('https://example.org/x.decl'), undefined, 'only file: URIs');
		assert.equal(await ws().readDocument('not a uri'), undefined);
		assert.equal(await ws().isInside(join(outside, 'secret.decl')), false);
	});

	it('follows a link that stays inside the folder', async () => {
		mkdirSync(join(root, 'real'));
		writeFileSync(join(root, 'real', 'r.decl'), DOC);
		symlinkSync(join(root, 'real'), join(root, 'alias'));
		const found = (await ws().findDocuments()).map((u) => u.slice(uriOf(root).length)).sort();
		assert.ok(found.includes('/real/r.decl'));
		assert.equal(await ws().readDocument(uriOf(join(root, 'alias', 'r.decl'))), DOC);
	});

	it('reads what is there at read time when files change while indexed, and re-checks the size cap', async () => {
		const found = await ws({ maxFileSize: 100 }).findDocuments();
		writeFileSync(join(root, 'a.decl'), 'Changed\n\n1. Two.\n');
		assert.equal(await ws({ maxFileSize: 100 }).readDocument(found[0]), 'Changed\n\n1. Two.\n');
		writeFileSync(join(root, 'a.decl'), 'x'.repeat(101));
		assert.equal(await ws({ maxFileSize: 100 }).readDocument(found[0]), undefined, 'grown past the cap after listing: skipped');
		assert.ok(logs.some((l) => /over the limit/.test(l)));
		// a file rewritten over and over while it is read: every read is a string or nothing, never a throw
		let stop = false;
		const writer = (async () => {
			for (let k = 0; !stop; k++) {
				writeFileSync(join(root, 'a.decl'), `Version ${k}\n\n${'1. Text.\n'.repeat(k % 7)}`);
				await new Promise((r) => setImmediate(r));
			}
		})();
		const reads = await Promise.all(Array.from({ length: 200 }, () => ws().readDocument(found[0])));
		stop = true;
		await writer;
		assert.ok(reads.every((r) => r === undefined || typeof r === 'string'));
	});

	it('with no folder at all (single-file mode) lists nothing and reads nothing', async () => {
		const none = new DiskWorkspace({ folders: [], exclude: [], maxFileSize: 1_000_000 });
		assert.deepEqual(await none.findDocuments(), []);
		assert.equal(await none.readDocument(uriOf(join(root, 'a.decl'))), undefined);
		const bogus = new DiskWorkspace({ folders: ['untitled:ws', 'file:///does/not/exist'], exclude: [], maxFileSize: 1_000_000 });
		assert.deepEqual(await bogus.findDocuments(), []);
	});

	it('stops listing at maxFiles', async () => {
		for (let k = 0; k < 20; k++) writeFileSync(join(root, `f${k}.decl`), DOC);
		assert.equal((await ws({ maxFiles: 5 }).findDocuments()).length, 5);
	});
});
