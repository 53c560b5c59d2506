/**
 * Every edit the service proposes changes only the ranges it names (issue 8). Written over the
 * façade, not over one feature: whatever provider answers `rename`, `getCodeActions` or
 * `willRenameFiles` (label rename and "Renumber this list" in core/refs, term rename in
 * core/terms…) is covered as soon as it is registered.
 *
 * For each proposed WorkspaceEdit: it only edits documents the index knows (never creates, renames
 * or deletes files); every range is a valid position pair that splits neither a CRLF nor a
 * surrogate pair; no two ranges overlap (an editor would reject or misapply them); applied as an
 * editor does, every character outside the named ranges is kept in order; and the edited text
 * parses into a well-formed model.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { DeclarationService, RenameRefusal } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/text';
import { anyDocument, declDocument, exampleTexts, nastyString } from '../support/arbitraries';
import { checkWorkspaceEdit } from '../support/invariants';

const seed = Number(process.env.PROP_SEED ?? 20260102);
const scale = Number(process.env.PROP_SCALE ?? 1);
const runs = (n: number): fc.Parameters<unknown> => ({ numRuns: Math.max(1, Math.round(n * scale)), seed, endOnFailure: false });

const FOLDER = 'file:///ws/';
const NAMES = ['doc.decl', 'other.decl', 'dir/seed.decl'];

/** New names: valid labels and terms, and everything a user might type instead. */
const newName: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom('renamed', 'a', 'b', 'dup', 'axis-2', 'x_y', 'Ж', 'New Term', 'NATO', ''),
	fc.constantFrom(' ', 'a b', '{#a}', '}', ']]', '|', '\n', '\r\n', 'a\u0000', '😀', 'e\u0301', '\ud800'),
	nastyString(6),
);

/** Offsets worth probing: where labels, references, definitions, markers and terms start, plus random ones. */
function interesting(text: string, extra: readonly number[]): number[] {
	const out = new Set<number>();
	for (const needle of ['{#', '[[', '#', 'axis', 'axes', 'point', 'paragraph', '§', 'article', '"', '“', '(', 'NATO', 'IMCWP', ': ', '\n1.', '\n(a)']) {
		let i = text.indexOf(needle);
		for (let k = 0; i >= 0 && k < 4; k++, i = text.indexOf(needle, i + 1)) out.add(i + Math.min(2, needle.length - 1));
	}
	for (const e of extra) out.add(e % (text.length + 1));
	return [...out].slice(0, 12);
}

interface Workspace {
	readonly service: DeclarationService;
	readonly uris: string[];
}

function workspace(texts: readonly string[], openMask: number): Workspace {
	const service = new DeclarationService();
	service.index.setFolders([FOLDER]);
	const uris = texts.map((t, i) => {
		const uri = FOLDER + NAMES[i];
		if (openMask & (1 << i)) service.index.setOpen(uri, 1 + i, t);
		else service.index.setDisk(uri, t);
		return uri;
	});
	return { service, uris };
}

const proposed = { rename: 0, codeAction: 0, willRenameFiles: 0 };
const titles = new Set<string>();

function checkAll(ws: Workspace, offsets: readonly number[], name: string): void {
	const { service, uris } = ws;
	for (const uri of uris) {
		const doc = service.index.get(uri)!;
		const li = doc.lineIndex;
		for (const o of interesting(doc.text, offsets)) {
			const p = li.positionAt(o);
			try {
				service.prepareRename(uri, p);
				const edit = service.rename(uri, p, name);
				if (edit) {
					proposed.rename++;
					checkWorkspaceEdit(service, edit, `rename at ${JSON.stringify(p)} to ${JSON.stringify(name)}`);
				}
			} catch (e) {
				if (!(e instanceof RenameRefusal)) throw e;
				assert.ok(e.message.length > 0, 'a refusal says why');
			}
		}
		const diagnostics = service.getDiagnostics(uri);
		const ranges: [Range, Diagnostic[]][] = diagnostics.map((d) => [d.range, [d]]);
		ranges.push([{ start: { line: 0, character: 0 }, end: li.positionAt(doc.text.length) }, diagnostics]);
		for (const o of offsets.slice(0, 3)) ranges.push([rangeAt(li, o), diagnostics]);
		for (const [range, ds] of ranges) {
			for (const action of service.getCodeActions(uri, range, ds) as CodeAction[]) {
				assert.ok(action.title.length > 0, 'a code action has a title');
				if (action.edit) {
					proposed.codeAction++;
					titles.add(action.title.split(/[\d"“”{#[(]/)[0]);
					checkWorkspaceEdit(service, action.edit, `code action ${JSON.stringify(action.title)}`);
				}
			}
		}
	}
	const renamed = service.willRenameFiles([{ oldUri: uris[0], newUri: `${FOLDER}renamed/${name.replace(/[^\w-]/g, '') || 'x'}.decl` }]);
	if (renamed) {
		proposed.willRenameFiles++;
		checkWorkspaceEdit(service, renamed, 'willRenameFiles');
	}
}

function rangeAt(li: LineIndex, o: number): Range {
	const p: Position = li.positionAt(o);
	return { start: p, end: li.positionAt(o + 40) };
}

/** Documents rich in labels, references and gaps in numbering, so that rename and the quick fixes have work. */
const linkedDocument: fc.Arbitrary<string> = fc.tuple(
	fc.array(fc.tuple(fc.constantFrom('1.', '2.', '3.', '5.', '5.', '(a)', '(c)', 'i.', 'iii.', '•', '-'), fc.constantFrom('', ' {#a}', ' {#b}', ' {#dup}', ' {#a}'), fc.constantFrom('', ' see [[#a]]', ' [[#b|shown]]', ' axis 2', ' axes 1-3', ' points 1, 3 and 4', ' [[other#a]]', ' [[doc#b]]', ' § 3', ' "Term" means a thing.', ' NATO')), { minLength: 1, maxLength: 12 }),
	fc.constantFrom('', '# Heading {#a}\n\n', 'Glossary\n\nTerm: a thing\nNATO: North Atlantic Treaty Organization\n\n', 'Article 1\n\n'),
	fc.constantFrom('\n', '\r\n'),
).map(([items, head, eol]) => `Title${eol}${eol}${head.replace(/\n/g, eol)}${items.map(([m, l, r]) => `${m} Point text${r}.${l}`).join(eol)}${eol}See [[#a]] and axis 3 and [[other#b]].${eol}`);

describe('properties: every proposed edit changes only the ranges it names', function () {
	this.timeout(60_000);
	after(() => console.log(`      (proposed edits checked: ${JSON.stringify(proposed)}; code actions: ${[...titles].slice(0, 8).join(' / ')})`));

	it('over documents full of labels, references and numbering gaps (rename, quick fixes, file renames)', () => {
		fc.assert(fc.property(fc.array(linkedDocument, { minLength: 1, maxLength: 3 }), fc.nat(7), fc.array(fc.nat(), { maxLength: 3 }), newName, (texts, open, offsets, name) => {
			checkAll(workspace(texts, open), offsets, name);
		}), runs(80));
	});

	it('over arbitrary and declaration-like documents', () => {
		const examples = exampleTexts();
		fc.assert(fc.property(fc.array(fc.oneof(anyDocument(examples), declDocument), { minLength: 1, maxLength: 3 }), fc.nat(7), fc.array(fc.nat(), { maxLength: 3 }), newName, (texts, open, offsets, name) => {
			checkAll(workspace(texts, open), offsets, name);
		}), runs(120));
	});

	it('checks what it claims: an overlapping or out-of-range edit is caught', () => {
		const ws = workspace(['Title\n\n1. One {#a}.\n'], 1);
		const uri = ws.uris[0];
		assert.throws(() => checkWorkspaceEdit(ws.service, { changes: { [uri]: [
			{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, newText: 'x' },
			{ range: { start: { line: 2, character: 3 }, end: { line: 2, character: 6 } }, newText: 'y' },
		] } }, 'overlap'), /overlap/);
		assert.throws(() => checkWorkspaceEdit(ws.service, { changes: { [uri]: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 99 } }, newText: '' }] } }, 'past the end'), /past the end/);
		assert.throws(() => checkWorkspaceEdit(ws.service, { documentChanges: [{ kind: 'delete', uri }] }, 'delete'), /never deletes/);
		assert.throws(() => checkWorkspaceEdit(ws.service, { documentChanges: [{ kind: 'create', uri: 'file:///ws/new.decl' }] }, 'create'), /never overwrites/);
		assert.throws(() => checkWorkspaceEdit(ws.service, { documentChanges: [{ kind: 'create', uri: 'file:///elsewhere/new.decl', options: { ignoreIfExists: true } }] }, 'create'), /inside a workspace folder/);
		assert.throws(() => checkWorkspaceEdit(ws.service, { changes: { 'file:///ws/unknown.decl': [] } }, 'unknown'), /knows or the edit creates/);
	});
});
