import CMSCore
import Foundation
import SwiftASN1
import X509

/// An RFC 3161 time-stamp token: a CMS SignedData whose encapsulated content is a `TSTInfo`.
///
/// Parse one with ``init(derEncoded:)``; read its fields through the accessors; check it
/// with ``verify(digest:algorithm:nonce:policy:)`` or a ``TimestampVerifier``.
public struct TimestampToken: Hashable, Sendable {
    /// The token as a CMS signature.
    public let signature: CMSSignature
    /// The parsed `TSTInfo` (the wire type; read it through the accessors below).
    package let info: TSTInfo
    /// The token's `ContentInfo` exactly as received (or as produced).
    public let derEncoded: [UInt8]

    /// Parses a token (`ContentInfo` holding SignedData with id-ct-TSTInfo content).
    ///
    /// - Throws: ``TimestampError`` with ``TimestampError/Code/malformedResponse`` or
    ///   ``TimestampError/Code/unexpectedContentType``.
    public init(derEncoded bytes: [UInt8]) throws {
        let signature: CMSSignature
        do {
            signature = try CMSSignature(berEncoded: bytes)
        } catch let error as CMSError {
            throw TimestampError(.malformedResponse, "the time-stamp token is not a CMS SignedData: \(error.reason)")
        }
        try self.init(signature: signature, derEncoded: bytes)
    }

    /// Wraps a CMS signature that is a token.
    public init(signature: CMSSignature) throws {
        try self.init(signature: signature, derEncoded: signature.derEncoded())
    }

    private init(signature: CMSSignature, derEncoded: [UInt8]) throws {
        guard signature.contentType == CMSObjectIdentifier.ContentType.tstInfo else {
            throw TimestampError(.unexpectedContentType, "the token's eContentType is \(signature.contentType), not id-ct-TSTInfo")
        }
        guard let content = signature.encapsulatedContent else {
            throw TimestampError(.malformedResponse, "the token has no encapsulated TSTInfo")
        }
        do {
            self.info = try TSTInfo(derEncoded: content)
        } catch {
            throw TimestampError(.malformedResponse, "the token's TSTInfo cannot be parsed: \(error)")
        }
        self.signature = signature
        self.derEncoded = derEncoded
    }

    /// The time of the stamp.
    public var genTime: Date { info.genDate }
    /// The serial number (big-endian magnitude bytes).
    public var serialNumber: [UInt8] { info.serialNumber }
    /// The TSA policy.
    public var policy: ASN1ObjectIdentifier { info.policy }
    /// The imprint the TSA stamped.
    public var messageImprint: MessageImprint { info.messageImprint }
    /// The nonce echoed from the request (big-endian magnitude bytes).
    public var nonce: [UInt8]? { info.nonce }
    /// The accuracy of `genTime`.
    public var accuracy: TimestampAccuracy? { info.accuracy }
    /// Whether the TSA's tokens can be ordered by `genTime` alone (`ordering`).
    public var ordering: Bool { info.ordering }
    /// The exact `genTime` as encoded (fractional seconds included).
    public var encodedGenTime: GeneralizedTime { info.genTime }
    /// The serial number as hexadecimal text.
    public var serialNumberHex: String { IntegerBytes.hex(info.serialNumber) }

    /// The TSA's certificate, when the token carries it.
    public var tsaCertificate: Certificate? {
        guard let signer = signature.signers.first else { return nil }
        return signature.certificates.first(where: { signer.identifies($0) })
    }

    public static func == (lhs: TimestampToken, rhs: TimestampToken) -> Bool { lhs.derEncoded == rhs.derEncoded }
    public func hash(into hasher: inout Hasher) { hasher.combine(derEncoded) }
}
