/// What an encrypted document's /Encrypt dictionary says and how it was opened
/// (ISO 32000-2 §7.6).
public struct PDFEncryptionInfo: Hashable, Sendable, Codable {
    /// Which password opened the document.
    public enum Access: String, Hashable, Sendable, Codable {
        /// The user password (possibly the empty one): ``PDFEncryptionInfo/permissions`` apply.
        case user
        /// The owner password: every operation is allowed.
        case owner
    }

    /// The security handler (/Filter), usually `Standard`.
    public let handler: String
    /// The algorithm version /V (1, 2, 4 or 5).
    public let version: Int
    /// The standard security handler revision /R (2…6).
    public let revision: Int
    /// The file key length in bits.
    public let keyLength: Int
    /// How streams are encrypted (/StmF's method; /V 1 and 2 use RC4).
    public let streamMethod: PDFCryptMethod
    /// How strings are encrypted (/StrF's method).
    public let stringMethod: PDFCryptMethod
    /// How embedded files are encrypted (/EFF's method; /StmF's when absent).
    public let embeddedFileMethod: PDFCryptMethod
    /// What the user password allows (/P).
    public let permissions: PDFPermissions
    /// Whether the document's XMP metadata stream is encrypted (/EncryptMetadata, default true).
    public let encryptMetadata: Bool
    /// Which password opened the document.
    public let openedWith: Access

    /// The security handler's name as a PDF name (kept for callers of earlier versions).
    public var filter: PDFName? { PDFName(handler) }

    /// Encryption information.
    public init(handler: String, version: Int, revision: Int, keyLength: Int, streamMethod: PDFCryptMethod,
                stringMethod: PDFCryptMethod, embeddedFileMethod: PDFCryptMethod, permissions: PDFPermissions,
                encryptMetadata: Bool, openedWith: Access) {
        self.handler = handler
        self.version = version
        self.revision = revision
        self.keyLength = keyLength
        self.streamMethod = streamMethod
        self.stringMethod = stringMethod
        self.embeddedFileMethod = embeddedFileMethod
        self.permissions = permissions
        self.encryptMetadata = encryptMetadata
        self.openedWith = openedWith
    }

    /// Whether `operation` is allowed: always when opened with the owner password, else by /P.
    public func allows(_ operation: PDFPermissions) -> Bool {
        openedWith == .owner || permissions.contains(operation)
    }
}

/// A crypt filter method (/CFM, ISO 32000-2 §7.6.6 Table 25).
public enum PDFCryptMethod: String, Hashable, Sendable, Codable {
    /// /None or the /Identity filter: the data is not encrypted.
    case none
    /// /V2: RC4 with a per-object key (legacy, read and kept only).
    case rc4 = "V2"
    /// /AESV2: AES-128-CBC with a per-object key.
    case aesV2 = "AESV2"
    /// /AESV3: AES-256-CBC with the file key.
    case aesV3 = "AESV3"
}

/// The user access permissions /P (ISO 32000-2 §7.6.4.2, Table 22); bit n of the table is
/// `1 << (n - 1)`.
public struct PDFPermissions: OptionSet, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The raw /P bits.
    public let rawValue: UInt32
    /// Permissions from the raw /P bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Bit 3: print (at low quality unless ``printHighQuality``).
    public static let print = PDFPermissions(rawValue: 1 << 2)
    /// Bit 4: modify the contents by other operations than those of bits 6, 9 and 11.
    public static let modify = PDFPermissions(rawValue: 1 << 3)
    /// Bit 5: copy or extract text and graphics.
    public static let copy = PDFPermissions(rawValue: 1 << 4)
    /// Bit 6: add or modify annotations, fill in form fields (incl. signature fields) and,
    /// with bit 4, create form fields.
    public static let annotate = PDFPermissions(rawValue: 1 << 5)
    /// Bit 9: fill in existing form fields, including signature fields, even without bit 6.
    public static let fillForms = PDFPermissions(rawValue: 1 << 8)
    /// Bit 10: extract text and graphics for accessibility.
    public static let extractForAccessibility = PDFPermissions(rawValue: 1 << 9)
    /// Bit 11: assemble the document (insert, rotate, delete pages, bookmarks).
    public static let assemble = PDFPermissions(rawValue: 1 << 10)
    /// Bit 12: print at full quality.
    public static let printHighQuality = PDFPermissions(rawValue: 1 << 11)

    /// Every named permission with its name, in bit order.
    public static let named: [(String, PDFPermissions)] = [
        ("print", .print), ("modify", .modify), ("copy", .copy), ("annotate", .annotate), ("fillForms", .fillForms),
        ("extractForAccessibility", .extractForAccessibility), ("assemble", .assemble), ("printHighQuality", .printHighQuality),
    ]

    /// The names of the permissions granted.
    public var names: [String] { Self.named.filter { contains($0.1) }.map(\.0) }

    /// The granted permissions' names, comma-separated (`none` when none is).
    public var description: String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    private enum CodingKeys: String, CodingKey { case p = "P", granted }

    /// Encodes `{"P": <the signed /P value>, "granted": [names]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Int32(bitPattern: rawValue), forKey: .p)
        try container.encode(names, forKey: .granted)
    }

    /// Decodes what ``encode(to:)`` writes (the /P value is authoritative).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rawValue: UInt32(bitPattern: try container.decode(Int32.self, forKey: .p)))
    }
}
