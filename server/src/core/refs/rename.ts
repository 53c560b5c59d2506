/** Rename of labels (from the label or any wiki reference to it) and of documents (`willRenameFiles`). */
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { DeclDocument, Label, Span } from '../model';
import { isLabelName, slugify } from '../parser/headings';
import { RenameRefusal } from '../service';
import type { WorkspaceIndex } from '../workspace';
import { docRefs, normalizeDocName, pathWithoutExtension, referencesTo, resolveWiki, stemOf, workspaceRefs, type Target } from './analysis';
import type { WikiRef } from './scan';
import { labelAt, refsAtOffset } from './targets';

interface RenameSite {
	/** The labelled item or heading. */
	readonly target: Target & { kind: 'item' | 'heading' };
	readonly label: Label;
	/** The span the editor selects (the label name, or the label part of a reference). */
	readonly span: Span;
	readonly placeholder: string;
}

function labelOf(t: Target): Label | undefined {
	if (t.kind === 'item') return t.item.label;
	if (t.kind === 'heading') return t.heading.label;
	return undefined;
}

/**
 * What can be renamed at the offset: undefined when the position is not ours (terms may try);
 * throws RenameRefusal inside a reference that cannot be renamed.
 */
export function renameSite(doc: DeclDocument, offset: number, index: WorkspaceIndex): RenameSite | undefined {
	const label = labelAt(doc, offset);
	if (label) {
		const l = (label.kind === 'item' ? label.item.label : label.heading.label) as Label;
		return { target: { ...label, doc }, label: l, span: l.nameSpan, placeholder: l.name };
	}
	const at = refsAtOffset(doc, offset, index);
	if (!at) return undefined;
	const ref = at.refs[0];
	if (ref.kind === 'natural') {
		throw new RenameRefusal(`"${doc.text.slice(ref.phraseSpan.start, ref.phraseSpan.end)}" follows the numbering of the list and cannot be renamed. Renumber the list instead, or refer to a label with [[#label]].`);
	}
	const res = at.resolutions[0];
	if (res.status !== 'resolved') throw new RenameRefusal(`[[${ref.target}]] does not resolve to a label, so there is nothing to rename.`);
	const t = res.target;
	if (t.kind === 'document') {
		throw new RenameRefusal(`[[${ref.target}]] names a document: rename the file ${ref.docPart} itself, and its references are updated.`);
	}
	const l = labelOf(t);
	const written = ref.hash ? ref.labelPart ?? '' : ref.docPart;
	if (!l || l.name.toLowerCase() !== written.toLowerCase()) {
		throw new RenameRefusal(`[[${ref.target}]] refers to the heading "${t.kind === 'heading' ? t.heading.text : ''}" by its slug; a slug follows the heading text. Give the heading a label {#name} to rename it.`);
	}
	const span = ref.hash ? (ref.labelSpan as Span) : ref.docSpan;
	return { target: t as RenameSite['target'], label: l, span, placeholder: doc.text.slice(span.start, span.end) };
}

/** The edit renaming a label and every wiki reference to it, in every document. */
export function renameLabel(doc: DeclDocument, offset: number, newName: string, index: WorkspaceIndex): WorkspaceEdit | undefined {
	const site = renameSite(doc, offset, index);
	if (!site) return undefined;
	const name = newName.trim().replace(/^\{?#/, '').replace(/\}$/, '');
	if (!isLabelName(name)) throw new RenameRefusal(`"${newName}" is not a valid label: use letters, digits, "-" and "_" only.`);
	const tdoc = site.target.doc;
	if (name !== site.label.name) {
		const refs = docRefs(tdoc);
		const existing = refs.labels.labels.get(name);
		const own = site.target.kind === 'item' ? site.target.item : site.target.heading;
		if (existing && (existing.kind === 'item' ? existing.item : existing.heading) !== own) {
			throw new RenameRefusal(`The label {#${name}} already exists in ${tdoc.uri === doc.uri ? 'this document' : workspaceRefs(index).nameFor(tdoc.uri)}.`);
		}
		const slugHeading = refs.labels.slugs.get(name) ?? refs.labels.slugs.get(slugify(name));
		if (slugHeading && !(site.target.kind === 'heading' && site.target.heading === slugHeading)) {
			throw new RenameRefusal(`"${name}" is already the slug of the heading "${slugHeading.text}" in ${tdoc.uri === doc.uri ? 'this document' : workspaceRefs(index).nameFor(tdoc.uri)}.`);
		}
	}
	const changes: Record<string, TextEdit[]> = {};
	const add = (d: DeclDocument, s: Span, text: string): void => {
		(changes[d.uri] ??= []).push({ range: d.lineIndex.toRange(s), newText: text });
	};
	add(tdoc, site.label.nameSpan, name);
	for (const { doc: from, ref } of referencesTo(site.target, index)) {
		if (ref.kind !== 'wiki') continue;
		if (ref.hash && ref.labelSpan) add(from, ref.labelSpan, name);
		else if (!ref.hash) add(from, ref.docSpan, name);
	}
	for (const edits of Object.values(changes)) edits.sort((a, b) => cmp(a.range, b.range));
	return { changes };
}

function cmp(a: Range, b: Range): number {
	return a.start.line - b.start.line || a.start.character - b.start.character;
}

/**
 * `workspace/willRenameFiles`: the references `[[old-name…]]` that named a renamed (or moved)
 * document are rewritten to its new name, in the form they were written (stem or path).
 */
export function renameFiles(files: readonly { oldUri: string; newUri: string }[], index: WorkspaceIndex): WorkspaceEdit | undefined {
	const moved = new Map<string, string>();
	for (const { oldUri, newUri } of files) {
		if (/\.(?:decl|declaration)$/i.test(oldUri)) {
			if (index.has(oldUri)) moved.set(oldUri, newUri);
			continue;
		}
		// a folder: every document under it moves
		const prefix = oldUri.endsWith('/') ? oldUri : `${oldUri}/`;
		const to = newUri.endsWith('/') ? newUri : `${newUri}/`;
		for (const u of index.uris()) if (u.startsWith(prefix)) moved.set(u, to + u.slice(prefix.length));
	}
	if (moved.size === 0) return undefined;
	const changes: Record<string, TextEdit[]> = {};
	for (const from of index.documents()) {
		for (const [, list] of docRefs(from).byDocName) {
			for (const ref of list) {
				const res = resolveWiki(from, ref, index);
				const targetUri = res.status === 'resolved' ? res.target.doc.uri : undefined;
				if (!targetUri || !moved.has(targetUri)) continue;
				const newUri = moved.get(targetUri) as string;
				const written = normalizeDocName(ref.docPart);
				const oldStem = stemOf(targetUri);
				let replacement: string;
				if (written === oldStem.toLowerCase()) {
					replacement = stemOf(newUri);
					if (replacement === oldStem) continue;
				} else {
					replacement = newRelativePath(index, newUri, ref);
				}
				if (replacement === ref.docPart) continue;
				(changes[from.uri] ??= []).push({ range: from.lineIndex.toRange(ref.docSpan), newText: replacement });
			}
		}
	}
	if (Object.keys(changes).length === 0) return undefined;
	return { changes };
}

/** The new workspace-relative path (without extension, unless one was written) of a moved document. */
function newRelativePath(index: WorkspaceIndex, newUri: string, ref: WikiRef): string {
	const newRel = index.relativePath(newUri);
	return /\.(?:decl|declaration)$/i.test(ref.docPart.trim()) ? newRel : pathWithoutExtension(newRel);
}
