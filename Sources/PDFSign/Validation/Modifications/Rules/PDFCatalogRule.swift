/// The document catalog, key by key: /AcroForm (judged by `PDFAcroFormRule` when direct),
/// /DSS, /Extensions and /MarkInfo added or updated (never deleted), a higher /Version, /Metadata
/// (judged by `PDFMetadataRule`). /Perms, /Pages, /OCProperties and any other key are refused,
/// a re-pointed page tree or changed optional content as shadow attacks.
struct PDFCatalogRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        let number = change.number
        guard number == revision.old.rootReference?.number, revision.new.rootReference?.number == number else { return nil }
        guard let oldCatalog = change.old.dictionaryValue, let newCatalog = change.new.dictionaryValue else {
            return .disallowing(.unparseable, "the catalog \(number) 0 R is not a dictionary", [number], covering: change.new)
        }
        let old = revision.old, new = revision.new
        var verdict = PDFRuleVerdict()
        for key in revision.changedKeys(oldCatalog, newCatalog) {
            let oldEntry = oldCatalog[key], newEntry = newCatalog[key]
            switch key.string {
            case "AcroForm":
                if let reference = newEntry?.referenceValue, reference.number == revision.structure.acroForm {
                    continue  // the object itself is judged where it changed
                }
                PDFAcroFormRule.review(number, old.dictionary(oldEntry), new.dictionary(newEntry), in: revision, into: &verdict)
            case "DSS", "Extensions", "MarkInfo":
                guard newEntry != nil else {
                    // Removing validation data or extension declarations is never part of a legitimate update.
                    verdict.disallow(.disallowedModification, "catalog /\(key.string) deleted", [number])
                    continue
                }
                verdict.approve(newEntry)
            case "Version":
                let oldVersion = Double(old.name(oldEntry)?.string ?? revision.run.document.headerVersion ?? "0") ?? 0
                let newVersion = Double(new.name(newEntry)?.string ?? "0") ?? 0
                if newVersion < oldVersion {
                    verdict.disallow(.disallowedModification, "catalog /Version lowered", [number])
                }
            case "Metadata":
                PDFMetadataRule.reviewCatalogEntry(newEntry, catalog: number, in: revision, into: &verdict)
            case "Perms":
                verdict.disallow(.disallowedModification, "catalog /Perms changed after a signature (certification must be the first signature)", [number], covering: newEntry)
            case "Pages":
                let target = newEntry?.referenceValue?.number ?? -1
                if old.exists(target) {
                    verdict.disallow(.shadowAttackHideAndReplace, "catalog /Pages re-pointed to \(target) 0 R, an object that existed when signed", [number, target])
                } else {
                    verdict.disallow(.shadowAttackReplace, "catalog /Pages re-pointed to a new page tree \(target) 0 R", [number], covering: newEntry)
                }
            case "OCProperties":
                verdict.disallow(.shadowAttackHide, "catalog /OCProperties changed (optional content can hide signed content)", [number], covering: newEntry)
            default:
                verdict.disallow(.disallowedModification, "catalog /\(key.string) changed", [number], covering: newEntry)
            }
        }
        return verdict
    }
}
