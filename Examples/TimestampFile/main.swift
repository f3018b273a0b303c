// TimestampFile — a detached CAdES-T signature for any file, in a dozen lines of SDK calls.
//
//   swift run TimestampFile FILE                       # sandbox key and in-process TSA (offline)
//   swift run TimestampFile FILE --key K.pem --cert C.pem [--chain CA.pem] --tsa URL --trust ROOT.pem
//
// Writes FILE.p7s (DER) and verifies it: the signature, then its time-stamp.
import CMSCore
import Foundation
import TimestampClient

func option(_ name: String) -> String? {
    CommandLine.arguments.firstIndex(of: name).flatMap { $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil }
}

guard CommandLine.arguments.count > 1, !CommandLine.arguments[1].hasPrefix("--") else {
    print("usage: TimestampFile FILE [--key K.pem --cert C.pem [--chain CA.pem] --tsa URL --trust ROOT.pem]")
    exit(2)
}
let file = CommandLine.arguments[1]

do {
    // 1. A key and a TSA: your own, or the sandbox's.
    let key: any SigningKeyProvider
    let tsa: any TimestampAuthority
    let trustAnchors: [Certificate]
    if let keyFile = option("--key"), let certFile = option("--cert"), let tsaURL = option("--tsa").flatMap(URL.init(string:)),
       let trustFile = option("--trust") {
        key = try SoftwareSigningKey.load(keyFile: keyFile, certificateFile: certFile, chainFiles: option("--chain").map { [$0] } ?? [])
        tsa = HTTPTimestampAuthority(url: tsaURL)
        trustAnchors = try PEMFiles.certificates(inFile: trustFile)
    } else {
        let sandbox = try SandboxPKI.openOrCreate(at: URL(fileURLWithPath: ".timestampfile-sandbox"))
        key = try sandbox.signer(named: "example-signer", subject: try DistinguishedName { CommonName("Example Signer") })
        tsa = LocalTimestampAuthority(key: try sandbox.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 7, 1])
        trustAnchors = [sandbox.root]
        print("using the sandbox in .timestampfile-sandbox (root: \(sandbox.rootCertificatePath))")
    }

    // 2. Sign (CAdES-B-B), then time-stamp the signature value (CAdES-T).
    let signature = try await CAdESSigner(key: key).sign(fileAt: file).addingSignatureTimestamp(using: tsa)
    let output = file + ".p7s"
    try Data(signature.derEncoded()).write(to: URL(fileURLWithPath: output))
    print("wrote \(output)")

    // 3. Verify both: the signature over the file, and the time-stamp over the signature.
    let report = await CMSSignatureVerifier(policy: CMSVerificationPolicy(trustAnchors: trustAnchors))
        .verify(signature, content: .file(path: file))
    let timestamps = await TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: trustAnchors))
        .verifySignatureTimestamps(of: signature)
    print("signature: \(report.indication.rawValue)")
    for timestamp in timestamps {
        print("time-stamp: \(timestamp.indication.rawValue), genTime \(timestamp.genTime.map { "\($0)" } ?? "?")")
    }
    exit(report.isValid && !timestamps.isEmpty && timestamps.allSatisfy { $0.isValid } ? 0 : 1)
} catch {
    print("error: \(error)")
    exit(2)
}
