// The outline and folding of the seed, through the providers VS Code's own views call.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED, SEED_AXES, SEED_FIRST_AXIS_LINE, documentSymbols, flatten, open, usesServer } from './helpers';

describe('outline and folding of the seed', () => {
	usesServer();
	let uri: vscode.Uri;
	before(async () => {
		uri = (await open(SEED)).document.uri;
	});

	it('shows the title, the heading "Text of Joint Actions" and the eleven axes under it, in order', async () => {
		const all = flatten(await documentSymbols(uri));
		const names = all.map((s) => s.name);
		assert.ok(names.some((n) => n.includes('Extraordinary TeleConference of the IMCWP, Text of Joint Actions')), `a symbol for the title: ${JSON.stringify(names)}`);
		const heading = all.find((s) => s.name.trim() === 'Text of Joint Actions');
		assert.ok(heading, `a symbol named "Text of Joint Actions": ${JSON.stringify(names)}`);
		const under = flatten(heading.children);
		let from = 0;
		SEED_AXES.forEach((start, i) => {
			const at = under.findIndex((s, k) => k >= from && s.name.includes(start));
			assert.ok(at >= 0, `axis ${i + 1} ("${start}…") is under the heading, in order: ${JSON.stringify(under.map((s) => s.name))}`);
			const axis = under[at];
			assert.equal(axis.range.start.line, SEED_FIRST_AXIS_LINE + i, `axis ${i + 1} starts on line ${SEED_FIRST_AXIS_LINE + i}`);
			assert.ok(axis.range.contains(axis.selectionRange), `axis ${i + 1}: the selection range lies inside the range`);
			from = at + 1;
		});
	});

	it('titles an axis by its first sentence', async () => {
		const all = flatten(await documentSymbols(uri));
		const cuba = all.find((s) => s.name.includes('In support of Cuba'));
		assert.ok(cuba && cuba.name.includes('Communist Party of Cuba') && !cuba.name.includes('against the interventions'), `axis 6 is titled up to the ";": ${cuba?.name}`);
		for (const s of all) assert.ok(s.name.length <= 140, `a short name: ${s.name}`);
	});

	it('folds the eleven axes under their heading', async () => {
		const ranges = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri)) ?? [];
		const last = SEED_FIRST_AXIS_LINE + SEED_AXES.length - 1;
		assert.ok(ranges.some((r) => r.start <= SEED_FIRST_AXIS_LINE && r.end >= last), `a folding range holds lines ${SEED_FIRST_AXIS_LINE}-${last}: ${JSON.stringify(ranges)}`);
	});
});
