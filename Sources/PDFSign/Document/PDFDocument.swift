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
    /// The /Encrypt dictionary's parameters, when the document is encrypted (set once, while opening).
    public private(set) var encryption: PDFEncryptionInfo?

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
    public init(source: any PDFByteSource, limits: PDFParsingLimits = PDFParsingLimits()) throws {
        self.source = source
        self.limits = limits
        self.endstreamIndex = PDFEndstreamIndex(source: source)
        let structure = try PDFDocumentLoader(source: source, limits: limits, endstreamIndex: endstreamIndex).load()
        headerVersion = structure.version
        startxrefOffset = structure.startxref
        revisions = structure.revisions
        trailer = structure.trailer
        xrefTable = structure.table
        repairNotes = structure.repairNotes
        xrefIrregularities = structure.irregularities
        if trailer["Encrypt"] != nil {
            var encryptDictionary: PDFDictionary?
            do { encryptDictionary = try resolve(trailer["Encrypt"] ?? .null).dictionaryValue } catch {}
            let dictionary = encryptDictionary ?? PDFDictionary()
            encryption = PDFEncryptionInfo(
                filter: dictionary.name("Filter"), version: dictionary.integer("V"),
                revision: dictionary.integer("R"), keyLength: dictionary.integer("Length"))
        }
    }

    /// Opens a document held in memory.
    public convenience init(bytes: [UInt8], limits: PDFParsingLimits = PDFParsingLimits()) throws {
        try self.init(source: PDFMemoryByteSource(bytes), limits: limits)
    }

    /// Opens a document held in memory.
    public convenience init(data: Data, limits: PDFParsingLimits = PDFParsingLimits()) throws {
        try self.init(source: PDFMemoryByteSource(Array(data)), limits: limits)
    }

    /// Opens the file at `path`, reading it on demand.
    public convenience init(contentsOfFile path: String, limits: PDFParsingLimits = PDFParsingLimits()) throws {
        try self.init(source: PDFFileByteSource(path: path), limits: limits)
    }

    /// Whether the trailer has /Encrypt (strings and streams are then encrypted; decryption is not implemented).
    public var isEncrypted: Bool { encryption != nil }

    /// Whether the cross-reference structure had to be repaired.
    public var wasRepaired: Bool { !repairNotes.isEmpty }

    /// The numbers of all in-use objects, ascending.
    public var objectNumbers: [Int] { xrefTable.filter { $0.value.isInUse }.keys.sorted() }
}
