import CMSCore
import Foundation
import SwiftASN1
import TimestampClient
import X509

extension PDFSignatureValidator {
    /// What every signature's validation shares: the document, its DSS, the policy.
    struct Context {
        let document: PDFDocument
        let dss: PDFDocumentSecurityStore
        let policy: PDFSignatureValidationPolicy

        // MARK: Signatures

        func validateSignature(
            _ signature: PDFEmbeddedSignature, documentTimestamps: [(PDFEmbeddedSignature, PDFSignatureReport)]
        ) async -> PDFSignatureReport {
            var (report, inspection) = start(signature)
            guard let der = signature.cmsBytes, let cms = try? CMSSignature(berEncoded: der) else {
                return failed(report, .formatFailure, PDFValidationFinding(.cmsInvalid, "/Contents is not a CMS SignedData"))
            }
            if let confusion = signature.typeConfusion {
                return failed(report, .formatFailure, PDFValidationFinding(.typeConfusion, confusion, objects: signature.objects))
            }
            if cms.contentType == Self.timestampTokenContentType {
                return failed(report, .formatFailure, PDFValidationFinding(
                    .typeConfusion, "/Contents of a signature dictionary is an RFC 3161 timestamp token: a TSA's token is not an approval signature",
                    objects: signature.objects))
            }
            guard inspection.hashable else { return failed(report, .formatFailure, nil) }
            let signer: CMSSignerSummary
            switch Self.soleSigner(of: cms) {
            case .success(let sole): signer = sole
            case .failure(let failure): return failed(report, failure.subIndication, failure.finding)
            }
            guard let algorithm = signer.digestAlgorithm else {
                report.findings.append(PDFValidationFinding(.unsupportedAlgorithm, "the digest algorithm \(signer.digestAlgorithmName) is not supported: integrity cannot be checked"))
                report.modifications = modifications(inspection, signature: signature, findings: &report.findings)
                return Self.concludeUnchecked(report, inspection: inspection, indication: .indeterminate, subIndication: .cryptoConstraintsFailure, checks: [])
            }
            let content: SignedContent
            switch signedContent(of: signature, cms: cms, algorithm: algorithm) {
            case .success(let signed): content = signed
            case .failure(let failure): return failed(report, failure.subIndication, failure.finding)
            }

            // Proof of existence: a signature timestamp that counts, else the oldest counting
            // document timestamp after the signature. An INDETERMINATE timestamp proves nothing.
            let tokens = await timestampReports(for: cms)
            let signatureTimestamp = tokens.first { timestampCounts($0) }
            report.timestampTime = signatureTimestamp?.genTime
            let laterDocumentTimestamp = documentTimestamps
                .filter { ($0.0.signedLength ?? 0) > (signature.signedLength ?? .max) && documentTimestampCounts($0.1) }
                .compactMap(\.1.timestampTime).min()
            let proofOfExistence = signatureTimestamp?.genTime ?? laterDocumentTimestamp
            report.findings += timestampFindings(tokens)

            let cmsReport = await CMSSignatureVerifier(policy: cmsPolicy(proofOfExistence: proofOfExistence, signature: signature, cms: cms))
                .verify(cms, content: content)
            report.signer = cmsReport.signerSubject
            report.signerCertificate = cmsReport.signerCertificateDER
            report.commitmentType = cmsReport.commitmentType
            report.claimedRoles = cmsReport.signerAttributes?.claimedRoles ?? []
            report.otherSignedAttributes = (cmsReport.signerAttributes?.otherClaimedAttributes ?? []) + cmsReport.otherSignedAttributes
            report.validationTime = cmsReport.validationTime
            report.intact = inspection.findings.allSatisfy { $0.code == .signedRevisionNotAtEOF } && cmsReport.integrity == .verified
            let (cmsIndication, cmsSubIndication) = Self.cmsVerdict(cmsReport, signatureDictionary: signature.signatureDictionary, findings: &report.findings)
            report.modifications = modifications(inspection, signature: signature, findings: &report.findings)
            report.level = level(signature, cmsReport: cmsReport, signatureTimestamp: signatureTimestamp,
                                 documentTimestamps: documentTimestamps, inspection: inspection)
            if cmsReport.integrity == .notChecked {
                return lowered(Self.concludeUnchecked(report, inspection: inspection, indication: cmsIndication,
                                                      subIndication: cmsSubIndication, checks: cmsReport.checks), byTimestamps: tokens)
            }
            return lowered(conclude(report, cmsIndication: cmsIndication, cmsSubIndication: cmsSubIndication, checks: cmsReport.checks),
                           byTimestamps: tokens)
        }

        // MARK: Document timestamps

        func validateDocumentTimestamp(_ signature: PDFEmbeddedSignature) async -> PDFSignatureReport {
            var (report, inspection) = start(signature)
            if let confusion = signature.typeConfusion {
                return failed(report, .formatFailure, PDFValidationFinding(.typeConfusion, confusion, objects: signature.objects))
            }
            guard let der = signature.cmsBytes, let token = try? TimestampToken(derEncoded: der) else {
                return failed(report, .formatFailure, PDFValidationFinding(.cmsInvalid, "/Contents is not an RFC 3161 timestamp token"))
            }
            report.timestampTime = token.genTime
            guard inspection.hashable, let algorithm = DigestAlgorithm(oid: token.info.messageImprint.hashAlgorithm.algorithm),
                  let digest = try? digestOfRanges(signature.byteRange, algorithm: algorithm)
            else {
                return failed(report, .formatFailure, nil)
            }
            let tokenReport = await timestampVerifier.verify(token, digest: digest, algorithm: algorithm)
            report.signer = tokenReport.tsaCertificate.map { String(describing: $0.subject) }
            report.signerCertificate = tokenReport.tsaCertificate.flatMap { try? $0.derBytes }
            report.validationTime = token.genTime
            let imprintMatches = token.info.messageImprint.hashedMessage.elementsEqual(digest)
            report.intact = inspection.findings.allSatisfy { $0.code == .signedRevisionNotAtEOF } && imprintMatches
                && tokenReport.checks.contains { $0.name == .signatureValue && $0.outcome == .passed }
            if !imprintMatches { report.findings.append(PDFValidationFinding(.digestMismatch, "the token's message imprint is not the digest of the byte ranges")) }
            report.modifications = modifications(inspection, signature: signature, findings: &report.findings)
            report.level = nil
            return conclude(report, cmsIndication: tokenReport.indication, cmsSubIndication: tokenReport.subIndication, checks: tokenReport.checks)
        }

        /// A signed field whose /V is not a readable signature dictionary.
        static func unreadable(_ field: PDFFormField) -> PDFSignatureReport {
            PDFSignatureReport(
                field: field.qualifiedName, intact: false, coverage: .partial, modifications: .disallowed,
                findings: [PDFValidationFinding(.unparseable, "the signature dictionary of field \"\(field.qualifiedName)\" cannot be read", objects: [field.reference])],
                level: nil, indication: .totalFailed, subIndication: .formatFailure,
                subFilter: nil, byteRange: [], signer: nil, claimedSigningTime: nil, timestampTime: nil, validationTime: nil)
        }

        // MARK: Pieces

        var trustJudged: Bool { !policy.trustAnchors.isEmpty }

        /// id-ct-TSTInfo (RFC 3161 §2.4.2): the content type of a timestamp token.
        static let timestampTokenContentType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]

        /// A report for `signature` with its byte-range inspection already recorded.
        private func start(_ signature: PDFEmbeddedSignature) -> (PDFSignatureReport, PDFByteRangeInspection) {
            let inspection = PDFByteRangeInspector.inspect(signature, in: document)
            var report = PDFSignatureReport(
                field: signature.field.qualifiedName, intact: false, coverage: .partial, modifications: .disallowed, findings: [],
                level: nil, indication: .totalFailed, subIndication: nil,
                subFilter: signature.subFilter?.string, byteRange: signature.byteRange, signer: nil,
                claimedSigningTime: signature.signatureDictionary.signingTime,
                timestampTime: nil, validationTime: nil)
            report.findings = inspection.findings
            report.coverage = inspection.coverage
            return (report, inspection)
        }

        private func failed(_ report: PDFSignatureReport, _ sub: ValidationSubIndication, _ finding: PDFValidationFinding?) -> PDFSignatureReport {
            var report = report
            if let finding { report.findings.append(finding) }
            report.intact = false
            report.indication = .totalFailed
            report.subIndication = sub
            return report
        }

        /// The verdict: structure and integrity first, then modifications, then the CMS/chain result.
        private func conclude(_ report: PDFSignatureReport, cmsIndication: ValidationIndication, cmsSubIndication: ValidationSubIndication?,
                              checks: [ValidationCheck]) -> PDFSignatureReport {
            var report = report
            let failedCheck = checks.first { $0.outcome == .failed }
            if !report.intact {
                report.indication = .totalFailed
                let hashFailed = checks.contains { $0.name == .messageDigest && $0.outcome == .failed }
                    || report.findings.contains { $0.code == .digestMismatch }
                report.subIndication = hashFailed ? .hashFailure
                    : report.findings.contains { [.byteRangeMalformed, .duplicateKey, .signatureWrapping, .universalSignatureForgery].contains($0.code) }
                        ? .formatFailure : .sigCryptoFailure
                if let failedCheck, !report.findings.contains(where: { $0.code == .cmsInvalid }) {
                    report.findings.append(PDFValidationFinding(.cmsInvalid, "\(failedCheck.name): \(failedCheck.detail)"))
                }
            } else if report.coverage == .partial || report.modifications == .disallowed {
                report.indication = .totalFailed
                report.subIndication = .formatFailure
            } else {
                report.indication = cmsIndication
                report.subIndication = cmsSubIndication
                if !report.findings.contains(where: { Self.cmsExplanations.contains($0.code) }) {
                    report.findings += Self.verdictFindings(cmsIndication, cmsSubIndication, checks: checks)
                }
            }
            return report
        }

        /// Why a CMS or timestamp verdict is not TOTAL-PASSED, as findings: every failed
        /// check with its detail, so that no INDETERMINATE or FAILED verdict comes without a reason.
        static func verdictFindings(_ indication: ValidationIndication, _ sub: ValidationSubIndication?,
                                    checks: [ValidationCheck]) -> [PDFValidationFinding] {
            guard indication != .totalPassed else { return [] }
            let code: PDFValidationFinding.Code = indication == .totalFailed ? .signatureFailed : .signatureIndeterminate
            let verdict = "\(indication.rawValue)\(sub.map { "/\($0.rawValue)" } ?? "")"
            let failed = checks.filter { $0.outcome == .failed }
            guard !failed.isEmpty else { return [PDFValidationFinding(code, "\(verdict), with no failed check recorded")] }
            return failed.map { PDFValidationFinding(code, "\(verdict): \($0.name): \($0.detail)") }
        }

        private func modifications(_ inspection: PDFByteRangeInspection, signature: PDFEmbeddedSignature,
                                   findings: inout [PDFValidationFinding]) -> PDFModificationReport.Level {
            switch inspection.coverage {
            case .entireFile: return .none
            case .partial: return .disallowed
            case .entireRevision:
                guard let revision = inspection.signedRevision else { return .disallowed }
                let analysis = PDFModificationAnalyzer(document: document).analyze(signedRevision: revision, signatureField: signature.field.reference)
                findings += analysis.findings
                return analysis.level
            }
        }

        /// B-B: ETSI.CAdES.detached with the signing-certificate binding; B-T: a signature or
        /// document timestamp that counts (``timestampCounts(_:)``); B-LT: revocation data for the signer in a DSS added after the
        /// signature; B-LTA: a valid document timestamp after that DSS.
        private func level(_ signature: PDFEmbeddedSignature, cmsReport: CMSValidationReport,
                           signatureTimestamp: TimestampValidationReport?,
                           documentTimestamps: [(PDFEmbeddedSignature, PDFSignatureReport)], inspection: PDFByteRangeInspection) -> PAdESLevel? {
            guard signature.signatureDictionary.subFilter == .cadesDetached,
                  cmsReport.checks.contains(where: { $0.name == .signingCertificate && $0.outcome == .passed }) else { return nil }
            let signedEnd = signature.signedLength ?? .max
            let validLater = documentTimestamps.filter { ($0.0.signedLength ?? 0) > signedEnd && documentTimestampCounts($0.1) }
            guard signatureTimestamp != nil || !validLater.isEmpty else { return .b }
            guard let signer = cmsReport.signerCertificate, let dssRevision = dss.firstRevision,
                  dssRevision > (inspection.signedRevision ?? .max), dss.hasRevocationData(for: signer),
                  let dssEnd = document.revisions[dssRevision].endOffset
            else { return .t }
            return validLater.contains { ($0.0.signedLength ?? 0) >= dssEnd } ? .lta : .lt
        }

        /// Timestamp tokens (signature and document timestamps) are checked with the DSS's data.
        private var timestampVerifier: TimestampVerifier {
            TimestampVerifier(policy: TimestampVerificationPolicy(
                trustAnchors: policy.trustAnchors, intermediates: dss.certificates + policy.intermediates,
                revocation: policy.revocationPolicy(embedded: dss.revocationData)))
        }

        private func cmsPolicy(proofOfExistence: Date?, signature: PDFEmbeddedSignature, cms: CMSSignature) -> CMSVerificationPolicy {
            let embedded = dss.revocationData.merged(with: RevocationData(crls: cms.crls))
            let current = policy.validationTime ?? Date()
            return CMSVerificationPolicy(
                trustAnchors: policy.trustAnchors, intermediates: dss.certificates + policy.intermediates,
                validationTime: proofOfExistence.map { min($0, current) } ?? current, proofOfExistence: proofOfExistence,
                revocation: policy.revocationPolicy(embedded: embedded),
                requiresSigningCertificateAttribute: signature.signatureDictionary.subFilter == .cadesDetached)
        }

        private func timestampReports(for cms: CMSSignature) async -> [TimestampValidationReport] {
            guard let tokens = try? cms.signatureTimestamps(), !tokens.isEmpty else { return [] }
            return await timestampVerifier.verifySignatureTimestamps(of: cms)
        }

        /// The digest of the two byte ranges, read in chunks.
        func digestOfRanges(_ range: [Int], algorithm: DigestAlgorithm) throws -> [UInt8] {
            var digest = StreamingDigest(algorithm)
            for (start, length) in [(range[0], range[1]), (range[2], range[3])] {
                var offset = start
                while offset < start + length {
                    let end = min(start + length, offset + 4 * 1024 * 1024)
                    digest.update(try document.source.read(offset..<end))
                    offset = end
                }
            }
            return digest.finalize()
        }
    }
}
