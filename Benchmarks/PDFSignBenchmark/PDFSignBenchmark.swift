// Signing time of PDFSign next to the hashing floor (`openssl dgst -sha256` of the same file)
// and next to pyHanko signing in-process, in one run, with peak memory; then `econtract pdf
// sign` as a whole process next to `pyhanko sign addsig`. Build in release:
//   swift build -c release --product econtract
//   swift run -c release PDFSignBenchmark [--runs 20] [--skip-large] [--econtract PATH] [--whole-process-only]
// (--whole-process-only: only the `econtract pdf sign` vs `pyhanko sign addsig` start-up row)
// Then B-LTA into a file for each size (sandbox PKI, local TSA) next to openssl dgst, and full offline validation of a B-LTA file next to `pyhanko sign adesverify` (with the shared
// test PKI up). Inputs are generated: a typical 3-page contract (~20 KB), 1 MB and 200 MB files whose bulk is
// one raw image. Each size is signed (PAdES B-B, RSA-2048, invisible) into a file by a child
// process of this benchmark, so that each size's peak RSS is measured alone.
import CMSCore
import Foundation
import PDFSign
import X509

@main
struct PDFSignBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        if arguments.count >= 5, arguments[1] == "--child" {
            try await child(input: arguments[2], runs: Int(arguments[3]) ?? 1, keyDirectory: arguments[4])
            return
        }
        if arguments.count >= 5, arguments[1] == "--child-lta" {
            try await LongTermBenchmark.child(input: arguments[2], runs: Int(arguments[3]) ?? 1, pkiDirectory: arguments[4])
            return
        }
        let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 20
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdfsign-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = try KeyFiles.prepare(in: directory)
        if arguments.contains("--whole-process-only") {
            try WholeProcessBenchmark.run(runs: runs, directory: directory, keys: keys)
            return
        }

        var sizes: [(label: String, pages: Int, bytes: Int, runs: Int)] = [
            ("typical (3 pages)", 3, 0, runs), ("1 MB", 3, 1 << 20, runs),
        ]
        if !arguments.contains("--skip-large") { sizes.append(("200 MB", 3, 200 << 20, 3)) }
        print("PDFSign signing benchmark (PAdES B-B, RSA-2048, invisible, signed into a file)")
        print("keys: \(keys.origin)")
        print(String(repeating: "-", count: 118))
        print(pad("input", 20), pad("ours median", 13), pad("ours RSS", 10), pad("openssl dgst", 13), pad("ours/dgst", 10),
              pad("pyHanko median", 15), pad("pyHanko RSS", 12), pad("pyHanko/ours", 12))
        var inputs: [(label: String, path: String, runs: Int)] = []
        for size in sizes {
            let input = directory.appendingPathComponent("input-\(size.bytes).pdf").path
            try GeneratedPDF.write(to: input, pages: size.pages, targetBytes: size.bytes)
            let fileSize = (try FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
            inputs.append(("\(size.label) \(mb(fileSize))", input, size.runs))
            let ours = try measureChild(input: input, runs: size.runs, keyDirectory: directory.path)
            let digest = PeerTools.opensslDigestSeconds(input, runs: 3)
            let python = PeerTools.pyHanko(input, runs: max(3, size.runs / 4), key: keys.key, certificate: keys.certificate, chain: keys.chain)
            print(pad("\(size.label) \(mb(fileSize))", 20), pad(ms(ours.median), 13), pad(mb(ours.peakRSS), 10),
                  pad(digest.map(ms) ?? "n/a", 13), pad(digest.map { ratio(ours.median / $0) } ?? "n/a", 10),
                  pad(python.map { ms($0.medianSeconds) } ?? "n/a", 15), pad(python.map { mb($0.peakRSSBytes) } ?? "n/a", 12),
                  pad(python.map { ratio($0.medianSeconds / ours.median) } ?? "n/a", 12))
        }
        print(String(repeating: "-", count: 118))
        print("ours/dgst: signing time over hashing the file once (goal ≤ 1.5 for 200 MB); pyHanko/ours: how many times faster we are (goal ≥ 20 on typical documents).")
        print("pyHanko: n/a when ../shared/interop/setup has not installed it; openssl: n/a when absent.")
        print("")
        try LongTermBenchmark.run(directory: directory, inputs: inputs)
        print("")
        try WholeProcessBenchmark.run(runs: runs, directory: directory, keys: keys)
        print("")
        try await ValidationBenchmark.run(runs: runs, directory: directory)
    }

    /// Runs this benchmark as a child that signs `input` `runs` times; returns its median and peak RSS.
    static func measureChild(input: String, runs: Int, keyDirectory: String) throws -> (median: Double, peakRSS: Int) {
        guard let output = PeerTools.run(CommandLine.arguments[0], ["--child", input, String(runs), keyDirectory]) else {
            throw PDFError(.signingFailed, "the signing child process failed on \(input)")
        }
        let fields = output.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 2 else { throw PDFError(.signingFailed, "unexpected child output: \(output)") }
        return (fields[0], Int(fields[1]))
    }

    /// The child: open, sign into a file, `runs` times; prints the median seconds and peak RSS in bytes.
    static func child(input: String, runs: Int, keyDirectory: String) async throws {
        let files = try KeyFiles.existing(in: URL(fileURLWithPath: keyDirectory))
        let key = try SoftwareSigningKey.load(keyFile: files.key, certificateFile: files.certificate, chainFiles: [files.chain])
        let signer = PDFSigner(key: key)
        let output = input + ".signed.pdf"
        defer { try? FileManager.default.removeItem(atPath: output) }
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now()
            try await signer.sign(PDFDocument(contentsOfFile: input), writingTo: output)
            times.append(PeerTools.seconds(since: start))
        }
        times.sort()
        print(times[times.count / 2], peakRSS())
    }

    /// This process's peak resident set size in bytes.
    static func peakRSS() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024  // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss  // bytes on Apple platforms
        #endif
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
    static func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
    static func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }
}
