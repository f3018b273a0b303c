import ContractModel
import Foundation
import Testing

@Suite struct FileDocumentStoreTests {
    static func freshDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("file-documents-\(UUID().uuidString)")
    }

    /// Opening makes the 256 prefix folders; stored bytes come back, no temporary file stays,
    /// and a reopened store reads them.
    @Test func prefixFoldersAreMadeOnceAndFilesRoundTrip() async throws {
        let directory = Self.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try FileDocumentStore(directory: directory)
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(folders.count == 256 && folders.first == "00" && folders.last == "ff")
        let bytes = Array("%PDF-1.7 stored".utf8)
        let hash = try await store.put(bytes)
        #expect(try await store.put(bytes) == hash)
        #expect(try await store.get(hash) == bytes)
        let prefix = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(String(hash.prefix(2))).path)
        #expect(prefix == [hash + ".bin"])
        let reopened = try FileDocumentStore(directory: directory)
        #expect(try await reopened.get(hash) == bytes)
    }

    /// A prefix folder removed after opening is made again by the next write into it.
    @Test func removedPrefixFolderIsMadeAgain() async throws {
        let directory = Self.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try FileDocumentStore(directory: directory)
        let bytes = Array("%PDF-1.7 again".utf8)
        let folder = store.path(for: sha256Hex(bytes)).deletingLastPathComponent()
        try FileManager.default.removeItem(at: folder)
        let hash = try await store.put(bytes)
        #expect(try await store.contains(hash))
        #expect(try await store.get(hash) == bytes)
    }
}
