/**
 * Cross-references (FORMAT.md §8): wiki and natural references, navigation, rename, completion,
 * diagnostics and quick fixes, code lenses, inlay hints, links and workspace symbols.
 *
 * For a position the service asks the terms provider first (it answers only where a defined term
 * stands), then this one: every method returns `undefined` where the position is not a reference,
 * a label, a marker, an item's first line or a heading. Completion asks this provider first.
 */
import { DocumentHighlightKind, InlayHintKind, type CodeLens, type DocumentHighlight, type DocumentLink, type InlayHint, type Location } from 'vscode-languageserver-types';
import type { DeclDocument, Heading, Item, Span } from '../model';
import { findUrls } from '../parser/inline';
import type { FeatureProvider } from '../service';
import type { WorkspaceIndex } from '../workspace';
import { referenceCodeActions, referenceDiagnostics } from './actions';
import { docRefs, referencesTo, resolveRef, workspaceRefs, type Target } from './analysis';
import { wikiCompletions } from './completion';
import { headingHover, itemHover, refHover, trimText } from './hover';
import { renameFiles, renameLabel, renameSite } from './rename';
import { workspaceSymbols } from './symbols';
import { declarationSpan, labelAt, markerAt, refsAtOffset, shownNumber, targetKey, targetLocation, targetsAt } from './targets';

function dedupe(locations: Location[]): Location[] {
	const seen = new Set<string>();
	return locations.filter((l) => {
		const k = `${l.uri}:${l.range.start.line}:${l.range.start.character}:${l.range.end.line}:${l.range.end.character}`;
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}

function uniqueTargets(targets: readonly Target[]): Target[] {
	const seen = new Set<string>();
	return targets.filter((t) => {
		const k = targetKey(t);
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}

/** Every place that refers to one of the targets (plus their declarations when asked), ordered by document and position. */
function referenceLocations(targets: readonly Target[], includeDeclaration: boolean, index: WorkspaceIndex): Location[] {
	const out: { doc: DeclDocument; span: Span }[] = [];
	for (const t of uniqueTargets(targets)) {
		if (includeDeclaration) {
			const d = declarationSpan(t);
			if (d) out.push({ doc: t.doc, span: d });
		}
		for (const { doc, ref } of referencesTo(t, index)) out.push({ doc, span: ref.span });
	}
	out.sort((a, b) => (a.doc.uri < b.doc.uri ? -1 : a.doc.uri > b.doc.uri ? 1 : a.span.start - b.span.start));
	return dedupe(out.map(({ doc, span }) => ({ uri: doc.uri, range: doc.lineIndex.toRange(span) })));
}

function countRefs(t: Target, index: WorkspaceIndex): number {
	return referencesTo(t, index).length;
}

export function createReferencesProvider(): FeatureProvider {
	return {
		definition(doc, offset, ctx) {
			const at = refsAtOffset(doc, offset, ctx.index);
			if (!at) return undefined;
			const targets = at.resolutions.flatMap((r) => (r.status === 'resolved' ? [r.target] : []));
			return uniqueTargets(targets).map(targetLocation);
		},

		references(doc, offset, includeDeclaration, ctx) {
			const at = targetsAt(doc, offset, ctx.index);
			if (!at) return undefined;
			return referenceLocations(at.targets, includeDeclaration, ctx.index);
		},

		highlights(doc, offset, ctx) {
			const at = targetsAt(doc, offset, ctx.index);
			if (!at) return undefined;
			const out: DocumentHighlight[] = [];
			for (const t of uniqueTargets(at.targets)) {
				if (t.doc.uri === doc.uri) {
					const d = declarationSpan(t);
					if (d) out.push({ range: doc.lineIndex.toRange(d), kind: DocumentHighlightKind.Write });
				}
				for (const r of referencesTo(t, ctx.index)) {
					if (r.doc.uri === doc.uri) out.push({ range: doc.lineIndex.toRange(r.ref.span), kind: DocumentHighlightKind.Read });
				}
			}
			return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
		},

		hover(doc, offset, ctx) {
			const at = refsAtOffset(doc, offset, ctx.index);
			if (at) return refHover(doc, at, ctx.index);
			const label = labelAt(doc, offset);
			if (label?.kind === 'item') return itemHover(doc, label.item, ctx.index, (label.item.label as { span: Span }).span);
			if (label?.kind === 'heading') return headingHover(doc, label.heading, ctx.index, (label.heading.label as { span: Span }).span);
			const marker = markerAt(doc, offset);
			if (marker) return itemHover(doc, marker, ctx.index, marker.marker.span);
			return undefined;
		},

		prepareRename(doc, offset, ctx) {
			const site = renameSite(doc, offset, ctx.index);
			if (!site) return undefined;
			return { range: doc.lineIndex.toRange(site.span), placeholder: site.placeholder };
		},

		rename(doc, offset, newName, ctx) {
			return renameLabel(doc, offset, newName, ctx.index);
		},

		completions(doc, offset, ctx) {
			return wikiCompletions(doc, offset, ctx.index);
		},

		diagnostics(doc, ctx) {
			return referenceDiagnostics(doc, ctx.index, ctx.workspaceComplete !== false);
		},

		codeActions(doc, _span, diagnostics, ctx) {
			return referenceCodeActions(doc, diagnostics, ctx.index);
		},

		codeLenses(doc, ctx) {
			const out: CodeLens[] = [];
			const refs = docRefs(doc);
			const incoming = workspaceRefs(ctx.index).incomingTo(doc.uri);
			const referenced = new Set<Item | Heading>(refs.reverse.keys());
			for (const inc of incoming) {
				if (inc.target.kind === 'item') referenced.add(inc.target.item);
				else if (inc.target.kind === 'heading') referenced.add(inc.target.heading);
			}
			const lens = (t: Target, span: Span, at: number): void => {
				const n = countRefs(t, ctx.index);
				const position = doc.lineIndex.positionAt(at);
				out.push({
					range: doc.lineIndex.toRange(span),
					command: { title: `${n} ${n === 1 ? 'reference' : 'references'}`, command: 'declaration.showReferences', arguments: [doc.uri, position] },
				});
			};
			for (const h of doc.headings) if (h.label || referenced.has(h)) lens({ kind: 'heading', heading: h, doc }, h.span, h.label?.nameSpan.start ?? h.nameSpan.start);
			for (const it of doc.items) if (it.label || referenced.has(it)) lens({ kind: 'item', item: it, doc }, it.firstLineSpan, it.marker.span.start);
			out.sort((a, b) => a.range.start.line - b.range.start.line);
			return out;
		},

		inlayHints(doc, span, ctx) {
			const out: InlayHint[] = [];
			const refs = docRefs(doc);
			for (const r of refs.all) {
				if (r.span.end < span.start || r.span.start > span.end) continue;
				if (r.kind === 'wiki') {
					const res = resolveRef(doc, r, ctx.index);
					if (res.status !== 'resolved' || res.target.kind !== 'item') continue;
					const it = res.target.item;
					out.push({ position: doc.lineIndex.positionAt(r.span.end), label: shownNumber(it), kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: `${it.depth === 0 ? 'Axis' : 'Point'} ${shownNumber(it)} — ${it.title}` });
				} else if (!r.inRange) {
					const res = refs.naturalResults.get(r);
					if (!res || (res.kind !== 'item' && res.kind !== 'heading')) continue;
					const title = res.kind === 'item' ? res.item.title : res.heading.text;
					if (!title) continue;
					out.push({ position: doc.lineIndex.positionAt(r.span.end), label: trimText(title, 32), kind: InlayHintKind.Type, paddingLeft: true, tooltip: title });
				}
			}
			// bullet axes of the principal list: their number, which natural references count by
			const principal = doc.principalList;
			if (principal && principal.items[0]?.marker.kind === 'bullet') {
				for (const it of principal.items) {
					if (it.marker.kind !== 'bullet' || it.marker.span.start < span.start || it.marker.span.start > span.end) continue;
					out.push({ position: doc.lineIndex.positionAt(it.marker.span.end), label: `${it.number}`, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: `Axis ${it.number}` });
				}
			}
			out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
			return out;
		},

		documentLinks(doc, ctx) {
			const out: DocumentLink[] = [];
			for (const r of docRefs(doc).wiki) {
				if (!r.docPart) continue;
				const res = resolveRef(doc, r, ctx.index);
				if (res.status !== 'resolved' || res.target.doc.uri === doc.uri) continue;
				const t = res.target;
				let target = t.doc.uri;
				if (t.kind !== 'document') {
					const line = t.doc.lineIndex.positionAt(t.kind === 'item' ? t.item.marker.span.start : t.heading.span.start).line;
					target = `${target}#L${line + 1}`;
				}
				out.push({ range: doc.lineIndex.toRange(r.targetSpan), target, tooltip: `Open ${t.doc.title?.text ?? ctx.index.relativePath(t.doc.uri)}` });
			}
			for (const u of findUrls(doc.masked)) {
				const target = /^www\./i.test(u.url) ? `https://${u.url}` : u.url;
				out.push({ range: doc.lineIndex.toRange(u.span), target });
			}
			return out;
		},

		workspaceSymbols(query, ctx) {
			return workspaceSymbols(query, ctx.index, ctx.token);
		},

		willRenameFiles(files, ctx) {
			return renameFiles(files, ctx.index);
		},
	};
}
