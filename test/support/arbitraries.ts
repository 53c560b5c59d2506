/**
 * fast-check generators of declaration-like text (issue 8), shared by the property tests
 * (test/unit/prop-*.test.ts) and the long fuzz run (test/fuzz/run.ts).
 *
 * Three families: arbitrary strings and Unicode; structured documents built line by line from
 * every construct of FORMAT.md (front matter, title block, headings of every style, markers of
 * every kind, labels, references, definitions, comments), with random indentation and line ends;
 * and mutations of real text (the seed, the examples, the corpus read at test time).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';

// ------------------------------------------------------------------ sources of real text

const ROOT = resolve(__dirname, '..', '..');

/** The real corpus (never copied into the repository): `$DECL_CORPUS` or `../shared/corpus/real`. */
export const CORPUS_DIR = process.env.DECL_CORPUS ?? resolve(ROOT, '..', 'shared', 'corpus', 'real');

export interface NamedText {
	readonly name: string;
	readonly text: string;
}

function readDecls(dir: string): NamedText[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.decl') || f.endsWith('.declaration'))
		.sort()
		.map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** The examples shipped with the repository (the seed among them). */
export function exampleTexts(): NamedText[] {
	return readDecls(join(ROOT, 'examples'));
}

/** The real corpus, or `[]` when the folder is absent. */
export function corpusTexts(): NamedText[] {
	return readDecls(CORPUS_DIR);
}

// ------------------------------------------------------------------ characters

/** Characters that stress offsets and scanners: astral, combining marks, RTL, controls, lone surrogates, odd spaces. */
const NASTY = [
	'\u0000', '\u0001', '\u0007', '\b', '\t', '\v', '\f', '\u001b', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u2028', '\u2029',
	'\u200b', '\u200d', '\u200e', '\u200f', '\u202e', '\u2066', '\u3000', '\ufeff', '\ufffd', '\ud800', '\udc00', '\udfff',
	'😀', '👩‍👩‍👧', '🇵🇹', '𝔸', '𠜎', 'e\u0301', 'a\u0308\u0323', '\u0301', 'ﷺ', 'مادة', 'עברית', 'Ω', 'ß', 'İ', 'ǅ', 'Ⅻ',
	'\r', '\n', '\r\n', '<!--', '-->', '---', '[[', ']]', '{#', '}', '#', '(', ')', '.', ':', '"', '“', '”', '|', '§', '•', '–', '—',
];

/** One "character" of hostile text: any code unit, any code point, or a nasty cluster. */
export const nastyChar: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...NASTY) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
	{ weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
	{ weight: 4, arbitrary: fc.constantFrom(' ', ' ', '  ', 'a', 'A', 'I', 'i', 'x', '1', '2', '9', 'é', 'Ж') },
);

export const nastyString = (maxLength = 200): fc.Arbitrary<string> => fc.array(nastyChar, { maxLength }).map((a) => a.join(''));

/** Arbitrary strings of every unit kind fast-check knows. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
	fc.string({ maxLength: 300 }),
	fc.string({ unit: 'binary', maxLength: 300 }),
	fc.string({ unit: 'grapheme', maxLength: 150 }),
	fc.string({ unit: 'grapheme-composite', maxLength: 150 }),
	fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }),
	nastyString(300),
);

// ------------------------------------------------------------------ structured documents

const WORDS = [
	'the', 'of', 'and', 'for', 'peoples', 'workers', 'Parties', 'solidarity', 'against', 'peace', 'United', 'Nations',
	'Resolution', 'Council', 'rights', 'axis', 'point', 'paragraph', 'article', 'Article', 'Section', 'NATO', 'UN', 'IMCWP',
	'COVID-19', 'e.g.', 'U.S.', 'No.', 'Art.', 'Cuba', 'Palestine', 'décret', 'Статья', 'Άρθρο', 'المادة', '😀', 'x', 'I', 'i',
	'IV', 'v', 'Mr.', 'etc.', 'means', 'shall', '—', '–', '-', ':', ';', '.', ',', '?', '!', '(a)', '1.', '§', '194',
];

const word = fc.constantFrom(...WORDS);
const words = (min: number, max: number): fc.Arbitrary<string> => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));

const labelName = fc.oneof(fc.constantFrom('a', 'b', 'axis-1', 'joint', 'x_y', 'peace', 'Ж', 'dup'), fc.stringMatching(/^[a-z0-9_-]{1,8}$/));
const label = labelName.map((n) => ` {#${n}}`);
const maybeLabel = fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: label }, { weight: 1, arbitrary: fc.constantFrom(' {#}', ' {#a b}', '{#a}', ' {#a', ' #a}', ' {#a}}', ' {{#a}') });

const num = fc.integer({ min: 0, max: 30 });
const romanLower = fc.constantFrom('i', 'ii', 'iii', 'iv', 'v', 'vi', 'ix', 'x', 'xiv', 'xl', 'mcm', 'iiii', 'vv', 'c', 'l', 'm', 'd');
const letterLower = fc.integer({ min: 0, max: 25 }).map((n) => String.fromCharCode(97 + n));

/** Every kind of list marker, well-formed or nearly. */
export const marker: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom('•', '◦', '▪', '‣', '-', '*', '+', '–', '—'),
	num.map((n) => `${n}.`),
	num.map((n) => `${n})`),
	num.map((n) => `(${n})`),
	letterLower.map((l) => `${l}.`),
	letterLower.map((l) => `${l})`),
	letterLower.map((l) => `(${l})`),
	letterLower.map((l) => `${l.toUpperCase()}.`),
	romanLower.map((r) => `${r}.`),
	romanLower.map((r) => `(${r})`),
	romanLower.map((r) => `${r.toUpperCase()}.`),
	fc.constantFrom('1234.', '(abcdef)', '(1', '1)', '()', '.', '(i)(ii)', '0.', '999.', 'I)'),
);

/** `[[#x]]`, `axis 3`, `points 1, 3 and 4`, `paragraph 7 of resolution 2334`, URLs. */
export const reference: fc.Arbitrary<string> = fc.oneof(
	labelName.map((l) => `[[#${l}]]`),
	fc.tuple(fc.constantFrom('other', 'dir/doc', 'seed', ''), labelName, fc.constantFrom('', '|shown text', '| ', '|')).map(([d, l, a]) => `[[${d}#${l}${a}]]`),
	labelName.map((l) => `[[${l}]]`),
	fc.tuple(fc.constantFrom('axis', 'axes', 'point', 'points', 'paragraph', 'paragraphs', 'article', '§', '§§', 'Axis', 'ARTICLE'), num).map(([w, a]) => `${w} ${a}`),
	fc.tuple(fc.constantFrom('axes', 'points', '§§', 'paragraphs'), num, num, fc.constantFrom('-', '–', ' and ', ', ')).map(([w, a, b, s]) => `${w} ${a}${s}${b}`),
	fc.tuple(num, fc.constantFrom('of resolution 2334', 'of the present resolution', 'of this declaration', 'of its resolution 194 (III)')).map(([n, r]) => `paragraph ${n} ${r}`),
	fc.constantFrom('https://example.org/a_(b)', 'http://x.y/z.', 'www.un.org', '[[', ']]', '[[#]]', '[[|]]', '[[#a|b|c]]', '[[a\n]]'),
);

/** Quoted, acronym and glossary definitions. */
export const definition: fc.Arbitrary<string> = fc.oneof(
	fc.tuple(fc.constantFrom('"', '“'), words(1, 3), fc.constantFrom('means', 'refers to', 'shall mean'), words(0, 6)).map(([q, t, v, d]) => `${q}${t}${q === '"' ? '"' : '”'} ${v} ${d}.`),
	fc.constantFrom(
		'International Meeting of Communist and Workers\' Parties (IMCWP)',
		'North Atlantic Treaty Organization (NATO)',
		'NATO (North Atlantic Treaty Organization)',
		'Global Compact for Safe, Orderly and Regular\nMigration (GCM)',
		'Comprehensive Regional Protection and Solutions Framework (MIRPS)',
		'A (AB)', '(XX)', 'Of The (OT)',
	),
	fc.tuple(words(1, 3), fc.constantFrom(': ', ' - ', ' – ', ' — ', ' = ', ' | alias: '), words(0, 6)).map(([t, s, d]) => `${t}${s}${d}`),
);

/** Inline text: words with references, definitions, labels and hostile characters mixed in. */
export const inline: fc.Arbitrary<string> = fc.array(fc.oneof(
	{ weight: 6, arbitrary: word },
	{ weight: 2, arbitrary: reference },
	{ weight: 1, arbitrary: definition },
	{ weight: 1, arbitrary: nastyChar },
	{ weight: 1, arbitrary: fc.constantFrom('<!-- note -->', '<!-- open', '-->', '**', '`', '"') },
), { maxLength: 14 }).map((p) => p.join(' '));

const indent = fc.oneof(
	{ weight: 4, arbitrary: fc.constant('') },
	{ weight: 2, arbitrary: fc.constantFrom('  ', '    ', '\t', ' ', '\t\t', '   ', '\u00a0', '        ', ' \t') },
	{ weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 12 }) },
);

const keywordHeading = fc.tuple(
	fc.constantFrom('Part', 'Title', 'Chapter', 'Section', 'Article', 'Annex', 'Amendment', 'Artigo', 'ARTIGO', 'Capítulo', 'Статья', 'Άρθρο', 'المادة', 'Título', 'Parte', 'Teil', 'ARTICLE'),
	fc.oneof(num.map(String), fc.constantFrom('I', 'II', 'IV', 'XIV', 'x', 'A', '1.º', '2º', '3.o', '1-2', '٣', '12.3')),
	fc.constantFrom('', '.', ':', ' - ', ' – ', '. Rights and duties', ' - Of the people', ' Dignity', ': ', '...... 394'),
).map(([w, n, t]) => `${w} ${n}${t}`);

/** One line of a declaration-like document (without its line end). */
export const docLine: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.constant('') },
	{ weight: 6, arbitrary: fc.tuple(indent, marker, fc.constantFrom(' ', '  ', '\t', ''), inline, maybeLabel).map(([i, m, s, t, l]) => `${i}${m}${s}${t}${l}`) },
	{ weight: 4, arbitrary: fc.tuple(indent, inline).map(([i, t]) => `${i}${t}`) },
	{ weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(' ', '\t', ''), inline, maybeLabel, fc.constantFrom('', ' ##', ' #')).map(([n, s, t, l, c]) => `${'#'.repeat(n)}${s}${t}${l}${c}`) },
	{ weight: 2, arbitrary: fc.tuple(keywordHeading, maybeLabel).map(([k, l]) => `${k}${l}`) },
	{ weight: 1, arbitrary: words(1, 6).map((w) => w.toUpperCase()) },
	{ weight: 1, arbitrary: fc.constantFrom('Text of Joint Actions', 'Preamble', 'Glossary', 'Definitions', 'Signatories', 'Signed by:', 'Adopted by', 'ANNEX', 'Terms', '**Bold heading**', '**Bold', 'heading**') },
	{ weight: 1, arbitrary: fc.constantFrom('2021-12-15', '15 December 2021', 'December 15, 2021', '15.12.2021', '12/15/21 11:41 AM', '15/12/2021', 'Havana, 29 October 2022', '31/02/2021', '00/00/00', '2021-13-45') },
	{ weight: 1, arbitrary: fc.constantFrom('---', '***', '___', '===', '\\###', '- - -', '<!--', '-->', '<!-- a comment -->', '<!-- one\nspanning -->') },
	{ weight: 1, arbitrary: definition },
	{ weight: 1, arbitrary: nastyString(30) },
);

const lineEnd = fc.oneof({ weight: 6, arbitrary: fc.constant('\n') }, { weight: 2, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\r') });

const frontMatter = fc.oneof(
	{ weight: 3, arbitrary: fc.constant('') },
	{
		weight: 2,
		arbitrary: fc.tuple(
			fc.subarray(['title: Joint Declaration', 'date: 2021-12-15', 'issuer: IMCWP', 'place: Havana', 'lang: en', 'status: draft', 'signatories:\n  - A\n  - B', 'extra: [1, 2', 'date: not a date', 'title:', ': bad', 'signatories: 3', 'title: "x', '\ttab: 1', 'date: 2021-02-30', 'lang: [en]']),
			fc.constantFrom('---\n', '--- \n', '\ufeff---\n', '---\r\n'),
			fc.constantFrom('---\n', '---', '', '--- \n', '---\r\n'),
		).map(([keys, open, close]) => `${open}${keys.join('\n')}\n${close}`),
	},
);

/** A declaration-like document: optional front matter, then lines of every kind with mixed line ends. */
export const declDocument: fc.Arbitrary<string> = fc.tuple(
	frontMatter,
	fc.array(fc.tuple(docLine, lineEnd), { maxLength: 40 }),
	fc.boolean(),
).map(([fm, lines, finalEnd]) => {
	let s = fm;
	lines.forEach(([l, e], k) => (s += l + (k < lines.length - 1 || finalEnd ? e : '')));
	return s;
});

// ------------------------------------------------------------------ mutations

export type Mutation =
	| { kind: 'delete-line' | 'duplicate-line'; at: number }
	| { kind: 'swap-lines'; at: number; with: number }
	| { kind: 'truncate'; at: number }
	| { kind: 'line-ends'; choice: number[] }
	| { kind: 'insert'; at: number; text: string }
	| { kind: 'delete'; at: number; length: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: fc.nat() }),
	fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
	fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
	fc.record({ kind: fc.constant('line-ends' as const), choice: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 8 }) }),
	fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(nastyString(8), docLine, reference, marker.map((m) => `\n${m} `)) }),
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

/** Splits keeping each line's own end (`\n`, `\r\n`, `\r` or none). */
function splitKeep(text: string): string[] {
	const out: string[] = [];
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c !== '\n' && c !== '\r') continue;
		if (c === '\r' && text[i + 1] === '\n') i++;
		out.push(text.slice(start, i + 1));
		start = i + 1;
	}
	if (start < text.length) out.push(text.slice(start));
	return out;
}

export function applyMutation(text: string, m: Mutation): string {
	const lines = splitKeep(text);
	const n = lines.length;
	switch (m.kind) {
		case 'delete-line':
			if (n === 0) return text;
			lines.splice(m.at % n, 1);
			return lines.join('');
		case 'duplicate-line':
			if (n === 0) return text;
			lines.splice(m.at % n, 0, lines[m.at % n]);
			return lines.join('');
		case 'swap-lines': {
			if (n === 0) return text;
			const a = m.at % n;
			const b = m.with % n;
			[lines[a], lines[b]] = [lines[b], lines[a]];
			return lines.join('');
		}
		case 'truncate':
			return text.slice(0, m.at % (text.length + 1));
		case 'line-ends': {
			const ends = ['\n', '\r\n', '\r'];
			let k = 0;
			return text.replace(/\r\n|\r|\n/g, () => ends[m.choice[k++ % m.choice.length]]);
		}
		case 'insert': {
			const at = m.at % (text.length + 1);
			return text.slice(0, at) + m.text + text.slice(at);
		}
		case 'delete': {
			const at = m.at % (text.length + 1);
			return text.slice(0, at) + text.slice(at + m.length);
		}
	}
}

/** A window of `text` (whole lines, up to `maxLines`), so that mutating large documents stays fast. */
export function windowOf(text: string, startLine: number, maxLines: number): string {
	const lines = splitKeep(text);
	if (lines.length <= maxLines) return text;
	const from = startLine % (lines.length - maxLines + 1);
	return lines.slice(from, from + maxLines).join('');
}

/** Mutations of the given texts: a window of one of them, then a few mutations. */
export function mutatedText(sources: readonly NamedText[], maxLines = 120): fc.Arbitrary<string> {
	if (sources.length === 0) return declDocument;
	return fc.tuple(fc.constantFrom(...sources), fc.nat(), fc.array(mutation, { maxLength: 6 })).map(([src, start, ms]) => {
		let t = windowOf(src.text, start, maxLines);
		for (const m of ms) t = applyMutation(t, m);
		return t;
	});
}

/** Every family at once: what the fuzz run and the main properties draw from. */
export function anyDocument(sources: readonly NamedText[]): fc.Arbitrary<string> {
	return fc.oneof(
		{ weight: 2, arbitrary: anyString },
		{ weight: 4, arbitrary: declDocument },
		{ weight: 2, arbitrary: mutatedText(sources) },
		{ weight: 1, arbitrary: fc.tuple(declDocument, fc.array(mutation, { maxLength: 4 })).map(([t, ms]) => ms.reduce(applyMutation, t)) },
	);
}
