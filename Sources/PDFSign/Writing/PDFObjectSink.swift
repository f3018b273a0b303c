/// Receives the new indirect objects of an incremental update and numbers them.
///
/// The appearance builder (fonts, images, form XObjects) and the signer write through this
/// protocol, so that they need not know how the update is laid out in the file.
package protocol PDFObjectSink: AnyObject {
    /// Adds `object` (not a stream) as a new indirect object and returns its reference.
    func add(_ object: PDFObject) -> PDFObjectReference
    /// Adds a stream with `dictionary` and the already-encoded `data`; /Length is set by the sink.
    func addStream(_ dictionary: PDFDictionary, data: [UInt8]) -> PDFObjectReference
}
