import ContractModel
import Foundation
import LegalRetention
import LegalRetentionSQLite
import Testing

/// Counts anchors and accepts its own tokens (the head hash itself), so tests see when the
/// archive anchors without a TSA.
final class CountingAnchoring: AuditAnchoring, @unchecked Sendable {
    private let lock = NSLock()
    private var heads: [[UInt8]] = []
    var anchored: [[UInt8]] { lock.withLock { heads } }
    func anchor(headHash: [UInt8]) async throws -> (token: [UInt8], time: Date) {
        lock.withLock { heads.append(headHash) }
        return (headHash, ArchiveFixtures.fixedNow)
    }
    func verify(token: [UInt8], headHash: [UInt8]) async -> Bool { token == headHash }
}

@Suite struct ArchiveBatchIngestTests {
    static func requests(_ range: Range<Int>, prefix: String = "batch.csv") throws -> [ArchiveIngestRequest] {
        try range.map { i in
            ArchiveIngestRequest(document: ArchiveFixtures.document("row \(i)"), fileName: "dir/r\(i).pdf",
                                 metadata: try ArchiveFixtures.metadata("2024-02-\(String(format: "%02d", i % 28 + 1))", Int64(1000 + i), "株式会社サンプル\(i % 3)"),
                                 importKey: "\(prefix)#\(i)")
        }
    }

    @Test(arguments: ArchiveBackend.allCases)
    func batchIngestCommitsRecordsHistoryAndAccessLogAndResumes(_ backend: ArchiveBackend) async throws {
        var harness = try await backend.make()
        let anchoring = CountingAnchoring()
        harness.service.anchoring = anchoring
        harness.service.anchorInterval = 3
        let archive = harness.service
        // One record imported alone first (a resumed import), then a batch that includes its key twice.
        let single = try Self.requests(0..<1)[0]
        let first = try await archive.ingest(single.document, fileName: single.fileName, metadata: single.metadata, importKey: single.importKey)
        let outcomes = try await archive.ingest(batch: try Self.requests(0..<7) + Self.requests(6..<7))
        #expect(outcomes.count == 8)
        var imported: [ArchiveRecord] = []
        for (offset, outcome) in outcomes.enumerated() {
            switch outcome {
            case .imported(let record): imported.append(record); #expect(offset >= 1 && offset <= 6)
            case .alreadyImported(let record): #expect(offset == 0 ? record.id == first.id : record.importKey == "batch.csv#6")
            }
        }
        #expect(imported.count == 6)
        // The access log holds one ingest event per record (1 single + 6 batch), chained, and the
        // batch crossed sequence 3 and 6, so it was anchored once at its last event (7).
        let log = try await archive.index.accessLog()
        #expect(log.prefix(7).map { $0.details["operation"] } == Array(repeating: "ingest", count: 7))
        #expect(Set(log.prefix(7).compactMap { $0.details["record"] }) == Set(([first] + imported).map(\.id.rawValue)))
        let anchors = try await archive.index.anchors()
        // (An index without batch transactions commits and anchors record by record: at 3 and 6.)
        let batched = archive.index is any BatchArchiveIndex
        #expect(anchors.map(\.sequence) == (batched ? [7] : [3, 6]))
        #expect(anchoring.anchored.count == (batched ? 1 : 2))
        #expect(try await archive.search(ArchiveQuery(limit: 100)).records.count == 7)
        for record in imported {
            #expect(try await archive.document(record.id) == ArchiveFixtures.document("row \(record.importKey!.split(separator: "#")[1])"))
            let history = try await archive.index.history(record.id)
            #expect(history.count == 1 && history[0].reason == "ingest")
            #expect(record.document.fileName == "r\(record.importKey!.split(separator: "#")[1]).pdf")
        }
        #expect(try await archive.verify().passed)
        // Running the same batch again imports nothing.
        let again = try await archive.ingest(batch: try Self.requests(0..<7))
        #expect(again.allSatisfy { if case .alreadyImported = $0 { true } else { false } })
        #expect(try await archive.search(ArchiveQuery(limit: 100)).records.count == 7)
        #expect(try await archive.sweepOrphans(olderThan: nil).isEmpty)
    }

    @Test(arguments: ArchiveBackend.allCases)
    func emptyDocumentRefusesTheWholeBatch(_ backend: ArchiveBackend) async throws {
        let archive = try await backend.make().service
        var requests = try Self.requests(0..<3)
        requests[1].document = []
        await #expect(throws: ArchiveError.self) { _ = try await archive.ingest(batch: requests) }
        #expect(try await archive.search(ArchiveQuery()).records.isEmpty)
        #expect(try await archive.blobs.keys(olderThan: nil).isEmpty)
    }

    /// A crash after the blobs of a batch are stored but before its transaction commits leaves
    /// whole blobs that no record names; opening the archive sweeps them, and verify is clean.
    @Test func uncommittedBatchBlobsAreSweptAsOrphans() async throws {
        let harness = try await ArchiveBackend.sqlite.make()
        let store = try #require(harness.service.blobs as? FileBlobStore)
        let blobs = (0..<5).map { Array("sealed \($0)".utf8) }
        let keys = try await store.put(batch: blobs + [blobs[0]])
        #expect(keys.count == 6 && keys[5] == keys[0])
        for (key, bytes) in zip(keys, blobs) { #expect(try await store.get(key) == bytes) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory.appendingPathComponent("tmp").path).isEmpty)
        #expect(try await harness.service.verify().findings.filter { $0.kind == .orphanBlob }.count == 5)
        #expect(Set(try await harness.service.sweepOrphans(olderThan: nil)) == Set(keys))
        #expect(try await harness.service.verify().passed)
    }
}
