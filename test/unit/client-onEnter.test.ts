import { strict as assert } from 'node:assert';
import { BULLET_MARKERS, computeEnter, letterValue, nextMarker, parseMarker, romanValue, toLetters, toRoman } from '../../client/src/onEnter';

describe('client onEnter: list markers', () => {
	it('recognises every bullet of FORMAT.md §6', () => {
		for (const b of BULLET_MARKERS) {
			const m = parseMarker(`  ${b} item`);
			assert.ok(m, b);
			assert.equal(m.kind, 'bullet');
			assert.equal(m.marker, b);
			assert.equal(m.contentStart, 4);
			assert.equal(nextMarker(`  ${b} item`), b);
		}
	});

	it('recognises the ordered markers of FORMAT.md §6', () => {
		for (const [line, marker] of [
			['1. Decides', '1.'], ['1) Decides', '1)'], ['(1) Decides', '(1)'],
			['a. x', 'a.'], ['a) x', 'a)'], ['(a) x', '(a)'], ['i. x', 'i.'], ['(iv) x', '(iv)'],
			['I. x', 'I.'], ['A. x', 'A.'], ['(aa) x', '(aa)'], ['XIV. x', 'XIV.'],
		] as const) {
			assert.equal(parseMarker(line)?.marker, marker, line);
		}
	});

	it('does not take ordinary text for a marker', () => {
		for (const line of [
			'Text of Joint Actions', '12/15/21 11:41 AM', '15.12.2021 was a date', '---', '--- x', '-x', '•item',
			'No. 5 of the list', 'Mr. Smith spoke', 'etc. and so on', '1.º Artigo', 'Article 4. Title', '(ab) x', 'Ab. x',
		]) {
			assert.equal(parseMarker(line), undefined, line);
		}
	});

	it('counts the next number, keeping the delimiters', () => {
		assert.equal(nextMarker('3. Decides to remain seized'), '4.');
		assert.equal(nextMarker('9) nine'), '10)');
		assert.equal(nextMarker('(12) twelve'), '(13)');
	});

	it('counts the next letter, upper or lower case, UN style after z', () => {
		assert.equal(nextMarker('(c) Calls upon'), '(d)');
		assert.equal(nextMarker('b. x'), 'c.');
		assert.equal(nextMarker('B. x'), 'C.');
		assert.equal(nextMarker('(z) x'), '(aa)');
		assert.equal(nextMarker('(aa) x'), '(bb)');
		assert.equal(nextMarker('(Z) x'), '(AA)');
	});

	it('counts the next roman numeral', () => {
		assert.equal(nextMarker('(i) first'), '(ii)');
		assert.equal(nextMarker('(iii) x'), '(iv)');
		assert.equal(nextMarker('(iv) x'), '(v)');
		assert.equal(nextMarker('viii. x'), 'ix.');
		assert.equal(nextMarker('III. Part'), 'IV.');
		assert.equal(nextMarker('(xxxix) x'), '(xl)');
	});

	it('tells the letter i from the roman one by the sibling above', () => {
		assert.equal(nextMarker('(i) nine', ['(g) x', '(h) y']), '(j)');
		assert.equal(nextMarker('(i) one', ['1. Decides:']), '(ii)');
		assert.equal(nextMarker('(v) five', ['(iii) x', '(iv) y']), '(vi)');
		assert.equal(nextMarker('(v) vee', ['(t) x', '(u) y']), '(w)');
		assert.equal(nextMarker('(x) ten', ['(viii) x', '(ix) y']), '(xi)');
		assert.equal(nextMarker('(x) ex', ['(w) y']), '(y)');
		assert.equal(nextMarker('(c) see', ['(b) y']), '(d)');
		assert.equal(nextMarker('(ii) double i', ['(gg) x', '(hh) y']), '(jj)');
		// Without a sibling, single letters other than i are letters.
		assert.equal(nextMarker('(v) x'), '(w)');
		assert.equal(nextMarker('c. x'), 'd.');
	});

	it('looks for the sibling at the same indentation and shape only', () => {
		// The `(h)` above is in another style, the `1.` is the parent: (i) is roman.
		assert.equal(nextMarker('  (i) x', ['h. other style', '1. parent']), '(ii)');
		assert.equal(nextMarker('    (i) x', ['  (a) parent', '    (h) y']), '(j)');
		// The nearest item above is the parent: nothing above it is a sibling.
		assert.equal(nextMarker('    (i) x', ['    (h) y', '  1. parent']), '(ii)');
	});

	it('converts numerals both ways', () => {
		for (let n = 1; n < 400; n++) assert.equal(romanValue(toRoman(n, false)), n);
		for (let n = 1; n <= 78; n++) assert.equal(letterValue(toLetters(n, n % 2 === 0)), n);
		assert.equal(romanValue('iiii'), undefined);
		assert.equal(romanValue('Ii'), undefined);
	});
});

describe('client onEnter: what Enter does', () => {
	it('continues a bullet list with the same marker, indentation and gap', () => {
		const line = '  • Support of the struggles of the working class.';
		assert.deepEqual(computeEnter(line, line.length), { kind: 'continue', text: '\n  • ', deleteCount: 0, marker: '•' });
		assert.deepEqual(computeEnter('-\tdash item', 11), { kind: 'continue', text: '\n-\t', deleteCount: 0, marker: '-' });
	});

	it('continues a numbered list with the next number', () => {
		assert.deepEqual(computeEnter('3.  Decides', 11), { kind: 'continue', text: '\n4.  ', deleteCount: 0, marker: '4.' });
		assert.deepEqual(computeEnter('\t(c) Calls upon', 15), { kind: 'continue', text: '\n\t(d) ', deleteCount: 0, marker: '(d)' });
	});

	it('splits an item at the cursor, dropping the spaces that would follow the new marker', () => {
		const line = '• first half.  second half';
		const col = line.indexOf('.') + 1;
		assert.deepEqual(computeEnter(line, col), { kind: 'continue', text: '\n• ', deleteCount: 2, marker: '•' });
	});

	it('ends the list on an empty item', () => {
		assert.deepEqual(computeEnter('  • ', 4), { kind: 'end', replacement: '' });
		assert.deepEqual(computeEnter('4. ', 3), { kind: 'end', replacement: '' });
		assert.deepEqual(computeEnter('(d)', 3), { kind: 'end', replacement: '' });
	});

	it('falls back to a plain newline elsewhere', () => {
		assert.deepEqual(computeEnter('The Communist and Workers\' Parties will act:', 10), { kind: 'default' });
		assert.deepEqual(computeEnter('', 0), { kind: 'default' });
		// Cursor in the indentation or in the marker.
		assert.deepEqual(computeEnter('  • item', 0), { kind: 'default' });
		assert.deepEqual(computeEnter('  • item', 3), { kind: 'default' });
		assert.deepEqual(computeEnter('(iv) item', 2), { kind: 'default' });
		assert.deepEqual(computeEnter('  • ', 1), { kind: 'default' });
	});

	it('counts columns in UTF-16 code units (astral characters before the cursor)', () => {
		const line = '• 🇺🇳 flag';
		assert.equal(computeEnter(line, line.length).kind, 'continue');
		assert.equal(computeEnter(line, 2).kind, 'continue');
	});
});
