/// The rules a modification analysis applies, in order (pyHanko's `StandardDiffPolicy`).
///
/// For each revision after the signed one: `revisionRules` look at the revision as a whole,
/// then each rewritten object goes to `objectRules`, the first rule returning a verdict
/// claiming it, then `settlementRules` judge the objects the revision added. A rewritten
/// object no rule claims is disallowed (deny by default).
struct PDFModificationPolicy: Sendable {
    var revisionRules: [any PDFRevisionRule]
    var objectRules: [any PDFModificationRule]
    var settlementRules: [any PDFRevisionRule]

    /// The default policy. The object rules' order is the order of precedence when an object
    /// plays several roles (a widget that is also an annotation is judged as a form field).
    static let standard = PDFModificationPolicy(
        revisionRules: [
            PDFRepeatedKeysRule(),
            PDFTrailerRule(),
        ],
        objectRules: [
            PDFCatalogRule(),
            PDFAcroFormRule(),
            PDFSignatureFieldRule(),
            PDFFormFillingRule(),
            PDFPagesRule(),
            PDFAppearanceRule(),
            PDFDSSRule(),
            PDFMetadataRule(),
            PDFExtensionsRule(),
            PDFDocInfoRule(),
            PDFSignatureValueRule(),
            PDFPageResourcesRule(),
            PDFAnnotationRule(),
        ],
        settlementRules: [
            PDFNewObjectsRule(),
        ])

    /// The verdict on a change no rule claims: replacing a font, an image or a form XObject is
    /// the shadow attack's replace variant; anything else is a modification no rule allows.
    static func unexplained(_ change: PDFObjectChange) -> PDFRuleVerdict {
        let kind = PDFObjectKind(change.old)
        if kind.drawsContent {
            return .disallowing(.shadowAttackReplace, "\(kind) \(change.number) 0 R present when signed replaced", [change.number], covering: change.new)
        }
        return .disallowing(.disallowedModification, "\(kind) \(change.number) 0 R changed; no rule allows it", [change.number], covering: change.new)
    }
}
