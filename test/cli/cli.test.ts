import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { decl, diagnosticLines, LINE, ROOT, SEED, tempDir, termsLanded } from './helpers';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const seedText = readFileSync(SEED, 'utf8');
const ESC = '\x1b[';

describe('cli: help, version and usage errors', () => {
	it('--version prints the version of package.json', () => {
		const r = decl(['--version']);
		assert.equal(r.status, 0);
		assert.equal(r.stdout.trim(), pkg.version);
		assert.equal(pkg.bin.decl, './server/out/cli.js');
	});

	it('--help lists the commands and the exit codes, on standard output', () => {
		const r = decl(['--help']);
		assert.equal(r.status, 0, r.stderr);
		for (const word of ['outline', 'check', 'terms', 'refs', 'Exit codes', 'decl outline examples/joint-actions-2021.decl']) assert.ok(r.stdout.includes(word), word);
		assert.equal(r.stderr, '');
	});

	it('COMMAND --help describes the command and its options', () => {
		const r = decl(['check', '--help']);
		assert.equal(r.status, 0);
		for (const word of ['--format', 'sarif', '--max-warnings', '--exclude', '.declignore', '--undefined-acronyms', '--no-bundled-glossary', '--no-color']) assert.ok(r.stdout.includes(word), word);
		for (const cmd of ['outline', 'terms', 'refs']) {
			const h = decl([cmd, '--help']);
			assert.equal(h.status, 0);
			assert.ok(h.stdout.includes(`Usage: decl ${cmd}`), h.stdout);
		}
		assert.equal(decl(['help', 'outline']).status, 0);
	});

	it('exits 2 with a message on standard error for usage errors', () => {
		const cases: [string[], RegExp][] = [
			[[], /Usage: decl/],
			[['frobnicate'], /unknown command 'frobnicate'/],
			[['check', '--format', 'xml'], /Allowed choices are text, json, sarif/],
			[['check', '--max-warnings', 'many'], /whole number/],
			[['check', '--undefined-acronyms', 'loud'], /Allowed choices are off, hint, information, warning/],
			[['outline'], /missing required argument 'file'/],
			[['check', '--no-such-option'], /unknown option '--no-such-option'/],
		];
		for (const [args, message] of cases) {
			const r = decl(args);
			assert.equal(r.status, 2, `decl ${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, message);
			assert.equal(r.stdout, '', `decl ${args.join(' ')} prints nothing on standard output`);
		}
	});
});

describe('cli: outline', () => {
	it('prints the seed as an indented tree: title, date, heading, eleven numbered axes', () => {
		const r = decl(['outline', 'examples/joint-actions-2021.decl']);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.trimEnd().split('\n');
		assert.equal(lines[0], 'Extraordinary TeleConference of the IMCWP, Text of Joint Actions');
		assert.match(lines[1], /date 2021-12-15 11:41/);
		const heading = lines.indexOf('Text of Joint Actions');
		assert.ok(heading > 0, r.stdout);
		const axes = lines.slice(heading + 1).filter((l) => /^ {2}\d+\. /.test(l));
		assert.equal(axes.length, 11, r.stdout);
		assert.ok(axes[5].startsWith('  6. In support of Cuba, its people, and the Communist Party of Cuba'), axes[5]);
		assert.ok(!r.stdout.includes(ESC), 'no colour when standard output is not a terminal');
	});

	it('--json prints the document symbols', () => {
		const r = decl(['outline', '--json', SEED]);
		assert.equal(r.status, 0, r.stderr);
		const out = JSON.parse(r.stdout) as { path: string; uri: string; symbols: DocumentSymbol[] }[];
		assert.equal(out.length, 1);
		assert.equal(out[0].path, 'examples/joint-actions-2021.decl');
		assert.equal(out[0].symbols[0].name, 'Extraordinary TeleConference of the IMCWP, Text of Joint Actions');
		const heading = out[0].symbols.find((s) => s.name === 'Text of Joint Actions');
		assert.equal(heading?.children?.length, 11);
		assert.deepEqual(heading?.children?.[0].range.start, { line: 11, character: 2 });
	});

	it('reads standard input for -', () => {
		const r = decl(['outline', '-'], { input: seedText });
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout, decl(['outline', SEED]).stdout);
	});

	it('prints labels, several files under their paths, and the signatories count', () => {
		const t = tempDir();
		try {
			writeFileSync(join(t.dir, 'a.decl'), 'Statement A\n\n2024-05-01\n\nAims {#aims}\n\n1. Peace. {#peace}\n2. Bread.\n\nSignatories\n\n- Party One\n- Party Two\n- Party Three\n');
			writeFileSync(join(t.dir, 'b.decl'), 'Statement B\n\n1. Land.\n');
			const r = decl(['outline', 'a.decl', 'b.decl'], { cwd: t.dir });
			assert.equal(r.status, 0, r.stderr);
			const out = r.stdout;
			assert.match(out, /^a\.decl\n {2}Statement A\n/);
			assert.match(out, /3 signatories/);
			assert.match(out, /Aims {2}\{#aims\}/);
			assert.match(out, /1\. Peace {2}\{#peace\}/);
			assert.match(out, /Signatories \(3\)/);
			assert.match(out, /\n\nb\.decl\n {2}Statement B\n/);
		} finally {
			t.remove();
		}
	});
});

describe('cli: files that cannot be read', () => {
	let t: ReturnType<typeof tempDir>;
	before(() => {
		t = tempDir();
		writeFileSync(join(t.dir, 'good.decl'), 'Good\n\n1. One.\n2. Two.\n');
		// A directory with a declaration's name: unreadable as a file whatever the user (CI runs as root).
		mkdirSync(join(t.dir, 'folder.decl'));
		// A symbolic link to nothing: unreadable whatever the user.
		symlinkSync(join(t.dir, 'gone.decl'), join(t.dir, 'dangling.decl'));
		writeFileSync(join(t.dir, 'binary.decl'), Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x00, 0x01, 0x02, 0xff, 0x0a]));
	});
	after(() => t.remove());

	it('a missing file: exit 2, the file and the reason on standard error', () => {
		for (const cmd of ['outline', 'check', 'terms', 'refs']) {
			const r = decl([cmd, 'no-such-file.decl'], { cwd: t.dir });
			assert.equal(r.status, 2, `${cmd}: ${r.stderr}`);
			assert.match(r.stderr, /decl: cannot read no-such-file\.decl: no such file or directory/);
			assert.equal(r.stdout, '');
		}
	});

	it('a dangling symbolic link: exit 2, named as such', () => {
		const r = decl(['check', 'good.decl', 'dangling.decl'], { cwd: t.dir });
		assert.equal(r.status, 2);
		assert.match(r.stderr, /cannot read dangling\.decl: broken symbolic link \(its target .*gone\.decl does not exist\)/);
		assert.equal(r.stdout, '', 'nothing is checked when an input cannot be read');
	});

	it('a directory where a file is expected: exit 2', () => {
		const r = decl(['outline', 'folder.decl'], { cwd: t.dir });
		assert.equal(r.status, 2);
		assert.match(r.stderr, /cannot read folder\.decl: is a directory/);
	});

	it('a file without read permission: exit 2 (as root, the CLI runs as nobody, for whom the permission holds)', () => {
		const file = join(t.dir, 'locked.decl');
		writeFileSync(file, 'Locked\n');
		chmodSync(file, 0o000);
		chmodSync(t.dir, 0o755); // nobody may enter the folder, not read the file
		try {
			const r = decl(['check', 'locked.decl'], { cwd: t.dir, unprivileged: true });
			assert.equal(r.status, 2);
			assert.match(r.stderr, /cannot read locked\.decl: permission denied/);
		} finally {
			rmSync(file); // the other cases of this folder count its files
		}
	});

	it('a binary file named explicitly: exit 2; met in a folder: skipped with a warning', () => {
		const r = decl(['outline', 'binary.decl'], { cwd: t.dir });
		assert.equal(r.status, 2);
		assert.match(r.stderr, /cannot read binary\.decl: not a text file \(it contains NUL bytes\)/);
		const folder = decl(['check'], { cwd: t.dir });
		assert.equal(folder.status, 0, folder.stderr);
		assert.match(folder.stderr, /decl: warning: skipped binary\.decl: not a text file/);
		assert.match(folder.stdout, /^1 file checked: no problems\.$/m);
	});

	it('binary standard input: exit 2', () => {
		const r = decl(['outline', '-'], { input: Buffer.from([0, 1, 2, 3]) });
		assert.equal(r.status, 2);
		assert.match(r.stderr, /cannot read <stdin>: not text/);
	});
});

describe('cli: check', () => {
	it('the seed alone: clean, exit 0, a summary line', () => {
		const r = decl(['check', 'examples/joint-actions-2021.decl']);
		assert.equal(r.status, 0, r.stdout + r.stderr);
		const lines = r.stdout.trimEnd().split('\n');
		assert.match(lines[lines.length - 1], /^1 file checked: (no problems|(\d+ (information|hints?)(, )?)+)\.$/);
		for (const l of lines.slice(0, -1)) assert.match(l, / (hint|information) /, 'only hints or information on the seed');
	});

	it('standard input: path <stdin>, warnings do not fail the run, --max-warnings does', () => {
		const text = 'Title\n\n1. One.\n3. Three.\n';
		const r = decl(['check', '-'], { input: text });
		assert.equal(r.status, 0);
		assert.deepEqual(diagnosticLines(r.stdout), ['<stdin>:4:1: warning numbering-gap Numbering skips from 1. to 3. (expected 2.)']);
		assert.match(r.stdout, /^1 file checked: 1 warning\.$/m);
		const strict = decl(['check', '--max-warnings', '0', '-'], { input: text });
		assert.equal(strict.status, 1);
		assert.match(strict.stdout, /Too many warnings: 1, more than --max-warnings 0\./);
		assert.equal(decl(['check', '--max-warnings', '1', '-'], { input: text }).status, 0);
	});

	it('an error exits 1', () => {
		const r = decl(['check', '-'], { input: 'Title\n\nA {#x}\n\nB {#x}\n' });
		assert.equal(r.status, 1);
		assert.match(r.stdout, /^<stdin>:5:3: error duplicate-label /m);
	});

	it('columns count characters as a person does: combining marks, flags and emoji are one column each', () => {
		// `Cafe\u0301` is 5 UTF-16 units but 4 characters; the flag is 4 units, 1 character; the family emoji 8 units, 1 character
		const heading = '# Cafe\u0301 \u{1F1F5}\u{1F1F9} \u{1F468}\u200D\u{1F469}\u200D\u{1F467} ';
		const text = `Title\n\n${heading}{#x}\n\n# Again {#x}\n\n${heading}{#x}\n`;
		const r = decl(['check', '--format', 'json', '-'], { input: text });
		const report = JSON.parse(r.stdout) as { files: { diagnostics: { line: number; column: number; endColumn: number; range: { start: { character: number } } }[] }[] };
		const dups = report.files[0].diagnostics.filter((d) => d.line === 7);
		assert.equal(dups.length, 1, r.stdout);
		const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(heading)].length;
		assert.equal(graphemes, 11);
		assert.equal(dups[0].range.start.character, heading.length, 'the LSP range counts UTF-16 units');
		assert.equal(dups[0].column, graphemes + 1, 'the column counts characters');
		assert.equal(dups[0].endColumn, graphemes + 1 + '{#x}'.length);
		const textRun = decl(['check', '-'], { input: text });
		assert.ok(diagnosticLines(textRun.stdout).some((l) => l.startsWith(`<stdin>:7:${graphemes + 1}: error duplicate-label`)), textRun.stdout);
	});

	it('a folder, recursively, sorted by path then position, honouring --exclude and .declignore', () => {
		const t = tempDir();
		try {
			const gap = 'T\n\n1. A.\n3. B.\n5. C.\n';
			for (const f of ['b.decl', 'a.declaration', 'sub/c.decl', 'drafts/d.decl', 'old/e.decl', 'node_modules/x/f.decl', 'notes.txt']) {
				mkdirSync(join(t.dir, f, '..'), { recursive: true });
				writeFileSync(join(t.dir, f), gap);
			}
			writeFileSync(join(t.dir, '.declignore'), '# not ready\ndrafts/\n\n');
			const r = decl(['check', '--exclude', 'old/**'], { cwd: t.dir });
			assert.equal(r.status, 0, r.stderr);
			const lines = diagnosticLines(r.stdout);
			const where = lines.map((l) => {
				const m = LINE.exec(l) as RegExpExecArray;
				return `${m[1]}:${m[2]}`;
			});
			assert.deepEqual(where, ['a.declaration:4', 'a.declaration:5', 'b.decl:4', 'b.decl:5', 'sub/c.decl:4', 'sub/c.decl:5']);
			assert.match(r.stdout, /^3 files checked: 6 warnings\.$/m);
			// a file named explicitly is checked even when a glob excludes it
			assert.match(decl(['check', 'drafts/d.decl'], { cwd: t.dir }).stdout, /^drafts\/d\.decl:4:1: warning/m);
		} finally {
			t.remove();
		}
	});

	it('a folder with no declaration documents: exit 2 and says so', () => {
		const t = tempDir();
		try {
			writeFileSync(join(t.dir, 'readme.txt'), 'nothing here');
			const r = decl(['check'], { cwd: t.dir });
			assert.equal(r.status, 2);
			assert.match(r.stderr, /no declaration documents \(\.decl, \.declaration\) found in \./);
		} finally {
			t.remove();
		}
	});

	it('--undefined-acronyms and --no-bundled-glossary act as the editor settings do', function () {
		if (!termsLanded()) this.skip();
		const text = 'Statement\n\nThe NATO summit and the QZXW met.\n';
		assert.deepEqual(diagnosticLines(decl(['check', '-'], { input: text }).stdout).map((l) => l.split(' ').slice(0, 3).join(' ')), ['<stdin>:3:25: hint undefined-acronym']);
		assert.deepEqual(diagnosticLines(decl(['check', '--undefined-acronyms', 'off', '-'], { input: text }).stdout), []);
		const strict = decl(['check', '--no-bundled-glossary', '--undefined-acronyms', 'warning', '--max-warnings', '0', '-'], { input: text });
		assert.equal(strict.status, 1);
		assert.deepEqual(diagnosticLines(strict.stdout).map((l) => l.split(' ').slice(0, 3).join(' ')), ['<stdin>:3:5: warning undefined-acronym', '<stdin>:3:25: warning undefined-acronym']);
		assert.match(decl(['check', '--undefined-acronyms', 'information', '-'], { input: text }).stdout, /^<stdin>:3:25: information undefined-acronym /m);
	});

	it('accepts the settings options', () => {
		for (const args of [['--undefined-acronyms', 'off'], ['--undefined-acronyms', 'warning'], ['--no-bundled-glossary'], ['--date-order', 'month-first']]) {
			const r = decl(['check', ...args, SEED]);
			assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stdout, /1 file checked/);
		}
	});
});

describe('cli: colour', () => {
	const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
	const inTerminal = (env: Record<string, string>): string => {
		const cmd = `${process.execPath} server/out/cli.js check -f text examples/joint-actions-2021.decl test/cli/fixtures/broken`;
		const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
		return String(r.stdout);
	};

	it('none when standard output is not a terminal, and none with --no-color', () => {
		assert.ok(!decl(['check', 'test/cli/fixtures/broken']).stdout.includes(ESC));
		assert.ok(!decl(['check', '--no-color', 'test/cli/fixtures/broken']).stdout.includes(ESC));
	});

	it('on a terminal: colour, unless NO_COLOR is set', function () {
		if (!hasScript) this.skip();
		const env = { ...process.env } as Record<string, string>;
		delete env.NO_COLOR;
		assert.ok(inTerminal(env).includes(ESC), 'colour on a terminal');
		assert.ok(!inTerminal({ ...env, NO_COLOR: '1' }).includes(ESC), 'no colour with NO_COLOR');
	});
});
