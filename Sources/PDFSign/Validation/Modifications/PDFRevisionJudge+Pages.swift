/// Pages: content streams, annotations, the page tree.
extension PDFRevisionJudge {
    func judgePage(_ number: Int, _ oldValue: PDFObject, _ newValue: PDFObject) {
        guard let oldPage = oldValue.dictionaryValue, let newPage = newValue.dictionaryValue else {
            disallow(.disallowedModification, "page \(number) 0 R is no longer a dictionary", [number], covering: newValue)
            return
        }
        for key in changedKeys(oldPage, newPage) {
            switch key.string {
            case "Annots":
                if let reference = newPage["Annots"]?.referenceValue, reference == oldPage["Annots"]?.referenceValue { continue }
                judgeAnnots(page: number, old.array(oldPage["Annots"]) ?? [], new.array(newPage["Annots"]) ?? [], number)
            case "Contents":
                judgeContents(number, old.array(oldPage["Contents"]) ?? [oldPage["Contents"]].compactMap { $0 },
                              new.array(newPage["Contents"]) ?? [newPage["Contents"]].compactMap { $0 }, newPage["Contents"])
            case "Resources":
                disallow(.shadowAttackReplace, "resources of page \(number) 0 R replaced after signing", [number], covering: newPage["Resources"])
            default:
                disallow(.disallowedModification, "page \(number) 0 R /\(key.string) changed", [number], covering: newPage[key])
            }
        }
    }

    func judgeContents(_ page: Int, _ oldList: [PDFObject], _ newList: [PDFObject], _ value: PDFObject?) {
        let oldRefs = oldList.compactMap(\.referenceValue), newRefs = newList.compactMap(\.referenceValue)
        if newRefs.count > oldRefs.count, Set(oldRefs).isSubset(of: newRefs) {
            let extra = newRefs.filter { !oldRefs.contains($0) }
            disallow(.disallowedModification, "page \(page) 0 R /Contents extended by \(extra.map(\.description).joined(separator: ", ")): an overlay drawn over signed content", [page] + extra.map(\.number), covering: value)
        } else if Set(newRefs).isSubset(of: oldRefs) {
            disallow(.shadowAttackHide, "page \(page) 0 R /Contents lost streams present when signed", [page])
        } else if newRefs.contains(where: { !oldRefs.contains($0) && old.exists($0.number) }) {
            disallow(.shadowAttackHideAndReplace, "page \(page) 0 R /Contents re-pointed to content that existed (unused) when signed", [page] + newRefs.map(\.number), covering: value)
        } else {
            disallow(.shadowAttackReplace, "page \(page) 0 R /Contents replaced by new content", [page], covering: value)
        }
    }

    func judgeAnnots(page: Int, _ oldList: [PDFObject], _ newList: [PDFObject], _ number: Int) {
        let oldRefs = oldList.compactMap(\.referenceValue), newRefs = newList.compactMap(\.referenceValue)
        let removed = oldRefs.filter { !newRefs.contains($0) }
        if !removed.isEmpty {
            disallow(.shadowAttackHide, "annotations \(removed.map(\.description).joined(separator: ", ")) removed from page \(page) 0 R", [page] + removed.map(\.number))
        }
        if newList.contains(where: { $0.referenceValue == nil }) && newList.filter({ $0.referenceValue == nil }).count != oldList.filter({ $0.referenceValue == nil }).count {
            disallow(.disallowedModification, "direct annotations changed on page \(page) 0 R", [page])
        }
        for added in newRefs where !oldRefs.contains(added) {
            guard let annotation = new.dictionary(.reference(added)) else { continue }
            if !newObjects.contains(added.number) && old.exists(added.number) && structure.fields[added.number] == nil {
                disallow(.shadowAttackHide, "annotation \(added) existed unreferenced when signed and is now shown on page \(page) 0 R", [added.number])
                continue
            }
            if annotation.name("Subtype") == "Widget" {
                if (inheritedFieldType(annotation, in: new) ?? fieldTypeOfParentlessKid(added, in: new)) == "Sig" {
                    checkSignatureWidget(added)
                    approve(.reference(added))
                } else if structure.fields[added.number] == nil {
                    disallow(.disallowedModification, "widget \(added) of a new non-signature form field added to page \(page) 0 R", [added.number], covering: .reference(added))
                }
                continue
            }
            newAnnotation(added, annotation, page: page)
        }
    }

    func newAnnotation(_ reference: PDFObjectReference, _ annotation: PDFDictionary, page: Int) {
        let subtype = annotation.name("Subtype")?.string ?? "?"
        switch permission {
        case 3?:
            approve(.reference(reference))
        case .some(let p):
            disallow(.evilAnnotation, "/\(subtype) annotation \(reference) added to page \(page) 0 R after a certification with P=\(p) (annotations need P=3)", [reference.number], covering: .reference(reference))
        case nil:
            disallow(.disallowedModification, "/\(subtype) annotation \(reference) added to page \(page) 0 R after an approval signature (only signature widgets may be added)", [reference.number], covering: .reference(reference))
        }
    }

    func judgeAnnotationChange(_ number: Int, _ newValue: PDFObject) {
        switch permission {
        case 3?: approve(newValue)
        case .some(let p):
            disallow(.evilAnnotation, "annotation \(number) 0 R changed after a certification with P=\(p)", [number], covering: newValue)
        case nil:
            disallow(.disallowedModification, "annotation \(number) 0 R changed after an approval signature", [number], covering: newValue)
        }
    }

    func judgePagesNode(_ number: Int, _ oldValue: PDFObject, _ newValue: PDFObject) {
        let oldKids = (old.array(oldValue.dictionaryValue?["Kids"]) ?? []).compactMap(\.referenceValue)
        let newKids = (new.array(newValue.dictionaryValue?["Kids"]) ?? []).compactMap(\.referenceValue)
        let prepared = newKids.filter { !oldKids.contains($0) && old.exists($0.number) }
        if !prepared.isEmpty {
            disallow(.shadowAttackHideAndReplace, "page tree node \(number) 0 R re-pointed to \(prepared.map(\.description).joined(separator: ", ")), which existed (unused) when signed", [number] + prepared.map(\.number), covering: newValue)
        } else if oldKids != newKids {
            disallow(.disallowedModification, "pages added or removed in page tree node \(number) 0 R", [number], covering: newValue)
        } else {
            disallow(.disallowedModification, "page tree node \(number) 0 R changed", [number], covering: newValue)
        }
    }
}
