// Options, timing and the sample PDF for ContractBenchmark (see main.swift).
import ContractModel
import Foundation
import TestSupport

let allSides = ["bare", "floor", "anchored", "memory", "plain", "complete"]

struct Options {
    var runs = 20
    var pages = 3
    var sides = Set(allSides)
    /// Where the databases and documents go (a fresh folder inside it, removed at the end).
    var directory = FileManager.default.temporaryDirectory

    static let usage = "usage: ContractBenchmark [--runs N] [--pages P] [--dir DIRECTORY] [--only \(allSides.joined(separator: "|"))]"

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--runs": runs = iterator.next().flatMap(Int.init) ?? runs
            case "--pages": pages = iterator.next().flatMap(Int.init) ?? pages
            case "--dir": directory = URL(fileURLWithPath: iterator.next() ?? directory.path, isDirectory: true)
            case "--only":
                let side = iterator.next() ?? ""
                guard allSides.contains(side) else { Self.fail() }
                sides = [side]
            default: Self.fail()
            }
        }
    }

    static func fail() -> Never {
        print(usage)
        exit(2)
    }
}

/// Collects the OTPs the workflow sends (the benchmark's participant reads its code here).
actor CollectingNotifier: Notifier {
    private var codes: [ParticipantID: String] = [:]
    func deliver(_ message: NotificationMessage) async throws {
        if let code = message.oneTimePassword, let participant = message.participantID { codes[participant] = code }
    }
    func code(for participant: ParticipantID) -> String? { codes[participant] }
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// CPU seconds used by this process so far (all threads): less sensitive to a loaded machine than wall time.
#if os(Linux)
let RUSAGE_SELF_VALUE = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
let RUSAGE_SELF_VALUE = RUSAGE_SELF
#endif
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF_VALUE, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func ms(_ value: Double) -> String { String(format: "%.1f ms", value * 1000) }

func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2f×", a / b) }

/// A PDF of `pages` text pages (classic cross-reference table). `variant` goes into the text, so
/// that each run stores and signs bytes of its own (a document store keeps a hash once: the same
/// bytes again would skip the write).
func samplePDF(pages: Int, variant: String) -> [UInt8] {
    var objects = ["<< /Type /Catalog /Pages 2 0 R >>",
                   "<< /Type /Pages /Kids [\((0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>",
                   "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for page in 0..<pages {
        let lines = (0..<40).map { "BT /F1 10 Tf 72 \(780 - 18 * $0) Td (Article \(page * 40 + $0): the parties agree to the terms set out here.) Tj ET" }
        let content = (["BT /F1 8 Tf 72 810 Td (\(variant)) Tj ET"] + lines).joined(separator: "\n")
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * page) 0 R >>")
        objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
    }
    return ClassicPDF.file(objects: objects)
}
