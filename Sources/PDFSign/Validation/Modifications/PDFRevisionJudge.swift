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
    lazy var structure = run.structure(of: old)

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
            // Before the comparison: a repeated key can read as unchanged here (the last
            // occurrence) and as changed in a reader that keeps the first.
            judgeRepeatedKeys(number, newValue)
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

    /// Any object this revision writes, and its trailer, must not repeat a key.
    func judgeRepeatedKeys(_ number: Int, _ value: PDFObject) {
        let repeated = PDFDuplicateKeyScan.paths(in: value)
        guard !repeated.isEmpty else { return }
        disallow(.duplicateKey, "object \(number) 0 R, \(old.exists(number) ? "rewritten" : "added") after signing, repeats \(repeated.joined(separator: ", ")): readers keeping the first or the last occurrence show different documents", [number])
    }

    func judgeTrailer() {
        let repeated = PDFDuplicateKeyScan.paths(in: .dictionary(new.revision.trailer))
        if !repeated.isEmpty {
            disallow(.duplicateKey, "the trailer repeats \(repeated.joined(separator: ", ")): readers keeping the first or the last occurrence open different documents", [])
        }
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

    func judgeChange(_ number: Int, _ oldValue: PDFObject, _ newValue: PDFObject) {
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
    func catalogEntry(_ key: PDFName) -> Int? {
        guard let root = old.rootReference?.number, let catalog = old.object(root).flatMap({ old.dictionary($0) }) else { return nil }
        return catalog[key]?.referenceValue?.number
    }

    func judgeCatalog(_ number: Int, _ oldValue: PDFObject, _ newValue: PDFObject) {
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

    func judgeAcroForm(_ number: Int, _ oldForm: PDFDictionary?, _ newForm: PDFDictionary?) {
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
}
