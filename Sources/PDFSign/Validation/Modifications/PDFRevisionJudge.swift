/// Compares one revision with the one before it and records findings on the run.
final class PDFRevisionJudge {
    let run: PDFModificationRun
    let old: PDFRevisionView
    let new: PDFRevisionView
    let index: Int
    /// New objects (numbers not in use in `old`).
    var newObjects: Set<Int> = []
    /// References from allowed changes (their new targets are approved).
    var approvedSeeds: [PDFObjectReference] = []
    /// References from disallowed changes (their new targets are covered by that finding).
    var coveredSeeds: [PDFObjectReference] = []
    var checkedWidgets: Set<Int> = []
    lazy var structure = PDFOldStructure(old)
    private var referrersCache: [Int: Set<Int>]?

    init(run: PDFModificationRun, old: PDFRevisionView, new: PDFRevisionView) {
        self.run = run
        self.old = old
        self.new = new
        self.index = new.revision.index
    }

    var permission: Int? { run.permission(for: index) }
    var isCertified: Bool { permission != nil }

    func disallow(_ code: PDFValidationFinding.Code = .disallowedModification, _ message: String, _ objects: [Int], covering value: PDFObject? = nil) {
        run.add(code, "revision \(index): " + message, objects)
        if let value { pdfReferences(in: value, into: &coveredSeeds) }
    }

    func approve(_ value: PDFObject?) {
        if let value { pdfReferences(in: value, into: &approvedSeeds) }
    }

    // MARK: Driver

    func judge() {
        var changed: [(Int, PDFObject, PDFObject)] = []
        let signedEnd = run.document.revisions[run.signedRevision].endOffset ?? 0
        for (number, entry) in new.revision.entries.sorted(by: { $0.key < $1.key }) where number != 0 {
            guard entry.isInUse else {
                if old.exists(number) {
                    disallow(.shadowAttackHide, "object \(number) present when signed is freed (content can disappear)", [number])
                }
                continue
            }
            guard let newValue = new.object(number) else {
                disallow(.unparseable, "object \(number) listed in the cross-reference section cannot be read", [number])
                continue
            }
            guard old.exists(number), let oldValue = old.object(number) else {
                newObjects.insert(number)
                continue
            }
            if identical(oldValue, newValue) { continue }
            // Re-pointed to bytes written before this revision (prepared before signing).
            var repointed = false
            switch entry {
            case .inUse(let offset, _):
                repointed = offset < (old.revision.endOffset ?? signedEnd)
            case .compressed(let streamNumber, _):
                repointed = new.revision.entries[streamNumber] == nil && old.exists(streamNumber)
            case .free:
                break
            }
            if repointed {
                disallow(.shadowAttackHideAndReplace, "object \(number) is re-pointed to a different body written before this revision", [number], covering: newValue)
                continue
            }
            changed.append((number, oldValue, newValue))
        }
        judgeTrailer()
        for (number, oldValue, newValue) in changed {
            judgeChange(number, oldValue, newValue)
        }
        settleNewObjects()
    }

    private func judgeTrailer() {
        let oldRoot = old.rootReference, newRoot = new.rootReference
        if oldRoot != newRoot {
            let target = newRoot?.number ?? -1
            if old.exists(target) {
                disallow(.shadowAttackHideAndReplace, "trailer /Root re-pointed from \(oldRoot?.description ?? "nothing") to \(target) 0 R, an object that existed when signed", [target])
            } else {
                disallow(.shadowAttackReplace, "trailer /Root re-pointed to a new catalog \(target) 0 R", [target], covering: new.trailerValue("Root"))
            }
        }
        approve(new.trailerValue("Info"))
        if old.trailerValue("Encrypt") != new.trailerValue("Encrypt") {
            disallow(.disallowedModification, "trailer /Encrypt changed", [])
        }
    }

    // MARK: Changed objects

    private func judgeChange(_ number: Int, _ oldValue: PDFObject, _ newValue: PDFObject) {
        let s = structure
        if number == old.rootReference?.number, new.rootReference?.number == number {
            judgeCatalog(number, oldValue, newValue)
        } else if number == s.acroForm {
            judgeAcroForm(number, old.dictionary(oldValue), new.dictionary(newValue))
        } else if let field = s.fields[number] {
            judgeField(number, field, oldValue, newValue)
        } else if s.pages.contains(number) {
            judgePage(number, oldValue, newValue)
        } else if let page = s.annotsArrays[number] {
            judgeAnnots(page: page, old.array(oldValue) ?? [], new.array(newValue) ?? [], number)
        } else if s.pageNodes.contains(number) {
            judgePagesNode(number, oldValue, newValue)
        } else if s.contents.contains(number) {
            disallow(.shadowAttackReplace, "page content stream \(number) 0 R replaced after signing", [number], covering: newValue)
        } else if let owner = s.appearances[number] {
            judgeAppearanceOverride(number, owner, newValue)
        } else if s.dss.contains(number) {
            approve(newValue)
        } else if number == catalogEntry("Metadata"), new.dictionary(newValue)?.name("Type") == "Metadata" {
            approve(newValue)  // the document's XMP metadata, updated by signers (as pyHanko allows)
        } else if number == catalogEntry("Extensions"), new.dictionary(newValue) != nil {
            approve(newValue)  // developer extensions (ESIC and others) declared in an indirect dictionary
        } else if number == s.info {
            approve(newValue)
        } else if s.signatureValues.contains(number) {
            disallow(.disallowedModification, "signature dictionary \(number) 0 R of a signed field changed", [number], covering: newValue)
        } else if s.resources.contains(number) {
            let kind = typeDescription(oldValue)
            disallow(.shadowAttackReplace, "\(kind) \(number) 0 R used by signed pages replaced", [number], covering: newValue)
        } else if s.annotations.contains(number) {
            judgeAnnotationChange(number, newValue)
        } else {
            let kind = typeDescription(oldValue)
            if kind == "font" || kind == "font descriptor" || kind == "form XObject" || kind == "image" {
                disallow(.shadowAttackReplace, "\(kind) \(number) 0 R present when signed replaced", [number], covering: newValue)
            } else {
                disallow(.disallowedModification, "\(kind) \(number) 0 R changed; no rule allows it", [number], covering: newValue)
            }
        }
    }

    /// The object number of the signed revision's catalog entry `key`, when it is indirect.
    private func catalogEntry(_ key: PDFName) -> Int? {
        guard let root = old.rootReference?.number, let catalog = old.object(root).flatMap({ old.dictionary($0) }) else { return nil }
        return catalog[key]?.referenceValue?.number
    }

    private func judgeCatalog(_ number: Int, _ oldValue: PDFObject, _ newValue: PDFObject) {
        guard let oldCatalog = oldValue.dictionaryValue, let newCatalog = newValue.dictionaryValue else {
            disallow(.unparseable, "the catalog \(number) 0 R is not a dictionary", [number], covering: newValue)
            return
        }
        for key in changedKeys(oldCatalog, newCatalog) {
            let oldEntry = oldCatalog[key], newEntry = newCatalog[key]
            switch key.string {
            case "AcroForm":
                if let reference = newEntry?.referenceValue, reference.number == structure.acroForm {
                    continue  // the object itself is judged where it changed
                }
                judgeAcroForm(number, old.dictionary(oldEntry), new.dictionary(newEntry))
            case "DSS", "Extensions", "MarkInfo":
                guard newEntry != nil else {
                    // Removing validation data or extension declarations is never part of a legitimate update.
                    disallow(.disallowedModification, "catalog /\(key.string) deleted", [number])
                    continue
                }
                approve(newEntry)
            case "Version":
                let oldVersion = Double(old.name(oldEntry)?.string ?? run.document.headerVersion ?? "0") ?? 0
                let newVersion = Double(new.name(newEntry)?.string ?? "0") ?? 0
                if newVersion < oldVersion {
                    disallow(.disallowedModification, "catalog /Version lowered", [number])
                }
            case "Metadata":
                let stream = new.resolve(newEntry)?.streamValue
                if let stream, stream.dictionary.name("Type") == "Metadata", stream.dictionary.name("Subtype") == "XML" {
                    approve(newEntry)
                } else {
                    disallow(.disallowedModification, "catalog /Metadata replaced by something that is not an XMP stream", [number], covering: newEntry)
                }
            case "Perms":
                disallow(.disallowedModification, "catalog /Perms changed after a signature (certification must be the first signature)", [number], covering: newEntry)
            case "Pages":
                let target = newEntry?.referenceValue?.number ?? -1
                if old.exists(target) {
                    disallow(.shadowAttackHideAndReplace, "catalog /Pages re-pointed to \(target) 0 R, an object that existed when signed", [number, target])
                } else {
                    disallow(.shadowAttackReplace, "catalog /Pages re-pointed to a new page tree \(target) 0 R", [number], covering: newEntry)
                }
            case "OCProperties":
                disallow(.shadowAttackHide, "catalog /OCProperties changed (optional content can hide signed content)", [number], covering: newEntry)
            default:
                disallow(.disallowedModification, "catalog /\(key.string) changed", [number], covering: newEntry)
            }
        }
    }

    private func judgeAcroForm(_ number: Int, _ oldForm: PDFDictionary?, _ newForm: PDFDictionary?) {
        let oldForm = oldForm ?? PDFDictionary()
        guard let newForm else {
            disallow(.disallowedModification, "/AcroForm removed or not a dictionary", [number])
            return
        }
        for key in changedKeys(oldForm, newForm) {
            switch key.string {
            case "Fields":
                let oldFields = (old.array(oldForm["Fields"]) ?? []).compactMap(\.referenceValue)
                let newFields = (new.array(newForm["Fields"]) ?? []).compactMap(\.referenceValue)
                let removed = Set(oldFields).subtracting(newFields)
                if !removed.isEmpty {
                    disallow(.shadowAttackHide, "form fields removed from /AcroForm /Fields: \(removed.sorted().map(\.description).joined(separator: ", "))", removed.map(\.number))
                }
                for added in newFields where !oldFields.contains(added) {
                    judgeNewField(added)
                }
            case "SigFlags":
                continue
            case "DR":
                let oldDR = old.dictionary(oldForm["DR"]) ?? PDFDictionary()
                let newDR = new.dictionary(newForm["DR"]) ?? PDFDictionary()
                var preserved = true
                for category in oldDR.keys {
                    let oldSub = old.dictionary(oldDR[category]) ?? PDFDictionary()
                    let newSub = new.dictionary(newDR[category]) ?? PDFDictionary()
                    for resource in oldSub.keys where oldSub[resource] != newSub[resource] { preserved = false }
                }
                if preserved { approve(newForm["DR"]) } else {
                    disallow(.shadowAttackReplace, "/AcroForm /DR resources present when signed were replaced", [number], covering: newForm["DR"])
                }
            default:
                disallow(.disallowedModification, "/AcroForm /\(key.string) changed", [number], covering: newForm[key])
            }
        }
    }

    /// A field added to /Fields (or a widget to /Annots): only signature fields.
    private func judgeNewField(_ reference: PDFObjectReference) {
        guard let field = new.dictionary(.reference(reference)) else { return }
        let type = inheritedFieldType(field, in: new)
        guard type == "Sig" else {
            disallow(.disallowedModification, "new form field \(reference) of type \(type?.description ?? "none") added (only signature fields may be added)", [reference.number], covering: .reference(reference))
            return
        }
        if old.exists(reference.number) && !newObjects.contains(reference.number) && structure.fields[reference.number] == nil {
            disallow(.shadowAttackHide, "signature field \(reference) existed unreferenced when signed and becomes part of the form", [reference.number])
        }
        if let value = new.dictionary(field["V"]), permission == 1, !isDocumentTimestamp(value) {
            disallow(.disallowedModification, "new signature \(reference) after a certification with P=1 (only document timestamps and DSS allowed)", [reference.number], covering: .reference(reference))
            return
        }
        var widgets: [PDFObjectReference] = []
        let kids = (new.array(field["Kids"]) ?? []).compactMap(\.referenceValue)
        if kids.isEmpty { widgets = [reference] } else { widgets = kids }
        for widget in widgets { checkSignatureWidget(widget) }
        approve(.reference(reference))
    }

    /// After certification: a new visible signature widget is a Sneaky Signature.
    private func checkSignatureWidget(_ widget: PDFObjectReference) {
        guard checkedWidgets.insert(widget.number).inserted, isCertified else { return }
        guard let dictionary = new.dictionary(.reference(widget)) else { return }
        if isVisible(dictionary, in: new) {
            disallow(.sneakySignature, "new signature widget \(widget) with a visible appearance added after certification (it can draw over certified content)", [widget.number], covering: .reference(widget))
        }
    }

    private func judgeField(_ number: Int, _ field: PDFOldStructure.Field, _ oldValue: PDFObject, _ newValue: PDFObject) {
        guard let oldField = oldValue.dictionaryValue, let newField = newValue.dictionaryValue else {
            disallow(.disallowedModification, "form field \(field.name) (\(number) 0 R) is no longer a dictionary", [number], covering: newValue)
            return
        }
        let keys = changedKeys(oldField, newField)
        if field.type == "Sig" {
            if field.signed {
                disallow(.disallowedModification, "signed signature field \(field.name) (\(number) 0 R) changed: \(keys.map(\.description).joined(separator: " "))", [number], covering: newValue)
                return
            }
            let allowed: Set<PDFName> = ["V", "AP", "AS", "F", "DA", "Q", "Ff", "Type", "Lock", "Rect"]
            let extra = keys.filter { !allowed.contains($0) || ($0 == "Rect" && oldField["Rect"] != nil) }
            if !extra.isEmpty {
                disallow(.disallowedModification, "signature field \(field.name) (\(number) 0 R): \(extra.map(\.description).joined(separator: " ")) changed", [number], covering: newValue)
                return
            }
            if keys.contains("V") {
                guard let signature = new.dictionary(newField["V"]), signature["ByteRange"] != nil || signature.name("Type") == "Sig" || signature.name("Type") == "DocTimeStamp" else {
                    disallow(.disallowedModification, "signature field \(field.name) (\(number) 0 R) gets a /V that is not a signature dictionary", [number], covering: newValue)
                    return
                }
                if permission == 1, !isDocumentTimestamp(signature) {
                    disallow(.disallowedModification, "signature in field \(field.name) after a certification with P=1 (only document timestamps and DSS allowed)", [number], covering: newValue)
                    return
                }
            }
        } else {
            if permission == 1 {
                disallow(.disallowedModification, "form field \(field.name) (\(number) 0 R) filled after a certification with P=1", [number], covering: newValue)
                return
            }
            if let lock = run.lock(covering: field.name, in: index) {
                disallow(.disallowedModification, "form field \(field.name) (\(number) 0 R) changed although \(lock)", [number], covering: newValue)
                return
            }
            let allowed: Set<PDFName> = ["V", "AP", "AS", "F", "DA", "Q", "Ff", "Type", "RV", "I"]
            let extra = keys.filter { !allowed.contains($0) }
            if !extra.isEmpty {
                disallow(.disallowedModification, "form field \(field.name) (\(number) 0 R): \(extra.map(\.description).joined(separator: " ")) changed (only values and appearances may)", [number], covering: newValue)
                return
            }
        }
        if keys.contains("AP"), let oldAP = oldField["AP"]?.referenceValue, newField["AP"] != oldField["AP"] {
            if usedElsewhere(oldAP.number, besides: [number]) {
                disallow(.sneakySignature, "appearance dictionary \(oldAP) of field \(field.name) is replaced although it is also used elsewhere in the signed revision", [number, oldAP.number], covering: newValue)
                return
            }
        }
        approve(newValue)
    }

    private func judgeAppearanceOverride(_ number: Int, _ owner: PDFOldStructure.Appearance, _ newValue: PDFObject) {
        let field = structure.fields[owner.widget]
        if field?.signed == true {
            disallow(.disallowedModification, "appearance \(number) 0 R of signed field \(field?.name ?? "?") replaced", [number], covering: newValue)
            return
        }
        var allowedReferrers: Set<Int> = [owner.widget]
        if let dictionary = owner.dictionary { allowedReferrers.insert(dictionary) }
        if usedElsewhere(number, besides: allowedReferrers) || owner.dictionary.map({ usedElsewhere($0, besides: [owner.widget]) }) == true {
            disallow(.sneakySignature, "appearance object \(number) 0 R of field \(field?.name ?? "?") is overwritten although it is also used elsewhere in the signed revision", [number, owner.widget], covering: newValue)
            return
        }
        if field?.type != "Sig" {
            if permission == 1 {
                disallow(.disallowedModification, "appearance \(number) 0 R changed after a certification with P=1", [number], covering: newValue)
                return
            }
            if let name = field?.name, let lock = run.lock(covering: name, in: index) {
                disallow(.disallowedModification, "appearance of field \(name) changed although \(lock)", [number], covering: newValue)
                return
            }
        }
        approve(newValue)
    }

    private func judgePage(_ number: Int, _ oldValue: PDFObject, _ newValue: PDFObject) {
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

    private func judgeContents(_ page: Int, _ oldList: [PDFObject], _ newList: [PDFObject], _ value: PDFObject?) {
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

    private func judgeAnnots(page: Int, _ oldList: [PDFObject], _ newList: [PDFObject], _ number: Int) {
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
                if inheritedFieldType(annotation, in: new) == "Sig" {
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

    private func newAnnotation(_ reference: PDFObjectReference, _ annotation: PDFDictionary, page: Int) {
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

    private func judgeAnnotationChange(_ number: Int, _ newValue: PDFObject) {
        switch permission {
        case 3?: approve(newValue)
        case .some(let p):
            disallow(.evilAnnotation, "annotation \(number) 0 R changed after a certification with P=\(p)", [number], covering: newValue)
        case nil:
            disallow(.disallowedModification, "annotation \(number) 0 R changed after an approval signature", [number], covering: newValue)
        }
    }

    private func judgePagesNode(_ number: Int, _ oldValue: PDFObject, _ newValue: PDFObject) {
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

    // MARK: New objects

    private func settleNewObjects() {
        guard !newObjects.isEmpty else { return }
        let approved = reach(approvedSeeds)
        let covered = reach(coveredSeeds)
        let remaining = newObjects.subtracting(approved).subtracting(covered)
        guard !remaining.isEmpty else { return }
        // A new object referenced by an object unchanged since signing was a dangling reference
        // when signed: defining it now makes something appear.
        let referrers = oldReferrers()
        for number in remaining.sorted() {
            guard let from = referrers[number], !from.isEmpty else { continue }  // orphan: ignored, as pyHanko does
            let unchanged = from.filter { $0 == -1 || new.revision.entries[$0] == nil }
            if !unchanged.isEmpty {
                disallow(.shadowAttackHide, "object \(number) 0 R, undefined when signed but referenced by \(unchanged.sorted().prefix(5).map { $0 == -1 ? "the trailer" : "\($0) 0 R" }.joined(separator: ", ")), is defined after signing", [number])
            }
        }
    }

    /// New objects reachable from `seeds` through new objects only.
    private func reach(_ seeds: [PDFObjectReference]) -> Set<Int> {
        var result: Set<Int> = []
        var stack = seeds
        while let reference = stack.popLast() {
            guard newObjects.contains(reference.number), result.insert(reference.number).inserted else { continue }
            if let value = new.object(reference.number) { pdfReferences(in: value, into: &stack) }
        }
        return result
    }

    /// For every object number referenced in the old revision: the objects referencing it (-1: trailer).
    private func oldReferrers() -> [Int: Set<Int>] {
        if let referrersCache { return referrersCache }
        var result: [Int: Set<Int>] = [:]
        var numbers: Set<Int> = []
        for revision in run.document.revisions[...old.revision.index] {
            for (number, entry) in revision.entries where entry.isInUse { numbers.insert(number) }
        }
        var references: [PDFObjectReference] = []
        for number in numbers.prefix(500_000) where old.exists(number) {
            references.removeAll(keepingCapacity: true)
            if let value = old.object(number) { pdfReferences(in: value, into: &references) }
            for reference in references { result[reference.number, default: []].insert(number) }
        }
        references.removeAll()
        for revision in run.document.revisions[...old.revision.index] {
            pdfReferences(in: .dictionary(revision.trailer), into: &references)
        }
        for reference in references { result[reference.number, default: []].insert(-1) }
        referrersCache = result
        return result
    }

    private func usedElsewhere(_ number: Int, besides allowed: Set<Int>) -> Bool {
        !(oldReferrers()[number] ?? []).subtracting(allowed).isEmpty
    }

    // MARK: Helpers

    func changedKeys(_ a: PDFDictionary, _ b: PDFDictionary) -> [PDFName] {
        var keys: [PDFName] = []
        for key in a.keys + b.keys where !keys.contains(key) {
            if !identical(a[key], b[key]) { keys.append(key) }
        }
        return keys
    }

    func identical(_ a: PDFObject?, _ b: PDFObject?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.stream(let x)?, .stream(let y)?):
            let dx = PDFDictionary(x.dictionary.entries.filter { $0.key != "Length" })
            let dy = PDFDictionary(y.dictionary.entries.filter { $0.key != "Length" })
            guard identical(.dictionary(dx), .dictionary(dy)) else { return false }
            return old.rawBytes(x) == new.rawBytes(y)
        case (.dictionary(let x)?, .dictionary(let y)?):
            guard Set(x.keys) == Set(y.keys) else { return false }
            return x.keys.allSatisfy { identical(x[$0], y[$0]) }
        case (.array(let x)?, .array(let y)?):
            return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.string(let x)?, .string(let y)?): return x.bytes == y.bytes
        case (.integer(let x)?, .real(let y)?), (.real(let y)?, .integer(let x)?): return Double(x) == y
        default: return a == b
        }
    }

    func inheritedFieldType(_ dictionary: PDFDictionary, in view: PDFRevisionView) -> PDFName? {
        var current: PDFDictionary? = dictionary
        var depth = 0
        while let node = current, depth < 32 {
            if let type = view.name(node["FT"]) { return type }
            current = view.dictionary(node["Parent"])
            depth += 1
        }
        return nil
    }

    func isVisible(_ widget: PDFDictionary, in view: PDFRevisionView) -> Bool {
        let flags = view.resolve(widget["F"])?.integerValue ?? 0
        if flags & 2 != 0 || flags & 32 != 0 { return false }
        let rect = (view.array(widget["Rect"]) ?? []).compactMap { view.resolve($0)?.numberValue }
        guard rect.count == 4, abs(rect[2] - rect[0]) > 0.01, abs(rect[3] - rect[1]) > 0.01 else { return false }
        return view.dictionary(widget["AP"])?["N"] != nil
    }

    func isDocumentTimestamp(_ signature: PDFDictionary) -> Bool {
        signature.name("Type") == "DocTimeStamp" || signature.name("SubFilter") == "ETSI.RFC3161"
    }

    func typeDescription(_ value: PDFObject) -> String {
        guard let dictionary = value.dictionaryValue else { return "object" }
        switch (dictionary.name("Type")?.string, dictionary.name("Subtype")?.string) {
        case ("Font"?, _): return "font"
        case ("FontDescriptor"?, _): return "font descriptor"
        case (_, "Form"?): return "form XObject"
        case (_, "Image"?): return "image"
        case ("ObjStm"?, _): return "object stream"
        case ("XRef"?, _): return "cross-reference stream"
        case (let type?, _): return "/\(type) object"
        default:
            if dictionary["FontFile"] != nil || dictionary["FontFile2"] != nil || dictionary["FontFile3"] != nil { return "font descriptor" }
            return value.streamValue != nil ? "stream" : "object"
        }
    }
}
