/// Plain DER writing for the records' large, repetitive parts: a million records each embed the
/// same multi-kilobyte token, and wrapping already-encoded children in a SEQUENCE header is a
/// single copy here (swift-asn1's serializer is used for the small parts).
enum DERBytes {
    /// The identifier and length octets of a definite-length element of `length` content bytes.
    static func header(tag: UInt8, length: Int) -> [UInt8] {
        if length < 0x80 { return [tag, UInt8(length)] }
        var lengthBytes: [UInt8] = []
        var remaining = length
        while remaining > 0 {
            lengthBytes.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [tag, 0x80 | UInt8(lengthBytes.count)] + lengthBytes
    }

    /// `tag` around the concatenation of `parts`.
    static func wrap(tag: UInt8, _ parts: [[UInt8]]) -> [UInt8] {
        let length = parts.reduce(0) { $0 + $1.count }
        var out = header(tag: tag, length: length)
        out.reserveCapacity(out.count + length)
        for part in parts { out.append(contentsOf: part) }
        return out
    }

    static let sequence: UInt8 = 0x30
    static let octetString: UInt8 = 0x04
    /// [2] IMPLICIT SEQUENCE OF (constructed, context-specific 2).
    static let reducedHashtree: UInt8 = 0xA2
}
