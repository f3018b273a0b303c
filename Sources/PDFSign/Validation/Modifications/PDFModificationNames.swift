/// The typed names the modification analysis reads: DocMDP levels (`PDFCertificationLevel`), FieldMDP actions, signature
/// dictionary types and transform methods (sub-filters are `PDFSignatureSubFilter`).

extension PDFCertificationLevel {
    /// The level a certification signature grants, from the /P read by `PDFDocMDPPermission`:
    /// a DocMDP transform without /P, or with one out of range, allows form filling and signing.
    init(permission: Int?) {
        self = permission.flatMap(PDFCertificationLevel.init(rawValue:)) ?? .formFillingAndSigning
    }

    /// "P=1" … "P=3", for messages.
    var label: String { "P=\(rawValue)" }
}

/// /Action of a FieldMDP transform or a field /Lock dictionary (ISO 32000-2 Table 258).
enum PDFFieldMDPAction: Equatable, Sendable {
    case all, include, exclude
    /// Another name: read as locking every field, as /All does.
    case other(PDFName)

    init(_ name: PDFName) {
        switch name {
        case "All": self = .all
        case "Include": self = .include
        case "Exclude": self = .exclude
        default: self = .other(name)
        }
    }

    /// The name as written.
    var name: PDFName {
        switch self {
        case .all: "All"
        case .include: "Include"
        case .exclude: "Exclude"
        case .other(let name): name
        }
    }
}

/// /TransformMethod of a signature reference dictionary (ISO 32000-2 Table 256).
enum PDFTransformMethod: String, Sendable {
    case docMDP = "DocMDP"
    case fieldMDP = "FieldMDP"

    var name: PDFName { PDFName(rawValue) }
}

/// /Type of a signature dictionary (ISO 32000-2 Table 255).
enum PDFSignatureDictionaryType: String, Sendable {
    case signature = "Sig"
    case documentTimestamp = "DocTimeStamp"

    var name: PDFName { PDFName(rawValue) }
}

extension PDFSignatureSubFilter {
    var name: PDFName { PDFName(rawValue) }
}

/// /FT of a form field: the one type the analysis singles out.
extension PDFName {
    static let signatureFieldType: PDFName = "Sig"
}
