/// An indirect object `n g obj … endobj` with where it came from.
public struct PDFIndirectObject: Hashable, Sendable {
    /// The object's number and generation.
    public let reference: PDFObjectReference
    /// The object's value (a stream for stream objects).
    public let object: PDFObject
    /// Where the object lies.
    public let location: PDFObjectLocation
    /// `false` when the `endobj` keyword was missing (tolerated).
    public let hasEndKeyword: Bool

    /// An indirect object.
    public init(reference: PDFObjectReference, object: PDFObject, location: PDFObjectLocation, hasEndKeyword: Bool = true) {
        self.reference = reference
        self.object = object
        self.location = location
        self.hasEndKeyword = hasEndKeyword
    }
}
