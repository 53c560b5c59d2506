// The extension manifest (package.json `contributes`) and language-configuration.json agree with
// the client code and with FORMAT.md: every command is declared and registered, every setting is
// documented, the word pattern keeps drafting words whole, Enter repeats bullets.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const langConfig = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8'));
const clientSource = readdirSync(join(root, 'client', 'src'))
	.filter((f) => f.endsWith('.ts'))
	.map((f) => readFileSync(join(root, 'client', 'src', f), 'utf8'))
	.join('\n');

interface Setting { type: string; scope?: string; default?: unknown; description?: string; markdownDescription?: string; enum?: string[]; enumDescriptions?: string[] }

describe('client manifest', () => {
	const contributes = pkg.contributes;

	it('declares every command the client registers, and registers every declared command', () => {
		const declared: string[] = contributes.commands.map((c: { command: string }) => c.command);
		const registered = [...clientSource.matchAll(/register(?:TextEditor)?Command\(\s*'([^']+)'/g)].map((m) => m[1]);
		assert.deepEqual([...registered].sort(), [...declared].sort());
		for (const c of contributes.commands) assert.equal(c.category, 'Declaration', c.command);
	});

	it('binds keys only to declared commands, only in declaration editors', () => {
		const declared = new Set(contributes.commands.map((c: { command: string }) => c.command));
		for (const k of contributes.keybindings) {
			assert.ok(declared.has(k.command), k.command);
			assert.match(k.when, /editorLangId == declaration/, k.command);
		}
		const enter = contributes.keybindings.find((k: { key: string }) => k.key === 'enter');
		for (const guard of ['editorTextFocus', '!suggestWidgetVisible', '!inlineSuggestionVisible', '!editorHasMultipleSelections', '!editorReadonly']) {
			assert.ok(enter.when.includes(guard), guard);
		}
	});

	it('documents every setting with a type, a scope and a default', () => {
		const settings: Record<string, Setting> = contributes.configuration.properties;
		for (const name of [
			'declaration.trace.server', 'declaration.dateOrder', 'declaration.diagnostics.undefinedAcronyms', 'declaration.glossary.bundled',
			'declaration.index.exclude', 'declaration.index.maxFileSize', 'declaration.maxDocumentSize', 'declaration.codeLens.enabled', 'declaration.inlayHints.enabled',
		]) {
			assert.ok(settings[name], name);
		}
		for (const [name, s] of Object.entries(settings)) {
			assert.ok(name.startsWith('declaration.'), name);
			assert.ok(s.type && s.scope && 'default' in s, name);
			assert.ok((s.description ?? s.markdownDescription ?? '').length > 20, name);
			if (s.enum) assert.equal(s.enumDescriptions?.length, s.enum.length, name);
		}
		assert.deepEqual(settings['declaration.diagnostics.undefinedAcronyms'].enum, ['off', 'hint', 'information', 'warning']);
		assert.equal(settings['declaration.diagnostics.undefinedAcronyms'].default, 'hint');
		assert.deepEqual(settings['declaration.index.exclude'].default, ['**/node_modules/**']);
		assert.equal(settings['declaration.maxDocumentSize'].default, 20000000);
		assert.equal(settings['declaration.index.maxFileSize'].default, 5000000);
	});

	it('keeps the language, grammar, activation and workspace trust entries', () => {
		assert.deepEqual(contributes.languages[0].extensions, ['.decl', '.declaration']);
		assert.equal(contributes.grammars[0].scopeName, 'text.declaration');
		assert.ok(pkg.activationEvents.includes('onLanguage:declaration'));
		assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
		assert.equal(pkg.engines.vscode, '^1.82.0');
	});
});

describe('language configuration', () => {
	it('comments with <!-- -->', () => {
		assert.deepEqual(langConfig.comments.blockComment, ['<!--', '-->']);
	});

	it('keeps COVID-19, anti-communism and Workers\' whole, and stops at punctuation', () => {
		const word = new RegExp(langConfig.wordPattern.pattern, `${langConfig.wordPattern.flags}g`);
		const words = (s: string): string[] => s.match(word) ?? [];
		assert.deepEqual(words('COVID-19, anti-communism; the Workers\' Parties.'), ['COVID-19', 'anti-communism', 'the', 'Workers\'', 'Parties']);
		assert.deepEqual(words('workers’–peoples rights'), ['workers’', 'peoples', 'rights']);
		assert.deepEqual(words('l\'Europe «Déclaration» (IMCWP)'), ['l\'Europe', 'Déclaration', 'IMCWP']);
		assert.deepEqual(words('\'quoted\''), ['quoted']);
	});

	it('repeats every bullet of FORMAT.md §6 on Enter', () => {
		const rules: { beforeText: string; action: { appendText: string } }[] = langConfig.onEnterRules;
		for (const bullet of ['•', '◦', '▪', '‣', '-', '*', '+', '–', '—']) {
			const line = `    ${bullet} an item`;
			const rule = rules.find((r) => new RegExp(r.beforeText).test(line));
			assert.ok(rule, bullet);
			assert.equal(rule.action.appendText, `${bullet} `);
			assert.ok(!rules.some((r) => new RegExp(r.beforeText).test('---')), 'front matter fence');
		}
	});
});
