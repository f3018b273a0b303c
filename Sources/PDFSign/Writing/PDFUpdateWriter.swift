import Foundation

/// Lays out a ``PDFIncrementalUpdate`` after the original bytes (ISO 32000-2 §7.5.6):
/// the objects, then a cross-reference section of the same kind as the file's last one
/// (a classic table, or a cross-reference stream) with /Prev, the trailer and `%%EOF`.
///
/// A file whose cross-reference had to be repaired, or whose unsigned chain is irregular
/// (``PDFDocument/xrefIrregularities``), gets a complete section without /Prev instead,
/// listing every object where the reader found it: the original bytes stay untouched, and
/// readers no longer depend on the broken section.
package enum PDFUpdateWriter {
    package static func write(_ update: PDFIncrementalUpdate) throws -> PDFSerializedUpdate {
        let document = update.document
        guard document.trailer["Root"] != nil else { throw PDFError(.brokenXref, "the trailer has no /Root") }
        if let header = document.headerOffset, header > 0 {
            // Readers shift every offset of such a file by the junk's length; an update with
            // absolute offsets (as /ByteRange needs) would be misread.
            throw PDFError(.notSignable, "\(header) bytes precede the %PDF header; remove them before adding an update")
        }
        let complete = document.revisions.isEmpty || document.wasRepaired || (!document.xrefIrregularities.isEmpty && !hasSignatures(document))
        let usesStream: Bool
        if complete {
            usesStream = document.xrefTable.values.contains { if case .compressed = $0 { return true } else { return false } }
        } else {
            usesStream = document.revisions.last?.kind == .stream
        }
        let xrefStreamReference = usesStream ? update.reserve() : nil

        let start = document.source.count
        var output: [UInt8] = []
        if let last = try document.source.read(max(0, start - 1)..<start).last, last != 0x0A, last != 0x0D {
            output.append(0x0A)
        }
        var entries: [Int: PDFXrefEntry] = [:]
        if complete {
            for (number, entry) in document.xrefTable where entry.isInUse { entries[number] = entry }
        }
        var bodyOffsets: [PDFObjectReference: Int] = [:]
        for reference in update.order {
            guard let body = update.bodies[reference] else { continue }
            entries[reference.number] = .inUse(offset: start + output.count, generation: reference.generation)
            output += Array("\(reference.number) \(reference.generation) obj\n".utf8)
            bodyOffsets[reference] = start + output.count
            try write(body, reference: reference, crypt: document.crypt, into: &output)
            output += Array("\nendobj\n".utf8)
        }

        let trailer = try trailerDictionary(for: update, complete: complete)
        let xrefOffset = start + output.count
        if let xrefStreamReference {
            entries[xrefStreamReference.number] = .inUse(offset: xrefOffset, generation: 0)
            try PDFXrefSectionWriter.writeStream(
                entries: entries, complete: complete, trailer: trailer, reference: xrefStreamReference, into: &output)
        } else {
            try PDFXrefSectionWriter.writeTable(entries: entries, complete: complete, trailer: trailer, into: &output)
        }
        output += Array("startxref\n\(xrefOffset)\n%%EOF\n".utf8)
        return PDFSerializedUpdate(
            bytes: output, startOffset: start, bodyOffsets: bodyOffsets, xrefKind: usesStream ? .stream : .table)
    }

    /// Earlier signatures are judged against the revision chain, so a signed file keeps /Prev
    /// even when its chain is irregular.
    static func hasSignatures(_ document: PDFDocument) -> Bool {
        ((try? document.formFields()) ?? []).contains(where: \.isSigned)
    }

    /// Writes `body`; in an encrypted document its strings and stream data are encrypted for
    /// `reference` (ISO 32000-2 §7.6.2–7.6.3). Raw bodies are written as given: their writer
    /// encrypts what needs it (the signature dictionary, whose /Contents stays in clear).
    static func write(_ body: PDFIncrementalUpdate.Body, reference: PDFObjectReference, crypt: PDFCrypt?, into output: inout [UInt8]) throws {
        switch body {
        case .object(let object):
            try PDFObjectSerializer.write(try crypt?.encryptStrings(in: object, reference: reference) ?? object, into: &output)
        case .raw(let bytes):
            output += bytes
        case .stream(var dictionary, var data):
            if let crypt {
                let filters = (try? PDFFilterPipeline.filterChain(of: dictionary)) ?? []
                let (method, _) = try crypt.streamMethod(for: dictionary, filters: filters)
                data = try crypt.encrypt(data, method: method, reference: reference)
                dictionary = try crypt.encryptStrings(in: .dictionary(dictionary), reference: reference).dictionaryValue ?? dictionary
            }
            dictionary["Length"] = .integer(Int64(data.count))
            try PDFObjectSerializer.writeDictionary(dictionary, into: &output)
            output += Array("\nstream\n".utf8)
            output += data
            output += Array("\nendstream".utf8)
        }
    }

    /// /Size, /Root, /Info, /ID (first element kept, second new) and, for an update, /Prev.
    /// An encrypted document keeps /Encrypt and its whole /ID: the file key depends on them.
    static func trailerDictionary(for update: PDFIncrementalUpdate, complete: Bool) throws -> PDFDictionary {
        let document = update.document
        var trailer = PDFDictionary()
        trailer["Size"] = .integer(Int64(update.size))
        trailer["Root"] = document.trailer["Root"]
        if let info = document.trailer["Info"], info.referenceValue != nil { trailer["Info"] = info }
        var generator = SystemRandomNumberGenerator()
        let fresh = PDFObject.string(PDFString(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }, format: .hex))
        let original = (try? document.resolve(document.trailer["ID"] ?? .null))?.arrayValue?.first
        if case .string? = original { trailer["ID"] = .array([original!, fresh]) } else { trailer["ID"] = .array([fresh, fresh]) }
        if document.isEncrypted, let encrypt = document.trailer["Encrypt"] {
            // The file key hashes /ID's first element: a file without /ID must not get one.
            trailer["Encrypt"] = encrypt
            let id = try? document.resolve(document.trailer["ID"] ?? .null)
            trailer["ID"] = id?.arrayValue != nil ? id : nil
        }
        if !complete, let last = document.revisions.last {
            trailer["Prev"] = .integer(Int64(last.xrefOffset))
        }
        return trailer
    }
}
