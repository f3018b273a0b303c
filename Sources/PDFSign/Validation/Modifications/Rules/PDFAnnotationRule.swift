/// Annotations other than signature widgets: added or changed only after a certification with
/// P = 3. After a certification with P < 3 that is an Evil Annotation; after approval
/// signatures only, a modification no rule allows.
struct PDFAnnotationRule: PDFModificationRule {
    /// An annotation present when signed, rewritten.
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        let number = change.number
        guard revision.structure.annotations.contains(number) else { return nil }
        switch revision.permission {
        case .formFillingSigningAndAnnotations?:
            return .approving(change.new)
        case let level?:
            return .disallowing(.evilAnnotation, "annotation \(number) 0 R changed after a certification with \(level.label)", [number], covering: change.new)
        case nil:
            return .disallowing(.disallowedModification, "annotation \(number) 0 R changed after an approval signature", [number], covering: change.new)
        }
    }

    /// A new annotation (not a widget) added to `page`.
    static func reviewNew(_ reference: PDFObjectReference, _ annotation: PDFDictionary, page: Int, in revision: PDFRevisionJudge, into verdict: inout PDFRuleVerdict) {
        let subtype = annotation.name("Subtype")?.string ?? "?"
        switch revision.permission {
        case .formFillingSigningAndAnnotations?:
            verdict.approve(.reference(reference))
        case let level?:
            verdict.disallow(.evilAnnotation, "/\(subtype) annotation \(reference) added to page \(page) 0 R after a certification with \(level.label) (annotations need P=3)", [reference.number], covering: .reference(reference))
        case nil:
            verdict.disallow(.disallowedModification, "/\(subtype) annotation \(reference) added to page \(page) 0 R after an approval signature (only signature widgets may be added)", [reference.number], covering: .reference(reference))
        }
    }
}
