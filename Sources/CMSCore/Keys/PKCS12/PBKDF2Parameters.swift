import SwiftASN1

/// `PBKDF2-params` (RFC 8018 Appendix A.2).
///
/// ```
/// PBKDF2-params ::= SEQUENCE {
///   salt CHOICE {
///     specified OCTET STRING,
///     otherSource AlgorithmIdentifier {{PBKDF2-SaltSources}} },
///   iterationCount INTEGER (1..MAX),
///   keyLength INTEGER (1..MAX) OPTIONAL,
///   prf AlgorithmIdentifier {{PBKDF2-PRFs}} DEFAULT algid-hmacWithSHA1 }
/// ```
/// Only the `specified` salt is supported (`otherSource` is reserved by the RFC).
package struct PBKDF2Parameters: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    /// `algid-hmacWithSHA1`, the DEFAULT of `prf`.
    package static let defaultPRF = CMSAlgorithmIdentifier(
        algorithm: PKCS12ObjectIdentifier.HMAC.hmacWithSHA1, parameters: CMSAlgorithmIdentifier.nullParameters)

    package var salt: ArraySlice<UInt8>
    package var iterationCount: Int
    package var keyLength: Int?
    package var prf: CMSAlgorithmIdentifier

    package init(salt: ArraySlice<UInt8>, iterationCount: Int, keyLength: Int? = nil, prf: CMSAlgorithmIdentifier = Self.defaultPRF) {
        self.salt = salt
        self.iterationCount = iterationCount
        self.keyLength = keyLength
        self.prf = prf
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            guard let saltNode = nodes.next() else {
                throw ASN1Error.invalidASN1Object(reason: "PBKDF2-params without a salt")
            }
            guard saltNode.identifier == .octetString else {
                throw CMSError(.unsupportedAlgorithm, "PKCS#12: PBKDF2 salt from another source (otherSource) is not supported")
            }
            let salt = try ASN1OctetString(berEncoded: saltNode).bytes
            let iterations = try Int(berEncoded: &nodes)
            var next = nodes.next()
            var keyLength: Int?
            if let node = next, node.identifier == .integer {
                keyLength = try Int(berEncoded: node)
                next = nodes.next()
            }
            let prf = try next.map { try CMSAlgorithmIdentifier(berEncoded: $0) } ?? Self.defaultPRF
            return PBKDF2Parameters(salt: salt, iterationCount: iterations, keyLength: keyLength, prf: prf)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(ASN1OctetString(contentBytes: salt))
            try coder.serialize(iterationCount)
            if let keyLength { try coder.serialize(keyLength) }
            if prf.algorithm != PKCS12ObjectIdentifier.HMAC.hmacWithSHA1 { try coder.serialize(prf) }
        }
    }
}
