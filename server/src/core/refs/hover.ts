/** Hover texts for references, axes and headings. */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { DeclDocument, Heading, Item } from '../model';
import type { WorkspaceIndex } from '../workspace';
import { KEYWORD_NOUN, referencesTo, workspaceRefs, type Resolution, type Target } from './analysis';
import type { NaturalRef } from './scan';
import { itemNoun, shownNumber, type AtPosition } from './targets';

const MAX_TEXT = 600;

/** Cuts text at a word boundary to at most `max` characters, with `…`. */
export function trimText(s: string, max = MAX_TEXT): string {
	const t = s.replace(/\s+/g, ' ').trim();
	if (t.length <= max) return t;
	const cut = t.lastIndexOf(' ', max - 1);
	return `${t.slice(0, cut > max * 0.6 ? cut : max - 1)}…`;
}

function places(n: number): string {
	return n === 0 ? 'Not referenced anywhere.' : `Referenced from ${n} ${n === 1 ? 'place' : 'places'}.`;
}

function escape(s: string): string {
	return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** Every item's text with its points (for word counts and hovers). */
function fullText(item: Item, markers = true): string {
	const parts = [item.text];
	const walk = (it: Item): void => {
		for (const c of it.children) {
			parts.push(markers ? `${c.marker.text} ${c.text}` : c.text);
			walk(c);
		}
	};
	walk(item);
	return parts.join(' ');
}

export function wordCount(s: string): number {
	let n = 0;
	let inWord = false;
	for (const ch of s) {
		const w = /[\p{L}\p{N}]/u.test(ch);
		if (w && !inWord) n++;
		inWord = w;
	}
	return n;
}

function where(target: Target, from: DeclDocument, index: WorkspaceIndex): string {
	if (target.doc.uri === from.uri) return '';
	return ` · in \`${workspaceRefs(index).nameFor(target.doc.uri)}\``;
}

function sectionBody(doc: DeclDocument, h: Heading): string {
	return doc.masked.slice(h.span.end, h.sectionSpan.end);
}

/** The hover for a target reached from `from`. */
export function targetHover(target: Target, from: DeclDocument, index: WorkspaceIndex): string {
	const n = referencesTo(target, index).length;
	if (target.kind === 'item') {
		const it = target.item;
		const head = `**${itemNoun(it)} ${escape(shownNumber(it))}**${it.label ? ` \`{#${it.label.name}}\`` : ''}${where(target, from, index)}`;
		return `${head}\n\n${escape(trimText(fullText(it)))}\n\n_${places(n)}_`;
	}
	if (target.kind === 'heading') {
		const h = target.heading;
		const body = trimText(sectionBody(target.doc, h), 300);
		return `**${escape(h.text)}**${h.label ? ` \`{#${h.label.name}}\`` : ''}${where(target, from, index)}${body ? `\n\n${escape(body)}` : ''}\n\n_${places(n)}_`;
	}
	const d = target.doc;
	const title = d.title?.text ?? workspaceRefs(index).nameFor(d.uri);
	const facts = [`\`${index.relativePath(d.uri)}\``];
	if (d.date) facts.push(d.date.iso);
	const axes = d.principalList?.items.length ?? 0;
	if (axes > 0) facts.push(`${axes} ${axes === 1 ? 'axis' : 'axes'}`);
	return `**${escape(title)}**\n\n${facts.join(' · ')}\n\n_${places(n)}_`;
}

function naturalWording(r: NaturalRef): string {
	const noun = KEYWORD_NOUN[r.keyword];
	const num = `${r.number}${r.suffixes.map((s) => `(${s.text})`).join('')}`;
	return r.keyword === 'section' ? `§ ${num}` : `${noun[0].toUpperCase()}${noun.slice(1)} ${num}`;
}

export function refHover(doc: DeclDocument, at: AtPosition, index: WorkspaceIndex): Hover {
	const parts: string[] = [];
	for (let i = 0; i < at.refs.length; i++) {
		const r = at.refs[i];
		const res: Resolution = at.resolutions[i];
		if (res.status === 'resolved') parts.push(targetHover(res.target, doc, index));
		else if (res.status === 'external') {
			parts.push(`**${escape(naturalWording(r as NaturalRef))} of ${escape(res.name)}**\n\nA reference into another document (${escape(res.name)}); it is not resolved in this one.`);
		} else parts.push(`**Unresolved reference**\n\n${res.message}`);
	}
	const span = at.refs[0].span;
	return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: doc.lineIndex.toRange(span) };
}

/** Hover on an axis marker or label: number, title, word count, reference count. */
export function itemHover(doc: DeclDocument, item: Item, index: WorkspaceIndex, range: { start: number; end: number }): Hover {
	const n = referencesTo({ kind: 'item', item, doc }, index).length;
	const words = wordCount(fullText(item, false));
	const value = `**${itemNoun(item)} ${escape(shownNumber(item))}** — ${escape(item.title)}\n\n${words} ${words === 1 ? 'word' : 'words'} · ${places(n).replace(/\.$/, '').toLowerCase()}`;
	return { contents: { kind: MarkupKind.Markdown, value }, range: doc.lineIndex.toRange(range) };
}

export function headingHover(doc: DeclDocument, h: Heading, index: WorkspaceIndex, range: { start: number; end: number }): Hover {
	return { contents: { kind: MarkupKind.Markdown, value: targetHover({ kind: 'heading', heading: h, doc }, doc, index) }, range: doc.lineIndex.toRange(range) };
}
