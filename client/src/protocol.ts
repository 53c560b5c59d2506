// Custom requests between the client and the declaration language server.
// The server implements the same method and shapes (server side: `declaration/axes` handler);
// the ranges are LSP ranges (0-based lines, UTF-16 columns).
import { RequestType, type Range, type TextDocumentIdentifier } from 'vscode-languageclient/node';

/** One axis (top-level item of the principal list) or point (nested item) of a document. */
export interface AxisInfo {
	/** The number as printed, e.g. `3.`, `(b)`, `3(b)`; for bullets the 1-based position, e.g. `3`. */
	number: string;
	/** The item's title (its first sentence, at most 100 characters). */
	title: string;
	/** 0 for an axis, 1 for a point, 2 for a point of a point… */
	depth: number;
	/** The item's label `{#name}` without the braces and `#`, if it has one. */
	label?: string;
	/** The whole item, marker included. */
	range: Range;
	/** The part to select or reveal when jumping to the item (usually the marker and title). */
	selectionRange: Range;
}

export interface AxesParams {
	textDocument: TextDocumentIdentifier;
}

export interface AxesResult {
	/** In document order. */
	axes: AxisInfo[];
}

/** `declaration/axes`: the axes and points of a document, in document order. */
export const AxesRequest = {
	method: 'declaration/axes',
	type: new RequestType<AxesParams, AxesResult, void>('declaration/axes'),
} as const;
