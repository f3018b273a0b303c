import Foundation

/// The peers measured in the same run: `openssl dgst -sha256` (the hashing floor) and pyHanko
/// signing in-process (from ../shared/interop's venv), each reporting its own timings.
enum PeerTools {
    struct PyHankoResult {
        var medianSeconds: Double
        var peakRSSBytes: Int
    }

    /// Wall time of `openssl dgst -sha256 FILE` (best of `runs`), or `nil` without openssl.
    static func opensslDigestSeconds(_ path: String, runs: Int) -> Double? {
        guard let openssl = which("openssl") else { return nil }
        var best = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now()
            guard run(openssl, ["dgst", "-sha256", path]) != nil else { return nil }
            best = min(best, seconds(since: start))
        }
        return best
    }

    /// pyHanko signing `path` `runs` times in one process (median), and that process's peak RSS.
    static func pyHanko(_ path: String, runs: Int, key: String, certificate: String, chain: String) -> PyHankoResult? {
        let venv = ProcessInfo.processInfo.environment["INTEROP_VENV"] ?? (NSHomeDirectory() + "/.cache/interop-venv")
        let python = venv + "/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let script = """
        import resource, statistics, sys, time
        from pyhanko.sign import signers, fields
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        path, runs, key, cert, chain = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
        signer = signers.SimpleSigner.load(key, cert, ca_chain_files=(chain,))
        meta = signers.PdfSignatureMetadata(field_name="Signature1", subfilter=fields.SigSeedSubFilter.PADES)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            with open(path, "rb") as source, open(path + ".pyhanko.pdf", "wb") as output:
                signers.sign_pdf(IncrementalPdfFileWriter(source), meta, signer=signer, output=output)
            times.append(time.perf_counter() - start)
        print(statistics.median(times), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
        """
        guard let output = run(python, ["-c", script, path, String(runs), key, certificate, chain]) else { return nil }
        try? FileManager.default.removeItem(atPath: path + ".pyhanko.pdf")
        let fields = output.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 2 else { return nil }
        return PyHankoResult(medianSeconds: fields[0], peakRSSBytes: Int(fields[1]))
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// Runs a tool and returns its stdout, or `nil` when it fails.
    static func run(_ tool: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
