import ContractModel
import Foundation
import LegalRetention
import Testing
import TestSupport

/// The export ZIP (written with ZIPFoundation) read back by independent tools: `unzip`, then
/// `sha256sum -c` over its manifest, and Python's csv module over its index.
@Suite struct ArchiveExportZipTests {
    @Test func exportUnzipsAndItsManifestChecks() async throws {
        guard ExternalTool.path("unzip") != nil, ExternalTool.path("sha256sum") != nil, ExternalTool.path("python3") != nil else {
            print("SKIPPED exportUnzipsAndItsManifestChecks: unzip, sha256sum or python3 is not installed")
            return
        }
        let archive = try await ArchiveBackend.sqlite.make().service
        for i in 0..<4 {
            _ = try await archive.ingest(ArchiveFixtures.document("export \(i)") + [UInt8](repeating: UInt8(i), count: 5000), fileName: "契約\(i).pdf",
                                         metadata: try ArchiveFixtures.metadata("2024-03-0\(i + 1)", Int64(100 * i + 1), "ｶﾞｷﾞ商事, \"本社\"", title: "=SUM(A1)"))
        }
        _ = try await archive.ingest(ArchiveFixtures.document("outside"), fileName: "x.pdf", metadata: try ArchiveFixtures.metadata("2023-01-01", 5, "他社"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let zipFile = folder.appendingPathComponent("export.zip")
        let result = try await archive.export(ArchiveQuery(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31")), to: zipFile)
        #expect(result.records == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["export.zip"], "no partial file is left beside the ZIP")
        #expect(result.zipBytes == (try Data(contentsOf: zipFile)).count)
        let unzip = try await ExternalTool.run("unzip", ["-q", zipFile.path, "-d", folder.appendingPathComponent("out").path])
        #expect(unzip.status == 0, "\(unzip.text)")
        let check = try await ExternalTool.run("sha256sum", ["-c", "SHA256SUMS"], in: folder.appendingPathComponent("out"))
        #expect(check.status == 0, "\(check.text)")
        #expect(check.stdoutText.components(separatedBy: ": OK").count - 1 == 5)
        let script = """
            import csv, sys
            with open(sys.argv[1], encoding='utf-8-sig', newline='') as f: rows = list(csv.DictReader(f))
            print(len(rows), rows[0]['counterparty'], rows[0]['title'], sorted(r['transaction_date'] for r in rows)[0])
            """
        let csv = try await ExternalTool.run("python3", ["-c", script, folder.appendingPathComponent("out/index.csv").path])
        #expect(csv.stdoutText == "4 ｶﾞｷﾞ商事, \"本社\" =SUM(A1) 2024-03-01\n", "\(csv.text)")
        let bom = try Data(contentsOf: folder.appendingPathComponent("out/index.csv")).prefix(3)
        #expect(Array(bom) == [0xEF, 0xBB, 0xBF])
    }

    @Test func exportToAnUnwritablePlaceIsATypedErrorAndLeavesNothing() async throws {
        let archive = try await ArchiveBackend.sqlite.make().service
        _ = try await archive.ingest(ArchiveFixtures.document("one"), fileName: "a.pdf", metadata: try ArchiveFixtures.metadata("2024-03-01", 1, "甲社"))
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-folder-\(UUID().uuidString)/export.zip")
        let error = await #expect(throws: ArchiveError.self) { try await archive.export(ArchiveQuery(), to: missing) }
        #expect(error?.code == .exportFailed)
        #expect(!FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path))
    }

    @Test func anExportThatFailsMidwayLeavesNoFileBehind() async throws {
        let harness = try await ArchiveBackend.sqlite.make()
        for i in 0..<3 {
            _ = try await harness.service.ingest(ArchiveFixtures.document("doc \(i)"), fileName: "d\(i).pdf",
                                                 metadata: try ArchiveFixtures.metadata("2024-03-0\(i + 1)", 1, "甲社"))
        }
        // The last record's blob goes missing: the export fails on it, after two files were written.
        let blobs = harness.directory.appendingPathComponent("blobs")
        let files = try #require(FileManager.default.enumerator(at: blobs, includingPropertiesForKeys: [.isRegularFileKey])?.allObjects as? [URL])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        #expect(files.count == 3)
        let page = try await harness.service.search(ArchiveQuery(from: try CivilDate("2024-03-03"), to: try CivilDate("2024-03-03")))
        let victim = try #require(page.records.first?.document.blobSHA256)
        #expect(files.contains { $0.lastPathComponent.contains(victim) }, "the blob file is named by its SHA-256")
        for file in files where file.lastPathComponent.contains(victim) { try FileManager.default.removeItem(at: file) }
        let folder = harness.directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        await #expect(throws: ArchiveError.self) { try await harness.service.export(ArchiveQuery(), to: folder.appendingPathComponent("export.zip")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "neither the ZIP nor its partial file is left")
    }
}
