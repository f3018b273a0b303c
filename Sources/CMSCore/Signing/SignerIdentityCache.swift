import Foundation
import SwiftASN1
import X509

/// What a signer puts into every signature for the same certificate chain — the ESS
/// signing-certificate-v2 attribute and the embedded certificates' DER — worked out once and
/// reused while the chain stays the same.
struct SignerIdentity: Sendable {
    let chain: [Certificate]
    let digest: DigestAlgorithm
    let includesRoot: Bool
    let signingCertificateAttribute: CMSAttribute
    /// The certificates to embed: the signer's, its intermediates, and a root only if asked.
    let embeddedCertificates: [Certificate]
    let embeddedCertificatesDER: [ArraySlice<UInt8>]

    init(chain: [Certificate], digest: DigestAlgorithm, includesRoot: Bool) throws {
        self.chain = chain
        self.digest = digest
        self.includesRoot = includesRoot
        let essCertID = try ESSCertID(certificate: chain[0], digest: digest)
        let value = try ESSSigningCertificate(certs: [essCertID]).derEncoded
        signingCertificateAttribute = CMSAttribute(
            attrType: CMSObjectIdentifier.Attribute.signingCertificateV2, attrValues: [ASN1Any(derEncoded: try DER.parse(value))])
        embeddedCertificates = chain.enumerated().filter { index, certificate in
            index == 0 || includesRoot || !certificate.isSelfIssued
        }.map(\.element)
        embeddedCertificatesDER = try embeddedCertificates.map { try $0.derBytes[...] }
    }

    func fits(chain: [Certificate], digest: DigestAlgorithm, includesRoot: Bool) -> Bool {
        self.digest == digest && self.includesRoot == includesRoot && self.chain == chain
    }
}

/// Holds the last ``SignerIdentity`` a ``CAdESSigner`` used.
///
/// `@unchecked Sendable`: the one mutable field is only touched under `lock`.
package final class SignerIdentityCache: @unchecked Sendable {
    private let lock = NSLock()
    private var last: SignerIdentity?

    package init() {}

    func identity(chain: [Certificate], digest: DigestAlgorithm, includesRoot: Bool) throws -> SignerIdentity {
        lock.lock()
        let cached = last
        lock.unlock()
        if let cached, cached.fits(chain: chain, digest: digest, includesRoot: includesRoot) { return cached }
        let fresh = try SignerIdentity(chain: chain, digest: digest, includesRoot: includesRoot)
        lock.lock()
        last = fresh
        lock.unlock()
        return fresh
    }
}
