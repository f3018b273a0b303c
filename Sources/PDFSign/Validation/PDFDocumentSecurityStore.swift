import CMSCore
import X509

/// The document security store as read back (ETSI EN 319 142-1 §5.4.2): its certificates,
/// OCSP responses and CRLs, and the first revision in which it appeared.
public struct PDFDocumentSecurityStore: Sendable {
    /// Certificates in /Certs (unparseable entries skipped).
    public var certificates: [Certificate] = []
    /// DER OCSP responses in /OCSPs.
    public var ocspResponses: [[UInt8]] = []
    /// DER CRLs in /CRLs.
    public var crls: [[UInt8]] = []
    /// Index of the oldest revision whose catalog has /DSS; `nil` without a DSS.
    public var firstRevision: Int?

    /// The revocation data, for offline validation.
    public var revocationData: RevocationData { RevocationData(ocspResponses: ocspResponses, crls: crls) }

    /// Reads the DSS of `document` (the newest one, which contains all earlier entries).
    public init(document: PDFDocument) {
        guard let catalog = try? document.catalog(), let dssObject = catalog["DSS"],
              let dss = try? document.resolve(dssObject).dictionaryValue else { return }
        certificates = Self.streams(dss["Certs"], in: document).compactMap { try? Certificate(derEncoded: $0) }
        ocspResponses = Self.streams(dss["OCSPs"], in: document)
        crls = Self.streams(dss["CRLs"], in: document)
        firstRevision = Self.firstRevisionWithDSS(document)
    }

    /// The oldest revision whose catalog has /DSS. The catalog is read again only in revisions
    /// that write it (or the object stream holding it) or re-point /Root, so the cost follows
    /// those revisions, not all of them.
    static func firstRevisionWithDSS(_ document: PDFDocument) -> Int? {
        var current: (root: Int, entry: PDFXrefEntry?, hasDSS: Bool)?
        for revision in document.revisions {
            guard let root = (document.trailerValue("Root", asOf: revision) ?? document.trailer["Root"])?.referenceValue else { continue }
            var stale = current == nil || current?.root != root.number || revision.entries[root.number] != nil
            if case .compressed(let stream, _)? = current?.entry, revision.entries[stream] != nil { stale = true }
            if stale {
                let catalog = try? document.indirectObject(number: root.number, asOf: revision).object.dictionaryValue
                current = (root.number, document.xrefEntry(for: root.number, asOf: revision), catalog?["DSS"] != nil)
            }
            if current?.hasDSS == true { return revision.index }
        }
        return nil
    }

    /// Whether the DSS holds revocation data for `certificate`: an OCSP response for its serial
    /// number, or a CRL from its issuer.
    public func hasRevocationData(for certificate: Certificate) -> Bool {
        let serial = RevocationSerial.normalized(certificate.serialNumber.bytes[...])
        for der in ocspResponses {
            guard let responses = (try? OCSPResponse(derBytes: der))?.basicResponse?.responseData.responses else { continue }
            if responses.contains(where: { RevocationSerial.normalized($0.certID.serialNumber) == serial }) { return true }
        }
        return crls.contains { der in (try? CRLCertificateList(derBytes: der))?.tbsCertList.issuer == certificate.issuer }
    }

    private static func streams(_ object: PDFObject?, in document: PDFDocument) -> [[UInt8]] {
        guard let object, let array = try? document.resolve(object).arrayValue else { return [] }
        return array.compactMap { item in
            guard case .stream(let stream)? = try? document.resolve(item), let decoded = try? document.decodedData(of: stream),
                  decoded.isFullyDecoded else { return nil }
            return decoded.bytes
        }
    }
}
