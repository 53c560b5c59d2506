import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAcronymLike } from '../../server/src/core/terms/acronyms';

/**
 * The shape of the bundled glossary (server/glossary/bundled.decl): a declaration document in our
 * own format (FORMAT.md §7) with one `Term | Alias: definition` entry a line.
 */
const FILE = path.join(__dirname, '..', '..', 'server', 'glossary', 'bundled.decl');

interface Entry {
	readonly line: number;
	readonly raw: string;
	readonly names: readonly string[];
	readonly definition: string;
}

const MAX_DEFINITION = 250;

const REQUIRED = [
	'UN', 'UNGA', 'UNSC', 'WHO', 'ILO', 'UNESCO', 'UNHCR', 'UNRWA', 'FAO', 'IMF', 'WTO',
	'NATO', 'EU', 'AU', 'ASEAN', 'CELAC', 'ALBA', 'SCO', 'BRICS',
	'WFTU', 'ITUC', 'WFDY', 'WIDF',
	'UDHR', 'ICCPR', 'ICESCR', 'NPT', 'TPNW',
	'Resolution 194', 'Resolution 242', 'Resolution 2334',
	'USSR', 'GDR', 'COVID-19', 'GDP', 'NGO',
	// Also named in the brief or the acceptance cases (hover from the bundled glossary: UN, US, COVID-19).
	'US', 'ECOSOC', 'ICJ', 'UNICEF', 'UNDP', 'UNEP', 'WFP', 'World Bank', 'IBRD', 'UNCTAD', 'OHCHR', 'IAEA', 'IOM', 'UN Women',
	'UNFCCC', 'CSO', 'OAS', 'Mercosur', 'CARICOM', 'SICA', 'Arab League', 'OIC', 'GCC', 'NAM', 'G7', 'G20', 'G77', 'CIS', 'CSTO',
	'Warsaw Pact', 'OSCE', 'Council of Europe', 'ECOWAS', 'SADC', 'WPC', 'IMCWP', 'IUS', 'FIR', 'ICFTU', 'UN Charter', 'CEDAW',
	'CRC', 'CERD', 'CAT', 'CTBT', 'INF Treaty', 'ABM Treaty', 'START', 'New START', 'BWC', 'CWC', 'Rome Statute',
	'Geneva Conventions', 'Paris Agreement', 'Kyoto Protocol', 'UNCLOS', 'Helsinki Final Act', '1951 Refugee Convention', 'GCM',
	'ILO Convention 87', 'ILO Convention 98', 'Resolution 338', 'Resolution 3379', 'Resolution 1514', 'Resolution 377',
	'FRG', 'SFRY', 'CSSR', 'ČSSR', 'PRC', 'DPRK', 'ROK', 'GNP', 'INGO', 'SDGs', 'MDGs', 'ODA', 'FDI', 'LDC', 'SIDS', 'IDP', 'HIV',
	'AIDS', 'WMD', 'TNC', 'MNC', 'PPP', 'TRIPS', 'ISDS', 'IPCC',
];

const REQUIRED_ALIASES: [string, string][] = [
	['Resolution 194', '194 resolution'],
	['Resolution 242', '242 resolution'],
	['Resolution 377', 'Uniting for Peace'],
	['UN', 'United Nations'],
];

const text = fs.readFileSync(FILE, 'utf8');
const lines = text.split('\n');

function parseEntries(): Entry[] {
	const heading = lines.findIndex((l, i) => l === 'Glossary' && lines[i - 1] === '' && lines[i + 1] === '');
	assert.ok(heading > 0, 'a Glossary heading alone between blank lines');
	const entries: Entry[] = [];
	for (let i = heading + 2; i < lines.length; i++) {
		const raw = lines[i];
		if (raw === '' && i === lines.length - 1) break; // the final newline
		const sep = raw.indexOf(': ');
		const termPart = sep < 0 ? raw : raw.slice(0, sep);
		entries.push({ line: i + 1, raw, names: termPart.split(' | '), definition: sep < 0 ? '' : raw.slice(sep + 2) });
	}
	return entries;
}

const entries = parseEntries();
const byName = new Map<string, Entry>();
for (const e of entries) for (const n of e.names) byName.set(n, e);

describe('bundled glossary: the document', () => {
	it('is UTF-8 text without a BOM, with LF line breaks, ending in one newline', () => {
		assert.notEqual(text.charCodeAt(0), 0xfeff);
		assert.ok(!text.includes('\r'), 'no CR');
		assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), 'ends with exactly one newline');
		assert.ok(!/[ \t]$/m.test(text), 'no trailing whitespace');
		assert.ok(!text.includes('\t'), 'no tabs');
	});

	it('has a title line, an intro paragraph, then the Glossary heading', () => {
		assert.ok(lines[0].length > 0 && !lines[0].includes(':'), 'title line first');
		assert.equal(lines[1], '');
		assert.ok(lines[2].length > 0, 'intro paragraph');
		const heading = lines.indexOf('Glossary');
		assert.ok(heading > 2);
		assert.equal(lines[heading - 1], '');
		assert.equal(lines[heading + 1], '');
		assert.equal(lines.filter((l) => /^(?:glossary|definitions|abbreviations|acronyms|terms)$/i.test(l)).length, 1, 'one glossary section');
	});

	it('has at least 150 entries, one a line, with no blank line among them', () => {
		assert.ok(entries.length >= 150, `${entries.length} entries`);
		for (const e of entries) assert.notEqual(e.raw, '', `blank line at ${e.line}`);
	});
});

describe('bundled glossary: entries', () => {
	it('every line is `Term: definition` or `Term | Alias: definition`', () => {
		for (const e of entries) {
			assert.ok(e.definition.length > 0, `line ${e.line}: no ': ' separator: ${e.raw}`);
			for (const n of e.names) {
				assert.ok(n.length > 0 && n === n.trim(), `line ${e.line}: empty or padded name`);
				assert.ok(!n.includes(':') && !n.includes('|'), `line ${e.line}: ':' or '|' inside the term part`);
				assert.ok(!/ [-–—=] /.test(n), `line ${e.line}: another separator inside the term part`);
			}
		}
	});

	it('no term or alias is defined twice (case-insensitively)', () => {
		const seen = new Map<string, number>();
		for (const e of entries) {
			for (const n of e.names) {
				const key = n.toLowerCase();
				assert.ok(!seen.has(key), `"${n}" on line ${e.line} is already defined on line ${seen.get(key)}`);
				seen.set(key, e.line);
			}
		}
	});

	it('every definition is one short factual line', () => {
		for (const e of entries) {
			const d = e.definition;
			assert.ok(d.length <= MAX_DEFINITION, `line ${e.line}: ${d.length} characters`);
			assert.ok(d.length >= 20, `line ${e.line}: too short`);
			assert.ok(/^[\p{L}\p{N}]/u.test(d), `line ${e.line}: starts with a letter or digit`);
			assert.ok(d.endsWith('.'), `line ${e.line}: ends with a full stop`);
			assert.ok(!/[\p{Ll}\d]{2}\. \p{Lu}/u.test(d), `line ${e.line}: more than one sentence`);
			// No other separator that a glossary parser could take first, and no parenthesis
			// (which would read as an inline acronym definition).
			assert.ok(!/ [-–—=] /.test(d) && !d.includes(': ') && !/[()[\]]/.test(d), `line ${e.line}: separator or bracket in the definition`);
			assert.ok(!d.includes('<!--'), `line ${e.line}: comment`);
		}
	});

	it('an acronym entry begins with its expansion, not with the acronym again', () => {
		for (const e of entries) {
			if (!isAcronymLike(e.names[0])) continue;
			assert.ok(!e.definition.startsWith(`${e.names[0]} `), `line ${e.line}`);
		}
	});

	it('every acronym used in a definition is itself defined here', () => {
		const roman = /^[IVXLCDM]+$/;
		for (const e of entries) {
			for (const m of e.definition.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)) {
				const w = m[0];
				if (!isAcronymLike(w) || roman.test(w)) continue;
				if (e.definition.charAt(m.index + w.length) === '/') continue; // a document symbol such as ES-11/1
				assert.ok(byName.has(w), `line ${e.line}: ${w} is used but not defined`);
			}
		}
	});

	it('holds the required entries', () => {
		for (const name of REQUIRED) assert.ok(byName.has(name), `${name} is missing`);
	});

	it('gives the required aliases', () => {
		for (const [term, alias] of REQUIRED_ALIASES) {
			const e = byName.get(term);
			assert.ok(e, `${term} is missing`);
			assert.equal(e.names[0], term, `${term} is the term, not an alias`);
			assert.ok(e.names.includes(alias), `${term} has alias ${alias}`);
		}
	});

	it('defines NATO, UN, US and COVID-19 as the acceptance cases expect', () => {
		assert.ok(byName.get('NATO')!.definition.includes('North Atlantic Treaty Organization'));
		assert.ok(byName.get('UN')!.definition.startsWith('United Nations'));
		assert.ok(byName.get('US')!.definition.startsWith('United States of America'));
		assert.ok(byName.get('COVID-19')!.definition.startsWith('coronavirus disease 2019'));
	});
});
