import Crypto

/// Collects the objects of a new PDF file and writes it whole: header, objects, a classic
/// cross-reference table and the trailer (ISO 32000-2 §7.5).
final class PDFNewFileWriter: PDFObjectSink {
    private var bodies: [(PDFObjectReference, PDFIncrementalUpdate.Body)] = []
    private var next = 1

    func reserve() -> PDFObjectReference {
        defer { next += 1 }
        return PDFObjectReference(next, 0)
    }

    func set(_ reference: PDFObjectReference, _ body: PDFIncrementalUpdate.Body) {
        bodies.append((reference, body))
    }

    func add(_ object: PDFObject) -> PDFObjectReference {
        let reference = reserve()
        set(reference, .object(object))
        return reference
    }

    func addStream(_ dictionary: PDFDictionary, data: [UInt8]) -> PDFObjectReference {
        let reference = reserve()
        set(reference, .stream(dictionary, data))
        return reference
    }

    /// How the trailer's /ID is made.
    enum Identifier {
        /// 16 random bytes.
        case random
        /// The first 16 bytes of the SHA-256 of everything before the cross-reference table,
        /// so the same objects give the same file.
        case derivedFromContent
    }

    /// The file, with `root` as the catalog and `info` as the document information dictionary.
    func bytes(root: PDFObjectReference, info: PDFObjectReference?, identifier: Identifier = .random) throws -> [UInt8] {
        var output = Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var entries: [Int: PDFXrefEntry] = [:]
        for (reference, body) in bodies.sorted(by: { $0.0 < $1.0 }) {
            entries[reference.number] = .inUse(offset: output.count, generation: reference.generation)
            output += Array("\(reference.number) \(reference.generation) obj\n".utf8)
            try PDFUpdateWriter.write(body, reference: reference, crypt: nil, into: &output)
            output += Array("\nendobj\n".utf8)
        }
        var trailer = PDFDictionary(["Size": .integer(Int64(next)), "Root": .reference(root)])
        if let info { trailer["Info"] = .reference(info) }
        let idBytes: [UInt8]
        switch identifier {
        case .random:
            var generator = SystemRandomNumberGenerator()
            idBytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        case .derivedFromContent:
            idBytes = Array(SHA256.hash(data: output).prefix(16))
        }
        let id = PDFObject.string(PDFString(bytes: idBytes, format: .hex))
        trailer["ID"] = .array([id, id])
        let xref = output.count
        try PDFXrefSectionWriter.writeTable(entries: entries, complete: true, trailer: trailer, into: &output)
        output += Array("startxref\n\(xref)\n%%EOF\n".utf8)
        return output
    }
}
