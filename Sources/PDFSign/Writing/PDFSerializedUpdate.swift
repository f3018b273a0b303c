/// An incremental update laid out as bytes, ready to be appended to the original file.
package struct PDFSerializedUpdate: Sendable {
    /// The bytes to append; they start at ``startOffset`` in the updated file.
    package var bytes: [UInt8]
    /// The length of the original file (where ``bytes`` begin).
    package let startOffset: Int
    /// The absolute offset of each written object's body (just after `n g obj\n`).
    package let bodyOffsets: [PDFObjectReference: Int]
    /// The kind of cross-reference section written.
    package let xrefKind: PDFXrefKind

    /// The length of the updated file.
    package var totalLength: Int { startOffset + bytes.count }
}
