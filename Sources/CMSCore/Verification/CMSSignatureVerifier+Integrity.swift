import Foundation

extension CMSSignatureVerifier {
    /// The SignerInfo's digest and signature algorithms; `nil` when they cannot be used (a
    /// format failure or an unsupported algorithm, both recorded).
    func readAlgorithms(of signer: CMSSignerInfo, _ report: inout CMSValidationReport) -> (digest: DigestAlgorithm, signature: SignatureAlgorithm)? {
        guard let digest = DigestAlgorithm(oid: signer.digestAlgorithm.algorithm) else {
            report.recordUnsupported("the digest algorithm \(AlgorithmNames.name(of: signer.digestAlgorithm.algorithm)) is not supported")
            return nil
        }
        report.digestAlgorithm = digest
        do {
            let algorithm = try SignatureAlgorithm(identifier: signer.signatureAlgorithm, digest: digest)
            report.signatureAlgorithm = algorithm
            if SignatureAlgorithm.isECDSAKeyIdentifier(signer.signatureAlgorithm.algorithm) {
                let detail = "signatureAlgorithm is \(AlgorithmNames.name(of: signer.signatureAlgorithm.algorithm)) instead of ecdsa-with-\(digest): read as \(algorithm)"
                report.notices.append(CMSValidationNotice(.keyIdentifierAsSignatureAlgorithm, detail))
                report.warn(.signatureAlgorithm, detail)
            }
            return (digest, algorithm)
        } catch let error as CMSError where error.code == .unsupportedAlgorithm {
            report.recordUnsupported(error.reason)
        } catch {
            report.record(.totalFailed, .formatFailure, .algorithms, "\(error)")
        }
        return nil
    }

    /// The signer's public key; `nil` when it cannot be used (recorded).
    func readKey(of certificate: RawCertificate, _ report: inout CMSValidationReport) -> VerificationKey? {
        do {
            return try VerificationKey(subjectPublicKeyInfo: certificate.subjectPublicKeyInfo)
        } catch let error as CMSError where error.code == .unsupportedAlgorithm {
            report.recordUnsupported(error.reason)
        } catch {
            report.record(.indeterminate, .noSigningCertificateFound, .signerCertificate, "the signer's public key cannot be read: \(error)")
        }
        return nil
    }

    /// The content's digest against the message-digest attribute, then the signature value
    /// over the received signed attributes — or, without signed attributes, over the content
    /// (RFC 5652 §5.4). Sets ``CMSValidationReport/integrity``; `false` when it is not verified.
    func checkIntegrity(
        _ signer: CMSSignerInfo, attributes: SignedAttributeValues?, algorithms: (digest: DigestAlgorithm, signature: SignatureAlgorithm),
        key: VerificationKey, content: SignedContent, encapsulated: [UInt8]?, _ report: inout CMSValidationReport
    ) -> Bool {
        let algorithm = algorithms.signature
        let digest: [UInt8]
        do {
            guard let value = try content.digest(with: algorithms.digest, encapsulated: encapsulated) else {
                report.record(.indeterminate, .signedDataNotFound, .messageDigest, "the signature is detached and no content was supplied")
                return false
            }
            digest = value
        } catch {
            report.record(.indeterminate, .signedDataNotFound, .messageDigest, "\(error)")
            return false
        }
        do {
            if let attributes {
                guard digest[...] == attributes.messageDigest else {
                    report.integrity = .failed
                    report.record(.totalFailed, .hashFailure, .messageDigest, "the content's \(algorithms.digest) digest differs from the message-digest attribute")
                    return false
                }
                report.pass(.messageDigest, "\(algorithms.digest) digest matches")
                guard let signedBytes = try signer.dataToBeSigned(),
                      try PublicKeySignatureVerifier.isValid(signature: signer.signature, message: signedBytes, algorithm: algorithm, key: key)
                else { return signatureFails("the \(algorithm) signature does not verify with the signer's key", &report) }
                report.pass(.signatureValue, "\(algorithm) signature verifies")
            } else {
                let valid: Bool
                if algorithm.scheme == .ed25519 || algorithm.scheme == .ed448, let message = content.message(encapsulated: encapsulated) {
                    valid = try PublicKeySignatureVerifier.isValid(signature: signer.signature, message: message, algorithm: algorithm, key: key)
                } else {
                    valid = try PublicKeySignatureVerifier.isValid(signature: signer.signature, digest: digest, algorithm: algorithm, key: key)
                }
                guard valid else {
                    return signatureFails("the \(algorithm) signature over the content (no signed attributes) does not verify with the signer's key", &report)
                }
                report.checks.append(ValidationCheck(name: .messageDigest, outcome: .skipped, detail: "no signed attributes: the signature covers the content directly"))
                report.pass(.signatureValue, "\(algorithm) signature verifies over the content's \(algorithms.digest) digest (no signed attributes)")
            }
        } catch let error as CMSError where error.code == .unsupportedAlgorithm {
            report.recordUnsupported(error.reason)
            return false
        } catch {
            return signatureFails("\(error)", &report)
        }
        report.integrity = .verified
        return true
    }

    private func signatureFails(_ detail: String, _ report: inout CMSValidationReport) -> Bool {
        report.integrity = .failed
        report.record(.totalFailed, .sigCryptoFailure, .signatureValue, detail)
        return false
    }
}
