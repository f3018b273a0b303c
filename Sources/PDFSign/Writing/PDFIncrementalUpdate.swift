/// The objects of one incremental update (ISO 32000-2 §7.5.6), before they are written.
///
/// New objects get numbers from the document's /Size upwards; changed objects keep their
/// number and generation. ``PDFUpdateWriter`` lays the update out after the original bytes,
/// which never change.
package final class PDFIncrementalUpdate: PDFObjectSink {
    /// The body of one object of the update.
    package enum Body {
        /// A non-stream object.
        case object(PDFObject)
        /// A stream: dictionary (without /Length) and encoded data.
        case stream(PDFDictionary, [UInt8])
        /// Bytes written verbatim between `n g obj` and `endobj` (the signature dictionary,
        /// whose placeholders are patched later).
        case raw([UInt8])
    }

    /// The document being updated.
    package let document: PDFDocument
    private(set) var bodies: [PDFObjectReference: Body] = [:]
    private(set) var order: [PDFObjectReference] = []
    private(set) var nextNumber: Int

    /// An empty update of `document`.
    package init(document: PDFDocument) {
        self.document = document
        let highest = document.xrefTable.keys.max() ?? 0
        nextNumber = max(document.trailer.integer("Size") ?? 0, highest + 1, 1)
    }

    /// A fresh object number, to be filled with ``set(_:_:)``.
    package func reserve() -> PDFObjectReference {
        defer { nextNumber += 1 }
        return PDFObjectReference(nextNumber, 0)
    }

    /// Writes (or rewrites) the object `reference`.
    package func set(_ reference: PDFObjectReference, _ body: Body) {
        if bodies.updateValue(body, forKey: reference) == nil { order.append(reference) }
    }

    /// Whether the update writes `reference`.
    package func contains(_ reference: PDFObjectReference) -> Bool { bodies[reference] != nil }

    /// The object as this update will leave it: the update's version, else the document's.
    package func current(_ reference: PDFObjectReference) throws -> PDFObject {
        switch bodies[reference] {
        case .object(let object)?: return object
        case .stream(let dictionary, _)?: return .dictionary(dictionary)
        case .raw?, nil: return try document.object(for: reference)
        }
    }

    /// `object` with references followed through this update and the document.
    package func resolve(_ object: PDFObject) throws -> PDFObject {
        var current = object
        var hops = 0
        while case .reference(let reference) = current {
            hops += 1
            guard hops <= 32 else { throw PDFError(.referenceCycle, "reference chain through \(reference) does not end") }
            current = try self.current(reference)
        }
        return current
    }

    package func add(_ object: PDFObject) -> PDFObjectReference {
        let reference = reserve()
        set(reference, .object(object))
        return reference
    }

    package func addStream(_ dictionary: PDFDictionary, data: [UInt8]) -> PDFObjectReference {
        let reference = reserve()
        set(reference, .stream(dictionary, data))
        return reference
    }

    /// The number the next new object would get: the trailer /Size after this update.
    package var size: Int { nextNumber }
}
