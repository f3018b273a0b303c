import CMSCore
import Foundation

/// A PDF laid out with an empty signature: the state between the two phases of deferred
/// signing (ISO 32000-2 §12.8.1).
///
/// The prepared file already has its final length; only the /Contents hex string is still
/// zeros. ``documentDigest`` is what the CMS signature's message-digest attribute must hold.
/// The value is `Codable`, so a server can keep it while a phone or a remote signing service
/// produces the signature, then call `embed(_:intoFileAt:)` with the DER or the `CMSSignature`.
public struct PreparedPDFSignature: Sendable, Hashable, Codable {
    /// /ByteRange: `[0, contentsStart, contentsEnd, length − contentsEnd]`.
    public let byteRange: [Int]
    /// Bytes available for the DER CMS object.
    public let contentsCapacity: Int
    /// The name of the digest algorithm (`sha256`, …) used for ``documentDigest``.
    public let digestAlgorithmName: String
    /// The digest of the byte ranges.
    public let documentDigest: [UInt8]
    /// The signature's /SubFilter.
    public let subFilter: PDFSignatureSubFilter

    /// The digest algorithm of ``documentDigest``.
    public var digestAlgorithm: DigestAlgorithm {
        get throws {
            guard let algorithm = DigestAlgorithm(name: digestAlgorithmName) else {
                throw PDFError(.invalidArgument, "unknown digest algorithm \(digestAlgorithmName)")
            }
            return algorithm
        }
    }

    /// A /Contents capacity for `bytes` of CMS: rounded up to whole KiB, with `margin` to spare.
    static func capacity(for bytes: Int, margin: Int = 0) -> Int {
        (bytes + margin + 1_023) / 1_024 * 1_024
    }

    /// The offset of the `<` opening /Contents.
    public var contentsOffset: Int { byteRange[1] }
    /// The length of the prepared file.
    public var fileLength: Int { byteRange[2] + byteRange[3] }

    init(byteRange: [Int], contentsCapacity: Int, digestAlgorithm: DigestAlgorithm, documentDigest: [UInt8], subFilter: PDFSignatureSubFilter) {
        self.byteRange = byteRange
        self.contentsCapacity = contentsCapacity
        self.digestAlgorithmName = digestAlgorithm.description
        self.documentDigest = documentDigest
        self.subFilter = subFilter
    }

    /// Writes `cms` (DER) into the prepared bytes.
    ///
    /// - Throws: ``PDFError/Code/signatureTooLarge`` when it does not fit;
    ///   ``PDFError/Code/invalidArgument`` when `bytes` are not the prepared file.
    public func embed(_ cms: [UInt8], into bytes: inout [UInt8]) throws {
        let hex = try hexContents(cms)
        guard bytes.count == fileLength else {
            throw PDFError(.invalidArgument, "the prepared file has \(fileLength) bytes, got \(bytes.count)")
        }
        try checkPlaceholder(bytes[contentsOffset..<contentsOffset + hex.count + 2])
        bytes.replaceSubrange(contentsOffset + 1..<contentsOffset + 1 + hex.count, with: hex)
    }

    /// Writes `cms` (DER) into the prepared file at `path`, in place.
    public func embed(_ cms: [UInt8], intoFileAt path: String) throws {
        let hex = try hexContents(cms)
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw PDFError(.ioFailure, "cannot open \(path) for updating")
        }
        defer { try? handle.close() }
        do {
            let length = try handle.seekToEnd()
            guard length == UInt64(fileLength) else {
                throw PDFError(.invalidArgument, "the prepared file has \(fileLength) bytes, \(path) has \(length)")
            }
            try handle.seek(toOffset: UInt64(contentsOffset))
            let placeholder = try handle.read(upToCount: hex.count + 2) ?? Data()
            try checkPlaceholder(Array(placeholder)[...])
            try handle.seek(toOffset: UInt64(contentsOffset + 1))
            try handle.write(contentsOf: hex)
            try handle.synchronize()
        } catch let error as PDFError {
            throw error
        } catch {
            throw PDFError(.ioFailure, "writing the signature into \(path) failed: \(error)")
        }
    }

    /// Writes the DER of `signature` into the prepared bytes.
    public func embed(_ signature: CMSSignature, into bytes: inout [UInt8]) throws {
        try embed(try signature.derEncoded(), into: &bytes)
    }

    /// Writes the DER of `signature` into the prepared file at `path`.
    public func embed(_ signature: CMSSignature, intoFileAt path: String) throws {
        try embed(try signature.derEncoded(), intoFileAt: path)
    }

    private func hexContents(_ cms: [UInt8]) throws -> [UInt8] {
        guard cms.count <= contentsCapacity else {
            throw PDFError(.signatureTooLarge, "the signature has \(cms.count) bytes; /Contents has room for \(contentsCapacity)")
        }
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * contentsCapacity)
        PDFHexDigits.append(cms, to: &hex)
        hex += Array(repeating: UInt8(ascii: "0"), count: 2 * (contentsCapacity - cms.count))
        return hex
    }

    /// The placeholder must still be `<00…0>`: a file signed twice or not the prepared one is refused.
    private func checkPlaceholder(_ bytes: ArraySlice<UInt8>) throws {
        let digits = bytes.dropFirst().dropLast()
        guard bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">"), digits.count == 2 * contentsCapacity,
              digits.allSatisfy({ $0 == UInt8(ascii: "0") })
        else {
            throw PDFError(.invalidArgument, "the file has no empty /Contents placeholder at offset \(contentsOffset): not the prepared file, or already signed")
        }
    }
}
