/// Pages present when signed, their /Annots arrays, the page tree and content streams. Pages
/// may gain signature widgets (and, after a certification with P = 3, annotations: see
/// `PDFAnnotationRule`); everything else — contents extended, lost, re-pointed or replaced,
/// resources replaced, pages added or removed — is refused, mostly as shadow attacks.
struct PDFPagesRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        let s = revision.structure, number = change.number
        var verdict = PDFRuleVerdict()
        if s.pages.contains(number) {
            reviewPage(change, in: revision, into: &verdict)
        } else if let page = s.annotsArrays[number] {
            reviewAnnots(page: page, revision.old.array(change.old) ?? [], revision.new.array(change.new) ?? [], in: revision, into: &verdict)
        } else if s.pageNodes.contains(number) {
            reviewPagesNode(change, in: revision, into: &verdict)
        } else if s.contents.contains(number) {
            verdict.disallow(.shadowAttackReplace, "page content stream \(number) 0 R replaced after signing", [number], covering: change.new)
        } else {
            return nil
        }
        return verdict
    }

    private func reviewPage(_ change: PDFObjectChange, in revision: PDFRevisionJudge, into verdict: inout PDFRuleVerdict) {
        let number = change.number, old = revision.old, new = revision.new
        guard let oldPage = change.old.dictionaryValue, let newPage = change.new.dictionaryValue else {
            verdict.disallow(.disallowedModification, "page \(number) 0 R is no longer a dictionary", [number], covering: change.new)
            return
        }
        for key in revision.changedKeys(oldPage, newPage) {
            switch key.string {
            case "Annots":
                if let reference = newPage["Annots"]?.referenceValue, reference == oldPage["Annots"]?.referenceValue { continue }
                reviewAnnots(page: number, old.array(oldPage["Annots"]) ?? [], new.array(newPage["Annots"]) ?? [], in: revision, into: &verdict)
            case "Contents":
                reviewContents(number, old.array(oldPage["Contents"]) ?? [oldPage["Contents"]].compactMap { $0 },
                               new.array(newPage["Contents"]) ?? [newPage["Contents"]].compactMap { $0 }, newPage["Contents"], in: revision, into: &verdict)
            case "Resources":
                verdict.disallow(.shadowAttackReplace, "resources of page \(number) 0 R replaced after signing", [number], covering: newPage["Resources"])
            default:
                verdict.disallow(.disallowedModification, "page \(number) 0 R /\(key.string) changed", [number], covering: newPage[key])
            }
        }
    }

    private func reviewContents(_ page: Int, _ oldList: [PDFObject], _ newList: [PDFObject], _ value: PDFObject?, in revision: PDFRevisionJudge, into verdict: inout PDFRuleVerdict) {
        let oldRefs = oldList.compactMap(\.referenceValue), newRefs = newList.compactMap(\.referenceValue)
        if newRefs.count > oldRefs.count, Set(oldRefs).isSubset(of: newRefs) {
            let extra = newRefs.filter { !oldRefs.contains($0) }
            verdict.disallow(.disallowedModification, "page \(page) 0 R /Contents extended by \(extra.map(\.description).joined(separator: ", ")): an overlay drawn over signed content", [page] + extra.map(\.number), covering: value)
        } else if Set(newRefs).isSubset(of: oldRefs) {
            verdict.disallow(.shadowAttackHide, "page \(page) 0 R /Contents lost streams present when signed", [page])
        } else if newRefs.contains(where: { !oldRefs.contains($0) && revision.old.exists($0.number) }) {
            verdict.disallow(.shadowAttackHideAndReplace, "page \(page) 0 R /Contents re-pointed to content that existed (unused) when signed", [page] + newRefs.map(\.number), covering: value)
        } else {
            verdict.disallow(.shadowAttackReplace, "page \(page) 0 R /Contents replaced by new content", [page], covering: value)
        }
    }

    private func reviewAnnots(page: Int, _ oldList: [PDFObject], _ newList: [PDFObject], in revision: PDFRevisionJudge, into verdict: inout PDFRuleVerdict) {
        let oldRefs = oldList.compactMap(\.referenceValue), newRefs = newList.compactMap(\.referenceValue)
        let removed = oldRefs.filter { !newRefs.contains($0) }
        if !removed.isEmpty {
            verdict.disallow(.shadowAttackHide, "annotations \(removed.map(\.description).joined(separator: ", ")) removed from page \(page) 0 R", [page] + removed.map(\.number))
        }
        if newList.contains(where: { $0.referenceValue == nil }) && newList.filter({ $0.referenceValue == nil }).count != oldList.filter({ $0.referenceValue == nil }).count {
            verdict.disallow(.disallowedModification, "direct annotations changed on page \(page) 0 R", [page])
        }
        let fields = revision.structure.fields
        for added in newRefs where !oldRefs.contains(added) {
            guard let annotation = revision.new.dictionary(.reference(added)) else { continue }
            if !revision.newObjects.contains(added.number) && revision.old.exists(added.number) && fields[added.number] == nil {
                verdict.disallow(.shadowAttackHide, "annotation \(added) existed unreferenced when signed and is now shown on page \(page) 0 R", [added.number])
                continue
            }
            if annotation.name("Subtype") == "Widget" {
                let fieldType = revision.inheritedFieldType(annotation, in: revision.new)
                    ?? revision.fieldTypeOfParentlessKid(added, in: revision.new)
                if fieldType == .signatureFieldType {
                    revision.checkSignatureWidget(added, into: &verdict)
                    verdict.approve(.reference(added))
                } else if fields[added.number] == nil {
                    verdict.disallow(.disallowedModification, "widget \(added) of a new non-signature form field added to page \(page) 0 R", [added.number], covering: .reference(added))
                }
                continue
            }
            PDFAnnotationRule.reviewNew(added, annotation, page: page, in: revision, into: &verdict)
        }
    }

    private func reviewPagesNode(_ change: PDFObjectChange, in revision: PDFRevisionJudge, into verdict: inout PDFRuleVerdict) {
        let number = change.number
        let oldKids = (revision.old.array(change.old.dictionaryValue?["Kids"]) ?? []).compactMap(\.referenceValue)
        let newKids = (revision.new.array(change.new.dictionaryValue?["Kids"]) ?? []).compactMap(\.referenceValue)
        let prepared = newKids.filter { !oldKids.contains($0) && revision.old.exists($0.number) }
        if !prepared.isEmpty {
            verdict.disallow(.shadowAttackHideAndReplace, "page tree node \(number) 0 R re-pointed to \(prepared.map(\.description).joined(separator: ", ")), which existed (unused) when signed", [number] + prepared.map(\.number), covering: change.new)
        } else if oldKids != newKids {
            verdict.disallow(.disallowedModification, "pages added or removed in page tree node \(number) 0 R", [number], covering: change.new)
        } else {
            verdict.disallow(.disallowedModification, "page tree node \(number) 0 R changed", [number], covering: change.new)
        }
    }
}
