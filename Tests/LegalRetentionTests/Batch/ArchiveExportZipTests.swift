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
        let result = try await archive.export(ArchiveQuery(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31")))
        #expect(result.records == 4)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let zipFile = folder.appendingPathComponent("export.zip")
        try Data(result.zip).write(to: zipFile)
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
}
