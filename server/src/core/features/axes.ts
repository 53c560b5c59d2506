/** The axes and points of a document, in order (custom request `declaration/axes` for the client's commands). */
import type { Range } from 'vscode-languageserver-types';
import type { DeclDocument } from '../model';

export interface AxisInfo {
	/** As printed in the outline: `3.`, `3(b)`. */
	readonly number: string;
	readonly title: string;
	/** 0 for an axis, 1 for its points, … */
	readonly depth: number;
	readonly label?: string;
	readonly range: Range;
	readonly selectionRange: Range;
}

export interface AxesResult {
	readonly axes: AxisInfo[];
}

export function getAxes(doc: DeclDocument): AxesResult {
	const li = doc.lineIndex;
	return {
		axes: doc.items.map((it) => ({
			number: it.printed,
			title: it.title,
			depth: it.depth,
			label: it.label?.name,
			range: li.toRange(it.span),
			selectionRange: li.toRange(it.marker.span),
		})),
	};
}
