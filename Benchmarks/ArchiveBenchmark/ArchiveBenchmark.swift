// ArchiveBenchmark: the LegalRetention archive on synthetic records (SQLite index, folder blobs).
//
//   ArchiveBenchmark [--count N] [--ingest N] [--queries Q] [--dir DIR] [--search-only]
//
// --search-only reuses the index.sqlite an earlier run left in --dir and times only step 3.
//
// 1. ingest rate: --ingest records (metadata plus a small PDF) through ArchiveService (encrypt,
//    blob write with fsync, index transaction, access log);
// 2. the rest up to --count through the index's batch insert in large transactions (rows,
//    history and access log as an import writes them, without encrypting a blob per row, so
//    searches see 1,000,000 realistic rows without hours of ingest);
// 3. search p50/p99 for 取引年月日 range AND 取引金額 range AND 取引先 substring through the
//    index, against a hand-written best-index query run by the sqlite3 CLI on the same file in
//    the same run;
// 4. export throughput (records and MB per second) over the --ingest records, ZIP streamed to DIR/export.zip.
// Build with -c release for meaningful numbers.
import ContractModel
import Foundation
import GRDB
import LegalRetention
import LegalRetentionSQLite

@main
struct ArchiveBenchmark {
    static func option(_ name: String, _ fallback: Int) -> Int {
        let args = CommandLine.arguments
        guard let index = args.firstIndex(of: name), index + 1 < args.count, let value = Int(args[index + 1]) else { return fallback }
        return value
    }

    static let names = ["ヤマダ商事", "サトウ工業", "ガギグ物産", "パピプ電機", "スズキトレーディング", "タナカ建設", "abctrading", "ジンクワークス",
                        "ノースウエスト", "山田製作所", "東京デンキ", "ブルーバード", "ヴィーナス", "マルイチ", "アオバ", "コーヒー豆店"]

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    /// 3. search: date range AND amount range AND counterparty substring, through the index and
    /// through the sqlite3 CLI (hand-written best-index SQL) on the same file.
    static func searchBenchmark(index: SQLiteArchiveIndex, dbPath: String, dir: URL, queries: Int,
                                generator: inout SystemRandomNumberGenerator) async throws {
        // The same queries on both sides, each side run twice and timed the second time: a 1M-record
        // index is larger than what stays in the page cache between runs, and whichever side ran
        // first would otherwise pay the disk reads for the other.
        var resolvedQueries: [ResolvedArchiveQuery] = [], statements = ""
        for _ in 0..<queries {
            let from = try CivilDate("2016-01-01").adding(days: Int.random(in: 0..<3600, using: &generator))
            let to = from.adding(days: 30)
            let low = Int64.random(in: 1...9_000_000, using: &generator), high = low + 1_000_000
            let sub = String(names.randomElement(using: &generator)!.prefix(2))
            let resolved = try ArchiveQuery(from: from, to: to, minimumAmount: Money(minorUnits: low, currency: .jpy),
                                            maximumAmount: Money(minorUnits: high, currency: .jpy), counterparty: sub, limit: 100).resolved()
            resolvedQueries.append(resolved)
            statements += """
                SELECT \(SQLiteArchiveIndex.recordColumns) FROM records INDEXED BY records_search WHERE disposed_at IS NULL AND transaction_date BETWEEN '\(from)' AND '\(to)' \
                AND amount_minor BETWEEN \(low) AND \(high) AND currency = 'JPY' AND instr(counterparty_key, '\(resolved.counterpartyKey ?? "")') > 0 \
                ORDER BY transaction_date, seq LIMIT 101;

                """
        }
        for resolved in resolvedQueries { _ = try await index.search(resolved) }
        // Wall time, and CPU time (user + system of this process: on a loaded machine the wall time
        // measures the scheduler; the CPU time is what the query costs).
        var ours: [Double] = [], oursCPU: [Double] = [], resultCounts = 0
        for resolved in resolvedQueries {
            let begin = DispatchTime.now().uptimeNanoseconds, beginCPU = cpuMilliseconds()
            let page = try await index.search(resolved)
            ours.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            oursCPU.append(cpuMilliseconds() - beginCPU)
            resultCounts += page.records.count
        }
        let sqlText = ".output /dev/null\n" + statements + ".output stdout\n.timer on\n" + statements
        say(String(format: "search (archive API, %d queries, %.1f results avg): wall p50 %.2f ms, p99 %.2f ms; CPU p50 %.2f ms, p99 %.2f ms", queries,
                     Double(resultCounts) / Double(queries), percentile(ours, 0.5), percentile(ours, 0.99), percentile(oursCPU, 0.5), percentile(oursCPU, 0.99)))
        let script = dir.appendingPathComponent("queries.sql")
        try sqlText.write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [dbPath]
        process.standardInput = try FileHandle(forReadingFrom: script)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let times = output.split(separator: "\n").compactMap { line -> Double? in
                guard line.hasPrefix("Run Time: real ") else { return nil }
                return Double(line.dropFirst(15).split(separator: " ").first ?? "").map { $0 * 1000 }
            }
            // CPU as user + system, as ours is measured.
            let sqliteCPU = output.split(separator: "\n").compactMap { line -> Double? in
                guard line.hasPrefix("Run Time: real "), let user = line.range(of: " user "), let sys = line.range(of: " sys "),
                      let userSeconds = Double(line[user.upperBound...].split(separator: " ").first ?? ""),
                      let sysSeconds = Double(line[sys.upperBound...].split(separator: " ").first ?? "") else { return nil }
                return (userSeconds + sysSeconds) * 1000
            }
            if times.isEmpty || sqliteCPU.isEmpty { say("sqlite3: no timings") } else {
                say(String(format: "search (sqlite3 CLI, hand-written best-index SQL): wall p50 %.2f ms, p99 %.2f ms; CPU (user + sys) p50 %.2f ms, p99 %.2f ms",
                             percentile(times, 0.5), percentile(times, 0.99), percentile(sqliteCPU, 0.5), percentile(sqliteCPU, 0.99)))
                // sqlite3's wall timer has 1 ms resolution: below that a wall ratio means nothing.
                let wallRatio = percentile(times, 0.99) >= 1 ? String(format: "%.2f×", percentile(ours, 0.99) / percentile(times, 0.99)) : "n/a (sqlite3 p99 under its 1 ms timer resolution)"
                say("ratio archive/sqlite3: wall p99 \(wallRatio), CPU p99 " + String(format: "%.2f×", percentile(oursCPU, 0.99) / max(percentile(sqliteCPU, 0.99), 0.001)))
            }
        } catch {
            say("sqlite3 CLI not available: \(error)")
        }

    }

    static func main() async throws {
        let count = option("--count", 1_000_000), ingestCount = min(option("--ingest", 2000), count)
        let queries = option("--queries", 200)
        var generator = SystemRandomNumberGenerator()
        let args = CommandLine.arguments
        let dir = args.firstIndex(of: "--dir").map { URL(fileURLWithPath: args[$0 + 1]) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("archive-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let dbPath = dir.appendingPathComponent("index.sqlite").path
        let index = try SQLiteArchiveIndex(path: dbPath)
        let blobs = try FileBlobStore(directory: dir.appendingPathComponent("blobs"))
        let keys = try SoftwareKeyFileProvider(directory: dir.appendingPathComponent("keys"))
        let archive = ArchiveService(index: index, blobs: blobs, keys: keys, clock: SystemContractClock(), actor: "bench")
        func metadata(_ i: Int) throws -> RecordMetadata {
            let day = try CivilDate("2016-01-01").adding(days: Int.random(in: 0..<3650, using: &generator))
            return RecordMetadata(transactionDate: day, amount: Money(minorUnits: Int64.random(in: 1...10_000_000, using: &generator), currency: .jpy),
                                  counterparty: try Counterparty(names[i % names.count] + String(i % 997)), documentType: .contract, title: "契約 \(i)")
        }
        let pdf = Array("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n".utf8) + [UInt8](repeating: 0x20, count: 2000) + Array("\n%%EOF\n".utf8)

        // --search-only: an existing archive folder (index.sqlite already filled, e.g. by an earlier
        // run with --dir): skip 1, 2 and 4 and time only the searches against sqlite3.
        let searchOnly = args.contains("--search-only")
        if searchOnly {
            try await searchBenchmark(index: index, dbPath: dbPath, dir: dir, queries: queries, generator: &generator)
            return
        }

        // 1. ingest through the service
        var start = Date()
        for i in 0..<ingestCount { _ = try await archive.ingest(pdf, fileName: "d\(i).pdf", metadata: try metadata(i)) }
        let ingestSeconds = Date().timeIntervalSince(start)
        say(String(format: "ingest: %d records in %.1f s = %.0f records/s (service: encrypt, blob fsync, index, access log)",
                     ingestCount, ingestSeconds, Double(ingestCount) / ingestSeconds))

        // 2. bulk rows up to --count through the index's batch insert (rows, custom fields, history
        //    entries and access-log events, as a bulk import writes them), reusing one ingested
        //    record's document (typed 請求書 so the export below, over 契約書, reads only documents
        //    that really decrypt under their own id)
        start = Date()
        let template = try require(try await index.records(after: nil, limit: 1).first)
        let now = Date()
        var done = ingestCount
        while done < count {
            let batch = min(20_000, count - done)
            var rows: [(record: ArchiveRecord, ingest: RecordCorrection)] = []
            for i in done..<(done + batch) {
                var m = try metadata(i)
                m.documentType = .invoice
                let record = ArchiveRecord(id: ArchiveRecordID("b\(i)"), version: 1, metadata: m, document: template.document, ingestedAt: now,
                                           retentionEnd: template.retentionEnd, legalHold: nil, importKey: nil, disposedAt: nil)
                rows.append((record, RecordCorrection(recordID: record.id, version: 1, time: now, actor: "bench", reason: "ingest", before: nil, after: m)))
            }
            _ = try await index.insert(batch: rows) { record, previous, sequence in
                AuditEvent.chained(after: previous, sequence: sequence, contractID: archiveAccessLogID, contractVersion: 1, time: now,
                                   actor: .member(UserID("bench")), action: ArchiveOperation.ingest.auditAction,
                                   details: ["operation": ArchiveOperation.ingest.rawValue, "record": record.id.rawValue, "sha256": record.document.sha256])
            }
            done += batch
        }
        try await index.pool.write { db in try db.execute(sql: "ANALYZE") }
        say(String(format: "bulk rows: %d in %.1f s (index batch inserts: no encryption or blob writes)", count - ingestCount, Date().timeIntervalSince(start)))

        try await searchBenchmark(index: index, dbPath: dbPath, dir: dir, queries: queries, generator: &generator)

        // 4. export throughput over the ingested records (契約書; the bulk rows are 請求書), streamed to a file
        start = Date()
        let zipFile = dir.appendingPathComponent("export.zip")
        let exported = try await archive.export(ArchiveQuery(documentType: .contract), to: zipFile) { _ in }
        let exportSeconds = Date().timeIntervalSince(start)
        say(String(format: "export: %d records, %.1f MB zip in %.2f s = %.0f records/s, %.1f MB/s", exported.records, Double(exported.zipBytes) / 1e6,
                     exportSeconds, Double(exported.records) / exportSeconds, Double(exported.zipBytes) / 1e6 / exportSeconds))
    }
}

/// User plus system CPU time of this process, in milliseconds.
func cpuMilliseconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
}

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw ArchiveError(.notFound, "no record to copy") }
    return value
}

/// One line on stdout, unbuffered (so a crash loses nothing).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
