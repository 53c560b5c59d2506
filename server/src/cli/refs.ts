/** `decl refs`: every reference of the files with its target, from the references module (core/refs). */
import { docRefs, resolveRef, type Ref } from '../core/refs/analysis';
import { describe, targetSpan } from '../core/refs/targets';
import type { DeclDocument } from '../core/model';
import type { DeclarationService } from '../core/service';
import type { Source } from './inputs';
import type { Io } from './io';
import { formatRefs, placeOf, type RefEntry } from './listing';
import { createStyle } from './style';
import { openFiles, type SettingsOptions } from './workspace';

export interface RefsOptions extends SettingsOptions {
	readonly json: boolean;
	readonly color: boolean;
}

export async function runRefs(files: readonly string[], options: RefsOptions, io: Io): Promise<number> {
	const opened = await openFiles(files, options, io);
	if (!opened) return 2;
	const { service, sources } = opened;
	const entries = listRefs(service, sources);
	if (options.json) io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
	else io.stdout.write(`${formatRefs(entries, createStyle(options.color)).join('\n')}\n`);
	return 0;
}

/** `axes 2-4` yields one reference per number: each is shown as its keyword and its own number. */
function written(doc: DeclDocument, ref: Ref): string {
	if (ref.kind === 'wiki') return doc.text.slice(ref.span.start, ref.span.end);
	const number = ref.inRange ? String(ref.number) : doc.text.slice(ref.span.start, ref.span.end);
	return `${ref.keywordText} ${number}${ref.external ? ` of ${ref.external}` : ''}`;
}

/** Every reference of every source, in path then document order. */
export function listRefs(service: DeclarationService, sources: readonly Source[]): RefEntry[] {
	const display = new Map(sources.map((s) => [s.uri, s.display]));
	const out: RefEntry[] = [];
	for (const source of sources) {
		const doc = service.index.get(source.uri);
		if (!doc) continue;
		for (const ref of docRefs(doc).all) {
			const res = resolveRef(doc, ref, service.index);
			const base = { at: placeOf(doc, ref.span.start, source.display), text: written(doc, ref), kind: ref.kind };
			if (res.status === 'resolved') {
				const t = res.target;
				out.push({ ...base, status: 'resolved', target: { ...placeOf(t.doc, targetSpan(t).start, display.get(t.doc.uri) ?? t.doc.uri), name: describe(t) } });
			} else if (res.status === 'external') {
				out.push({ ...base, status: 'external', external: res.name });
			} else {
				out.push({ ...base, status: 'unresolved', reason: res.message });
			}
		}
	}
	return out;
}
