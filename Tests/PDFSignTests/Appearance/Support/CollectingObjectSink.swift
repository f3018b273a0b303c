@testable import PDFSign

/// A ``PDFObjectSink`` that keeps the objects and serializes them, for tests.
final class CollectingObjectSink: PDFObjectSink {
    private(set) var nextNumber: Int
    /// Object number → serialized `obj … endobj` body (without the header).
    private(set) var bodies: [(number: Int, bytes: [UInt8])] = []
    /// Object number → the object, or the stream dictionary.
    private(set) var objects: [Int: PDFObject] = [:]
    /// Object number → the stream's (encoded) data.
    private(set) var streamData: [Int: [UInt8]] = [:]

    init(firstNumber: Int) { nextNumber = firstNumber }

    func add(_ object: PDFObject) -> PDFObjectReference {
        let reference = PDFObjectReference(nextNumber)
        nextNumber += 1
        objects[reference.number] = object
        bodies.append((reference.number, try! PDFObjectSerializer.bytes(of: object)))
        return reference
    }

    func addStream(_ dictionary: PDFDictionary, data: [UInt8]) -> PDFObjectReference {
        var dictionary = dictionary
        dictionary["Length"] = .integer(Int64(data.count))
        let reference = PDFObjectReference(nextNumber)
        nextNumber += 1
        objects[reference.number] = .dictionary(dictionary)
        streamData[reference.number] = data
        let bytes = try! PDFObjectSerializer.bytes(of: .dictionary(dictionary)) + Array("\nstream\n".utf8) + data + Array("\nendstream".utf8)
        bodies.append((reference.number, bytes))
        return reference
    }

    /// The dictionary of object `reference` (or of the stream).
    func dictionary(_ reference: PDFObjectReference) -> PDFDictionary? { objects[reference.number]?.dictionaryValue }

    /// The decoded data of a Flate stream.
    func decodedStream(_ reference: PDFObjectReference) throws -> [UInt8] {
        try FlateDecoder.decode(streamData[reference.number] ?? [], limit: 1 << 26)
    }

    /// A one-page PDF (300×200 pt page) that draws the form XObject `form` at `origin`, after
    /// the page content `before`.
    static func onePagePDF(drawing makeForm: (CollectingObjectSink) throws -> PDFObjectReference, at origin: (x: Double, y: Double), before: String = "") throws -> [UInt8] {
        let sink = CollectingObjectSink(firstNumber: 5)
        let form = try makeForm(sink)
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        builder.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /XObject << /Fm1 \(form.number) 0 R >> >> /Contents 4 0 R >>")
        builder.stream(4, data: Array("\(before)q 1 0 0 1 \(origin.x) \(origin.y) cm /Fm1 Do Q".utf8))
        for (number, bytes) in sink.bodies {
            builder.offsets[number] = builder.bytes.count
            builder.append("\(number) 0 obj\n")
            builder.append(bytes)
            builder.append("\nendobj\n")
        }
        builder.classicXref(trailer: "/Size \(sink.nextNumber) /Root 1 0 R")
        return builder.bytes
    }
}
