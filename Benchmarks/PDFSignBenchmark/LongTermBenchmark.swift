import CMSCore
import Foundation
import PDFSign
import TimestampClient
import X509

/// PAdES B-LTA into a file (signature, signature timestamp, DSS, document timestamp) on the
/// sandbox PKI with its local TSA and revocation data — no network, so only our work is timed —
/// next to `openssl dgst -sha256` of the same file. Each size runs in a child process so that
/// its peak RSS is its own. The goal (issue 12): 200 MB to B-LTA with a peak RSS ≤ 64 MB.
enum LongTermBenchmark {
    static func run(directory: URL, inputs: [(label: String, path: String, runs: Int)]) throws {
        print("B-LTA into a file (sandbox PKI, local TSA and revocation data, RSA-2048) vs openssl dgst -sha256")
        print(PDFSignBenchmark.pad("input", 20), PDFSignBenchmark.pad("ours median", 13), PDFSignBenchmark.pad("ours RSS", 10),
              PDFSignBenchmark.pad("openssl dgst", 13), PDFSignBenchmark.pad("ours/dgst", 10))
        let pkiDirectory = directory.appendingPathComponent("sandbox-pki").path
        for input in inputs {
            guard let output = PeerTools.run(CommandLine.arguments[0], ["--child-lta", input.path, String(input.runs), pkiDirectory]) else {
                throw PDFError(.signingFailed, "the B-LTA child process failed on \(input.path)")
            }
            let fields = output.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            guard fields.count == 2 else { throw PDFError(.signingFailed, "unexpected child output: \(output)") }
            let digest = PeerTools.opensslDigestSeconds(input.path, runs: 3)
            print(PDFSignBenchmark.pad(input.label, 20), PDFSignBenchmark.pad(PDFSignBenchmark.ms(fields[0]), 13),
                  PDFSignBenchmark.pad(PDFSignBenchmark.mb(Int(fields[1])), 10),
                  PDFSignBenchmark.pad(digest.map(PDFSignBenchmark.ms) ?? "n/a", 13),
                  PDFSignBenchmark.pad(digest.map { PDFSignBenchmark.ratio(fields[0] / $0) } ?? "n/a", 10))
        }
        print("goal: peak RSS ≤ 64 MB for 200 MB; B-LTA copies the file twice more than B-B (the DSS update and the document timestamp)")
    }

    /// The child: signs `input` to B-LTA `runs` times; prints the median seconds and peak RSS in bytes.
    static func child(input: String, runs: Int, pkiDirectory: String) async throws {
        let pki = try SandboxPKI.openOrCreate(at: URL(fileURLWithPath: pkiDirectory))
        let key = try pki.signer(named: "benchmark", subject: try DistinguishedName { CountryName("JP"); CommonName("Benchmark Signer") })
        let tsa = try LocalTimestampAuthority(key: pki.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1])
        var signer = PDFSigner(key: key, level: .lta, timestampAuthority: tsa)
        signer.revocationSource = try pki.revocationDataSource()
        signer.extraCertificates = [pki.root]
        signer.issuerSource = nil
        let output = input + ".lta.pdf"
        defer { try? FileManager.default.removeItem(atPath: output) }
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now()
            try await signer.sign(PDFDocument(contentsOfFile: input), writingTo: output)
            times.append(PeerTools.seconds(since: start))
        }
        times.sort()
        print(times[times.count / 2], PDFSignBenchmark.peakRSS())
    }
}
