import CMSCore
import Foundation
import Logging
import TimestampClient
import X509

/// Makes signatures verifiable for decades (ETSI EN 319 142-1 §6.4–6.5): PAdES B-LT adds the
/// validation data of every signature and timestamp to the document security store; B-LTA
/// adds a document timestamp over all of it; renewing adds the validation data of the latest
/// document timestamp and a new one, before its certificates expire or its algorithms weaken.
///
/// Each step is an incremental update; earlier signatures stay intact.
///
/// ```swift
/// let ltv = PDFLongTermValidation(timestampAuthority: tsa)
/// let archived = try await ltv.extendingToLTA(PDFDocument(bytes: signedBytes))
/// ```
public struct PDFLongTermValidation: Sendable {
    /// Where OCSP responses and CRLs come from.
    public var revocationSource: any RevocationDataSource
    /// The TSA for document timestamps.
    public var timestampAuthority: (any TimestampAuthority)?
    /// Certificates that complete chains the signatures do not carry (intermediates, roots).
    public var extraCertificates: [Certificate]
    /// Where an issuer missing from a chain (and from ``extraCertificates``) is fetched:
    /// by default over HTTP from the certificate's AIA caIssuers location; `nil` fetches none.
    public var issuerSource: (any IssuerCertificateSource)?
    /// Where the collection logs what it added or failed to fetch, for which certificate
    /// (`debug`), and each issuer completed through ``issuerSource`` (`info`).
    public var logger: Logger

    /// Long-term validation through `revocationSource` (default: HTTP, from the certificates'
    /// AIA and CRL distribution points), `timestampAuthority` and `issuerSource` (default:
    /// HTTP, from the AIA caIssuers locations).
    public init(
        revocationSource: any RevocationDataSource = HTTPRevocationDataSource(),
        timestampAuthority: (any TimestampAuthority)? = nil, extraCertificates: [Certificate] = [],
        issuerSource: (any IssuerCertificateSource)? = HTTPIssuerCertificateSource(),
        logger: Logger = Logger(label: "econtract.ltv")
    ) {
        self.revocationSource = revocationSource
        self.timestampAuthority = timestampAuthority
        self.extraCertificates = extraCertificates
        self.issuerSource = issuerSource
        self.logger = logger
    }

    /// B-LT: a DSS update with the chains and revocation data of every signature and document
    /// timestamp (existing DSS entries are kept).
    ///
    /// - Throws: ``PDFError/Code/notSignable`` for a document without signatures;
    ///   ``PDFError/Code/validationDataUnavailable`` when an issuer is neither carried, given
    ///   nor fetched, or a certificate's revocation data cannot be had.
    public func addingValidationData(to document: PDFDocument) async throws -> [UInt8] {
        let serialized = try await validationDataUpdate(for: document)
        return Array(try document.source.read(0..<document.source.count)) + serialized.bytes
    }

    /// The DSS update for ``addingValidationData(to:)``, to be appended to the document.
    func validationDataUpdate(for document: PDFDocument) async throws -> PDFSerializedUpdate {
        let signatures = try document.embeddedSignatures()
        guard !signatures.isEmpty else { throw PDFError(.notSignable, "the document has no signatures to extend") }
        var data = PDFValidationData()
        let collector = PDFValidationDataCollector(
            source: revocationSource, extraCertificates: extraCertificates, issuerSource: issuerSource, logger: logger)
        for embedded in signatures {
            guard let contents = embedded.contents, let der = embedded.cmsBytes, let cms = try? CMSSignature(berEncoded: der) else {
                throw PDFError(.notSignable, "signature field \"\(embedded.field.qualifiedName)\" holds no parseable CMS")
            }
            try await collector.collect(for: cms, key: PDFValidationData.vriKey(contents: contents), into: &data)
        }
        for certificate in extraCertificates { try data.add(certificate: certificate, for: nil) }
        let update = PDFIncrementalUpdate(document: document)
        try PDFDSSWriter(update: update).write(data)
        return try PDFUpdateWriter.write(update)
    }

    /// A document timestamp (/DocTimeStamp, /ETSI.RFC3161) over the whole file.
    public func addingDocumentTimestamp(to document: PDFDocument) async throws -> [UInt8] {
        var result: [UInt8] = []
        try await documentTimestamp(of: document) { preparer, capacity in
            let (bytes, prepared) = try preparer.prepare(document, contentsCapacity: capacity)
            result = bytes
            return prepared
        } embed: { prepared, token in
            try prepared.embed(token, into: &result)
        }
        return result
    }

    /// The document timestamp loop shared by the in-memory and file paths: prepare with a
    /// capacity, ask the TSA, prepare again with more room if the token does not fit, embed.
    func documentTimestamp(
        of document: PDFDocument, prepare: (PDFSignaturePreparer, Int) throws -> PreparedPDFSignature,
        embed: (PreparedPDFSignature, [UInt8]) throws -> Void
    ) async throws {
        guard let timestampAuthority else { throw PDFError(.invalidArgument, "a document timestamp needs a timestamp authority") }
        var preparer = PDFSignaturePreparer()
        preparer.isDocumentTimestamp = true
        preparer.options.digestAlgorithm = timestampAuthority.preferredDigestAlgorithm
        var capacity = 12_288
        while true {
            let prepared = try prepare(preparer, capacity)
            let token = try await timestampAuthority.timestamp(digest: prepared.documentDigest, algorithm: try prepared.digestAlgorithm)
            guard token.derEncoded.count <= capacity else {
                capacity = PreparedPDFSignature.capacity(for: token.derEncoded.count, margin: 2_048)
                continue
            }
            try embed(prepared, token.derEncoded)
            return
        }
    }

    /// B-LTA: validation data, then a document timestamp. On a file that already ends with a
    /// document timestamp this is the renewal: the new DSS data covers that timestamp too.
    public func extendingToLTA(_ document: PDFDocument) async throws -> [UInt8] {
        guard timestampAuthority != nil else { throw PDFError(.invalidArgument, "B-LTA needs a timestamp authority") }
        let withData = try await addingValidationData(to: document)
        return try await addingDocumentTimestamp(to: PDFDocument(bytes: withData, unlockedLike: document))
    }

    /// When the archive timestamp chain must be renewed: the earliest expiry among the
    /// certificates of the latest timestamp (document timestamp, else signature timestamp).
    /// `nil` when the document has no timestamp.
    public static func renewalDate(of document: PDFDocument) throws -> Date? {
        let signatures = try document.embeddedSignatures()
        var latest: (end: Int, token: CMSSignature)?
        for embedded in signatures {
            guard let der = embedded.cmsBytes, let cms = try? CMSSignature(berEncoded: der), let end = embedded.signedLength else { continue }
            let token: CMSSignature? = embedded.isDocumentTimestamp ? cms : (try? cms.signatureTimestamps())?.last?.signature
            if let token, end >= (latest?.end ?? -1) { latest = (end, token) }
        }
        guard let latest else { return nil }
        return latest.token.certificates.map(\.notValidAfter).min()
    }
}
