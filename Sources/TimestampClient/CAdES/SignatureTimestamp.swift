import CMSCore
import SwiftASN1

/// Upgrades a CAdES-B-B signature to CAdES-T (ETSI EN 319 122-1 §5.3): time-stamps the
/// SignerInfo's signature value and attaches the token as the unsigned attribute
/// id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14).
///
/// The imprint is the hash, with `tsa.preferredDigestAlgorithm`, of the signature value's
/// octets (the OCTET STRING contents, not its tag and length) — RFC 3161 Appendix A.
///
/// - Throws: `CMSError.Code.signerNotFound` for a bad index, or the authority's ``TimestampError``.
public func addingSignatureTimestamp(to signature: CMSSignature, signerIndex: Int = 0,
                                     using tsa: some TimestampAuthority) async throws -> CMSSignature {
    let signers = signature.signers
    guard signers.indices.contains(signerIndex) else {
        throw CMSError(.signerNotFound, "no signer at index \(signerIndex); there are \(signers.count)")
    }
    let algorithm = tsa.preferredDigestAlgorithm
    let token = try await tsa.timestamp(digest: algorithm.hash(signers[signerIndex].signatureValue), algorithm: algorithm)
    return try signature.addingUnsignedAttribute(type: CMSObjectIdentifier.Attribute.signatureTimeStampToken,
                                                 valueDER: token.derEncoded, signerIndex: signerIndex)
}

extension CMSSignature {
    /// Returns this signature upgraded to CAdES-T; see ``addingSignatureTimestamp(to:signerIndex:using:)``.
    public func addingSignatureTimestamp(signerIndex: Int = 0, using tsa: some TimestampAuthority) async throws -> CMSSignature {
        try await TimestampClient.addingSignatureTimestamp(to: self, signerIndex: signerIndex, using: tsa)
    }

    /// The signature time-stamp tokens attached to a signer (id-aa-signatureTimeStampToken).
    ///
    /// - Throws: ``TimestampError`` when an attribute value is not a token.
    public func signatureTimestamps(signerIndex: Int = 0) throws -> [TimestampToken] {
        let signers = self.signers
        guard signers.indices.contains(signerIndex) else { return [] }
        return try signers[signerIndex].unsignedAttributeValues(type: CMSObjectIdentifier.Attribute.signatureTimeStampToken)
            .map { try TimestampToken(derEncoded: $0) }
    }
}

extension TimestampVerifier {
    /// Verifies every signature time-stamp of a signer: each token must stamp the hash of the
    /// signer's signature value (with the token's imprint algorithm) and be a valid token.
    ///
    /// Returns one report per attribute value; an unparseable value gives a FORMAT_FAILURE report.
    public func verifySignatureTimestamps(of signature: CMSSignature, signerIndex: Int = 0) async -> [TimestampValidationReport] {
        let signers = signature.signers
        guard signers.indices.contains(signerIndex) else { return [] }
        let signatureValue = signers[signerIndex].signatureValue
        var reports: [TimestampValidationReport] = []
        for value in signers[signerIndex].unsignedAttributeValues(type: CMSObjectIdentifier.Attribute.signatureTimeStampToken) {
            reports.append(await verify(tokenOrResponse: value, data: signatureValue))
        }
        return reports
    }
}
