/** Cancellation as the core sees it: structurally the same as LSP's CancellationToken. */
export interface CancellationToken {
	readonly isCancellationRequested: boolean;
}

export const noopToken: CancellationToken = Object.freeze({ isCancellationRequested: false });

/** Thrown by long-running core work when its token is cancelled; the adapter answers RequestCancelled. */
export class CancelledError extends Error {
	constructor() {
		super('cancelled');
		this.name = 'CancelledError';
	}
}

export function throwIfCancelled(token: CancellationToken): void {
	if (token.isCancellationRequested) throw new CancelledError();
}
