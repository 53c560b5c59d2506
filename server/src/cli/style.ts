/** Colour for terminals: only when standard output is a TTY, never with NO_COLOR or --no-color. */
export interface Style {
	readonly enabled: boolean;
	bold(s: string): string;
	dim(s: string): string;
	red(s: string): string;
	yellow(s: string): string;
	blue(s: string): string;
	green(s: string): string;
	cyan(s: string): string;
}

export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean): boolean {
	if (!flag) return false;
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	return stream.isTTY === true;
}

export function createStyle(enabled: boolean): Style {
	const sgr = (open: number, close: number) => (s: string): string => (enabled && s ? `\x1b[${open}m${s}\x1b[${close}m` : s);
	return {
		enabled,
		bold: sgr(1, 22),
		dim: sgr(2, 22),
		red: sgr(31, 39),
		yellow: sgr(33, 39),
		blue: sgr(34, 39),
		green: sgr(32, 39),
		cyan: sgr(36, 39),
	};
}
