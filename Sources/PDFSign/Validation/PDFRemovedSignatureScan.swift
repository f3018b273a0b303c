/// Finds signatures the file still holds but the document as read no longer reaches: a later
/// update that strips a signature field or its value, or a trailing `startxref` that points
/// back at a revision before the signature (the signed revision is then invisible).
///
/// The raw bytes are scanned for `/ByteRange [0 a b c]` arrays (a signature dictionary cannot
/// sit in an object stream: its /Contents must be a gap in the file). One counts as a signature
/// when its ranges lie inside the file, its gap is a `<…>` hex string following a `/Contents`
/// key and its signed bytes end with `%%EOF`, the end of a revision. Linear in the file's length.
enum PDFRemovedSignatureScan {
    /// A signature dictionary found in the bytes.
    struct Found: Equatable {
        /// Where the `/ByteRange` key is.
        var offset: Int
        /// Its four values.
        var byteRange: [Int]
    }

    /// Signature byte ranges in the file that none of `present` has.
    static func removed(in document: PDFDocument, present: [PDFEmbeddedSignature]) -> [Found] {
        let known = Set(present.map(\.byteRange))
        return (try? scan(document))?.filter { !known.contains($0.byteRange) } ?? []
    }

    /// Every signature-like /ByteRange in the file, in file order.
    static func scan(_ document: PDFDocument) throws -> [Found] {
        let source = document.source
        let reader = PDFByteReader(source: source)
        let key = Array("/ByteRange".utf8)
        var result: [Found] = []
        var position = 0
        while let offset = try reader.find(key, from: position) {
            position = offset + key.count
            guard let range = byteRange(after: position, in: source), isSignature(range, in: document) else { continue }
            if result.last?.byteRange != range { result.append(Found(offset: offset, byteRange: range)) }
        }
        return result
    }

    /// `[a b c d]` right after the key: four non-negative integers, or nil.
    private static func byteRange(after offset: Int, in source: any PDFByteSource) -> [Int]? {
        let bounded = PDFBoundedByteSource(source, limit: min(source.count, offset + 128))
        var lexer = PDFLexer(source: bounded, position: offset)
        guard (try? lexer.next()) == .arrayStart else { return nil }
        var values: [Int] = []
        while values.count < 5, let token = try? lexer.next() {
            if token == .arrayEnd { break }
            guard case .integer(let value) = token, let integer = Int(exactly: value), integer >= 0 else { return nil }
            values.append(integer)
        }
        return values.count == 4 ? values : nil
    }

    /// [0 a b c] inside the file, the gap a hex string after a `/Contents` key (not, say, the
    /// `/MAC` of an ISO 32004 integrity dictionary), the signed bytes ending with `%%EOF`.
    private static func isSignature(_ range: [Int], in document: PDFDocument) -> Bool {
        let source = document.source
        let length = source.count
        guard range[0] == 0, range[1] > 0, range[2] > range[1], range[2] <= length, range[3] <= length - range[2] else { return false }
        let end = range[2] + range[3]
        guard let first = try? source.read(range[1]..<range[1] + 1), first.first == UInt8(ascii: "<"),
              let last = try? source.read(range[2] - 1..<range[2]), last.first == UInt8(ascii: ">"),
              let tail = try? source.read(max(0, end - 8)..<end)
        else { return false }
        var trimmed = tail[...]
        while let byte = trimmed.last, byte == 0x0A || byte == 0x0D { trimmed = trimmed.dropLast() }
        return trimmed.suffix(5).elementsEqual("%%EOF".utf8) && PDFByteRangeInspector.keyBefore(range[1], in: document) == "Contents"
    }
}
