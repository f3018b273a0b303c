import Crypto
import Foundation
import SwiftASN1
import X509

/// An in-process revocation authority for one CA: an OCSP responder (RFC 6960) and a CRL
/// issuer (RFC 5280), signing with the CA's key or, for OCSP, a delegated responder's.
///
/// It serves as a ``RevocationDataSource``, so ``RevocationChecker`` and
/// ``CMSSignatureVerifier`` can ask it directly (`.online(authority)`), and its responses
/// and CRLs can be collected for offline use (``RevocationData``). It makes revocation
/// testable without a network or an external PKI, and gives the sandbox
/// (``SandboxPKI/revocationAuthority(revocations:configuration:)``) revocation data.
///
/// - OCSP responses: successful BasicOCSPResponses with SHA-1 CertIDs (or the request's),
///   the responder named by key hash or name, good / revoked (time, reason) / unknown for
///   certificates of other issuers, producedAt, thisUpdate, nextUpdate, and the responder
///   certificate when delegated.
/// - CRLs: v2, complete and direct, with cRLNumber and authorityKeyIdentifier extensions,
///   each entry with its revocationDate and reasonCode.
///
/// Revocations can be added at any time (``revoke(serialNumber:at:reason:)``); copies of an
/// authority share them. A revocation dated after the ``Configuration/clock`` is not
/// published until the clock reaches it. Times are written in whole seconds.
///
/// - Warning: This is for tests, demos and offline development. It keeps no audit log and
///   serves whatever it is asked about.
public struct LocalRevocationAuthority: RevocationDataSource {
    /// The CA whose certificates this authority reports on.
    public let issuer: Certificate
    /// The delegated OCSP responder, if OCSP responses are not signed by the CA itself.
    public let responder: DelegatedResponder?
    /// Validity windows, responder ID form, signature algorithm and clock.
    public let configuration: Configuration
    let issuerKey: any SigningKeyProvider
    let state: RevocationAuthorityState

    /// An authority for `issuer`.
    ///
    /// - Parameters:
    ///   - issuer: the CA certificate.
    ///   - issuerKey: the CA's key; it signs the CRLs, and the OCSP responses unless `responder` is given.
    ///   - responder: a delegated OCSP responder.
    ///   - revocations: the certificates revoked so far.
    ///   - configuration: validity windows, responder ID form, algorithm and clock.
    /// - Throws: ``CMSError`` with ``CMSError/Code/unsupportedAlgorithm`` when a key type cannot
    ///   sign, or ``CMSError/Code/invalidCertificate`` when the responder certificate was not
    ///   issued by `issuer` or lacks id-kp-OCSPSigning.
    public init(issuer: Certificate, issuerKey: any SigningKeyProvider, responder: DelegatedResponder? = nil,
                revocations: [Revocation] = [], configuration: Configuration = Configuration()) throws {
        _ = try Self.signatureAlgorithm(for: issuer, configuration: configuration)
        if let responder {
            _ = try Self.signatureAlgorithm(for: responder.certificate, configuration: configuration)
            if responder.isChecked {
                guard issuer.issued(responder.certificate) else {
                    throw CMSError(.invalidCertificate, "the OCSP responder certificate \(responder.certificate.subject) was not issued by \(issuer.subject)")
                }
                guard responder.certificate.hasOCSPSigningUsage else {
                    throw CMSError(.invalidCertificate, "the OCSP responder certificate \(responder.certificate.subject) lacks extended key usage id-kp-OCSPSigning")
                }
            }
        }
        self.issuer = issuer
        self.issuerKey = issuerKey
        self.responder = responder
        self.configuration = configuration
        self.state = RevocationAuthorityState(revocations: revocations)
    }

    // MARK: Revocations

    /// Revokes the certificate with `serialNumber` at `time` (replacing an earlier revocation of it).
    public func revoke(serialNumber: Certificate.SerialNumber, at time: Date, reason: Reason? = nil) {
        state.add(Revocation(serialNumber: serialNumber, revocationTime: time, reason: reason))
    }

    /// Revokes `certificate` at `time`.
    public func revoke(_ certificate: Certificate, at time: Date, reason: Reason? = nil) {
        revoke(serialNumber: certificate.serialNumber, at: time, reason: reason)
    }

    /// All revocations, including those dated after the clock.
    public var revocations: [Revocation] { state.all }

    // MARK: OCSP

    /// A signed DER `OCSPResponse` for `certificate`: good, revoked, or unknown when
    /// `issuer` is not this authority's CA or did not issue `certificate`.
    public func ocspResponse(for certificate: Certificate, issuer: Certificate) async throws -> [UInt8]? {
        let certID = try OCSPCertID(certificate: certificate, issuer: issuer)
        let ours = certificate.issuer == self.issuer.subject
        return try await signedResponse(for: [certID], extensions: [], issuedHere: { _ in ours })
    }

    /// The answer to a DER `OCSPRequest`: a signed response with one SingleResponse per
    /// requested CertID (echoing each CertID and the nonce extension), or an unsigned
    /// `malformedRequest` response when the request cannot be read, or `internalError`
    /// when signing fails.
    public func respond(toRequest der: [UInt8]) async -> [UInt8] {
        let request: OCSPRequest
        do {
            request = try OCSPRequest(derBytes: der)
        } catch {
            return Self.unsuccessfulResponse(status: 1)
        }
        guard !request.certIDs.isEmpty, request.certIDs.count <= RevocationLimits.maxSingleResponses else {
            return Self.unsuccessfulResponse(status: 1)
        }
        let nonce = request.requestExtensions.filter { $0.oid == RevocationOID.ocspNonce }.prefix(1)
        do {
            return try await signedResponse(for: request.certIDs, extensions: Array(nonce), issuedHere: { _ in true })
        } catch {
            return Self.unsuccessfulResponse(status: 2)
        }
    }

    /// An `OCSPResponse` without responseBytes: 1 malformedRequest, 2 internalError, 3 tryLater, …
    static func unsuccessfulResponse(status: Int) -> [UInt8] {
        var coder = DER.Serializer()
        try? coder.serialize(OCSPResponse(responseStatus: status, basicResponse: nil))
        return coder.serializedBytes
    }

    /// Whether `certID` names this authority's CA (by name and key hash, in its own hash).
    func namesIssuer(_ certID: OCSPCertID) -> Bool {
        guard certID.hashAlgorithm.hasAbsentOrNullParameters, let digest = DigestAlgorithm(oid: certID.hashAlgorithm.algorithm),
              let nameDER = try? issuer.subjectNameDER
        else { return false }
        return certID.issuerNameHash.elementsEqual(digest.hash(nameDER))
            && certID.issuerKeyHash.elementsEqual(digest.hash(issuer.subjectPublicKeyBytes))
    }

    func signedResponse(for certIDs: [OCSPCertID], extensions: [RevocationExtension],
                        issuedHere: (OCSPCertID) -> Bool) async throws -> [UInt8] {
        let now = configuration.clock()
        let thisUpdate = now.addingTimeInterval(configuration.ocspValidity.thisUpdateOffset.timeInterval)
        let nextUpdate = configuration.ocspValidity.nextUpdateOffset.map { now.addingTimeInterval($0.timeInterval) }
        let singles = certIDs.map { certID -> OCSPSingleResponse in
            let status: OCSPSingleResponse.CertStatus
            if !namesIssuer(certID) || !issuedHere(certID) {
                status = .unknown
            } else if let revocation = state.revocation(of: certID.serialNumber, at: now) {
                status = .revoked(time: revocation.revocationTime, reason: revocation.reason?.rawValue)
            } else {
                status = .good
            }
            return OCSPSingleResponse(certID: certID, certStatus: status, thisUpdate: thisUpdate, nextUpdate: nextUpdate)
        }
        let signerCertificate = responder?.certificate ?? issuer
        let data = OCSPResponseData(version: 0,
                                    responderID: OCSPResponderID(certificate: signerCertificate, byKey: configuration.responderID == .byKey),
                                    producedAt: now, responses: singles, responseExtensions: extensions)
        let tbs = try data.derEncoded
        let (algorithm, signature) = try await sign(tbs, certificate: signerCertificate, key: responder?.key ?? issuerKey)
        let basic = OCSPBasicResponse(responseData: data, tbsResponseDataBytes: tbs[...], signatureAlgorithm: algorithm,
                                      signature: signature[...], certs: responder.map { [$0.certificate] } ?? [])
        var coder = DER.Serializer()
        try coder.serialize(OCSPResponse(responseStatus: 0, basicResponse: basic))
        return coder.serializedBytes
    }

    // MARK: CRL

    /// The current CRL when `certificate` names this authority's CA as its issuer; empty otherwise.
    public func crls(for certificate: Certificate, issuer: Certificate) async throws -> [[UInt8]] {
        guard certificate.issuer == self.issuer.subject else { return [] }
        return [try await currentCRL()]
    }

    /// A freshly signed DER v2 CRL listing the revocations published at the clock's time,
    /// with the next cRLNumber.
    public func currentCRL() async throws -> [UInt8] {
        let now = configuration.clock()
        let algorithm = try Self.signatureAlgorithm(for: issuer, configuration: configuration)
        var entries: [CRLRevokedCertificate] = []
        for revocation in state.all where revocation.revocationTime <= now {
            var extensions: [RevocationExtension] = []
            if let reason = revocation.reason {
                extensions.append(RevocationExtension(oid: RevocationOID.reasonCode, value: try CRLReason.extensionValue(reason.rawValue)))
            }
            entries.append(CRLRevokedCertificate(serialNumber: revocation.serialNumber.bytes,
                                                 revocationDate: revocation.revocationTime, extensions: extensions))
        }
        var crlExtensions: [RevocationExtension] = []
        if let keyID = try? issuer.extensions.subjectKeyIdentifier?.keyIdentifier {
            // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING, … }
            var coder = DER.Serializer()
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try ASN1OctetString(contentBytes: keyID).serialize(
                    into: &coder, withIdentifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
            }
            crlExtensions.append(RevocationExtension(oid: RevocationOID.authorityKeyIdentifier, value: coder.serializedBytes[...]))
        }
        var numberCoder = DER.Serializer()
        try numberCoder.serialize(state.nextCRLNumber())
        crlExtensions.append(RevocationExtension(oid: RevocationOID.crlNumber, value: numberCoder.serializedBytes[...]))

        let tbs = CRLTBSCertList(
            version: 1, signature: try algorithm.x509Identifier, issuer: issuer.subject,
            thisUpdate: now.addingTimeInterval(configuration.crlValidity.thisUpdateOffset.timeInterval),
            nextUpdate: configuration.crlValidity.nextUpdateOffset.map { now.addingTimeInterval($0.timeInterval) },
            revokedCertificates: entries, crlExtensions: crlExtensions)
        let tbsBytes = try tbs.derEncoded
        let (identifier, signature) = try await sign(tbsBytes, certificate: issuer, key: issuerKey)
        let crl = CRLCertificateList(tbsCertList: tbs, tbsCertListBytes: tbsBytes[...], signatureAlgorithm: identifier,
                                     signature: signature[...])
        var coder = DER.Serializer()
        try coder.serialize(crl)
        return coder.serializedBytes
    }

    // MARK: Convenience

    /// An OCSP response and the current CRL for `certificate`, to be checked offline
    /// (``RevocationPolicy/offline(_:preference:)``) or embedded for long-term validation.
    public func revocationData(for certificate: Certificate) async throws -> RevocationData {
        RevocationData(ocspResponses: try await ocspResponse(for: certificate, issuer: issuer).map { [$0] } ?? [],
                       crls: try await crls(for: certificate, issuer: issuer))
    }

    // MARK: Signing

    static func signatureAlgorithm(for certificate: Certificate, configuration: Configuration) throws -> SignatureAlgorithm {
        if Curve25519.Signing.PublicKey(certificate.publicKey) != nil { return .ed25519 }
        return try CAdESSigner.signatureAlgorithm(for: certificate.publicKey, digest: configuration.digest,
                                                  pss: configuration.usesRSAPSS)
    }

    /// Signs `message` with `key`, whose certificate is `certificate`, and checks the signature.
    func sign(_ message: [UInt8], certificate: Certificate, key: any SigningKeyProvider) async throws
        -> (CMSAlgorithmIdentifier, [UInt8]) {
        let algorithm = try Self.signatureAlgorithm(for: certificate, configuration: configuration)
        let signature: [UInt8]
        do {
            signature = try await key.sign(SignatureRequest(message: message, algorithm: algorithm))
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(.signingFailed, "the key provider failed: \(error)")
        }
        guard try PublicKeySignatureVerifier.isValid(signature: signature, message: message, algorithm: algorithm,
                                                     publicKey: certificate.publicKey) else {
            throw CMSError(.signingFailed, "the key does not match certificate \(certificate.subject)")
        }
        return (try algorithm.x509Identifier, signature)
    }
}
