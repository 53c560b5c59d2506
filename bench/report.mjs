// Statistics, the tables of the benchmark and bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';

/** Nearest-rank percentile. */
export function percentile(samples, p) {
	if (!samples.length) return NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The targets of issue 7. `stat`: which figure of the scenario is compared with `limit`. */
export const TARGETS = [
	{ key: 'outline@10k', label: 'keystroke → outline, 10k lines (p95)', stat: 'p95', limit: 10, unit: 'ms' },
	{ key: 'outline@100k', label: 'keystroke → outline, 100k lines (p95)', stat: 'p95', limit: 60, unit: 'ms' },
	{ key: 'diagnostics@10k', label: 'keystroke → diagnostics, 10k lines (p95)', stat: 'p95', limit: 150, unit: 'ms' },
	{ key: 'hover@10k', label: 'hover in one document, 10k lines (p95)', stat: 'p95', limit: 5, unit: 'ms' },
	{ key: 'definition@10k', label: 'definition in one document, 10k lines (p95)', stat: 'p95', limit: 5, unit: 'ms' },
	{ key: 'references@10k', label: 'references in one document, 10k lines (p95)', stat: 'p95', limit: 5, unit: 'ms' },
	{ key: 'glossary-references@5000', label: 'references to a glossary term, 5,000 files (p95)', stat: 'p95', limit: 50, unit: 'ms' },
	{ key: 'index@5000', label: '5,000 files: initialized → workspace symbols (worst)', stat: 'max', limit: 3000, unit: 'ms' },
	{ key: 'workspace-symbol@5000', label: 'workspace symbol query, 5,000 files (p95)', stat: 'p95', limit: 20, unit: 'ms' },
	{ key: 'memory@100k', label: 'peak RSS, 100k-line document', stat: 'max', limit: 150, unit: 'MB' },
	{ key: 'ws-memory@5000', label: 'peak RSS, 5,000-file workspace', stat: 'max', limit: 300, unit: 'MB' },
	{ key: 'core@100k', label: 'core parse of 100k lines (× the split+regex floor)', stat: 'ratio', limit: 3, unit: '×' },
];

export function fmt(v, unit = 'ms') {
	if (v == null || Number.isNaN(v)) return '—';
	if (unit === '×') return `${v.toFixed(2)}×`;
	const n = v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US');
	return `${n} ${unit}`;
}

/** The figure of an outcome for a statistic. */
export function figure(outcome, stat) {
	if (!outcome || outcome.status !== 'ok') return NaN;
	if (stat === 'ratio') return outcome.ratio;
	if (stat === 'max') return Math.max(...outcome.samples);
	return percentile(outcome.samples, stat === 'p50' ? 50 : 95);
}

function cell(outcome, stat, unit) {
	if (!outcome) return 'not run';
	if (outcome.status === 'na') return `n/a (${outcome.reason})`;
	if (outcome.status === 'fail') return `FAILED: ${outcome.reason}`;
	if (stat === 'ratio') return `${fmt(outcome.value, 'ms')} (${fmt(outcome.ratio, '×')})`;
	return fmt(figure(outcome, stat), unit);
}

export function targetRows(results) {
	return TARGETS.map((t) => {
		const ours = results[t.key]?.decl;
		const md = results[t.key]?.md;
		const o = figure(ours, t.stat);
		const m = figure(md, t.stat);
		let verdict;
		if (!ours) verdict = 'not run';
		else if (ours.status === 'na') verdict = 'n/a';
		else if (ours.status === 'fail') verdict = 'FAIL';
		else verdict = o <= t.limit ? 'PASS' : 'MISS';
		const ratio = t.stat === 'ratio' ? (ours?.value && md?.value ? md.value / ours.value : NaN) : m / o;
		return {
			target: `${t.label} ≤ ${t.unit === '×' ? `${t.limit}×` : fmt(t.limit, t.unit)}`,
			ours: cell(ours, t.stat, t.unit),
			md: t.stat === 'ratio' && md ? `markdown-it ${fmt(md.value, 'ms')} (${fmt(md.ratio, '×')})` : cell(md, t.stat, t.unit),
			ratio: Number.isFinite(ratio) ? `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}×` : '—',
			verdict,
		};
	});
}

export function detailRows(results) {
	const rows = [];
	for (const [key, byServer] of Object.entries(results)) {
		if (key.startsWith('core')) continue;
		for (const id of ['decl', 'md']) {
			const o = byServer[id];
			if (!o) continue;
			const unit = key.includes('memory') ? 'MB' : 'ms';
			rows.push({
				scenario: key,
				server: id === 'decl' ? 'ours' : 'markdown',
				n: o.samples?.length ?? 0,
				p50: o.status === 'ok' && o.samples.length ? fmt(percentile(o.samples, 50), unit) : '',
				p95: o.status === 'ok' && o.samples.length ? fmt(key.includes('memory') || key.startsWith('index') || key.startsWith('open') ? Math.max(...o.samples) : percentile(o.samples, 95), unit) : '',
				first: o.first != null ? fmt(o.first) : '',
				cpu: o.cpuPerOpMs != null ? fmt(o.cpuPerOpMs) : o.cpuMs != null ? `${fmt(o.cpuMs)} total` : '',
				client: o.clientPerOpMs ? fmt(o.clientPerOpMs) : o.clientMs ? `${fmt(o.clientMs)} total` : '',
				results: o.meanCount != null ? String(Math.round(o.meanCount * 10) / 10) : '',
				status: o.status === 'ok' ? (o.note ?? 'ok') : o.status === 'na' ? `n/a: ${o.reason}` : `FAIL: ${o.reason}`,
			});
		}
	}
	return rows;
}

export function table(rows, columns) {
	const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((r) => String(r[key]).length)));
	const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	return [line(columns.map(([, t]) => t)), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(columns.map(([k]) => r[k])))].join('\n');
}

export const TARGET_COLUMNS = [['target', 'Target'], ['ours', 'Ours'], ['md', 'Markdown server'], ['ratio', 'Ratio (md/ours)'], ['verdict', 'Result']];
export const DETAIL_COLUMNS = [['scenario', 'Scenario'], ['server', 'Server'], ['n', 'n'], ['p50', 'p50'], ['p95', 'p95 / max'], ['first', 'first'], ['cpu', 'server CPU/op'], ['client', 'client work/op'], ['results', 'results/answer'], ['status', 'status']];

export function machine() {
	let commit = '';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
	} catch {
		// not a git checkout
	}
	const c = cpus();
	return { cpu: c[0]?.model ?? 'unknown', cores: c.length, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, os: `Linux ${release()}`, commit };
}

export function resultsMarkdown({ results, machine: m, notes, started, seconds, argv, analysis }) {
	const missed = targetRows(results).filter((r) => r.verdict !== 'PASS');
	return `# Benchmark results

Latest figures of \`npm run bench\` (issue 7), regenerated by \`npm run bench -- --write\`.
Our server against VS Code's Markdown language server on generated work of the same shape
(bench/generate.mjs: a declaration document and its Markdown rendering), both driven over
stdio by bench/run.mjs, A B A B.

- Date: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round(seconds)} s, \`node bench/run.mjs ${argv.join(' ')}\`
- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node ${m.node}
- Commit: ${m.commit || 'unknown'} (plus the working tree of the time)

## Targets

${table(targetRows(results), TARGET_COLUMNS)}

Ratio: the Markdown server's figure divided by ours (how many times faster or lighter we are).
${missed.length ? `\nNot met in this run: ${missed.map((r) => `${r.target.replace(/ ≤ .*/, '')}: ${r.ours} (${r.verdict})`).join('; ')}.\n` : '\nEvery target is met in this run.\n'}${analysis ? `\n${analysis.trim()}\n` : ''}
## All figures

${table(detailRows(results), DETAIL_COLUMNS)}

## How it is measured

${notes.map((n) => `- ${n}`).join('\n')}
`;
}
