/** What each diagnostic code means (FORMAT.md §10), for SARIF's rules and `decl check --help`. */
import type { AcronymSeverity } from '../core/config';
import type { DiagnosticCode, Severity } from '../core/model';

export interface Rule {
	readonly id: DiagnosticCode;
	/** PascalCase, as SARIF's reportingDescriptor.name likes it. */
	readonly name: string;
	readonly description: string;
	readonly severity: Severity;
}

const RULES: Record<DiagnosticCode, Omit<Rule, 'id'>> = {
	'unresolved-reference': { name: 'UnresolvedReference', severity: 'warning', description: 'A wiki reference ([[label]], [[document#label]]) or a natural reference (axis 3, points 1 and 4, article 12) that resolves to nothing.' },
	'ambiguous-reference': { name: 'AmbiguousReference', severity: 'warning', description: 'A document name written in a wiki reference ([[statement#cuba]]) that fits several documents of the workspace, where neither an exact path nor the referencing document\'s folder says which.' },
	'duplicate-label': { name: 'DuplicateLabel', severity: 'error', description: 'Two items or headings of one document carry the same label {#name}.' },
	'numbering-gap': { name: 'NumberingGap', severity: 'warning', description: 'An ordered list skips or repeats a number.' },
	'duplicate-definition': { name: 'DuplicateDefinition', severity: 'warning', description: 'One term is defined twice in a document with different text.' },
	'undefined-acronym': { name: 'UndefinedAcronym', severity: 'hint', description: 'A word of two or more capitals that no definition in the document, the workspace glossaries or the bundled glossary explains.' },
	'unused-definition': { name: 'UnusedDefinition', severity: 'hint', description: 'A term defined in a glossary section and used nowhere in the workspace.' },
	'acronym-before-definition': { name: 'AcronymBeforeDefinition', severity: 'hint', description: 'An acronym used before the place where the document defines it.' },
	'front-matter': { name: 'FrontMatter', severity: 'error', description: 'The YAML front matter does not parse.' },
	'document-too-large': { name: 'DocumentTooLarge', severity: 'warning', description: 'The document is over the size limit (setting declaration.maxDocumentSize) and is not analysed.' },
};

/** Every rule, in a stable order; the undefined-acronym rule takes the configured severity. */
export function allRules(undefinedAcronyms: AcronymSeverity = 'hint'): Rule[] {
	return (Object.keys(RULES) as DiagnosticCode[]).sort().map((id) => {
		const r = { id, ...RULES[id] };
		return id === 'undefined-acronym' && undefinedAcronyms !== 'off' ? { ...r, severity: undefinedAcronyms } : r;
	});
}
