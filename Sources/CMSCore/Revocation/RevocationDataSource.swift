import X509

/// Revocation data held by the caller: OCSP responses and CRLs, as DER.
///
/// This is what long-term validation needs: data collected earlier (for example from a
/// PDF's DSS) checked offline, without touching the network.
public struct RevocationData: Sendable, Hashable {
    /// DER `OCSPResponse`s (RFC 6960 §4.2.1).
    public var ocspResponses: [[UInt8]]
    /// DER `CertificateList`s (RFC 5280 §5.1).
    public var crls: [[UInt8]]

    /// Revocation data from DER OCSP responses and CRLs.
    public init(ocspResponses: [[UInt8]] = [], crls: [[UInt8]] = []) {
        self.ocspResponses = ocspResponses
        self.crls = crls
    }

    /// No data.
    public static let empty = RevocationData()

    /// Whether there is neither an OCSP response nor a CRL.
    public var isEmpty: Bool { ocspResponses.isEmpty && crls.isEmpty }

    /// Both sets of data together, without duplicates.
    public func merged(with other: RevocationData) -> RevocationData {
        var ocsp = ocspResponses
        for response in other.ocspResponses where !ocsp.contains(response) { ocsp.append(response) }
        var lists = crls
        for crl in other.crls where !lists.contains(crl) { lists.append(crl) }
        return RevocationData(ocspResponses: ocsp, crls: lists)
    }
}

/// Where fresh revocation data comes from when the caller's data does not answer.
///
/// ``HTTPRevocationDataSource`` asks the OCSP responder named in the certificate's
/// Authority Information Access and downloads CRLs from its distribution points. Apps
/// may supply their own (a cache, a corporate proxy, a test fake).
public protocol RevocationDataSource: Sendable {
    /// A DER `OCSPResponse` for `certificate`, or `nil` when there is no responder.
    func ocspResponse(for certificate: Certificate, issuer: Certificate) async throws -> [UInt8]?
    /// DER `CertificateList`s that may cover `certificate`; empty when none is published.
    func crls(for certificate: Certificate, issuer: Certificate) async throws -> [[UInt8]]
}
