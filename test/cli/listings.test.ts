import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decl, tempDir, termsLanded } from './helpers';

describe('cli: refs', () => {
	it('lists every reference with its target or "unresolved", across the files given', () => {
		const r = decl(['refs', 'test/cli/fixtures/broken/draft.decl', 'test/cli/fixtures/broken/charter.decl']);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.trimEnd().split('\n');
		const d = 'test/cli/fixtures/broken/draft.decl';
		const c = 'test/cli/fixtures/broken/charter.decl';
		assert.deepEqual(lines, [
			`${c}:10:15 [[draft#intro]] → ${d}:5:1 Introduction`,
			`${d}:11:55 axis 14 → unresolved (No axis 14 in this document: the principal list has 5 items.)`,
			`${d}:17:14 [[charter#principles]] → ${c}:5:1 Principles`,
			`${d}:17:51 point 9 → unresolved (No point 9 in this document: the principal list has 5 items.)`,
			`${d}:17:88 [[minutes-2023]] → unresolved (No label, heading or document named \`minutes-2023\`.)`,
			`${d}:17:109 [[#intro]] → ${d}:5:1 Introduction`,
			`${d}:18:21 axis 2 → ${d}:10:1 Axis 2 — More drivers, with permanent contracts and a 35-hour week`,
			`${d}:18:27 [[charter#no-such-label]] → unresolved (No label or heading \`no-such-label\` in \`charter\`.)`,
			`${d}:18:69 [[#nowhere]] → unresolved (No label or heading \`nowhere\` in this document.)`,
			'9 references: 4 resolved, 5 unresolved.',
		]);
	});

	it('--json, standard input, references into other documents', () => {
		const text = 'Statement\n\n1. Peace.\n2. Bread.\n\nAs axes 1-2 say, as in paragraph 7 of resolution 2334.\n';
		const r = decl(['refs', '--json', '-'], { input: text });
		assert.equal(r.status, 0, r.stderr);
		const refs = JSON.parse(r.stdout) as { at: { path: string; line: number }; text: string; status: string; target?: { line: number }; external?: string }[];
		assert.deepEqual(refs.map((x) => [x.at.path, x.at.line, x.text, x.status, x.target?.line ?? x.external]), [
			['<stdin>', 6, 'axes 1', 'resolved', 3],
			['<stdin>', 6, 'axes 2', 'resolved', 4],
			['<stdin>', 6, 'paragraph 7 of resolution 2334', 'external', 'resolution 2334'],
		]);
	});
});

describe('cli: terms', () => {
	const text = [
		'Statement on Housing', '', 'Glossary', '',
		'Social housing: housing let at a regulated rent by a public body.',
		'Tenant | Renter: a person who rents a home.', '', 'Aims', '',
		'The International Housing Forum (IHF) calls for more social housing for every tenant.',
		'"Eviction" means the removal of a tenant from a home. The IHF opposes evictions.', '',
	].join('\n');

	before(function () {
		if (!termsLanded()) {
			console.log('      (the terms module is not in this build yet: skipped)');
			this.skip();
		}
	});

	it('lists every definition: term, aliases, definition, kind, scope, use count, place', () => {
		const r = decl(['terms', '-'], { input: text });
		assert.equal(r.status, 0, r.stderr);
		assert.deepEqual(r.stdout.trimEnd().split('\n'), [
			'<stdin>:5:1 Social housing: housing let at a regulated rent by a public body. (glossary, scope workspace, 1 use)',
			'<stdin>:6:1 Tenant (also Renter): a person who rents a home. (glossary, scope workspace, 2 uses)',
			'<stdin>:10:34 IHF: International Housing Forum (acronym, scope document, 1 use)',
			'<stdin>:11:2 Eviction: the removal of a tenant from a home (quoted, scope document, 1 use)',
			'4 terms.',
		]);
	});

	it('counts uses across the files given, and prints JSON', () => {
		const t = tempDir();
		try {
			writeFileSync(join(t.dir, 'glossary.decl'), text);
			writeFileSync(join(t.dir, 'other.decl'), 'Another Statement\n\nEvery tenant and every renter counts; social housing first.\n');
			const r = decl(['terms', '--json', 'glossary.decl', 'other.decl'], { cwd: t.dir });
			assert.equal(r.status, 0, r.stderr);
			const terms = JSON.parse(r.stdout) as { term: string; aliases: string[]; scope: string; uses: number; definedAt: { path: string } }[];
			assert.deepEqual(terms.map((x) => [x.term, x.scope, x.uses, x.definedAt.path]), [
				['Social housing', 'workspace', 2, 'glossary.decl'],
				['Tenant', 'workspace', 4, 'glossary.decl'],
				['IHF', 'document', 1, 'glossary.decl'],
				['Eviction', 'document', 1, 'glossary.decl'],
			]);
		} finally {
			t.remove();
		}
	});
});
