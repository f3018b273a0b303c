import CMSCore
import Crypto
import SwiftASN1
import X509

/// Validation data for a document security store (ETSI EN 319 142-1 §5.4.2): certificates,
/// OCSP responses and CRLs, all DER; and which of them belong to which signature (/VRI).
public struct PDFValidationData: Sendable, Hashable {
    /// DER certificates.
    public var certificates: [[UInt8]] = []
    /// DER OCSP responses.
    public var ocspResponses: [[UInt8]] = []
    /// DER CRLs.
    public var crls: [[UInt8]] = []
    /// Per signature, keyed by the uppercase hex SHA-1 of its /Contents bytes: what validates it.
    public var perSignature: [String: PDFValidationData.Entry] = [:]

    /// The items validating one signature (indices into the arrays above).
    public struct Entry: Sendable, Hashable {
        public var certificates: Set<Int> = []
        public var ocspResponses: Set<Int> = []
        public var crls: Set<Int> = []
    }

    /// Empty data.
    public init() {}

    /// Whether there is no revocation data at all.
    public var hasRevocationData: Bool { !ocspResponses.isEmpty || !crls.isEmpty }

    /// The revocation data in CMSCore's form (for offline validation).
    public var revocationData: RevocationData { RevocationData(ocspResponses: ocspResponses, crls: crls) }

    /// Parsed certificates (unparseable ones skipped).
    public var parsedCertificates: [Certificate] { certificates.compactMap { try? Certificate(derEncoded: $0) } }

    @discardableResult
    mutating func add(certificate: Certificate, for key: String?) throws -> Int {
        add(try certificate.derBytes, to: \.certificates, entry: \.certificates, key: key)
    }

    @discardableResult
    mutating func add(ocsp: [UInt8], for key: String?) -> Int { add(ocsp, to: \.ocspResponses, entry: \.ocspResponses, key: key) }

    @discardableResult
    mutating func add(crl: [UInt8], for key: String?) -> Int { add(crl, to: \.crls, entry: \.crls, key: key) }

    private mutating func add(
        _ item: [UInt8], to list: WritableKeyPath<Self, [[UInt8]]>, entry: WritableKeyPath<Entry, Set<Int>>, key: String?
    ) -> Int {
        let index: Int
        if let existing = self[keyPath: list].firstIndex(of: item) {
            index = existing
        } else {
            self[keyPath: list].append(item)
            index = self[keyPath: list].count - 1
        }
        if let key { perSignature[key, default: Entry()][keyPath: entry].insert(index) }
        return index
    }

    /// The /VRI key of a signature: uppercase hex SHA-1 of its /Contents bytes as stored.
    public static func vriKey(contents: [UInt8]) -> String {
        PDFHexDigits.string(Array(Insecure.SHA1.hash(data: contents)))
    }
}
