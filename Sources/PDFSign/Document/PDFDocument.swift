import Foundation

/// A PDF file opened for reading (ISO 32000-2 §7).
///
/// Opening reads the header, the tail (`startxref`) and every cross-reference section of the
/// /Prev chain; objects are parsed on demand and cached, so memory follows what is touched.
/// Broken cross-reference data is repaired by scanning the file; ``wasRepaired`` and
/// ``repairNotes`` say so. Byte offsets of revisions, cross-reference sections and objects are
/// kept for incremental updates and signature validation.
///
/// Instances are safe to use from several threads (access is serialized internally).
public final class PDFDocument: @unchecked Sendable {
    /// The bytes of the file.
    public let source: any PDFByteSource
    /// The limits in force.
    public let limits: PDFParsingLimits
    /// The version in the `%PDF-x.y` header, if found.
    public let headerVersion: String?
    /// Where the `%PDF-` header begins: 0 in a well-formed file; readers take the offsets of
    /// a file with bytes before its header as relative to the header.
    package let headerOffset: Int?
    /// The offset given by the last `startxref` in the file, if found.
    public let startxrefOffset: Int?
    /// The cross-reference sections of the /Prev chain, oldest first (empty when the
    /// cross-reference had to be rebuilt from scratch).
    public let revisions: [PDFRevision]
    /// The effective trailer (the newest one, completed from older ones; or the one repair found).
    public let trailer: PDFDictionary
    /// The effective cross-reference table: object number → entry.
    public let xrefTable: [Int: PDFXrefEntry]
    /// Why and how the structure was repaired; empty for a sound file.
    public let repairNotes: [PDFRepairNote]
    /// Deviations from ISO 32000-2 §7.5 that the reader tolerated without repairing anything:
    /// a /Prev loop, table entries that are not 20-byte lines, a trailer without /Size.
    /// Other readers may refuse such files, so the signer then writes a complete
    /// cross-reference section rather than chaining to the irregular one.
    public let xrefIrregularities: [String]
    /// The /Encrypt dictionary's parameters and which password opened the document, when it
    /// is encrypted (set once, while opening).
    public private(set) var encryption: PDFEncryptionInfo?
    /// The unlocked file key and crypt filters (set once, while opening); see ``PDFCrypt``.
    private(set) var crypt: PDFCrypt?

    let lock = NSRecursiveLock()
    var objectCache: [Int: PDFIndirectObject] = [:]
    /// Decoded object streams (or why they could not be decoded), by the offset of the stream object.
    var objectStreamCache: [Int: Result<PDFObjectStreamContents, PDFError>] = [:]
    var inProgress: Set<Int> = []
    let endstreamIndex: PDFEndstreamIndex
    /// Cross-revision lookups, built on first use (see ``PDFRevisionIndexes``).
    var revisionIndexesCache: PDFRevisionIndexes?
    /// Objects read as of a revision, by where they are stored: the same bytes parse the same
    /// whichever revision asks, so each body is parsed once.
    var storedObjectCache: [PDFStoredObjectKey: PDFIndirectObject] = [:]
    /// How much reading and comparing was done (tests check that validation work grows linearly).
    var work = PDFWorkCounts()

    /// Opens a document over any byte source.
    ///
    /// An encrypted document (ISO 32000-2 §7.6) is unlocked with `password`, its user or
    /// owner password; without one, the empty user password is tried, so files that only
    /// restrict permissions open without being asked. Strings and streams are then decrypted
    /// as objects are read; ``encryption`` says how the file is protected.
    ///
    /// - Throws: ``PDFError`` — ``PDFError/Code/passwordRequired`` or
    ///   ``PDFError/Code/wrongPassword``, ``PDFError/Code/invalidPassword`` (SASLprep),
    ///   ``PDFError/Code/unsupportedSecurityHandler`` (e.g. /Adobe.PubSec), and reading errors.
    public convenience init(source: any PDFByteSource, password: String? = nil, limits: PDFParsingLimits = PDFParsingLimits()) throws {
        try self.init(source: source, unlocking: .password(password), limits: limits)
    }

    /// How an encrypted document is unlocked while opening.
    private enum Unlocking {
        /// With a password (`nil`: the empty user password).
        case password(String?)
        /// With the key of an earlier version of the same file.
        case key(PDFCrypt, PDFEncryptionInfo)
    }

    private init(source: any PDFByteSource, unlocking: Unlocking, limits: PDFParsingLimits) throws {
        self.source = source
        self.limits = limits
        self.endstreamIndex = PDFEndstreamIndex(source: source)
        let structure = try PDFDocumentLoader(source: source, limits: limits, endstreamIndex: endstreamIndex).load()
        headerVersion = structure.version
        headerOffset = structure.headerOffset
        startxrefOffset = structure.startxref
        revisions = structure.revisions
        trailer = structure.trailer
        xrefTable = structure.table
        repairNotes = structure.repairNotes
        xrefIrregularities = structure.irregularities
        guard let encrypt = trailer["Encrypt"] else { return }
        switch unlocking {
        case .key(let crypt, let info):
            (self.crypt, encryption) = (crypt, info)
        case .password(let password):
            guard let dictionary = try resolve(encrypt).dictionaryValue else {
                throw PDFError(.malformedSyntax, "the trailer's /Encrypt is not a dictionary")
            }
            let firstID = (try? resolve(trailer["ID"] ?? .null))?.arrayValue?.first?.stringValue?.bytes ?? []
            (crypt, encryption) = try PDFStandardSecurityHandler.unlock(
                dictionary, encryptReference: encrypt.referenceValue, firstID: firstID, password: password)
            // Objects read while finding /Encrypt were read without decryption.
            objectCache = [:]
            storedObjectCache = [:]
            objectStreamCache = [:]
        }
    }

    /// Opens a document held in memory (see ``init(source:password:limits:)`` for `password`).
    public convenience init(bytes: [UInt8], password: String? = nil, limits: PDFParsingLimits = PDFParsingLimits()) throws {
        try self.init(source: PDFMemoryByteSource(bytes), password: password, limits: limits)
    }

    /// Opens a document held in memory (see ``init(source:password:limits:)`` for `password`).
    public convenience init(data: Data, password: String? = nil, limits: PDFParsingLimits = PDFParsingLimits()) throws {
        try self.init(source: PDFMemoryByteSource(Array(data)), password: password, limits: limits)
    }

    /// Opens the file at `path`, reading it on demand (see ``init(source:password:limits:)``
    /// for `password`).
    public convenience init(contentsOfFile path: String, password: String? = nil, limits: PDFParsingLimits = PDFParsingLimits()) throws {
        try self.init(source: PDFFileByteSource(path: path), password: password, limits: limits)
    }

    /// Opens `bytes`, a later version of `earlier` (the same file with updates appended),
    /// unlocked with `earlier`'s file key, so that a signed or extended file can be read back
    /// without asking for the password again.
    ///
    /// - Throws: ``PDFError/Code/passwordRequired`` when `bytes` has another /Encrypt or /ID
    ///   than `earlier` (the key would not fit), and reading errors.
    public convenience init(bytes: [UInt8], unlockedLike earlier: PDFDocument) throws {
        try self.init(source: PDFMemoryByteSource(bytes), unlockedLike: earlier)
    }

    /// Opens the file at `path`, a later version of `earlier`, with `earlier`'s file key (see
    /// ``init(bytes:unlockedLike:)``), reading it on demand.
    public convenience init(contentsOfFile path: String, unlockedLike earlier: PDFDocument) throws {
        try self.init(source: PDFFileByteSource(path: path), unlockedLike: earlier)
    }

    /// Opens `source`, a later version of `earlier`, with `earlier`'s file key (see
    /// ``init(bytes:unlockedLike:)``).
    public convenience init(source: any PDFByteSource, unlockedLike earlier: PDFDocument) throws {
        guard let crypt = earlier.crypt, let encryption = earlier.encryption else {
            try self.init(source: source, limits: earlier.limits)
            return
        }
        try self.init(source: source, unlocking: .key(crypt, encryption), limits: earlier.limits)
        let firstID = { (document: PDFDocument) in (try? document.resolve(document.trailer["ID"] ?? .null))?.arrayValue?.first }
        guard trailer["Encrypt"] == earlier.trailer["Encrypt"], firstID(self) == firstID(earlier) else {
            throw PDFError(.passwordRequired, "the bytes are not a later version of the unlocked document (/Encrypt or /ID differ)")
        }
    }

    /// Whether the trailer has /Encrypt (strings and streams are decrypted as they are read).
    public var isEncrypted: Bool { encryption != nil }

    /// Whether the cross-reference structure had to be repaired.
    public var wasRepaired: Bool { !repairNotes.isEmpty }

    /// The numbers of all in-use objects, ascending.
    public var objectNumbers: [Int] { xrefTable.filter { $0.value.isInUse }.keys.sorted() }
}
