import SwiftASN1

/// `PKIFailureInfo` (RFC 3161 §2.4.2): why a TSA rejected a request, as named bits.
///
/// ```
/// PKIFailureInfo ::= BIT STRING {
///     badAlg               (0),
///     badRequest           (2),
///     badDataFormat        (5),
///     timeNotAvailable    (14),
///     unacceptedPolicy    (15),
///     unacceptedExtension (16),
///     addInfoNotAvailable (17),
///     systemFailure       (25)  }
/// ```
/// Bit `n` is stored as `1 << n` in ``rawValue``.
public struct PKIFailureInfo: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The bits, bit `n` as `1 << n`.
    public let rawValue: UInt32
    /// Creates a set from its bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Unrecognized or unsupported algorithm identifier.
    public static let badAlg = PKIFailureInfo(rawValue: 1 << 0)
    /// Transaction not permitted or supported.
    public static let badRequest = PKIFailureInfo(rawValue: 1 << 2)
    /// The data submitted has the wrong format.
    public static let badDataFormat = PKIFailureInfo(rawValue: 1 << 5)
    /// The TSA's time source is not available.
    public static let timeNotAvailable = PKIFailureInfo(rawValue: 1 << 14)
    /// The requested TSA policy is not supported by the TSA.
    public static let unacceptedPolicy = PKIFailureInfo(rawValue: 1 << 15)
    /// The requested extension is not supported by the TSA.
    public static let unacceptedExtension = PKIFailureInfo(rawValue: 1 << 16)
    /// The additional information requested could not be understood or is not available.
    public static let addInfoNotAvailable = PKIFailureInfo(rawValue: 1 << 17)
    /// The request cannot be handled due to system failure.
    public static let systemFailure = PKIFailureInfo(rawValue: 1 << 25)

    static let named: [(PKIFailureInfo, String)] = [
        (.badAlg, "badAlg"), (.badRequest, "badRequest"), (.badDataFormat, "badDataFormat"),
        (.timeNotAvailable, "timeNotAvailable"), (.unacceptedPolicy, "unacceptedPolicy"),
        (.unacceptedExtension, "unacceptedExtension"), (.addInfoNotAvailable, "addInfoNotAvailable"),
        (.systemFailure, "systemFailure"),
    ]

    /// The names of the bits set (unnamed bits as `bitN`).
    public var names: [String] {
        (0..<32).compactMap { bit -> String? in
            let flag = PKIFailureInfo(rawValue: 1 << UInt32(bit))
            guard contains(flag) else { return nil }
            return Self.named.first(where: { $0.0 == flag })?.1 ?? "bit\(bit)"
        }
    }

    public var description: String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    /// Reads the named bits of a BIT STRING (bit 0 is the most significant bit of the first byte).
    init(bitString: ASN1BitString) {
        var value: UInt32 = 0
        for (byteIndex, byte) in bitString.bytes.enumerated() where byteIndex < 4 {
            for bitInByte in 0..<8 where byte & (0x80 >> bitInByte) != 0 {
                value |= 1 << UInt32(byteIndex * 8 + bitInByte)
            }
        }
        self.init(rawValue: value)
    }

    /// The DER BIT STRING: a named bit list, so trailing zero bits are removed (X.690 §11.2.2).
    var bitString: ASN1BitString {
        guard let highest = (0..<32).last(where: { rawValue & (1 << UInt32($0)) != 0 }) else {
            return ASN1BitString(bytes: [], paddingBits: 0)
        }
        let bitCount = highest + 1
        var bytes = [UInt8](repeating: 0, count: (bitCount + 7) / 8)
        for bit in 0..<bitCount where rawValue & (1 << UInt32(bit)) != 0 {
            bytes[bit / 8] |= 0x80 >> UInt8(bit % 8)
        }
        return ASN1BitString(bytes: bytes[...], paddingBits: bytes.count * 8 - bitCount)
    }
}
