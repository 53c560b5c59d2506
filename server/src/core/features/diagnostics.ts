/** Diagnostics of one document: what the parser found plus what the workspace-aware checks find. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { CoreDiagnostic, DeclDocument, Severity } from '../model';

export const DIAGNOSTIC_SOURCE = 'declaration';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(doc: DeclDocument, d: CoreDiagnostic): Diagnostic {
	const out: Diagnostic = {
		range: doc.lineIndex.toRange(d.span),
		severity: SEVERITY[d.severity],
		code: d.code,
		source: DIAGNOSTIC_SOURCE,
		message: d.message,
	};
	if (d.unnecessary) out.tags = [DiagnosticTag.Unnecessary];
	if (d.data) out.data = d.data;
	return out;
}
