// Golden outlines of the seed and the examples: the outline rendered as indented text and compared
// with a checked-in file under test/golden/. Regenerate with UPDATE_GOLDEN=1 (then review the diff line by line).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/core/parser/parse';
import { getDocumentSymbols } from '../../server/src/core/features/documentSymbols';
import { renderOutline } from '../support/renderOutline';

const root = join(__dirname, '..', '..');
const examples = join(root, 'examples');
const golden = join(root, 'test', 'golden');

describe('golden outlines', () => {
	const files = readdirSync(examples).filter((f) => f.endsWith('.decl') || f.endsWith('.declaration')).sort();
	it('cover the seed and every example', () => {
		assert.ok(files.includes('joint-actions-2021.decl'));
		for (const f of files) assert.ok(existsSync(join(golden, `${f}.outline.txt`)) || process.env.UPDATE_GOLDEN, `no golden outline for ${f}: run UPDATE_GOLDEN=1 npm run test:unit`);
	});
	for (const f of files) {
		it(`outline of ${f}`, () => {
			const doc = parseDocument(`file:///examples/${f}`, 1, readFileSync(join(examples, f), 'utf8'));
			const actual = renderOutline(getDocumentSymbols(doc));
			const file = join(golden, `${f}.outline.txt`);
			if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
			assert.equal(actual, readFileSync(file, 'utf8'));
		});
	}
});
