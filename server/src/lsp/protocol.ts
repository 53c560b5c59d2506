/** Custom requests between the client and the server (`declaration/…`). */
import { RequestType } from 'vscode-languageserver';
import type { AxesResult } from '../core/features/axes';

/** Client → server: the axes and points of a document, in order (Next/Previous Axis, Go to Axis). */
export const AxesRequest = {
	method: 'declaration/axes',
	type: new RequestType<{ textDocument: { uri: string } }, AxesResult, void>('declaration/axes'),
} as const;
