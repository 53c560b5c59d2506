/** Terms and definitions (FORMAT.md §7): hover, definition, references, rename, completion, diagnostics. */
import { CompletionItemKind, DocumentHighlightKind, MarkupKind, type CompletionItem, type DocumentHighlight, type Hover, type Location, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { DeclDocument, Span } from '../model';
import { RenameRefusal, type FeatureContext, type FeatureProvider } from '../service';
import { findAcronymDefinitions } from './acronyms';
import { nameFor, shortText, targetAt, termDiagnostics, type Target } from './analysis';
import type { TermDefinition } from './definitions';
import type { Dictionary } from './dictionary';
import { termCodeActions } from './fixes';
import { isAcronymName, namePattern, pluralForms, pluralOf } from './names';
import { maskedSlice } from './blocks';
import { termsOf, type TermsWorkspace } from './state';

export function createTermsProvider(): FeatureProvider {
	return {
		hover(doc, offset, ctx) {
			const state = termsOf(ctx);
			const t = targetAt(state, doc, offset);
			if (!t) return undefined;
			const hover: Hover = { contents: { kind: MarkupKind.Markdown, value: describe(state, ctx, t.def, t.key, true) }, range: doc.lineIndex.toRange(t.span) };
			return hover;
		},

		definition(doc, offset, ctx) {
			const state = termsOf(ctx);
			const t = targetAt(state, doc, offset);
			if (!t) return undefined;
			const loc = definitionLocation(state, ctx, t.def, t.key);
			return loc ? [loc] : undefined;
		},

		references(doc, offset, includeDeclaration, ctx) {
			const state = termsOf(ctx);
			const t = targetAt(state, doc, offset);
			if (!t) return undefined;
			const out: Location[] = [];
			if (includeDeclaration) {
				const d = docOf(state, ctx, t.def.uri);
				if (d) for (const s of t.def.nameSpans) out.push({ uri: t.def.uri, range: d.lineIndex.toRange(s) });
			}
			for (const { uri, uses } of state.usesOf(t.def)) {
				const d = ctx.index.get(uri);
				if (d) for (const u of uses) out.push({ uri, range: d.lineIndex.toRange(u) });
			}
			return out;
		},

		highlights(doc, offset, ctx) {
			const state = termsOf(ctx);
			const t = targetAt(state, doc, offset);
			if (!t) return undefined;
			const out: DocumentHighlight[] = [];
			if (t.def.uri === doc.uri) for (const s of t.def.nameSpans) out.push({ range: doc.lineIndex.toRange(s), kind: DocumentHighlightKind.Write });
			const { info, uses } = state.entry(doc);
			for (const u of uses) if (state.resolve(info, u) === t.def) out.push({ range: doc.lineIndex.toRange(u), kind: DocumentHighlightKind.Read });
			return out;
		},

		prepareRename(doc, offset, ctx) {
			const state = termsOf(ctx);
			const t = targetAt(state, doc, offset);
			if (!t) return undefined;
			refuseBundled(state, t);
			return { range: doc.lineIndex.toRange(t.span), placeholder: nameFor(t.def, t.key).name };
		},

		rename(doc, offset, newName, ctx) {
			const state = termsOf(ctx);
			const t = targetAt(state, doc, offset);
			if (!t) return undefined;
			return renameTerm(state, ctx, t, newName);
		},

		completions(doc, offset, ctx) {
			return complete(termsOf(ctx), doc, offset);
		},

		diagnostics(doc, ctx) {
			return termDiagnostics(termsOf(ctx), doc, ctx);
		},

		codeActions(doc, span, diagnostics, ctx) {
			return termCodeActions(termsOf(ctx), doc, span, diagnostics, ctx);
		},
	};
}

function docOf(state: TermsWorkspace, ctx: FeatureContext, uri: string): DeclDocument | undefined {
	const b = state.bundled;
	if (b && b.doc.uri === uri && !ctx.index.has(uri)) return b.doc;
	return ctx.index.get(uri) ?? (b && b.doc.uri === uri ? b.doc : undefined);
}

function definitionLocation(state: TermsWorkspace, ctx: FeatureContext, def: TermDefinition, key: string): Location | undefined {
	const d = state.isBundled(def) ? state.bundled?.doc : ctx.index.get(def.uri);
	if (!d) return undefined;
	return { uri: def.uri, range: d.lineIndex.toRange(def.nameSpans[nameFor(def, key).index]) };
}

/** Escapes Markdown in plain text. */
export function md(s: string): string {
	return s.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}

function plural(n: number, one: string, many: string): string {
	return `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;
}

/** The Markdown of a term: the name in bold, the definition, where it is defined, its aliases and (optionally) its uses. */
export function describe(state: TermsWorkspace, ctx: FeatureContext, def: TermDefinition, key: string, withUses: boolean): string {
	const { name, index } = nameFor(def, key);
	const parts: string[] = [];
	parts.push(def.kind === 'acronym' ? `**${md(name)}**: ${md(def.definition)}` : `**${md(name)}**\n\n${md(def.definition)}`);
	const others = def.names.filter((_, i) => i !== index);
	if (others.length > 0) parts.push(`Also: ${others.map((o) => `*${md(o)}*`).join(', ')}`);
	const where = state.isBundled(def) ? 'the bundled glossary' : `${md(ctx.index.relativePath(def.uri))}, line ${def.line + 1}`;
	const meta = [`Defined in ${where}`];
	if (withUses) meta.push(plural(state.countUses(def), 'use', 'uses') + ' in the workspace');
	parts.push(`*${meta.join(' · ')}*`);
	return parts.join('\n\n');
}

function refuseBundled(state: TermsWorkspace, t: Target): void {
	if (state.isBundled(t.def)) {
		throw new RenameRefusal(`${quote(nameFor(t.def, t.key).name)} is defined in the bundled glossary, which cannot be edited. Define it in a workspace glossary to rename it.`);
	}
}

function quote(s: string): string {
	return `“${s}”`;
}

/**
 * Renames one name of a term: the name at its definition and every use of it across the workspace.
 * Plural uses are rewritten with the plural of the new name; a use written in another case than the
 * definition (`working group` for `Working Group`) makes the rename refuse, since its case would
 * have to be guessed.
 */
function renameTerm(state: TermsWorkspace, ctx: FeatureContext, t: Target, newNameRaw: string): WorkspaceEdit {
	refuseBundled(state, t);
	const def = t.def;
	const { name, index } = nameFor(def, t.key);
	const newName = newNameRaw.trim();
	const pattern = namePattern(newName);
	if (!pattern || /[\r\n|]/.test(newName) || /["“”]/.test(newName) || (def.kind === 'glossary' && /:\s|\s[-–—=]\s/.test(newName))) {
		throw new RenameRefusal(`${quote(newNameRaw)} cannot name a term: use words, without line breaks, quotes, “|” or a glossary separator.`);
	}
	if (pattern.key !== t.key) {
		const home = ctx.index.get(def.uri);
		const clash = (home && state.entry(home).info.own.winners.get(pattern.key)) ?? (def.kind === 'glossary' ? state.workspace.winners.get(pattern.key) : undefined);
		if (clash && clash !== def) {
			throw new RenameRefusal(`${quote(newName)} is already defined in ${ctx.index.relativePath(clash.uri)}, line ${clash.line + 1}.`);
		}
	}
	if (def.kind === 'acronym' && def.form) {
		const probe = (acronym: string) => findAcronymDefinitions(def.form === 'long-first' ? `${def.definition} (${acronym})` : `${acronym} (${def.definition})`);
		const before = probe(name);
		const found = probe(newName);
		// a long form matched by its initials must still be (a capitalised run matches any acronym)
		if (found.length !== 1 || found[0].acronym !== newName || (before[0]?.matched === 'initials' && found[0].matched !== 'initials')) {
			throw new RenameRefusal(`${quote(newName)} does not match the words of ${quote(def.definition)}: the definition would no longer define it.`);
		}
	}
	const plurals = pluralForms(name);
	const newPlural = pluralOf(newName);
	const changes: Record<string, TextEdit[]> = {};
	const add = (uri: string, d: DeclDocument, span: Span, text: string): void => {
		(changes[uri] ??= []).push({ range: d.lineIndex.toRange(span), newText: text });
	};
	const home = ctx.index.get(def.uri);
	if (home) add(def.uri, home, def.nameSpans[index], newName);
	const refused: string[] = [];
	for (const { uri, uses } of state.usesOf(def, t.key)) {
		const d = ctx.index.get(uri);
		if (!d) continue;
		for (const use of uses) {
			const written = d.text.slice(use.start, use.end).replace(/\s+/g, ' ');
			if (written === name) add(uri, d, use, newName);
			else if (use.plural && plurals.includes(written)) add(uri, d, use, newPlural);
			else refused.push(`${quote(written)} (${ctx.index.relativePath(uri)}, line ${d.lineIndex.lineAt(use.start).index + 1})`);
		}
	}
	if (refused.length > 0) {
		const more = refused.length > 1 ? ` and ${refused.length - 1} more` : '';
		throw new RenameRefusal(`Cannot rename ${quote(name)}: it is also written ${refused[0]}${more}, in another case than its definition, and the rename would have to guess which case to give ${quote(newName)} there.`);
	}
	for (const edits of Object.values(changes)) edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
	return { changes };
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}-]/u;
const UPPER = /\p{Lu}/u;

/** Defined terms and acronyms while typing a capitalised word (at least two characters), sorted after other completions. */
function complete(state: TermsWorkspace, doc: DeclDocument, offset: number): CompletionItem[] | undefined {
	const line = doc.lineIndex.lineAt(offset);
	let s = offset;
	while (s > line.start && WORD_CHAR.test(doc.text[s - 1])) s--;
	const prefix = doc.text.slice(s, offset);
	if (prefix.length < 2 || !UPPER.test(prefix[0]) || maskedSlice(doc, s, offset) !== prefix) return undefined;
	const lower = prefix.toLowerCase();
	const { info } = state.entry(doc);
	const seen = new Set<string>();
	const out: CompletionItem[] = [];
	const range = doc.lineIndex.toRange({ start: s, end: offset });
	const offer = (dict: Dictionary | undefined, where: string): void => {
		if (!dict) return;
		for (const [key, def] of dict.winners) {
			if (seen.has(key)) continue;
			const { name } = nameFor(def, key);
			if (!name.toLowerCase().startsWith(lower)) continue;
			seen.add(key);
			out.push({
				label: name,
				kind: isAcronymName(name) ? CompletionItemKind.Constant : CompletionItemKind.Text,
				detail: shortText(def.definition, 60),
				documentation: { kind: MarkupKind.Markdown, value: `**${md(name)}**: ${md(def.definition)}\n\n*${where}*` },
				sortText: `~${name}`,
				filterText: name,
				textEdit: { range, newText: name },
			});
		}
	};
	offer(info.own, 'defined in this document');
	offer(state.workspace, 'workspace glossary');
	offer(state.bundled?.dict, 'bundled glossary');
	return out.length > 0 ? out : undefined;
}
