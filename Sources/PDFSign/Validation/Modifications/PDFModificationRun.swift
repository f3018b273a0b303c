/// One analysis: permissions, structural (ISA) checks and the revision-by-revision comparison.
final class PDFModificationRun {
    let document: PDFDocument
    let signedRevision: Int
    let signatureField: PDFObjectReference?
    let policy: PDFModificationPolicy
    var findings: [PDFValidationFinding] = []
    private var seen: Set<String> = []
    /// Permissions.
    var certificationRevision: Int?
    var docMDP: PDFCertificationLevel?
    var signatures: [PDFSignatureLockInfo] = []
    private var views: [Int: PDFRevisionView] = [:]
    /// The last structure map built, the revision it is valid up to, and what it read.
    var structureCache: (revision: Int, structure: PDFOldStructure, reads: Set<Int>)?
    /// Who references what, as of a revision, kept up to date revision by revision.
    var referrerCache: (revision: Int, referrers: [Int: Set<Int>])?

    init(document: PDFDocument, signedRevision: Int, signatureField: PDFObjectReference?, policy: PDFModificationPolicy = .standard) {
        self.document = document
        self.signedRevision = signedRevision
        self.signatureField = signatureField
        self.policy = policy
    }

    func add(_ code: PDFValidationFinding.Code, _ message: String, _ objects: [Int] = []) {
        let key = "\(code.rawValue)|\(message)"
        guard seen.insert(key).inserted else { return }
        findings.append(PDFValidationFinding(code, message, objects: objects.sorted().map { PDFObjectReference($0, 0) }))
    }

    func view(_ index: Int) -> PDFRevisionView {
        if let view = views[index] { return view }
        let view = PDFRevisionView(document, document.revisions[index])
        views[index] = view
        return view
    }

    func report() -> PDFModificationReport {
        let revisions = document.revisions
        guard !revisions.isEmpty else {
            return PDFModificationReport(level: .disallowed, findings: [
                PDFValidationFinding(.unparseable, "the document has no readable cross-reference sections (rebuilt by repair): revisions cannot be compared")])
        }
        guard signedRevision >= 0, signedRevision < revisions.count else {
            return PDFModificationReport(level: .disallowed, findings: [
                PDFValidationFinding(.unparseable, "signed revision \(signedRevision) does not exist (the document has \(revisions.count))")])
        }
        let hasLaterBytes = checkStructure()
        computePermissions()
        if signedRevision + 1 < revisions.count {
            for index in (signedRevision + 1)..<revisions.count {
                let judge = PDFRevisionJudge(run: self, old: view(index - 1), new: view(index))
                judge.judge(under: policy)
                // Each revision is compared with the one before it only: keep memory flat.
                if index - 1 != signedRevision { views[index - 1] = nil }
            }
        }
        let level: PDFModificationReport.Level
        if !findings.isEmpty {
            level = .disallowed
        } else if signedRevision + 1 < revisions.count || hasLaterBytes {
            level = .allowed
        } else {
            level = .none
        }
        return PDFModificationReport(level: level, findings: findings)
    }

    // MARK: Structure (Incremental Saving Attack)

    /// Checks the bytes after the signed revision form proper incremental updates; returns
    /// whether any meaningful bytes follow the signed revision.
    private func checkStructure() -> Bool {
        let revisions = document.revisions
        let source = document.source
        let signedEnd = revisions[signedRevision].endOffset
        var later = false
        // A repair inside the signed bytes is the producer's (the validator warns about it);
        // one reaching past them can make readers show objects added without an update.
        if !PDFRepairScope.isCovered(document, by: signedEnd ?? 0) {
            later = true
            let notes = document.repairNotes.prefix(3).map(\.description).joined(separator: "; ")
            add(.incrementalSavingAttack, "bytes after the signed revision needed cross-reference repair, so readers may pick up objects no xref lists: \(notes)")
        }
        guard let signedEnd else {
            add(.incrementalSavingAttack, "the signed revision \(signedRevision) does not end with startxref/%%EOF (a broken or fake update follows it)")
            return true
        }
        var previousEnd = signedEnd
        if signedRevision + 1 < revisions.count {
            for index in (signedRevision + 1)..<revisions.count {
                let revision = revisions[index]
                later = true
                if revision.xrefOffset < previousEnd {
                    add(.incrementalSavingAttack, "the cross-reference section of revision \(index) (offset \(revision.xrefOffset)) lies inside an earlier revision, not after offset \(previousEnd)")
                }
                let end = revision.endOffset ?? source.count
                if revision.endOffset == nil {
                    add(.incrementalSavingAttack, "revision \(index) does not end with startxref/%%EOF")
                }
                var unlisted: [Int] = []
                for header in objectHeaders(in: previousEnd..<end) where header.offset != revision.xrefOffset && header.offset != revision.xrefStreamOffset {
                    guard let entry = revision.entries[header.number] else { unlisted.append(header.number); continue }
                    if case .inUse = entry { continue }
                    if case .compressed = entry { continue }
                    unlisted.append(header.number)
                }
                if !unlisted.isEmpty {
                    add(.incrementalSavingAttack, "revision \(index) appends objects its cross-reference section does not list (readers repairing the file would use them): \(unlisted.prefix(10).map { "\($0) 0 R" }.joined(separator: ", "))", unlisted)
                }
                previousEnd = max(previousEnd, revision.endOffset ?? end)
            }
        }
        if let lastEnd = revisions[revisions.count - 1].endOffset, source.count > lastEnd {
            let tail = lastEnd..<source.count
            let headers = objectHeaders(in: tail)
            if !headers.isEmpty {
                add(.incrementalSavingAttack, "objects appended after the last %%EOF without a cross-reference section: \(headers.prefix(10).map { "\($0.number) 0 R" }.joined(separator: ", "))", headers.map(\.number))
                later = true
            } else if containsKeyword(in: tail) {
                add(.incrementalSavingAttack, "a cross-reference or trailer fragment follows the last %%EOF")
                later = true
            }
        }
        return later
    }

    private func bytes(_ range: Range<Int>) -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= document.source.count, !range.isEmpty else { return [] }
        return (try? Array(document.source.read(range))) ?? []
    }

    /// `n g obj` headers in `range` (skipping stream data), with their offsets.
    func objectHeaders(in range: Range<Int>) -> [(number: Int, offset: Int)] {
        let data = bytes(range)
        var result: [(Int, Int)] = []
        var i = 0
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00 }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func matches(_ word: String, at position: Int) -> Bool {
            let w = Array(word.utf8)
            guard position + w.count <= data.count else { return false }
            return Array(data[position..<position + w.count]) == w
        }
        while i < data.count {
            if data[i] == UInt8(ascii: "s"), matches("stream", at: i), i == 0 || !isDigit(data[i - 1]) && data[i - 1] != UInt8(ascii: "d") {
                // jump to endstream
                var j = i + 6
                while j < data.count, !(data[j] == UInt8(ascii: "e") && matches("endstream", at: j)) { j += 1 }
                i = j + 9
                continue
            }
            if data[i] == UInt8(ascii: "o"), matches("obj", at: i), i >= 4 {
                // walk back: spaces, generation digits, spaces, number digits
                var j = i - 1
                var ok = j >= 0 && isSpace(data[j])
                while ok, j >= 0, isSpace(data[j]) { j -= 1 }
                let genEnd = j
                while j >= 0, isDigit(data[j]) { j -= 1 }
                ok = ok && j < genEnd && j >= 0 && isSpace(data[j])
                while ok, j >= 0, isSpace(data[j]) { j -= 1 }
                let numEnd = j
                while j >= 0, isDigit(data[j]) { j -= 1 }
                ok = ok && j < numEnd
                let after = i + 3 < data.count ? data[i + 3] : 0x20
                if ok, isSpace(after) || after == UInt8(ascii: "<") || after == UInt8(ascii: "[") || after == UInt8(ascii: "%"),
                   let number = Int(String(decoding: data[(j + 1)...numEnd], as: UTF8.self)) {
                    result.append((number, range.lowerBound + j + 1))
                }
            }
            i += 1
        }
        return result
    }

    private func containsKeyword(in range: Range<Int>) -> Bool {
        let text = String(decoding: bytes(range), as: UTF8.self)
        return text.contains("xref") || text.contains("trailer")
    }

    // MARK: Permissions

    private func computePermissions() {
        let last = view(document.revisions.count - 1)
        guard let catalog = last.catalog else { return }
        let form = last.dictionary(catalog["AcroForm"])
        var stack: [(PDFObject, String?, PDFName?, Int)] = (last.array(form?["Fields"]) ?? []).reversed().map { ($0, nil, nil, 0) }
        var visited: Set<Int> = []
        while let (node, parentName, parentType, depth) = stack.popLast() {
            guard depth < 32, visited.count < 100_000 else { break }
            if let reference = node.referenceValue, !visited.insert(reference.number).inserted { continue }
            guard let dictionary = last.dictionary(node) else { continue }
            var name = parentName
            if let partial = last.resolve(dictionary["T"])?.stringValue?.textValue {
                name = parentName.map { $0 + "." + partial } ?? partial
            }
            let type = last.name(dictionary["FT"]) ?? parentType
            for kid in (last.array(dictionary["Kids"]) ?? []).reversed() { stack.append((kid, name, type, depth + 1)) }
            guard type == .signatureFieldType, let signature = last.dictionary(dictionary["V"]) else { continue }
            var info = PDFSignatureLockInfo(name: name ?? "?", field: node.referenceValue, revision: revisionIndex(of: signature, in: last))
            for reference in last.array(signature["Reference"]) ?? [] {
                guard let sigRef = last.dictionary(reference), last.name(sigRef["TransformMethod"]) == PDFTransformMethod.fieldMDP.name,
                      let params = last.dictionary(sigRef["TransformParams"]), let lock = PDFFieldLockRule(params, view: last) else { continue }
                info.locks.append(lock)
            }
            if let lockDictionary = last.dictionary(dictionary["Lock"]), let lock = PDFFieldLockRule(lockDictionary, view: last) {
                info.locks.append(lock)
            }
            signatures.append(info)
        }
        // The certification signature: /Perms /DocMDP in the catalog.
        if let perms = last.dictionary(catalog["Perms"]), let certification = last.dictionary(perms[PDFTransformMethod.docMDP.name]) {
            docMDP = PDFCertificationLevel(permission: PDFDocMDPPermission.permission(ofSignature: certification, resolve: last.resolve))
            certificationRevision = revisionIndex(of: certification, in: last) ?? 0
        }
    }

    /// The revision whose end is the end of the signature's /ByteRange.
    private func revisionIndex(of signature: PDFDictionary, in view: PDFRevisionView) -> Int? {
        let range = (view.array(signature["ByteRange"]) ?? []).compactMap { view.resolve($0)?.integerValue }
        guard range.count == 4 else { return nil }
        return document.revisionIndex(endingAt: range[2] + range[3])
    }

    /// DocMDP level in force for revision `index` (nil: not certified before it).
    func permission(for index: Int) -> PDFCertificationLevel? {
        guard let certificationRevision, let docMDP, certificationRevision < index else { return nil }
        return docMDP
    }

    /// The FieldMDP lock covering `fieldName` for changes in revision `index`, described.
    func lock(covering fieldName: String, in index: Int) -> String? {
        for signature in signatures {
            guard let revision = signature.revision, revision < index else { continue }
            for lock in signature.locks where lock.covers(fieldName) {
                return "signature field \(signature.name) locks it (FieldMDP /\(lock.action.name.string))"
            }
        }
        return nil
    }
}
