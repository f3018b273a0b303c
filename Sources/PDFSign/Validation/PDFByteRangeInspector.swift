/// Checks a signature's /ByteRange and /Contents, fail-closed (ISO 32000-2 §12.8.1; the
/// Universal Signature Forgery and Signature Wrapping attacks of PDF Insecurity 2019):
/// four non-negative integers starting at 0, inside the file; the gap between the ranges is
/// exactly this signature's /Contents hex string, right after its `/Contents` key; the signed
/// bytes end at an `%%EOF`.
struct PDFByteRangeInspection {
    var findings: [PDFValidationFinding] = []
    var coverage: PDFSignatureReport.Coverage = .partial
    /// The revision the signature signs (index into `document.revisions`), when it ends one.
    var signedRevision: Int?
    /// Whether the ranges can be hashed at all.
    var hashable = false
}

enum PDFByteRangeInspector {
    static func inspect(_ signature: PDFEmbeddedSignature, in document: PDFDocument) -> PDFByteRangeInspection {
        var result = PDFByteRangeInspection()
        let name = signature.field.qualifiedName
        let length = document.source.count
        guard let contents = signature.contents else {
            result.findings.append(PDFValidationFinding(.universalSignatureForgery, "signature \"\(name)\" has no /Contents string"))
            return result
        }
        let range = signature.byteRange
        guard !range.isEmpty else {
            result.findings.append(PDFValidationFinding(.universalSignatureForgery, "signature \"\(name)\" has no /ByteRange"))
            return result
        }
        guard range.count == 4, !signature.byteRangeHasNonIntegers, range.allSatisfy({ $0 >= 0 }), range[0] == 0,
              range[1] > 0, range[2] > range[1], range[3] <= length, range[2] <= length - range[3]
        else {
            result.findings.append(PDFValidationFinding(
                .byteRangeMalformed, "signature \"\(name)\": /ByteRange \(range) is not [0 a b c] with 0 < a < b and b + c ≤ \(length) (the file length)"))
            return result
        }
        result.hashable = true
        let repeated = PDFDuplicateKeyScan.paths(in: .dictionary(signature.dictionary))
        if !repeated.isEmpty {
            result.findings.append(PDFValidationFinding(
                .duplicateKey, "signature \"\(name)\": the signature dictionary repeats \(repeated.joined(separator: ", ")); readers keeping the first or the last occurrence see different signatures",
                objects: signature.dictionaryReference.map { [$0] } ?? []))
        }
        locateRevision(signedLength: range[2] + range[3], document: document, into: &result)
        checkGap(signature, contents: contents, range: range, document: document, into: &result)
        // A gap that is not exactly /Contents leaves other bytes unsigned: the coverage is partial.
        if result.findings.contains(where: { $0.code == .signatureWrapping }) { result.coverage = .partial }
        return result
    }

    /// The gap must be the hex string token `<…>` — digits and, as PDF syntax allows, white
    /// space between them — decoding to exactly the dictionary's /Contents, and must follow the
    /// `/Contents` key inside the signature dictionary's own object.
    private static func checkGap(_ signature: PDFEmbeddedSignature, contents: [UInt8], range: [Int],
                                 document: PDFDocument, into result: inout PDFByteRangeInspection) {
        let name = signature.field.qualifiedName
        let gap = range[1]..<range[2]
        // Two digits a byte plus the brackets, and at most as much white space again.
        let tightest = 2 * contents.count + 2
        guard gap.count >= tightest - 1, gap.count <= 2 * tightest + 4096, let bytes = try? document.source.read(gap),
              bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">")
        else {
            result.findings.append(PDFValidationFinding(
                .signatureWrapping, "signature \"\(name)\": the unsigned gap \(gap) is not this signature's /Contents hex string (\(tightest) bytes without white space)"))
            return
        }
        guard decodeHex(bytes.dropFirst().dropLast()) == contents else {
            result.findings.append(PDFValidationFinding(
                .signatureWrapping, "signature \"\(name)\": the unsigned gap holds other bytes than the dictionary's /Contents, or non-hex characters"))
            return
        }
        guard keyBefore(gap.lowerBound, in: document) == "Contents" else {
            result.findings.append(PDFValidationFinding(
                .signatureWrapping, "signature \"\(name)\": the unsigned gap does not follow a /Contents key"))
            return
        }
        // Where the dictionary was when signed (a later revision may legitimately or not rewrite it;
        // the modification analysis judges that).
        let signedEntry = result.signedRevision.flatMap { index in
            signature.dictionaryReference.flatMap { document.xrefEntry(for: $0.number, asOf: document.revisions[index]) }
        }
        if let reference = signature.dictionaryReference,
           case .inUse(let offset, _)? = signedEntry ?? document.xrefTable[reference.number] {
            // Inside the object: it starts before the gap and no `endobj` (nor a read error) comes between.
            let insideObject: Bool
            do {
                insideObject = try offset < gap.lowerBound
                    && PDFByteReader(source: document.source).find(Array("endobj".utf8), from: offset, to: gap.lowerBound) == nil
            } catch {
                insideObject = false
            }
            guard insideObject else {
                result.findings.append(PDFValidationFinding(
                    .signatureWrapping, "signature \"\(name)\": the unsigned gap lies outside the signature dictionary \(reference)",
                    objects: [reference]))
                return
            }
        }
    }

    /// The bytes of a hex string between its brackets, white space skipped (an odd last digit
    /// is followed by 0, as the lexer reads it); nil when a character is not a hex digit.
    static func decodeHex(_ digits: ArraySlice<UInt8>) -> [UInt8]? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(digits.count / 2)
        var high: UInt8?
        for byte in digits {
            if PDFCharacterClass.isWhitespace(byte) { continue }
            guard let value = PDFCharacterClass.hexValue(byte) else { return nil }
            if let h = high {
                decoded.append(h << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        if let h = high { decoded.append(h << 4) }
        return decoded
    }

    /// The name token that ends just before `offset` (white space allowed between), `#xx`
    /// escapes decoded; nil when the preceding token is not a name.
    static func keyBefore(_ offset: Int, in document: PDFDocument) -> PDFName? {
        guard let before = try? Array(document.source.read(max(0, offset - 160)..<offset)) else { return nil }
        var end = before.count
        while end > 0, PDFCharacterClass.isWhitespace(before[end - 1]) { end -= 1 }
        var start = end
        while start > 0, PDFCharacterClass.isRegular(before[start - 1]) { start -= 1 }
        guard start > 0, start < end, before[start - 1] == UInt8(ascii: "/") else { return nil }
        var lexer = PDFLexer(source: PDFMemoryByteSource(Array(before[(start - 1)..<end])))
        guard case .name(let name)? = try? lexer.next() else { return nil }
        return name
    }

    /// Whole file, an earlier revision ending at `%%EOF`, or partial.
    private static func locateRevision(signedLength: Int, document: PDFDocument, into result: inout PDFByteRangeInspection) {
        let revisionIndex = document.revisionIndex(endingAt: signedLength)
        let tail = (try? document.source.read(max(0, signedLength - 8)..<signedLength)).map(Array.init) ?? []
        var trimmed = tail[...]
        while let last = trimmed.last, last == 0x0A || last == 0x0D { trimmed = trimmed.dropLast() }
        let endsAtEOF = trimmed.suffix(5).elementsEqual("%%EOF".utf8)
        if signedLength == document.source.count {
            result.coverage = endsAtEOF ? .entireFile : .partial
            result.signedRevision = document.revisions.indices.last
        } else if endsAtEOF {
            result.coverage = .entireRevision
            result.signedRevision = revisionIndex
        }
        if !endsAtEOF {
            result.findings.append(PDFValidationFinding(
                .signedRevisionNotAtEOF, "the signed bytes end at offset \(signedLength), which is not the end of a revision (%%EOF)"))
        }
    }
}
