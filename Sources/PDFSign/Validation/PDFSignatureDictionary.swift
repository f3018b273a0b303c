import Foundation

/// One read model of a signature dictionary (ISO 32000-2 §12.8.1, Table 255), typed with the
/// types the signer writes: what the validator, the long-term validation and the signer's
/// refusal checks read, so that none of them spells a /SubFilter, /Type or transform name.
///
/// Entries are taken as found: a value of the wrong type reads as absent.
public struct PDFSignatureDictionary: Sendable, Hashable {
    /// A transform method of a signature reference (ISO 32000-2 Table 257), extensible.
    public struct TransformMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// `/DocMDP`: the certification signature's permissions (§12.8.2.2).
        public static let docMDP = Self(rawValue: "DocMDP")
        /// `/FieldMDP`: the fields a signature locks (§12.8.2.4).
        public static let fieldMDP = Self(rawValue: "FieldMDP")
        /// `/UR3`: usage rights.
        public static let usageRights = Self(rawValue: "UR3")
        /// `/Identity`: the whole document, by object digest (deprecated).
        public static let identity = Self(rawValue: "Identity")

        /// The name as written in the PDF.
        public var name: PDFName { PDFName(rawValue) }
    }

    /// One signature reference dictionary of /Reference (ISO 32000-2 Table 256).
    public struct Reference: Sendable, Hashable {
        /// /TransformMethod, or `nil` when missing.
        public let transformMethod: TransformMethod?
        /// For /DocMDP: /P of /TransformParams as written — 2 when absent (Table 257).
        public let docMDPPermission: Int?
        /// For /FieldMDP: /Action and /Fields of /TransformParams.
        public let fieldLock: PDFFieldLock?
    }

    /// /Type: /Sig, /DocTimeStamp, or `nil` when missing (read directly, not through a reference).
    public let type: PDFName?
    /// /SubFilter as written.
    public let subFilterName: PDFName?
    /// /ByteRange as written: integers only, in order (validators check the shape).
    public let byteRange: [Int]
    /// /ByteRange entries that were not integers (a forgery sign).
    public let byteRangeHasNonIntegers: Bool
    /// /Contents as stored: the decoded bytes of the hex string, trailing zero padding included.
    public let contents: [UInt8]?
    /// /Reference: the signature reference dictionaries, in order.
    public let references: [Reference]
    /// /M: the claimed signing time (not proven).
    public let signingTime: Date?
    /// /Name, /Reason, /Location and /ContactInfo.
    public let signerName: String?, reason: String?, location: String?, contactInfo: String?

    /// `/Sig`.
    public static let signatureType: PDFName = "Sig"
    /// `/DocTimeStamp` (ISO 32000-2 Table 255, ETSI EN 319 142-1 §5.4.3).
    public static let documentTimestampType: PDFName = "DocTimeStamp"
    /// `/adbe.pkcs7.sha1` (ISO 32000-1 §12.8.3.3.1): read and validated, never written.
    public static let pkcs7SHA1SubFilter: PDFName = "adbe.pkcs7.sha1"

    /// Reads `dictionary`; `resolve` follows references in whichever view of the document the
    /// caller reads (current, or as of a revision).
    public init(_ dictionary: PDFDictionary, resolve: (PDFObject?) -> PDFObject?) {
        type = dictionary.name("Type")
        subFilterName = resolve(dictionary["SubFilter"])?.nameValue
        let rangeObjects = resolve(dictionary["ByteRange"])?.arrayValue ?? []
        byteRange = rangeObjects.compactMap(\.integerValue)
        byteRangeHasNonIntegers = byteRange.count != rangeObjects.count
        contents = resolve(dictionary["Contents"])?.stringValue?.bytes
        references = Self.references(dictionary, resolve: resolve)
        signingTime = dictionary["M"]?.stringValue?.dateValue
        func text(_ key: PDFName) -> String? { resolve(dictionary[key])?.stringValue?.textValue }
        signerName = text("Name")
        reason = text("Reason")
        location = text("Location")
        contactInfo = text("ContactInfo")
    }

    /// /SubFilter when it is one this library writes.
    public var subFilter: PDFSignatureSubFilter? { subFilterName.flatMap { PDFSignatureSubFilter(rawValue: $0.string) } }
    /// Whether /SubFilter is /adbe.pkcs7.sha1: the CMS object encapsulates the SHA-1 digest of the byte ranges.
    public var isPKCS7SHA1: Bool { subFilterName == Self.pkcs7SHA1SubFilter }
    /// Whether this declares itself a document timestamp: /Type /DocTimeStamp, which ISO
    /// 32000-2 Table 255 requires of one.
    public var isDocumentTimestamp: Bool { type == Self.documentTimestampType }
    /// The first /DocMDP reference's permissions, as the modification analysis reads them (a
    /// /P outside 1…3 counts as 2); `nil` without a DocMDP reference.
    public var docMDP: PDFCertificationLevel? {
        references.lazy.compactMap(\.docMDPPermission).first.map { PDFCertificationLevel(rawValue: $0) ?? .formFillingAndSigning }
    }
    /// The first /FieldMDP reference's lock.
    public var fieldMDP: PDFFieldLock? { references.lazy.compactMap(\.fieldLock).first }

    /// Why /Type and /SubFilter disagree about what this dictionary is, or `nil` when they
    /// agree. A timestamp token presented in a /Sig dictionary would otherwise pass as an
    /// approval signature by the TSA (ISO 32000-2 §12.8.3.3 and §12.8.5).
    public var typeConfusion: String? {
        let timestampSubFilter = subFilter == .rfc3161
        if isDocumentTimestamp, !timestampSubFilter {
            return "a /Type /DocTimeStamp dictionary with /SubFilter \(subFilterName.map { "/\($0.string)" } ?? "(none)"): "
                + "a document timestamp must be /ETSI.RFC3161"
        }
        if !isDocumentTimestamp, timestampSubFilter {
            return "/SubFilter /ETSI.RFC3161 in a \(type.map { "/Type /\($0.string)" } ?? "signature") dictionary: "
                + "a timestamp token is not an approval signature, and a document timestamp must be /Type /DocTimeStamp"
        }
        return nil
    }

    private static func references(_ dictionary: PDFDictionary, resolve: (PDFObject?) -> PDFObject?) -> [Reference] {
        (resolve(dictionary["Reference"])?.arrayValue ?? []).compactMap { object in
            guard let reference = resolve(object)?.dictionaryValue else { return nil }
            let method = resolve(reference["TransformMethod"])?.nameValue.map { TransformMethod(rawValue: $0.string) }
            let parameters = resolve(reference["TransformParams"])?.dictionaryValue
            return Reference(
                transformMethod: method,
                docMDPPermission: method == .docMDP ? resolve(parameters?["P"])?.integerValue ?? 2 : nil,
                fieldLock: method == .fieldMDP ? parameters.flatMap { PDFFieldLock(lockDictionary: $0, resolve: resolve) } : nil)
        }
    }
}

extension PDFFieldLock {
    /// /Action names (ISO 32000-2 Table 236).
    static let allAction: PDFName = "All", includeAction: PDFName = "Include", excludeAction: PDFName = "Exclude"

    /// Reads /Action and /Fields of a /Lock dictionary or FieldMDP transform parameters; `nil`
    /// without /Action. An unknown /Action locks every field (fail closed).
    public init?(lockDictionary dictionary: PDFDictionary, resolve: (PDFObject?) -> PDFObject?) {
        guard let action = resolve(dictionary["Action"])?.nameValue else { return nil }
        let fields = (resolve(dictionary["Fields"])?.arrayValue ?? []).compactMap { resolve($0)?.stringValue?.textValue }
        switch action {
        case Self.includeAction: self = .include(fields)
        case Self.excludeAction: self = .exclude(fields)
        default: self = .all
        }
    }
}
