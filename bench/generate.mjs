#!/usr/bin/env node
// Seeded generator of declaration documents and workspaces, with an equivalent Markdown
// rendering of the same content, for the benchmark (issue 7).
//
//   node bench/generate.mjs --lines 10000 [--seed 7] [--out DIR]     one document (doc.decl + doc.md)
//   node bench/generate.mjs --files 1000 [--seed 7] [--out DIR]      a workspace (DIR/decl/…, DIR/md/…)
//
// A document uses every construct of FORMAT.md in drafting proportions: front matter
// (sometimes), a title and a date line, `#` headings, capital-letter and keyword headings
// (`Chapter N`, `Article N`), numbered axes `1.` with points `(a)`, bulleted axes `•`,
// labels `{#name}`, wiki references `[[#label]]` / `[[other-doc#label]]`, natural references
// (`axis 3`, `paragraphs 2 and 4`), a glossary section with `ACR: definition` lines, inline
// acronym definitions `Long Form Words (LFW)`, acronym uses and drafting comments.
//
// The Markdown rendering carries the same content the way a Markdown author writes it:
// headings, `1.` / `-` lists, `[text](#anchor)` and `[text](other.md#anchor)` links, reference
// links with their definitions, a glossary whose terms are `###` headings, acronym uses as
// links to those headings, the same comments and front matter. Items cannot carry anchors in
// Markdown, so a reference to an item label links to the heading of the item's section.
//
// Every generator returns, besides the two texts, the positions the benchmark needs (a line
// to type in, a term use to hover, a reference to follow, a definition to find references of),
// for both renderings.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A small, fast, seedable PRNG (mulberry32). */
export class Rng {
	constructor(seed) {
		this.s = seed >>> 0;
	}
	next() {
		let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	int(min, max) {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	pick(list) {
		return list[Math.floor(this.next() * list.length)];
	}
	chance(p) {
		return this.next() < p;
	}
}

const SUBJECTS = ['the working class', 'the peoples', 'workers and pensioners', 'young people', 'immigrant workers', 'the trade unions', 'small farmers', 'the popular strata', 'women workers', 'the unemployed', 'public health workers', 'teachers and students', 'the coastal communities', 'the refugees', 'the signatory parties'];
const NOUNS = ['rights', 'wages', 'pensions', 'public healthcare', 'education', 'housing', 'culture', 'sovereignty', 'peace', 'solidarity', 'cooperation', 'employment', 'social security', 'water supply', 'energy prices', 'transport', 'fisheries', 'the environment', 'democratic freedoms', 'collective bargaining'];
const VERBS = ['Support of', 'Defence of', 'Solidarity with', 'Initiatives for', 'Actions against the erosion of', 'Campaigns for', 'Protection of', 'Coordination in defence of', 'Joint mobilisation for', 'Condemnation of attacks on'];
const TAILS = ['on equal conditions', 'in every country concerned', 'against racism and xenophobia', 'without discrimination', 'in accordance with the decisions of the meeting', 'through joint and convergent actions', 'at a bilateral and regional level', 'before the end of the year', 'with the participation of all parties', 'in the contemporary conditions'];
const HEADING_WORDS = ['Cooperation', 'Solidarity', 'Peace', 'Labour', 'Health', 'Education', 'Housing', 'Environment', 'Culture', 'Youth', 'Energy', 'Transport', 'Agriculture', 'Fisheries', 'Migration', 'Democracy', 'Sovereignty', 'Pensions', 'Water', 'Trade'];
const HEADING_TAILS = ['and Joint Actions', 'Measures', 'in the Region', 'Commitments', 'and Public Services', 'Programme', 'Priorities', 'and Social Rights'];
const PLACES = ['Havana', 'Athens', 'Lisbon', 'Hanoi', 'Brussels', 'Caracas', 'Izmir', 'Beirut'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const PARTIES = ['Workers Party of the North', 'Communist Party of the Coast', 'Party of Labour', 'Socialist Union of the Valley', 'Popular Party of the Islands', 'Democratic Left of the Plains', 'Labour Front of the Hills'];
const LONG_WORDS = ['Regional', 'Council', 'Maritime', 'Workers', 'Federation', 'International', 'Committee', 'Agricultural', 'Union', 'Coordination', 'Network', 'Environmental', 'Forum', 'Transport', 'Health', 'Popular', 'Assembly', 'Solidarity', 'Youth', 'Energy', 'Teachers', 'Democratic', 'Peace', 'Movement', 'Observatory', 'Pension', 'Fund', 'Housing', 'Alliance', 'Public'];

/** Makes `count` distinct invented acronyms (none in `avoid`) with a long form whose initials match, e.g. `Regional Maritime Workers Forum (RMWF)`. */
export function makeTerms(rng, count, avoid = new Set()) {
	const terms = [];
	const seen = new Set(avoid);
	while (terms.length < count) {
		const n = rng.int(3, 4);
		const words = [];
		for (let i = 0; i < n; i++) words.push(rng.pick(LONG_WORDS));
		const acr = words.map((w) => w[0]).join('');
		if (seen.has(acr) || /^[IVXLCDM]+$/.test(acr)) continue;
		seen.add(acr);
		terms.push({ acr, long: words.join(' '), definition: `${words.join(' ')}, the body set up ${rng.pick(TAILS)}` });
	}
	return terms;
}

/** The GitHub slug the Markdown language server uses (our texts are ASCII). */
function githubSlug(text) {
	return text.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/\s/g, '-');
}

/** The slug of FORMAT.md §4: runs of anything but letters and digits become `-`. */
export function declSlug(text) {
	const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	return slug.slice(slug.startsWith('-') ? 1 : 0, slug.endsWith('-') ? -1 : undefined);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Builds the two renderings line by line. `add(decl, md)` appends one line to each (or an array
 * of lines, or null for none) and returns the 0-based line numbers written.
 */
class Writer {
	constructor() {
		this.decl = [];
		this.md = [];
	}
	add(decl, md = decl) {
		const at = { decl: this.decl.length, md: this.md.length };
		if (decl != null) this.decl.push(...(Array.isArray(decl) ? decl : [decl]));
		if (md != null) this.md.push(...(Array.isArray(md) ? md : [md]));
		return at;
	}
	blank() {
		if (this.decl.at(-1) !== '') this.decl.push('');
		if (this.md.at(-1) !== '') this.md.push('');
	}
}

/**
 * A piece of running text in both renderings, with the positions of the constructs in it.
 * `parts` are strings (same in both) or {decl, md, mark?} pairs.
 */
function compose(parts) {
	let decl = '';
	let md = '';
	const marks = {};
	for (const p of parts) {
		if (typeof p === 'string') {
			decl += p;
			md += p;
			continue;
		}
		if (p.mark) marks[p.mark] = { decl: decl.length + (p.declOffset ?? 1), md: md.length + (p.mdOffset ?? 1) };
		decl += p.decl;
		md += p.md;
	}
	return { decl, md, marks };
}

/**
 * Generates one declaration document and its Markdown rendering.
 *
 * @param {object} o
 * @param {number} o.seed
 * @param {number} o.lines             approximate number of lines of the declaration rendering
 * @param {string} [o.name]            file name without extension
 * @param {{acr: string, long: string}[]} [o.sharedTerms]  terms of the workspace glossary (used, not defined here)
 * @param {string} [o.sharedGlossaryMd]  relative Markdown path of the workspace glossary from this document
 * @param {{name: string, mdPath: string}[]} [o.others]  other documents to reference (`[[name#scope]]`)
 * @param {number} [o.localTerms]      number of terms of this document's own glossary section
 */
export function generateDocument(o) {
	const rng = new Rng(o.seed);
	const w = new Writer();
	const target = o.lines;
	const name = o.name ?? 'doc';
	const sharedTerms = o.sharedTerms ?? [];
	const ownTerms = makeTerms(rng, 1 + (o.localTerms ?? Math.max(4, Math.min(40, Math.round(target / 400)))), new Set(sharedTerms.map((t) => t.acr)));
	const inl = ownTerms.pop();
	const localTerms = ownTerms;
	const others = o.others ?? [];
	const mdSlugCounts = new Map();
	const mdSlug = (text) => {
		const base = githubSlug(text);
		const n = mdSlugCounts.get(base);
		mdSlugCounts.set(base, (n ?? -1) + 1);
		return n === undefined ? base : `${base}-${n + 1}`;
	};
	/** label -> Markdown slug of the heading that holds it */
	const labels = new Map();
	const labelList = [];
	const inlineTerms = [];
	const marks = { edits: [], uses: [], wikis: [], headings: [] };
	let currentMdSlug = '';
	let labelSeq = 0;
	let brokenEvery = 400;
	let sinceBroken = 0;

	// Front matter (a third of the documents), title, date.
	const place = rng.pick(PLACES);
	const date = `${rng.int(1, 28)} ${rng.pick(MONTHS)} ${rng.int(2015, 2024)}`;
	const title = `Joint Declaration on ${rng.pick(HEADING_WORDS)} ${rng.pick(HEADING_TAILS)} ${name.replace(/\D+/g, ' ').trim()}`.trim();
	if (rng.chance(0.35)) {
		const fm = ['---', `title: ${title}`, `date: ${rng.int(2015, 2024)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`, `status: ${rng.pick(['draft', 'adopted'])}`, 'signatories:', `  - ${rng.pick(PARTIES)}`, `  - ${rng.pick(PARTIES)}`, '---'];
		w.add(fm);
	}
	w.add(title, `# ${title}`);
	mdSlug(title);
	w.blank();
	w.add(`${place}, ${date}`);
	w.blank();

	const termUse = (term, shared) => {
		const href = shared ? `${o.sharedGlossaryMd}#${githubSlug(term.acr)}` : `#${githubSlug(term.acr)}`;
		return { decl: term.acr, md: `[${term.acr}](${href})`, mdOffset: 2 };
	};
	const anyTerm = () => {
		if (sharedTerms.length && (!localTerms.length || rng.chance(0.6))) return termUse(rng.pick(sharedTerms), true);
		if (inlineTerms.length && rng.chance(0.3)) {
			const t = rng.pick(inlineTerms);
			return { decl: t.acr, md: t.acr };
		}
		return termUse(rng.pick(localTerms), false);
	};

	// Preamble with an inline acronym definition.
	inlineTerms.push(inl);
	const pre = compose([`The parties meeting in ${place}, together with the ${inl.long} (${inl.acr}) and `, anyTerm(), `, adopt the following declaration ${rng.pick(TAILS)}.`]);
	w.add(pre.decl, pre.md);
	w.blank();
	w.add('<!-- drafting note: preamble agreed at the preparatory meeting -->');
	w.blank();

	/** One sentence of item text, sometimes with a term use, a natural or a wiki reference. */
	const sentence = (ctx) => {
		const parts = [`${rng.pick(VERBS)} ${rng.pick(SUBJECTS)} and their ${rng.pick(NOUNS)}`];
		const r = rng.next();
		if (r < 0.3) {
			parts.push(', with the ', { ...anyTerm(), mark: 'use' });
		} else if (r < 0.42 && ctx.axes >= 2) {
			const a = rng.int(1, ctx.axes);
			let b = rng.int(1, ctx.axes);
			if (b === a) b = a === 1 ? 2 : 1;
			const words = rng.pick([[`axis ${a}`], [`paragraphs ${Math.min(a, b)} and ${Math.max(a, b)}`], [`point ${a}`], [`axes ${Math.min(a, b)} and ${Math.max(a, b)}`]])[0];
			// in Markdown, half of them are reference links whose definition ends the section
			const md = rng.chance(0.5) ? `[${words}](#${ctx.mdSlug})` : `[${words}][${ctx.refId}]`;
			if (md.endsWith(']')) ctx.refUsed = true;
			parts.push(', as set out in ', { decl: words, md, mark: 'natural' });
		} else if (r < 0.47 && labelList.length) {
			const label = rng.pick(labelList);
			const shown = rng.chance(0.3) ? `|${label.replace(/-/g, ' ')}` : '';
			parts.push(', as agreed under ', { decl: `[[#${label}${shown}]]`, md: `[${shown ? shown.slice(1) : label}](#${labels.get(label)})`, mark: 'wiki', declOffset: 3, mdOffset: 3 + (shown ? shown.length - 1 : label.length) + 1 });
		} else if (r < 0.5 && others.length) {
			const other = rng.pick(others);
			parts.push(', in line with ', { decl: `[[${other.name}#scope]]`, md: `[${other.name}](${other.mdPath}#scope)`, mark: 'cross' });
		} else if (r < 0.52 && sinceBroken > brokenEvery) {
			sinceBroken = 0;
			parts.push(', as provided in ', { decl: 'axis 99', md: '[axis 99](#no-such-heading)' });
		}
		parts.push(` ${rng.pick(TAILS)}.`);
		return compose(parts);
	};

	const paragraphText = (ctx) => {
		const n = rng.int(1, 3);
		let decl = '';
		let md = '';
		const found = {};
		for (let i = 0; i < n; i++) {
			const s = sentence(ctx);
			const sep = i ? ' ' : '';
			for (const [k, v] of Object.entries(s.marks)) found[k] ??= { decl: decl.length + sep.length + v.decl, md: md.length + sep.length + v.md };
			decl += sep + s.decl;
			md += sep + s.md;
		}
		return { decl, md, marks: found };
	};

	const record = (at, text, indent) => {
		for (const [k, v] of Object.entries(text.marks)) {
			const pos = { decl: { line: at.decl, character: indent.decl + v.decl }, md: { line: at.md, character: indent.md + v.md } };
			if (k === 'use') marks.uses.push(pos);
			else if (k === 'wiki') marks.wikis.push(pos);
		}
	};

	// Sections until the target line count is reached (the glossary and signatories are kept for the end).
	const style = rng.next() < 0.4 ? 'treaty' : 'declaration';
	let chapter = 0;
	let article = 0;
	let section = 0;
	const reserve = 8 + localTerms.length * 1 + 10;
	while (w.decl.length < target - reserve) {
		section++;
		const headingText = `${rng.pick(HEADING_WORDS)} ${rng.pick(HEADING_TAILS)}`;
		let slug;
		let headingAt;
		if (style === 'treaty') {
			if (article % 6 === 0) {
				chapter++;
				w.blank();
				const text = `Chapter ${chapter} - ${headingText}`;
				w.add(text, `## ${text}`);
				mdSlug(text);
				w.blank();
			}
			article++;
			const text = `Article ${article} - ${rng.pick(HEADING_WORDS)}`;
			slug = mdSlug(text);
			headingAt = w.add(text, `### ${text}`);
			marks.headings.push({ decl: { line: headingAt.decl, character: 3 }, md: { line: headingAt.md, character: 6 }, name: text });
		} else {
			w.blank();
			const r = rng.next();
			if (r < 0.1) {
				const text = `${headingText.toUpperCase()} ${section}`;
				slug = mdSlug(text);
				headingAt = w.add(text, `## ${text}`);
				marks.headings.push({ decl: { line: headingAt.decl, character: 2 }, md: { line: headingAt.md, character: 5 }, name: text });
			} else {
				const level = rng.chance(0.7) ? 1 : 2;
				const text = `${headingText} ${section}`;
				const label = rng.chance(0.25) ? `s${section}-${declSlug(headingText).slice(0, 12)}` : null;
				slug = mdSlug(text);
				headingAt = w.add(`${'#'.repeat(level)} ${text}${label ? ` {#${label}}` : ''}`, `${'#'.repeat(level + 1)} ${text}`);
				marks.headings.push({ decl: { line: headingAt.decl, character: level + 3 }, md: { line: headingAt.md, character: level + 4 }, name: text });
				if (label) {
					labels.set(label, slug);
					labelList.push(label);
				}
			}
		}
		currentMdSlug = slug;
		w.blank();
		const nAxes = rng.int(3, 12);
		const ctx = { axes: nAxes, mdSlug: currentMdSlug, refId: `s${section}`, refUsed: false };
		// A lead-in paragraph, sometimes a paragraph before it (the typing target).
		if (rng.chance(0.5)) {
			const p = paragraphText(ctx);
			const at = w.add(p.decl, p.md);
			record(at, p, { decl: 0, md: 0 });
			marks.edits.push({ decl: { line: at.decl, character: p.decl.indexOf(' ') }, md: { line: at.md, character: p.md.indexOf(' ') } });
			w.blank();
		}
		w.add(`The parties will develop joint actions on the following ${nAxes} axes:`);
		if (rng.chance(0.15)) w.add(['<!-- TODO: check the order of the axes', '     with the secretariat -->'], null);
		w.blank();
		const bullets = style === 'declaration' && rng.chance(0.5);
		for (let a = 1; a <= nAxes; a++) {
			const text = paragraphText(ctx);
			const label = rng.chance(0.15) ? `${declSlug(rng.pick(NOUNS)).slice(0, 10)}-${++labelSeq}` : null;
			const declMarker = bullets ? '  • ' : `${a}. `;
			const mdMarker = bullets ? '- ' : `${a}. `;
			// Long items wrap over an indented continuation line, as pasted drafts do.
			let first = text.decl;
			let firstMd = text.md;
			let rest = null;
			let restMd = null;
			const cut = first.indexOf('. ') + 1;
			const cutMd = firstMd.indexOf('. ') + 1;
			if (cut > 0 && cutMd > 0 && rng.chance(0.4)) {
				rest = first.slice(cut + 1);
				first = first.slice(0, cut);
				restMd = firstMd.slice(cutMd + 1);
				firstMd = firstMd.slice(0, cutMd);
			}
			const at = w.add(`${declMarker}${first}${label ? ` {#${label}}` : ''}`, `${mdMarker}${firstMd}`);
			if (rest === null) record(at, text, { decl: declMarker.length, md: mdMarker.length });
			if (rest !== null) w.add(`${' '.repeat(declMarker.length)}${rest}`, `${' '.repeat(mdMarker.length)}${restMd}`);
			if (label) {
				labels.set(label, currentMdSlug);
				labelList.push(label);
			}
			sinceBroken += rest === null ? 1 : 2;
			// Points (a), (b) under numbered axes, UN style (not indented) or indented.
			if (!bullets && rng.chance(0.3)) {
				const nPoints = rng.int(2, 4);
				const indent = rng.chance(0.5) ? '' : '   ';
				for (let p = 0; p < nPoints; p++) {
					const pt = sentence(ctx);
					const pat = w.add(`${indent}(${LETTERS[p]}) ${pt.decl}`, `${' '.repeat(mdMarker.length)}- (${LETTERS[p]}) ${pt.md}`);
					record(pat, pt, { decl: indent.length + 4, md: mdMarker.length + 6 });
					sinceBroken++;
				}
			}
			if (rng.chance(0.04)) w.add(`<!-- ${rng.pick(SUBJECTS)}: wording to be confirmed -->`);
		}
		w.blank();
		if (ctx.refUsed) {
			w.add(null, `[${ctx.refId}]: #${currentMdSlug}`);
			w.add(null, '');
		}
		if (w.decl.length > target * 0.5 && brokenEvery < Infinity && sinceBroken > brokenEvery) {
			// one unresolved wiki reference per few hundred lines keeps diagnostics non-empty
			w.add('See also [[#missing-annex]] for the calendar.', 'See also [the calendar](#missing-annex) for the calendar.');
			w.blank();
			sinceBroken = 0;
		}
	}

	// The glossary section: `ACR: definition` lines; in Markdown each term is a `###` heading.
	w.blank();
	const glossaryDefs = [];
	if (localTerms.length) {
		w.add('# Glossary', '## Glossary');
		mdSlug('Glossary');
		w.blank();
	}
	for (const t of localTerms) {
		const at = w.add(`${t.acr}: ${t.definition}`, [`### ${t.acr}`, '', `${t.definition}.`, '']);
		mdSlug(t.acr);
		glossaryDefs.push({ decl: { line: at.decl, character: 1 }, md: { line: at.md, character: 5 }, acr: t.acr });
	}
	w.blank();
	w.add('Signatories', '## Signatories');
	w.blank();
	for (let i = 0; i < 3; i++) w.add(`  • ${PARTIES[(o.seed + i) % PARTIES.length]}`, `- ${PARTIES[(o.seed + i) % PARTIES.length]}`);

	const mid = (list) => list[Math.floor(list.length / 2)];
	const decl = w.decl.join('\n') + '\n';
	const md = w.md.join('\n') + '\n';
	return {
		name,
		decl,
		md,
		lines: { decl: w.decl.length, md: w.md.length },
		targets: {
			edit: mid(marks.edits) ?? null,
			use: mid(marks.uses) ?? null,
			wiki: mid(marks.wikis) ?? null,
			heading: mid(marks.headings) ?? null,
			glossary: glossaryDefs[0],
			// a line of the Markdown rendering only: its hover previews an image (what the Markdown server offers)
		},
		terms: localTerms,
	};
}

/**
 * The shared glossary document of a workspace: a `Glossary` section defining the terms every
 * document uses; in Markdown, each term is a `###` heading the uses link to.
 */
export function generateGlossary(terms) {
	const decl = ['Common Glossary of the Meetings', '', '15 December 2021', '', '# Glossary', ''];
	const md = ['# Common Glossary of the Meetings', '', '15 December 2021', '', '## Glossary', ''];
	const defs = [];
	for (const t of terms) {
		defs.push({ decl: { line: decl.length, character: 1 }, md: { line: md.length, character: 5 }, acr: t.acr });
		decl.push(`${t.acr}: ${t.definition}`);
		md.push(`### ${t.acr}`, '', `${t.definition}.`, '');
	}
	return { decl: decl.join('\n') + '\n', md: md.join('\n') + '\n', defs };
}

/**
 * Writes one document of about `lines` lines: DIR/decl/doc.decl and DIR/md/doc.md.
 * Returns the paths, the targets and the line counts.
 */
export function writeDocument(dir, { lines, seed }) {
	rmSync(dir, { recursive: true, force: true });
	const doc = generateDocument({ seed, lines, name: `declaration-${lines}` });
	// The Markdown rendering gets one image link in the paragraph of the hover target: the
	// Markdown server's hover previews images and videos only.
	const mdLines = doc.md.split('\n');
	const hoverLine = doc.targets.edit.md.line;
	const imageAt = mdLines[hoverLine].length + 1;
	mdLines[hoverLine] += ' ![map of the region](figures/map.png)';
	const paths = { decl: join(dir, 'decl', `${doc.name}.decl`), md: join(dir, 'md', `${doc.name}.md`) };
	mkdirSync(dirname(paths.decl), { recursive: true });
	mkdirSync(dirname(paths.md), { recursive: true });
	writeFileSync(paths.decl, doc.decl);
	writeFileSync(paths.md, mdLines.join('\n'));
	return {
		roots: { decl: join(dir, 'decl'), md: join(dir, 'md') },
		paths,
		texts: { decl: doc.decl, md: mdLines.join('\n') },
		lines: doc.lines,
		targets: { ...doc.targets, image: { md: { line: hoverLine, character: imageAt + 25 } } },
	};
}

/**
 * Writes a workspace of `files` documents (plus the shared glossary) under DIR/decl and DIR/md,
 * a hundred documents per folder. Document sizes vary from 30 to 300 lines (about 110 on average).
 * Every document has a `Scope` heading (the target of cross-document references) and a heading
 * that names it uniquely (`Provisions of record 00042`), which the benchmark queries to know that
 * indexing is complete.
 */
export function writeWorkspace(dir, { files, seed }) {
	rmSync(dir, { recursive: true, force: true });
	const rng = new Rng(seed);
	const terms = makeTerms(rng, 40);
	const names = [];
	for (let i = 0; i < files; i++) names.push({ name: `doc-${String(i).padStart(5, '0')}`, folder: `group-${String(Math.floor(i / 100)).padStart(3, '0')}` });
	const glossary = generateGlossary(terms);
	const roots = { decl: join(dir, 'decl'), md: join(dir, 'md') };
	const glossaryPaths = { decl: join(roots.decl, 'glossary.decl'), md: join(roots.md, 'glossary.md') };
	mkdirSync(roots.decl, { recursive: true });
	mkdirSync(roots.md, { recursive: true });
	writeFileSync(glossaryPaths.decl, glossary.decl);
	writeFileSync(glossaryPaths.md, glossary.md);
	let totalLines = 0;
	let bytes = 0;
	const made = new Set();
	const headingNames = [];
	for (let i = 0; i < files; i++) {
		const { name, folder } = names[i];
		const lines = Math.round(30 + 270 * rng.next() ** 2);
		const others = [];
		for (let k = 0; k < 2; k++) {
			const other = names[rng.int(0, files - 1)];
			others.push({ name: other.name, mdPath: relative(join(roots.md, folder), join(roots.md, other.folder, `${other.name}.md`)) });
		}
		const doc = generateDocument({ seed: seed * 100003 + i, lines, name, sharedTerms: terms, sharedGlossaryMd: relative(join(roots.md, folder), glossaryPaths.md), others, localTerms: rng.int(0, 1) ? 3 : 0 });
		const number = name.slice(4);
		if (i % Math.max(1, Math.floor(files / 4)) === 0 && doc.targets.heading) headingNames.push(doc.targets.heading.name);
		// Scope (target of cross references) and a unique heading, right after the title block.
		const inject = (text, isMd) => {
			const lines = text.split('\n');
			let at = lines.findIndex((l, j) => j > 1 && l === '' && lines[j - 1] !== '' && /\d{4}$/.test(lines[j - 1]));
			if (at < 0) at = 2;
			const block = isMd
				? ['', `## Scope`, '', `This declaration covers record ${number}.`, '', `## Provisions of record ${number}`, '', 'The provisions below apply.']
				: ['', `# Scope {#scope}`, '', `This declaration covers record ${number}.`, '', `# Provisions of record ${number}`, '', 'The provisions below apply.'];
			lines.splice(at, 0, ...block);
			return lines.join('\n');
		};
		const declText = inject(doc.decl, false);
		const mdText = inject(doc.md, true);
		for (const root of [roots.decl, roots.md]) {
			const folderPath = join(root, folder);
			if (!made.has(folderPath)) {
				mkdirSync(folderPath, { recursive: true });
				made.add(folderPath);
			}
		}
		writeFileSync(join(roots.decl, folder, `${name}.decl`), declText);
		writeFileSync(join(roots.md, folder, `${name}.md`), mdText);
		totalLines += declText.split('\n').length;
		bytes += declText.length;
	}
	const last = names[files - 1];
	const middle = names[Math.floor(files / 2)];
	return {
		roots,
		files: files + 1,
		totalLines,
		bytes,
		glossary: { paths: glossaryPaths, texts: { decl: glossary.decl, md: glossary.md }, def: glossary.defs[0] },
		probes: [`Provisions of record ${last.name.slice(4)}`, `Provisions of record ${middle.name.slice(4)}`],
		// workspace symbol queries, each a prefix of heading names that exist (some match thousands)
		queries: ['Scope', `Provisions of record ${names[Math.floor(files / 3)].name.slice(4, 8)}`, 'Glossary', ...headingNames.slice(0, 4), 'Provisions of record 0'],
		opened: {
			paths: { decl: join(roots.decl, names[0].folder, `${names[0].name}.decl`), md: join(roots.md, names[0].folder, `${names[0].name}.md`) },
		},
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const args = process.argv.slice(2);
	const val = (flag, dflt) => {
		const i = args.indexOf(flag);
		return i >= 0 ? args[i + 1] : dflt;
	};
	const seed = Number(val('--seed', '7'));
	const out = resolve(val('--out', join(import.meta.dirname, 'out', 'generated')));
	if (args.includes('--files')) {
		const ws = writeWorkspace(out, { files: Number(val('--files')), seed });
		console.log(`workspace: ${ws.files} files, ${ws.totalLines} lines, ${(ws.bytes / 1e6).toFixed(1)} MB of declarations in ${out}`);
	} else {
		const doc = writeDocument(out, { lines: Number(val('--lines', '1000')), seed });
		console.log(`document: ${doc.lines.decl} lines (${doc.lines.md} in Markdown): ${doc.paths.decl}, ${doc.paths.md}`);
	}
}
