import { strict as assert } from 'node:assert';
import { defaultConfig } from '../../server/src/core/config';
import type { FeatureContext } from '../../server/src/core/service';
import { matchWork } from '../../server/src/core/terms/dictionary';
import { CancelledError } from '../../server/src/core/cancellation';
import { termsOf } from '../../server/src/core/terms/state';
import { tokenWork } from '../../server/src/core/terms/tokens';
import { makeWs, MINI_BUNDLED, BUNDLED_URI, ROOT, type Ws } from './terms-support';

const GLOSSARY = 'Shared glossary\n\nGlossary\n\nWorking Group: the drafting group.\nIMCWP: International Meeting of Communist and Workers\' Parties.\nParty Congress: the highest body.\n';

function ctxOf(ws: Ws): FeatureContext {
	return { index: ws.service.index, config: defaultConfig, token: { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) } as never, bundledGlossary: { uri: BUNDLED_URI, text: MINI_BUNDLED }, workspaceComplete: true };
}

/** The uses of an open document as the terms state keeps them. */
function usesOf(ws: Ws, file: string): string {
	const doc = ws.service.index.get(ROOT + file)!;
	return JSON.stringify(termsOf(ctxOf(ws)).entry(doc).uses);
}

/** The uses of a text matched afresh (the document opened once, no previous version). */
function freshUses(text: string): string {
	const ws = makeWs({ 'glossary.decl': GLOSSARY, 'doc.decl': text }, { open: ['doc.decl'] });
	return usesOf(ws, 'doc.decl');
}

function paragraphs(n: number): string {
	const out = ['Joint statement', ''];
	for (let k = 0; k < n; k++) out.push(`${k + 1}. The Working Group of the IMCWP met the NATO delegation and the Party Congresses, paragraph ${k}.`, '');
	return out.join('\n');
}

describe('terms: incremental matching of an open document', () => {
	it('a keystroke re-tokenises and re-matches only the block typed in', () => {
		let text = paragraphs(50);
		const ws = makeWs({ 'glossary.decl': GLOSSARY, 'doc.decl': text }, { open: ['doc.decl'] });
		usesOf(ws, 'doc.decl');
		const at = text.indexOf('paragraph 25');
		text = `${text.slice(0, at)}x${text.slice(at)}`;
		const tokens = tokenWork.blocks;
		const matched = matchWork.blocks;
		ws.service.index.setOpen(ROOT + 'doc.decl', 2, text);
		const uses = usesOf(ws, 'doc.decl');
		assert.equal(tokenWork.blocks - tokens, 1);
		assert.equal(matchWork.blocks - matched, 1);
		assert.equal(uses, freshUses(text));
	});

	it('gives the uses of a fresh match after any sequence of edits (names across blank lines, definitions, excluded spans)', () => {
		const pieces = ['Working', 'Group', '\n\n', '\n', ' ', 'IMCWP', 'NATO', '"Working Group" means a body.', '[[Scope]]', 'https://x.org/Working', 'Parties', 'Congress', 'Party', 'x', '{#lbl}', '1. ', '# '];
		let seed = 12345;
		const rnd = (n: number): number => {
			seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
			return seed % n;
		};
		let text = `${paragraphs(8)}Working\n\nGroup and Working Groups.\n`;
		const ws = makeWs({ 'glossary.decl': GLOSSARY, 'doc.decl': text }, { open: ['doc.decl'] });
		for (let v = 2; v < 150; v++) {
			const at = rnd(text.length + 1);
			if (rnd(3) === 0) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + rnd(12)));
			else text = text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(at);
			ws.service.index.setOpen(ROOT + 'doc.decl', v, text);
			assert.equal(usesOf(ws, 'doc.decl'), freshUses(text), `version ${v}: ${JSON.stringify(text)}`);
		}
	});

	it('a cancelled sync leaves the documents not yet matched for the next one', () => {
		const files: Record<string, string> = { 'glossary.decl': GLOSSARY };
		for (let k = 0; k < 20; k++) files[`d${k}.decl`] = paragraphs(3);
		const ws = makeWs(files);
		let reads = 0;
		const ctx = { ...ctxOf(ws), token: { get isCancellationRequested(): boolean { return ++reads > 5; } } };
		assert.throws(() => termsOf(ctx), CancelledError);
		const state = termsOf(ctxOf(ws));
		const def = state.workspace.winners.get('T:working group')!;
		assert.equal(state.countUses(def), 20 * 3);
		assert.equal(state.usesOf(def).length, 20);
	});
});
