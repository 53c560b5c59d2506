/** `decl check`: every diagnostic of the files and folders given, resolved as one workspace. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { defaultConfig } from '../core/config';
import type { DiagnosticCode, Severity } from '../core/model';
import { splitLines, type Line } from '../core/text';
import { ColumnMap } from './columns';
import { collectInputs, compareStrings, IGNORE_FILE, type Source } from './inputs';
import type { Io } from './io';
import { allRules } from './rules';
import { createStyle, type Style } from './style';
import { packageInfo } from './version';
import { configFrom, createService, type SettingsOptions } from './workspace';

export type CheckFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions extends SettingsOptions {
	readonly format: CheckFormat;
	readonly maxWarnings?: number;
	readonly exclude: readonly string[];
	readonly color: boolean;
}

/** One diagnostic with its place in the words of the person reading it. */
export interface Finding {
	readonly source: Source;
	readonly diagnostic: Diagnostic;
	readonly severity: Severity;
	readonly code: string;
	/** 1-based line; 1-based column in grapheme clusters. */
	readonly line: number;
	readonly column: number;
	readonly endLine: number;
	readonly endColumn: number;
}

export interface Summary {
	readonly files: number;
	readonly errors: number;
	readonly warnings: number;
	readonly information: number;
	readonly hints: number;
}

const SEVERITY_WORD: Record<number, Severity> = {
	[DiagnosticSeverity.Error]: 'error',
	[DiagnosticSeverity.Warning]: 'warning',
	[DiagnosticSeverity.Information]: 'information',
	[DiagnosticSeverity.Hint]: 'hint',
};

export async function runCheck(paths: readonly string[], options: CheckOptions, io: Io): Promise<number> {
	const exclude = [...defaultConfig.indexExclude, ...options.exclude];
	const inputs = await collectInputs(paths.length > 0 ? paths : ['.'], { cwd: io.cwd, allowFolders: true, exclude, readStdin: io.readStdin });
	for (const n of inputs.notices) io.stderr.write(`decl: warning: ${n}\n`);
	if (inputs.problems.length > 0) {
		for (const p of inputs.problems) io.stderr.write(`decl: cannot read ${p.display}: ${p.reason}\n`);
		io.stderr.write(`decl: nothing checked: ${inputs.problems.length === 1 ? 'a file' : `${inputs.problems.length} files`} could not be read.\n`);
		return 2;
	}
	if (inputs.sources.length === 0) {
		const where = inputs.walked.length > 0 ? inputs.walked.join(', ') : '.';
		io.stderr.write(`decl: no declaration documents (.decl, .declaration) found in ${where}${options.exclude.length > 0 ? ' (after --exclude)' : ''}; see ${IGNORE_FILE} and --exclude.\n`);
		return 2;
	}

	const config = configFrom(options, exclude);
	const service = createService(config, inputs.sources, inputs.folders);
	const findings = collectFindings(inputs.sources, (uri) => service.getDiagnostics(uri));
	const summary = summarize(inputs.sources.length, findings);
	const tooManyWarnings = options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
	const code = summary.errors > 0 || tooManyWarnings ? 1 : 0;

	if (options.format === 'json') {
		io.stdout.write(`${JSON.stringify(toJson(inputs.sources, findings, summary), null, 2)}\n`);
	} else if (options.format === 'sarif') {
		io.stdout.write(`${JSON.stringify(toSarif(findings, inputs.sources, config.undefinedAcronyms, io.cwd), null, 2)}\n`);
	} else {
		const style = createStyle(options.color);
		const out: string[] = findings.map((f) => formatFinding(f, style));
		out.push(formatSummary(summary, style));
		if (tooManyWarnings) out.push(style.red(`Too many warnings: ${summary.warnings}, more than --max-warnings ${options.maxWarnings}.`));
		io.stdout.write(`${out.join('\n')}\n`);
	}
	return code;
}

/** Every diagnostic of every source, sorted by path, then position. */
export function collectFindings(sources: readonly Source[], diagnosticsOf: (uri: string) => Diagnostic[]): Finding[] {
	const findings: Finding[] = [];
	for (const source of sources) {
		const diagnostics = diagnosticsOf(source.uri);
		if (diagnostics.length === 0) continue;
		const lines = splitLines(source.text);
		const lineText = (l: number): string => {
			const line: Line | undefined = lines[Math.min(l, lines.length - 1)];
			return line ? source.text.slice(line.start, line.end) : '';
		};
		const columns = new ColumnMap(lineText);
		for (const d of diagnostics) {
			const { start, end } = d.range;
			findings.push({
				source,
				diagnostic: d,
				severity: SEVERITY_WORD[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
				code: String(d.code ?? ''),
				line: start.line + 1,
				column: columns.column(start.line, start.character),
				endLine: end.line + 1,
				endColumn: columns.column(end.line, end.character),
			});
		}
	}
	findings.sort((a, b) => compareStrings(a.source.display, b.source.display) || a.line - b.line || a.column - b.column
		|| a.endLine - b.endLine || a.endColumn - b.endColumn || compareStrings(a.code, b.code));
	return findings;
}

export function summarize(files: number, findings: readonly Finding[]): Summary {
	const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
	return { files, errors: count('error'), warnings: count('warning'), information: count('information'), hints: count('hint') };
}

function severityStyle(severity: Severity, style: Style): (s: string) => string {
	switch (severity) {
		case 'error': return style.red;
		case 'warning': return style.yellow;
		case 'information': return style.blue;
		default: return style.dim;
	}
}

/** `path:line:col: severity code message` (the message on one line). */
export function formatFinding(f: Finding, style: Style): string {
	const message = f.diagnostic.message.split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean).join(' ');
	return `${style.bold(`${f.source.display}:${f.line}:${f.column}:`)} ${severityStyle(f.severity, style)(f.severity)} ${style.dim(f.code)} ${message}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function formatSummary(s: Summary, style: Style): string {
	const parts: string[] = [];
	if (s.errors) parts.push(style.red(plural(s.errors, 'error', 'errors')));
	if (s.warnings) parts.push(style.yellow(plural(s.warnings, 'warning', 'warnings')));
	if (s.information) parts.push(style.blue(`${s.information} information`));
	if (s.hints) parts.push(style.dim(plural(s.hints, 'hint', 'hints')));
	const files = plural(s.files, 'file', 'files');
	return parts.length === 0 ? style.green(`${files} checked: no problems.`) : `${files} checked: ${parts.join(', ')}.`;
}

// ------------------------------------------------------------ JSON

export interface JsonDiagnostic {
	readonly line: number;
	readonly column: number;
	readonly endLine: number;
	readonly endColumn: number;
	readonly severity: Severity;
	readonly code: string;
	readonly message: string;
	readonly source: string;
	readonly tags?: readonly string[];
	/** The editor's range: 0-based lines, UTF-16 characters (LSP). */
	readonly range: Range;
}

export interface JsonReport {
	readonly tool: { readonly name: string; readonly version: string };
	readonly files: readonly { readonly path: string; readonly uri: string; readonly diagnostics: readonly JsonDiagnostic[] }[];
	readonly summary: Summary;
}

function toJson(sources: readonly Source[], findings: readonly Finding[], summary: Summary): JsonReport {
	const byUri = new Map<string, JsonDiagnostic[]>(sources.map((s) => [s.uri, []]));
	for (const f of findings) {
		const d = f.diagnostic;
		byUri.get(f.source.uri)?.push({
			line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn,
			severity: f.severity, code: f.code, message: d.message, source: d.source ?? 'declaration',
			...(d.tags?.includes(DiagnosticTag.Unnecessary) ? { tags: ['unnecessary'] } : {}),
			range: d.range,
		});
	}
	return {
		tool: { name: 'decl', version: packageInfo().version },
		files: sources.map((s) => ({ path: s.display, uri: s.uri, diagnostics: byUri.get(s.uri) ?? [] })),
		summary,
	};
}

// ------------------------------------------------------------ SARIF 2.1.0

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * A SARIF 2.1.0 log for GitHub code scanning and other viewers. Regions count columns in UTF-16
 * code units (`columnKind: utf16CodeUnits`, SARIF's default, said explicitly), 1-based, end exclusive;
 * artifact URIs are relative to the working directory (`uriBaseId: %SRCROOT%`).
 */
export function toSarif(findings: readonly Finding[], sources: readonly Source[], undefinedAcronyms: Parameters<typeof allRules>[0], cwd: string): unknown {
	const rules = allRules(undefinedAcronyms);
	const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
	const sarifRules: Record<string, unknown>[] = rules.map((r) => ({
		id: r.id,
		name: r.name,
		shortDescription: { text: r.description },
		defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
		properties: { severity: r.severity },
	}));
	// a code the rules table does not know yet (a newer feature): still a valid rule
	for (const f of findings) {
		if (ruleIndex.has(f.code)) continue;
		ruleIndex.set(f.code, sarifRules.length);
		sarifRules.push({ id: f.code, shortDescription: { text: f.code as DiagnosticCode }, defaultConfiguration: { level: SARIF_LEVEL[f.severity] } });
	}
	const artifactIndex = new Map<string, number>(sources.map((s, i) => [s.uri, i]));
	const { version } = packageInfo();
	return {
		$schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
		version: '2.1.0',
		runs: [{
			tool: { driver: { name: 'decl', fullName: 'decl (Declaration Documents)', version, semanticVersion: version, rules: sarifRules } },
			originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri(cwd) } },
			artifacts: sources.map((s) => ({ location: artifactLocation(s), length: Buffer.byteLength(s.text, 'utf8'), mimeType: 'text/plain', encoding: 'utf-8' })),
			columnKind: 'utf16CodeUnits',
			results: findings.map((f) => {
				const { start, end } = f.diagnostic.range;
				return {
					ruleId: f.code,
					ruleIndex: ruleIndex.get(f.code),
					level: SARIF_LEVEL[f.severity],
					message: { text: f.diagnostic.message },
					locations: [{
						physicalLocation: {
							artifactLocation: { ...artifactLocation(f.source), index: artifactIndex.get(f.source.uri) },
							region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
						},
					}],
					...(f.severity === 'hint' || f.severity === 'information' ? { properties: { severity: f.severity } } : {}),
				};
			}),
		}],
	};
}

function artifactLocation(s: Source): { uri: string; uriBaseId?: string } {
	return s.sarifUri.startsWith('file:') ? { uri: s.sarifUri } : { uri: s.sarifUri, uriBaseId: '%SRCROOT%' };
}

function cwdUri(cwd: string): string {
	const u = URI.file(cwd).toString();
	return u.endsWith('/') ? u : `${u}/`;
}
