/** Terms and definitions (FORMAT.md §7): hover, definition, references, rename, completion, diagnostics. */
import type { FeatureProvider } from '../service';

export function createTermsProvider(): FeatureProvider {
	return {};
}
