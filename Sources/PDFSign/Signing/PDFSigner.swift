import CMSCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import TimestampClient
import SwiftASN1
import X509

/// Signs PDFs in one step: an incremental update with a PAdES B-B or B-T signature
/// (ETSI EN 319 142-1) made through any `SigningKeyProvider` (CMSCore) and, for B-T, any
/// `TimestampAuthority` (TimestampClient).
///
/// The original bytes never change, so earlier signatures stay valid; sign a document
/// several times, re-opening the output each time, for several signers in turn.
///
/// ```swift
/// let key = try SoftwareSigningKey.load(pkcs12File: "party.p12", password: "…")
/// let signer = PDFSigner(key: key, timestampAuthority: HTTPTimestampAuthority(url: tsaURL))
/// try await signer.sign(PDFDocument(contentsOfFile: "contract.pdf"), writingTo: "signed.pdf")
/// ```
///
/// Errors: ``PDFError`` for the document (not signable, encrypted, unreadable, signature too
/// large for a fixed capacity); the key provider's and the TSA's `CMSError` and
/// `TimestampError` pass through unchanged.
public struct PDFSigner: Sendable {
    /// The signer's key and certificates.
    public let key: any SigningKeyProvider
    /// The signature's options.
    public var options: PDFSignatureOptions
    /// The PAdES level to reach.
    public var level: PAdESLevel
    /// The TSA for B-T and above.
    public var timestampAuthority: (any TimestampAuthority)?
    /// Where B-LT and B-LTA get OCSP responses and CRLs (default: HTTP from the certificates).
    public var revocationSource: any RevocationDataSource = HTTPRevocationDataSource()
    /// Certificates that complete chains for B-LT (intermediates, the root).
    public var extraCertificates: [Certificate] = []
    /// Where B-LT and B-LTA fetch an issuer missing from the chain (default: HTTP, from the
    /// certificate's AIA caIssuers location; `nil` fetches none).
    public var issuerSource: (any IssuerCertificateSource)? = HTTPIssuerCertificateSource()
    /// Where B-LT and B-LTA log what they fetch (see `PDFLongTermValidation`).
    public var logger = Logger(label: "econtract.ltv")

    /// A signer. `level` defaults to B-T when a TSA is given, else B-B.
    public init(
        key: any SigningKeyProvider, options: PDFSignatureOptions = .init(), level: PAdESLevel? = nil,
        timestampAuthority: (any TimestampAuthority)? = nil
    ) {
        self.key = key
        self.options = options
        self.level = level ?? (timestampAuthority == nil ? .b : .t)
        self.timestampAuthority = timestampAuthority
    }

    /// Signs `document` and returns the signed file's bytes.
    public func sign(_ document: PDFDocument) async throws -> [UInt8] {
        let preparer = PDFSignaturePreparer(options: try await resolvedOptions())
        var capacity = try await initialCapacity()
        while true {
            var (bytes, prepared) = try preparer.prepare(document, contentsCapacity: capacity)
            let cms = try await signature(for: prepared)
            if let larger = try nextCapacity(for: cms, capacity: capacity) {
                capacity = larger
                continue
            }
            try prepared.embed(cms, into: &bytes)
            return try await extendedForLevel(bytes, of: document)
        }
    }

    /// B-LT and B-LTA: the DSS update and the document timestamp after the signature.
    /// An encrypted `original` is read back with its file key (no password is kept).
    private func extendedForLevel(_ bytes: [UInt8], of original: PDFDocument) async throws -> [UInt8] {
        guard level.includes(.lt) else { return bytes }
        let ltv = longTermValidation()
        let withData = try await ltv.addingValidationData(to: PDFDocument(bytes: bytes, unlockedLike: original))
        guard level.includes(.lta) else { return withData }
        return try await ltv.addingDocumentTimestamp(to: PDFDocument(bytes: withData, unlockedLike: original))
    }

    /// The long-term validation settings of this signer.
    func longTermValidation() -> PDFLongTermValidation {
        PDFLongTermValidation(
            revocationSource: revocationSource, timestampAuthority: timestampAuthority, extraCertificates: extraCertificates,
            issuerSource: issuerSource, logger: logger)
    }

    /// Signs `document` into the file at `path`, streaming: the original is copied and hashed
    /// in chunks. The file appears only when complete (written beside it, then renamed).
    public func sign(_ document: PDFDocument, writingTo path: String) async throws {
        let preparer = PDFSignaturePreparer(options: try await resolvedOptions())
        let partial = path + ".partial"
        // After the rename nothing is left to remove: unlink(2) says so cheaply (FileManager
        // would build and throw an NSError with a userInfo dictionary for it).
        defer { _ = unlink(partial) }
        try PDFOutputFile.refuseOverwritingSource(document, path: path)
        var capacity = try await initialCapacity()
        while true {
            let prepared = try preparer.prepare(document, contentsCapacity: capacity, writingTo: partial, flushing: false)
            let cms = try await signature(for: prepared)
            if let larger = try nextCapacity(for: cms, capacity: capacity) {
                capacity = larger
                continue
            }
            try prepared.embed(cms, intoFileAt: partial)
            if level.includes(.lt) {
                let ltv = longTermValidation()
                try await ltv.appendValidationData(toFileAt: partial, unlockedLike: document)
                if level.includes(.lta) { try await ltv.appendDocumentTimestamp(toFileAt: partial, unlockedLike: document) }
            }
            // rename(2) replaces an existing file atomically: readers see the old or the new file, never none.
            guard rename(partial, path) == 0 else {
                throw PDFError(.ioFailure, "moving the signed file to \(path) failed: errno \(errno)")
            }
            return
        }
    }

    /// The CMS for a prepared file: CAdES over the byte-range digest, then the timestamp.
    func signature(for prepared: PreparedPDFSignature) async throws -> [UInt8] {
        var signature = try await CAdESSigner(key: key, options: cadesOptions(for: prepared)).sign(digest: prepared.documentDigest)
        if level.includes(.t) {
            guard let timestampAuthority else {
                throw PDFError(.invalidArgument, "PAdES \(level.rawValue) needs a timestamp authority")
            }
            signature = try await signature.addingSignatureTimestamp(using: timestampAuthority)
        }
        return try signature.derEncoded()
    }

    /// The CAdES options for a prepared file: its digest, the key's padding, the ETSI attributes.
    func cadesOptions(for prepared: PreparedPDFSignature) throws -> CAdESSigningOptions {
        var cades = CAdESSigningOptions()
        cades.digestAlgorithm = try prepared.digestAlgorithm
        cades.usesRSAPSS = options.usesRSAPSS
        cades.commitmentType = options.commitmentType
        cades.signerAttributes = options.claimedRoles.isEmpty ? nil : CMSSignerAttributes(claimedRoles: options.claimedRoles)
        cades.additionalSignedAttributes = options.additionalSignedAttributes.map { ($0.type, $0.valueDER) }
        // PAdES (EN 319 142-1 §6.3): no signing-time attribute; adbe.pkcs7.detached keeps it.
        cades.signingTime = options.subFilter == .pkcs7Detached ? (options.signingTime ?? Date()) : nil
        return cades
    }

    /// The options with the signing time fixed, so that a retry writes the same /M, and the
    /// digest chosen: the caller's, or the key's (SHA-512 for Ed25519, SHA-256 otherwise).
    func resolvedOptions() async throws -> PDFSignatureOptions {
        var resolved = options
        resolved.signingTime = options.signingTime ?? Date()
        var cades = CAdESSigningOptions()
        cades.digestAlgorithm = options.digestAlgorithm
        resolved.digestAlgorithm = try await CAdESSigner(key: key, options: cades).digestAlgorithm()
        return resolved
    }

    /// The caller's capacity, or the estimate.
    func initialCapacity() async throws -> Int {
        if let fixed = options.contentsCapacity { return fixed }
        return try await estimatedContentsCapacity()
    }

    /// Bytes to reserve in /Contents for this signer's CMS object: the certificates, the
    /// signature value (RSA-8192 fits), the signed attributes including commitment type,
    /// claimed roles and the application's own, and for B-T and above a timestamp token with
    /// its TSA chain, rounded up to whole KiB.
    ///
    /// For deferred signing, pass it to ``PDFSignaturePreparer/prepare(_:contentsCapacity:)``.
    /// One-step signing retries with more room when the CMS does not fit; a prepared file cannot,
    /// so a TSA with an unusually long chain may need more (`PreparedPDFSignature.embed(_:into:)`
    /// throws ``PDFError/Code/signatureTooLarge``).
    public func estimatedContentsCapacity() async throws -> Int {
        let chain = try await key.certificateChain
        var estimate = 2_048
        for certificate in chain { estimate += try certificate.derBytes.count }
        estimate += 1_024  // signature value (RSA-8192 fits) and its structure
        if level.includes(.t) { estimate += 8_192 }
        estimate += options.claimedRoles.reduce(64) { $0 + $1.utf8.count + 32 }
        estimate += options.additionalSignedAttributes.reduce(0) { $0 + $1.valueDER.count + $1.type.description.count + 8 }
        return PreparedPDFSignature.capacity(for: estimate)
    }

    /// `nil` when `cms` fits; else a larger capacity (automatic sizing) or an error (fixed size).
    private func nextCapacity(for cms: [UInt8], capacity: Int) throws -> Int? {
        guard cms.count > capacity else { return nil }
        guard options.contentsCapacity == nil else {
            throw PDFError(.signatureTooLarge, "the signature has \(cms.count) bytes; the requested /Contents capacity is \(capacity)")
        }
        return PreparedPDFSignature.capacity(for: cms.count, margin: 2_048)
    }
}
