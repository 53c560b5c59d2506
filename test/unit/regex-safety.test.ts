/**
 * Regular expressions (issue 8): no pattern of the core may backtrack super-linearly. Two checks:
 * 1. every regex literal and `new RegExp` of server/src/core is collected and fed long runs of the
 *    characters it repeats (its quantified atoms), from 10 KB to 1 MB, bounding the time growth;
 * 2. the parser and every feature of the service run on adversarial documents (long runs of the
 *    characters the patterns repeat, on one line and on many) of growing size, and the time must
 *    grow roughly linearly (a generous factor, the best of a few runs, so no flakiness).
 * ESLint's `regexp/no-super-linear-backtracking` (eslint.config.mjs) is the static side of this.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from '../../server/src/core/parser/parse';
import { DeclarationService } from '../../server/src/core/service';

const CORE = resolve(__dirname, '..', '..', 'server', 'src', 'core');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
	});
}

interface Found {
	readonly where: string;
	readonly re: RegExp;
}

/** Regex literals (`/…/flags` where an expression may start) and `new RegExp('…')` with a literal source. */
function collectPatterns(): { found: Found[]; dynamic: string[] } {
	const found: Found[] = [];
	const dynamic: string[] = [];
	for (const file of files(CORE)) {
		const src = readFileSync(file, 'utf8');
		const rel = file.slice(CORE.length + 1);
		const lines = src.split('\n');
		lines.forEach((line, i) => {
			const code = line.replace(/^\s*(?:\/\/|\*|\/\*).*$/, '');
			// a `/` that starts a regex: after ( , = : [ ! & | ? { } ; return or the line start
			const literal = /(?:^|[(,=:[!&|?{};]|\breturn|\btest)\s*\/((?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[])+)\/([dgimsuvy]*)/g;
			for (let m = literal.exec(code); m; m = literal.exec(code)) {
				try {
					found.push({ where: `${rel}:${i + 1}`, re: new RegExp(m[1], m[2].replace(/[gy]/g, '')) });
				} catch {
					// a division that looked like a regex: ignore
				}
			}
			if (/new RegExp\(/.test(code)) dynamic.push(`${rel}:${i + 1}`);
		});
	}
	return { found, dynamic };
}

/** The characters a pattern repeats: literal characters and class members next to `*`, `+` or `{n,}`. */
function repeatedChars(re: RegExp): string[] {
	const src = re.source;
	const out = new Set<string>([' ', 'a', 'A', '1', '-', '.', '#', '\t', '(', '[', '{', 'i', 'x']);
	// applied to the short sources of our own patterns only
	// eslint-disable-next-line regexp/no-super-linear-move
	const quantified = /(\\.|\[(?:\\.|[^\]\\])*\]|[^\\[\]()|*+?{}^$])(?:[*+]|\{\d+,\d*\})/g;
	for (let m = quantified.exec(src); m; m = quantified.exec(src)) {
		const atom = m[1];
		if (atom.startsWith('[')) {
			for (const c of atom.slice(atom.startsWith('[^') ? 2 : 1, -1).replace(/\\./g, (e) => ({ '\\s': ' ', '\\d': '1', '\\w': 'a', '\\t': '\t' })[e] ?? e.slice(1))) if (c !== '-') out.add(c);
		} else if (atom.startsWith('\\')) {
			out.add({ '\\s': ' ', '\\d': '1', '\\w': 'a', '\\t': '\t', '\\S': 'a', '\\p': 'a' }[atom] ?? atom.slice(1));
		} else {
			out.add(atom);
		}
	}
	return [...out].filter((c) => c !== '\n' && c !== '\r');
}

/** Best of `tries` timings of `f` in ms (the best is the least disturbed by GC and other processes). */
function best(f: () => void, tries = 3): number {
	let t = Infinity;
	for (let k = 0; k < tries; k++) {
		const s = performance.now();
		f();
		t = Math.min(t, performance.now() - s);
	}
	return t;
}

/**
 * Times `run(size)` at sizes growing ×10 at each step and checks each step is far from quadratic:
 * linear growth is ×10 a step; we allow ×40 plus a fixed slack (small inputs run below the linear
 * rate, caches warm, the collector runs when it likes), while a quadratic pattern grows ×100 a step.
 * A step that looks super-linear is timed again, up to three more times with more tries each,
 * before the test fails: a collection or another process can stall one run on a busy machine, but
 * a super-linear pattern is slow every time.
 */
function assertLinear(what: string, run: (size: number) => void, sizes: readonly number[], slackMs: number): number[] {
	run(sizes[0]); // warm up
	const tries = (n: number): number => (n >= 500_000 ? 1 : n >= 50_000 ? 2 : 3);
	const times: number[] = [];
	const linear = (k: number): boolean => times[k] <= times[k - 1] * (sizes[k] / sizes[k - 1]) * 4 + slackMs;
	for (const [k, n] of sizes.entries()) {
		times.push(best(() => run(n), tries(n)));
		// checked before the next size: a quadratic pattern fails here at 100 KB instead of hanging the suite at 1 MB
		for (let again = 1; k > 0 && again <= 3 && !linear(k); again++) {
			times[k - 1] = Math.min(times[k - 1], best(() => run(sizes[k - 1]), tries(sizes[k - 1]) + again));
			times[k] = Math.min(times[k], best(() => run(n), tries(n) + again));
		}
		if (k > 0) assert.ok(linear(k), `${what}: ${times.map((t, i) => `${t.toFixed(1)} ms at ${sizes[i]}`).join(', ')}: super-linear`);
	}
	return times;
}

describe('regular expressions: no super-linear backtracking', function () {
	this.timeout(120_000);
	const { found, dynamic } = collectPatterns();

	it(`collects the patterns of the core (${found.length} literals)`, () => {
		assert.ok(found.length >= 40, `found ${found.length} patterns: the collector has gone blind`);
		// `new RegExp` sources are built from code: they are exercised through the parser and features below
		assert.ok(dynamic.every((d) => /\.ts:\d+$/.test(d)));
	});

	it('every pattern of the core, fed runs of the characters it repeats (2 KB → 32 KB), stays roughly linear', () => {
		// small sizes keep a quadratic pattern visible (×256 for ×16 input) without a quadratic wait
		const slow: string[] = [];
		for (const { where, re } of found) {
			for (const c of repeatedChars(re)) {
				// a run, then a character that makes the match fail at the end (the classic attack), also after a prefix and interleaved with spaces
				const attacks = [(n: number) => c.repeat(n) + '\u0000', (n: number) => `a${c.repeat(n)}!`, (n: number) => `${c} `.repeat(n >> 1) + '\u0000'];
				for (const attack of attacks) {
					const small = attack(2_000);
					const large = attack(32_000);
					let a = best(() => re.test(small), 2);
					let b = best(() => re.test(large), 2);
					// timed again before it counts as slow: one stalled run is the machine, not the pattern
					for (let again = 1; again <= 3 && b > a * 16 * 4 + 30; again++) {
						a = Math.min(a, best(() => re.test(small), 2 + again));
						b = Math.min(b, best(() => re.test(large), 2 + again));
					}
					if (b > a * 16 * 4 + 30) slow.push(`${where} ${re} on runs of ${JSON.stringify(c)}: ${a.toFixed(2)} ms at 2 KB, ${b.toFixed(2)} ms at 32 KB`);
				}
			}
		}
		assert.deepEqual(slow, []);
	});

	/** Adversarial documents: runs of what the patterns of the parser and features repeat. */
	const shapes: [string, (n: number) => string][] = [
		['a heading with a long run of spaces before a word', (n) => `# a${' '.repeat(n)}b\n`],
		['a heading with a long run of spaces and tabs before #', (n) => `# a${' \t'.repeat(n >> 1)}x#\n`],
		['a heading of # marks', (n) => `# ${'#'.repeat(n)}\n`],
		['a keyword heading with a long tail', (n) => `Article 1 ${'a '.repeat(n >> 1)}.\n`],
		['a keyword heading with spaces', (n) => `Article 1${' '.repeat(n)}x\n`],
		['a caps line run', (n) => `${'A'.repeat(n)}\n`],
		['a run of dashes', (n) => `${'-'.repeat(n)}x\n`],
		['a run of dots', (n) => `Title\n\n1. ${'.'.repeat(n)}\n`],
		['a run of digits', (n) => `${'1'.repeat(n)}. x\n`],
		['a run of label openers', (n) => `1. x ${'{#'.repeat(n >> 1)}a}\n`],
		['a run of wiki openers', (n) => `${'[['.repeat(n >> 1)}#a\n`],
		['a run of comment openers', (n) => `${'<!--'.repeat(n >> 2)}\n`],
		['a run of parentheses', (n) => `${'('.repeat(n)}AB)\n`],
		['a run of capitalised words before a parenthesis', (n) => `${'Word '.repeat(n / 5)}(WX)\n`],
		['a run of acronyms', (n) => `${'AB '.repeat(n / 3)}\n`],
		['references run together', (n) => `Title\n\n1. x\n${'axis 1, '.repeat(n >> 3)}\n`],
		['section signs', (n) => `${'§ '.repeat(n >> 1)}1\n`],
		['a URL that never ends', (n) => `http://${'a'.repeat(n)}\n`],
		['abbreviations run together', (n) => `1. ${'e.g. '.repeat(n / 5)}x\n`],
		['quotes', (n) => `${'"'.repeat(n)} means x\n`],
		['colons and bars', (n) => `Glossary\n\n${'a | '.repeat(n >> 2)}: x\n`],
		['tabs', (n) => `${'\t'.repeat(n)}1. x\n`],
		['spaces then a marker', (n) => `${' '.repeat(n)}- x\n`],
		['front matter with a long line', (n) => `---\ntitle: ${' '.repeat(n)}x\n---\n`],
		['many short lines of markers', (n) => '1. a\n(a) b\n(i) c\nA. d\n'.repeat(n / 22)],
		['many blank-separated caps lines', (n) => 'TITLE HERE\n\n'.repeat(n / 12)],
		['many keyword headings', (n) => 'Article 1\nSection 2\n'.repeat(n / 20)],
		['many headings with labels', (n) => '# H {#h}\n'.repeat(n / 10)],
		['one huge line of words', (n) => `${'word '.repeat(n / 5)}\n`],
		['dates', (n) => `${'12/15/21 '.repeat(n / 9)}\n`],
	];

	it('the parser stays roughly linear on adversarial documents, 10 KB → 1 MB', () => {
		const figures: string[] = [];
		for (const [name, make] of shapes) {
			const cache = new Map<number, string>();
			const text = (n: number): string => cache.get(n) ?? (cache.set(n, make(n)), cache.get(n) as string);
			const r = assertLinear(`parse: ${name}`, (n) => void parseDocument('file:///adv.decl', 1, text(n)), [10_000, 100_000, 1_000_000], 100);
			figures.push(`${name}: ${r.map((t) => t.toFixed(1)).join(' → ')} ms`);
		}
		if (process.env.REGEX_SAFETY_VERBOSE) console.log(figures.join('\n'));
	});

	it('every feature of the service stays roughly linear on adversarial documents, 10 KB → 100 KB', () => {
		for (const [name, make] of shapes) {
			const run = (n: number): void => {
				const service = new DeclarationService();
				const uri = 'file:///adv.decl';
				const text = make(n);
				service.index.setOpen(uri, 1, text);
				const doc = service.index.get(uri)!;
				const end = doc.lineIndex.positionAt(text.length);
				const mid = doc.lineIndex.positionAt(text.length >> 1);
				service.getDiagnostics(uri);
				service.getDocumentSymbols(uri);
				service.getFoldingRanges(uri);
				service.getSelectionRanges(uri, [{ line: 0, character: 3 }, mid, end]);
				service.getDocumentLinks(uri);
				service.getCodeLenses(uri);
				service.getInlayHints(uri, { start: { line: 0, character: 0 }, end });
				service.getHover(uri, mid);
				service.getCompletions(uri, { line: 0, character: 3 });
				service.getCodeActions(uri, { start: { line: 0, character: 0 }, end }, []);
			};
			assertLinear(`service: ${name}`, run, [10_000, 100_000], 100);
		}
	});
});
