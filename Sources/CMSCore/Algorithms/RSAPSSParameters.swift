import SwiftASN1

/// `RSASSA-PSS-params` (RFC 4055 §3.1).
///
/// ```
/// RSASSA-PSS-params  ::=  SEQUENCE  {
///     hashAlgorithm      [0] HashAlgorithm DEFAULT sha1Identifier,
///     maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
///     saltLength         [2] INTEGER DEFAULT 20,
///     trailerField       [3] INTEGER DEFAULT 1  }
/// ```
struct RSAPSSParameters: DERImplicitlyTaggable, Hashable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var hashAlgorithm: DigestAlgorithm
    var mgfHashAlgorithm: DigestAlgorithm
    var saltLength: Int
    var trailerField: Int

    init(digest: DigestAlgorithm) {
        hashAlgorithm = digest
        mgfHashAlgorithm = digest
        saltLength = digest.outputByteCount
        trailerField = 1
    }

    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            var params = RSAPSSParameters(digest: .sha1)
            params.saltLength = 20
            if let hash = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific, { try CMSAlgorithmIdentifier(derEncoded: $0) }) {
                params.hashAlgorithm = try Self.digest(hash)
            }
            if let mgf = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific, { try CMSAlgorithmIdentifier(derEncoded: $0) }) {
                guard mgf.algorithm == CMSObjectIdentifier.Signature.mgf1, let inner = mgf.parameters else {
                    throw CMSError(.unsupportedAlgorithm, "RSASSA-PSS mask generation \(mgf.algorithm) is not MGF1")
                }
                params.mgfHashAlgorithm = try Self.digest(CMSAlgorithmIdentifier(derEncoded: inner.serializedBytes))
            }
            if let salt = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 2, tagClass: .contextSpecific, { try Int(derEncoded: $0) }) {
                params.saltLength = salt
            }
            if let trailer = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 3, tagClass: .contextSpecific, { try Int(derEncoded: $0) }) {
                params.trailerField = trailer
            }
            return params
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        let hash = CMSAlgorithmIdentifier(algorithm: hashAlgorithm.oid, parameters: CMSAlgorithmIdentifier.nullParameters)
        let mgfHash = CMSAlgorithmIdentifier(algorithm: mgfHashAlgorithm.oid, parameters: CMSAlgorithmIdentifier.nullParameters)
        let mgf = CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.mgf1, parameters: try ASN1Any(erasing: mgfHash))
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(hash, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            try coder.serialize(mgf, explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific)
            try coder.serialize(saltLength, explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific)
            // trailerField 1 is the DEFAULT and so omitted in DER.
        }
    }

    private static func digest(_ identifier: CMSAlgorithmIdentifier) throws -> DigestAlgorithm {
        guard let digest = DigestAlgorithm(oid: identifier.algorithm) else {
            throw CMSError(.unsupportedAlgorithm, "the hash algorithm \(AlgorithmNames.name(of: identifier.algorithm)) of the RSASSA-PSS parameters is not supported")
        }
        return digest
    }
}
