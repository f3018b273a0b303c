import CMSCore
import Foundation
import PDFSign
import TimestampClient
import X509

/// Full offline validation of a B-LTA file (trust, chain, revocation from the DSS, timestamps,
/// modifications) next to `pyhanko sign adesverify` on the same file. Needs the shared test PKI
/// (`INTEROP_TSA_URL`, keys in ../shared/interop/pki) to make the file; skipped otherwise.
enum ValidationBenchmark {
    static func run(runs: Int, directory: URL) async throws {
        guard let tsaURL = ProcessInfo.processInfo.environment["INTEROP_TSA_URL"].flatMap(URL.init(string:)) else {
            print("validation: skipped (start the shared test PKI: eval \"$(../shared/interop/pki-up)\")")
            return
        }
        let keys = try KeyFiles.prepare(in: directory)
        let pki = URL(fileURLWithPath: keys.chain).deletingLastPathComponent()
        let rootPath = pki.appendingPathComponent("root.cert.pem").path
        let root = try PEMFiles.certificates(inFile: rootPath)
        let input = directory.appendingPathComponent("validate-input.pdf").path
        try GeneratedPDF.write(to: input, pages: 3, targetBytes: 0)
        var signer = PDFSigner(
            key: try SoftwareSigningKey.load(keyFile: keys.key, certificateFile: keys.certificate, chainFiles: [keys.chain]),
            level: .lta, timestampAuthority: HTTPTimestampAuthority(url: tsaURL))
        signer.extraCertificates = root
        let signed = directory.appendingPathComponent("validate-lta.pdf").path
        try await signer.sign(PDFDocument(contentsOfFile: input), writingTo: signed)

        let validator = PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: root))
        let check = await validator.validate(fileAt: signed)
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now()
            _ = await validator.validate(fileAt: signed)
            times.append(PeerTools.seconds(since: start))
        }
        times.sort()
        let ours = times[times.count / 2]
        let venv = ProcessInfo.processInfo.environment["INTEROP_VENV"] ?? (NSHomeDirectory() + "/.cache/interop-venv")
        var theirs: [Double] = []
        for _ in 0..<3 {
            let start = DispatchTime.now()
            guard PeerTools.run(venv + "/bin/pyhanko", ["sign", "adesverify", "--trust", rootPath, "--trust-replace", signed]) != nil else { break }
            theirs.append(PeerTools.seconds(since: start))
        }
        theirs.sort()
        print("validation of a B-LTA file (offline, trust + revocation from the DSS):")
        print("  ours: \(PDFSignBenchmark.ms(ours)) median of \(runs) (\(check.valid ? "valid" : "NOT valid: \(check.signatures.map(\.indication))"))")
        if let median = theirs.isEmpty ? nil : theirs[theirs.count / 2] {
            print("  pyhanko sign adesverify: \(PDFSignBenchmark.ms(median)) median of 3 (a process each, start-up included)")
            print("  pyHanko/ours: \(PDFSignBenchmark.ratio(median / ours)) (goal ≥ 100×, issue 11)")
        } else {
            print("  pyhanko sign adesverify: n/a (not installed, or it rejected the file)")
        }
    }
}
