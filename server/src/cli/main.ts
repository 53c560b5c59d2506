/**
 * The `decl` command line: commander wiring only. Each command lives in its own module and
 * returns its exit code: 0 clean, 1 problems found (errors, or warnings over --max-warnings),
 * 2 usage errors and files that cannot be read.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runCheck, type CheckFormat } from './check';
import { IGNORE_FILE } from './inputs';
import { processIo, type Io } from './io';
import { runOutline } from './outline';
import { runRefs } from './refs';
import { colourWanted } from './style';
import { runTerms } from './terms';
import { packageInfo } from './version';
import type { SettingsOptions } from './workspace';
import type { AcronymSeverity } from '../core/config';
import type { DateOrder } from '../core/parser/dates';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

interface CommonFlags {
	undefinedAcronyms?: AcronymSeverity;
	bundledGlossary?: boolean;
	dateOrder?: DateOrder;
	color?: boolean;
}

function settingsOf(flags: CommonFlags): SettingsOptions {
	return { undefinedAcronyms: flags.undefinedAcronyms, bundledGlossary: flags.bundledGlossary, dateOrder: flags.dateOrder };
}

/** The options that mirror the editor's settings: the diagnostics ones only where diagnostics are printed. */
function withSettings(cmd: Command, diagnostics = false): Command {
	if (diagnostics) {
		cmd
			.addOption(new Option('--undefined-acronyms <severity>', 'how to report undefined acronyms, as the setting declaration.diagnostics.undefinedAcronyms').choices(['off', 'hint', 'information', 'warning']).default('hint'))
			.option('--no-bundled-glossary', 'do not use the bundled glossary of common organisations and treaties (setting declaration.glossary.bundled)');
	}
	return cmd
		.addOption(new Option('--date-order <order>', 'how to read all-numeric dates such as 05/04/2021 (setting declaration.dateOrder)').choices(['auto', 'day-first', 'month-first']).default('auto'))
		.option('--no-color', 'no colour, even on a terminal (colour is also off when NO_COLOR is set or output is not a terminal)');
}

function nonNegativeInteger(value: string): number {
	if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more.');
	return Number(value);
}

function collect(value: string, previous: string[]): string[] {
	return [...previous, value];
}

export function createProgram(io: Io, setExit: (code: number) => void): Command {
	const { version } = packageInfo();
	const colour = (flags: CommonFlags): boolean => colourWanted(io.stdout, io.env, flags.color !== false);
	const program = new Command('decl');
	program
		.description('Outline and check declaration documents (.decl, .declaration): the checks of the Declaration Documents editor extension, for terminals and CI.')
		.version(version, '-V, --version', 'print the version')
		.helpOption('-h, --help', 'print this help')
		.helpCommand('help [command]', 'print the help of a command')
		.showHelpAfterError('(decl --help shows the commands; decl COMMAND --help their options)')
		.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
		.exitOverride()
		.addHelpText('after', `
Exit codes:
  0  clean (hints and information never fail a run)
  1  problems: errors, or more warnings than --max-warnings
  2  usage error, or a file that cannot be read

Examples:
  decl outline examples/joint-actions-2021.decl
  decl check                       check every .decl/.declaration file under the current folder
  decl check docs --format sarif > decl.sarif
  cat draft.decl | decl outline -`);

	withSettings(program.command('outline')
		.description('print the outline of each file: title, date, signatories count, headings, axes and points with their numbers and labels')
		.argument('<file...>', 'declaration files; - reads standard input')
		.option('--json', 'print the document symbols (as the editor receives them) as JSON: [{ path, uri, symbols }]'))
		.action(async (files: string[], flags: CommonFlags & { json?: boolean }) => {
			setExit(await runOutline(files, { ...settingsOf(flags), json: flags.json === true, color: colour(flags) }, io));
		});

	withSettings(program.command('check')
		.description('report every diagnostic of the files and folders given (default: the current folder, recursively), resolved across all of them as one workspace')
		.argument('[path...]', `files and folders; folders are searched for .decl and .declaration files, skipping node_modules, --exclude globs and the globs of a ${IGNORE_FILE} file at the top of the folder; - reads standard input`)
		.addOption(new Option('-f, --format <format>', 'output format: text (path:line:col: severity code message), json, or sarif (SARIF 2.1.0, for GitHub code scanning)').choices(['text', 'json', 'sarif']).default('text'))
		.option('--max-warnings <n>', 'exit with code 1 when there are more than n warnings', nonNegativeInteger)
		.option('--exclude <glob>', 'skip files matching this glob, relative to each folder given (repeatable)', collect, []), true)
		.addHelpText('after', `
Lines are path:line:col: severity code message, with 1-based lines and columns counted in
characters as a person counts them; severities are error, warning, information and hint.
${IGNORE_FILE}: one glob a line, relative to the folder holding it (e.g. drafts/** or old-*.decl);
a line naming a folder skips all of it; lines starting with # are comments.
Exit codes: 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage error or unreadable file.`)
		.action(async (paths: string[], flags: CommonFlags & { format: CheckFormat; maxWarnings?: number; exclude: string[] }) => {
			setExit(await runCheck(paths, { ...settingsOf(flags), format: flags.format, maxWarnings: flags.maxWarnings, exclude: flags.exclude, color: colour(flags) }, io));
		});

	withSettings(program.command('terms')
		.description('list every term the files define: the term, its definition, where it applies (scope) and how often it is used')
		.argument('<file...>', 'declaration files, read as one workspace (uses are counted in all of them); - reads standard input')
		.option('--json', 'print the terms as JSON: [{ term, aliases, definition, kind, scope, definedAt, uses }]'))
		.action(async (files: string[], flags: CommonFlags & { json?: boolean }) => {
			setExit(await runTerms(files, { ...settingsOf(flags), json: flags.json === true, color: colour(flags) }, io));
		});

	withSettings(program.command('refs')
		.description('list every reference in the files (wiki links [[…]], axis 3, points 1 and 4, article 12) with its target, or "unresolved"')
		.argument('<file...>', 'declaration files, read as one workspace (a reference to another document resolves when that document is given too); - reads standard input')
		.option('--json', 'print the references as JSON: [{ at, text, kind, status, target | external | reason }]'))
		.action(async (files: string[], flags: CommonFlags & { json?: boolean }) => {
			setExit(await runRefs(files, { ...settingsOf(flags), json: flags.json === true, color: colour(flags) }, io));
		});

	return program;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
	let code = EXIT_OK;
	const program = createProgram(io, (c) => (code = c));
	try {
		await program.parseAsync([...argv]);
	} catch (e) {
		if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
		io.stderr.write(`decl: internal error, please report it: ${(e as Error)?.stack ?? e}\n`);
		return EXIT_USAGE;
	}
	return code;
}
