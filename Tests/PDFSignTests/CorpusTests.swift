@testable import PDFSign
import Foundation
import Testing

/// Robustness over the real-world corpus beside the package (`../shared/corpus/unsigned`).
@Suite("Real-world corpus: every failure is a PDFError, and the whole corpus finishes")
struct CorpusTests {
    /// The package root: three levels above this file (Tests/PDFSignTests/CorpusTests.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/corpus/unsigned` beside the package, or `PDF_CORPUS_DIR` when set.
    static let corpus = ProcessInfo.processInfo.environment["PDF_CORPUS_DIR"].map { URL(fileURLWithPath: $0) }
        ?? packageRoot.appendingPathComponent("../shared/corpus/unsigned").standardized

    static func corpusFiles() -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    struct FileOutcome {
        var opened = false
        var repaired = false
        var encrypted = false
        var refusal: PDFError.Code?
        var objectErrors: [String: Int] = [:]
        var objects = 0
        var streams = 0
        var seconds = 0.0
        var untyped: [String] = []
    }

    /// Opens a file, walks every xref entry, resolves every object, decodes every stream, counts pages.
    static func exercise(_ url: URL) -> FileOutcome {
        let start = Date()
        var outcome = walk(url)
        outcome.seconds = Date().timeIntervalSince(start)
        return outcome
    }

    static func walk(_ url: URL) -> FileOutcome {
        var outcome = FileOutcome()
        func record(_ error: Error) {
            if let error = error as? PDFError {
                outcome.objectErrors[error.code.description, default: 0] += 1
                if ProcessInfo.processInfo.environment["PDF_CORPUS_VERBOSE"] == "2" { print("  \(url.lastPathComponent): \(error)") }
            } else {
                outcome.untyped.append("\(error)")
            }
        }
        let document: PDFDocument
        do {
            document = try PDFDocument(contentsOfFile: url.path)
        } catch let error as PDFError {
            outcome.refusal = error.code
            if ProcessInfo.processInfo.environment["PDF_CORPUS_VERBOSE"] != nil { print("  refused \(url.lastPathComponent): \(error)") }
            return outcome
        } catch {
            outcome.untyped.append("open: \(error)")
            return outcome
        }
        outcome.opened = true
        outcome.repaired = document.wasRepaired
        outcome.encrypted = document.isEncrypted
        _ = document.revisions.map(\.endOffset)
        for number in document.xrefTable.keys.sorted() {
            guard document.xrefTable[number]?.isInUse == true else { continue }
            do {
                let object = try document.indirectObject(number: number)
                outcome.objects += 1
                if let stream = object.object.streamValue {
                    outcome.streams += 1
                    _ = try document.decodedData(of: stream)
                }
            } catch {
                record(error)
            }
        }
        do { _ = try document.pageCount() } catch { record(error) }
        do { _ = try document.catalog() } catch { record(error) }
        return outcome
    }

    // No per-file timing is asserted (a shared machine makes any bound flaky); the parser's
    // limits bound the work, and the time limit turns a hang into a failure.
    @Test("open, walk, resolve and decode every corpus file", .timeLimit(.minutes(10)))
    func corpusRun() throws {
        let all = Self.corpusFiles()
        guard !all.isEmpty else {
            print("CorpusTests: skipped — no corpus at \(Self.corpus.path)")
            return
        }
        // The whole corpus takes a few seconds in debug, so the default run covers every file;
        // PDF_CORPUS_STRIDE=n samples every n-th file on slow machines.
        let stride = max(1, Int(ProcessInfo.processInfo.environment["PDF_CORPUS_STRIDE"] ?? "") ?? 1)
        var files = all.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        if let only = ProcessInfo.processInfo.environment["PDF_CORPUS_ONLY"] { files = all.filter { $0.path.contains(only) } }
        print("CorpusTests: \(files.count) of \(all.count) files (stride \(stride))")
        let sources = Self.corpus.deletingLastPathComponent().appendingPathComponent("SOURCES.txt")
        if let listing = try? String(contentsOf: sources, encoding: .utf8) {
            let origins = Dictionary(grouping: listing.split(separator: "\n"), by: { $0.split(separator: ":").first.map(String.init) ?? "?" })
            print("CorpusTests: provenance (SOURCES.txt): \(origins.map { "\($0.key) \($0.value.count)" }.sorted().joined(separator: ", "))")
        }
        var clean = 0, repaired = 0
        var refused: [String: Int] = [:]
        var objectErrors: [String: Int] = [:]
        var objects = 0, streams = 0, encrypted = 0
        var timings: [(String, Double)] = []
        let started = Date()
        for url in files {
            let outcome = Self.exercise(url)
            let name = url.path.replacingOccurrences(of: Self.corpus.path + "/", with: "")
            for message in outcome.untyped { Issue.record("\(name): non-PDFError \(message)") }
            timings.append((name, outcome.seconds))
            if let code = outcome.refusal {
                refused[code.description, default: 0] += 1
            } else if outcome.repaired {
                repaired += 1
            } else {
                clean += 1
            }
            for (code, count) in outcome.objectErrors { objectErrors[code, default: 0] += count }
            objects += outcome.objects
            if outcome.encrypted { encrypted += 1 }
            streams += outcome.streams
        }
        print("CorpusTests: opened cleanly \(clean), opened with repair \(repaired), refused \(refused.values.reduce(0, +)) \(refused.sorted { $0.key < $1.key }); \(encrypted) encrypted (detected, not decrypted)")
        print("CorpusTests: \(objects) objects resolved, \(streams) streams; object-level errors \(objectErrors.sorted { $0.key < $1.key })")
        print("CorpusTests: \(String(format: "%.1f", Date().timeIntervalSince(started))) s total; slowest: \(timings.sorted { $0.1 > $1.1 }.prefix(5).map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }.joined(separator: ", "))")
    }
}
