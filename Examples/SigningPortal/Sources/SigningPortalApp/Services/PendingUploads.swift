import ContractModel
import Foundation

/// A contract's upload before its first participant: ContractModel needs at least one signer to
/// create a contract, so the portal keeps the PDF and its metadata here until the sender adds one.
public struct PendingUpload: Codable, Sendable {
    /// The future contract's identifier.
    public var id: ContractID
    /// The title.
    public var title: String
    /// The uploaded file's name.
    public var fileName: String
    /// 取引年月日, 取引金額, 取引先.
    public var metadata: ArchiveMetadata
    /// When it was uploaded.
    public var uploadedAt: Date
}

/// Pending uploads in `DIR/uploads/` (`ID.json` and `ID.pdf`).
public actor PendingUploads {
    /// The folder.
    public let directory: URL

    /// Uploads in `directory` (created if missing).
    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Keeps an upload.
    public func put(_ upload: PendingUpload, pdf: [UInt8]) throws {
        try Data(pdf).write(to: file(upload.id, "pdf"), options: .atomic)
        try JSONEncoder().encode(upload).write(to: file(upload.id, "json"), options: .atomic)
    }

    /// The upload `id`, if pending.
    public func get(_ id: ContractID) -> (upload: PendingUpload, pdf: [UInt8])? {
        guard Self.isSafe(id), let json = FileManager.default.contents(atPath: file(id, "json").path),
              let upload = try? JSONDecoder().decode(PendingUpload.self, from: json),
              let pdf = FileManager.default.contents(atPath: file(id, "pdf").path) else { return nil }
        return (upload, Array(pdf))
    }

    /// Every pending upload.
    public func all() -> [PendingUpload] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.compactMap {
            FileManager.default.contents(atPath: directory.appendingPathComponent($0).path).flatMap { try? JSONDecoder().decode(PendingUpload.self, from: $0) }
        }
    }

    /// Forgets `id` (once the contract exists).
    public func remove(_ id: ContractID) {
        try? FileManager.default.removeItem(at: file(id, "json"))
        try? FileManager.default.removeItem(at: file(id, "pdf"))
    }

    private func file(_ id: ContractID, _ ext: String) -> URL { directory.appendingPathComponent("\(id.rawValue).\(ext)") }

    /// Identifiers are UUIDs made here; anything else never reaches the file system.
    static func isSafe(_ id: ContractID) -> Bool {
        !id.rawValue.isEmpty && id.rawValue.count <= 64 && id.rawValue.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
