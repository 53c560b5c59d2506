/**
 * Dates of the title block (FORMAT.md §3): `2021-12-15`, `15 December 2021`, `December 15, 2021`,
 * `15.12.2021`, `12/15/21`, `15/12/2021`, optionally with a time, or `Place, date`.
 */

export type DateOrder = 'auto' | 'day-first' | 'month-first';

export interface ParsedDate {
	readonly iso: string;
	readonly time?: string;
	/** Offset of the date inside the scanned line, and its length. */
	readonly offset: number;
	readonly length: number;
	readonly place?: string;
}

const MONTHS: Record<string, number> = {};
function months(names: string, lang?: string): void {
	void lang;
	names.split(' ').forEach((name, i) => {
		for (const n of name.split('/')) MONTHS[fold(n)] = i + 1;
	});
}
months('january february march april may june july august september october november december');
months('jan feb mar apr may jun jul aug sep/sept oct nov dec');
months('janvier février mars avril mai juin juillet août septembre octobre novembre décembre');
months('enero febrero marzo abril mayo junio julio agosto septiembre/setiembre octubre noviembre diciembre');
months('janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro');
months('januar februar märz april mai juni juli august september oktober november dezember');
months('gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre');
months('января февраля марта апреля мая июня июля августа сентября октября ноября декабря');
months('ιανουαριου φεβρουαριου μαρτιου απριλιου μαιου ιουνιου ιουλιου αυγουστου σεπτεμβριου οκτωβριου νοεμβριου δεκεμβριου');

/** Lower case without accents (so `MAΪΟΥ`, `março` and `Décembre` are found). */
function fold(s: string): string {
	return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

function valid(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 2999) return false;
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return d <= days;
}

function year(s: string): number {
	const n = Number(s);
	if (s.length === 2) return n < 70 ? 2000 + n : 1900 + n;
	return n;
}

const TIME = String.raw`(?:[ T,]+(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([AaPp])\.?[Mm]\.?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})${TIME}`);
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})${TIME}`, 'u');
const MONTH_DAY = new RegExp(String.raw`^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}`, 'u');

function time(h?: string, m?: string, ampm?: string): string | undefined {
	if (h === undefined || m === undefined) return undefined;
	let hh = Number(h);
	const mm = Number(m);
	if (mm > 59 || hh > 24) return undefined;
	if (ampm) {
		const pm = ampm.toLowerCase() === 'p';
		if (hh === 12) hh = pm ? 12 : 0;
		else if (pm) hh += 12;
	}
	return `${pad(hh)}:${pad(mm)}`;
}

/** Reads a date at the start of `s`; returns its ISO form and how many characters it took. */
function dateAt(s: string, order: DateOrder): { iso: string; time?: string; length: number } | undefined {
	let m = ISO.exec(s);
	if (m) {
		const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
		return valid(y, mo, d) ? { iso: `${y}-${pad(mo)}-${pad(d)}`, time: time(m[4], m[5], m[6]), length: m[0].length } : undefined;
	}
	m = NUMERIC.exec(s);
	if (m) {
		const a = Number(m[1]);
		const b = Number(m[3]);
		const y = year(m[4]);
		const dayFirst = valid(y, b, a);
		const monthFirst = valid(y, a, b);
		let d: number;
		let mo: number;
		if (order === 'month-first' && monthFirst) [mo, d] = [a, b];
		else if (order === 'day-first' && dayFirst) [d, mo] = [a, b];
		else if (dayFirst) [d, mo] = [a, b];
		else if (monthFirst) [mo, d] = [a, b];
		else return undefined;
		return { iso: `${y}-${pad(mo)}-${pad(d)}`, time: time(m[5], m[6], m[7]), length: m[0].length };
	}
	m = DAY_MONTH.exec(s);
	if (m) {
		const mo = MONTHS[fold(m[2])];
		const [d, y] = [Number(m[1]), Number(m[3])];
		if (mo !== undefined && valid(y, mo, d)) return { iso: `${y}-${pad(mo)}-${pad(d)}`, time: time(m[4], m[5], m[6]), length: m[0].length };
		return undefined;
	}
	m = MONTH_DAY.exec(s);
	if (m) {
		const mo = MONTHS[fold(m[1])];
		const [d, y] = [Number(m[2]), Number(m[3])];
		if (mo !== undefined && valid(y, mo, d)) return { iso: `${y}-${pad(mo)}-${pad(d)}`, time: time(m[4], m[5], m[6]), length: m[0].length };
	}
	return undefined;
}

/**
 * A line that holds only a date (optionally with a time), or `Place, date`: returns the date,
 * its position in the line and the place. Trailing `.` and spaces are allowed.
 */
export function parseDateLine(line: string, order: DateOrder = 'auto'): ParsedDate | undefined {
	if (line.length > 120) return undefined;
	const lead = line.length - line.trimStart().length;
	const body = line.trim().replace(/\.$/, '').trimEnd();
	if (body.length === 0) return undefined;
	const whole = dateAt(body, order);
	if (whole && whole.length === body.length) return { iso: whole.iso, time: whole.time, offset: lead, length: whole.length };
	// Place, date: try each comma as the split point (the place may hold commas itself).
	for (let i = body.indexOf(','); i > 0; i = body.indexOf(',', i + 1)) {
		const place = body.slice(0, i).trim();
		const rest = body.slice(i + 1);
		const restLead = rest.length - rest.trimStart().length;
		const d = dateAt(rest.trimStart(), order);
		if (d && d.length === rest.trimStart().length && place.length > 0 && place.length <= 80 && !/\d/.test(place)) {
			return { iso: d.iso, time: d.time, offset: lead + i + 1 + restLead, length: d.length, place };
		}
	}
	return undefined;
}

/** Reads a front-matter `date` value (ISO 8601, or any form above) as `YYYY-MM-DD`. */
export function parseDateValue(value: unknown, order: DateOrder = 'auto'): string | undefined {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	if (typeof value !== 'string') return undefined;
	const d = dateAt(value.trim(), order);
	return d?.iso;
}
