/** Cross-references (FORMAT.md §8): wiki and natural references, navigation, rename, completion. */
import type { FeatureProvider } from '../service';

export function createReferencesProvider(): FeatureProvider {
	return {};
}
