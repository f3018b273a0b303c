// SignContract — two parties sign a PDF in turn and the result is kept as PAdES B-LTA.
//
//   swift run SignContract IN.pdf OUT.pdf          # sandbox keys, in-process TSA and OCSP/CRLs (offline)
//   ECONTRACT_PASSWORD=… swift run SignContract IN.pdf OUT.pdf --p12 PARTY.p12 --tsa URL --root ROOT.pem
//
// The PKCS#12 password comes from --password-file FILE or $ECONTRACT_PASSWORD (a password in
// argv is visible to every user through `ps`).
//
// The first party signs with its own certificate (当事者型), the second through the platform's
// witness certificate (立会人型); both signatures get a timestamp, then the validation data and
// a document timestamp are added (B-LTA).
import CMSCore
import Foundation
import PDFSign
import TimestampClient

@main
struct SignContract {
    static func option(_ name: String) -> String? {
        CommandLine.arguments.firstIndex(of: name).flatMap { $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil }
    }

    /// The first line of --password-file, else $ECONTRACT_PASSWORD, else empty.
    static func password() throws -> String {
        if let file = option("--password-file") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }
        return ProcessInfo.processInfo.environment["ECONTRACT_PASSWORD"] ?? ""
    }

    static func main() async {
        let arguments = CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("--") }
        guard arguments.count == 2 else {
            print("usage: SignContract IN.pdf OUT.pdf [--p12 PARTY.p12 [--password-file FILE] --tsa URL --root ROOT.pem]")
            exit(2)
        }
        let (input, output) = (arguments[arguments.startIndex], arguments[arguments.startIndex + 1])
        do {
            // 1. Keys, a TSA and a revocation source: yours, or the sandbox's.
            let sandbox = try SandboxPKI.openOrCreate(at: URL(fileURLWithPath: ".signcontract-sandbox"))
            let party: any SigningKeyProvider
            let tsa: any TimestampAuthority
            let revocation: any RevocationDataSource
            var roots = [sandbox.root]
            if let p12 = option("--p12"), let url = option("--tsa").flatMap(URL.init(string:)), let root = option("--root") {
                party = try SoftwareSigningKey.load(pkcs12File: p12, password: try password())
                tsa = HTTPTimestampAuthority(url: url)
                revocation = HTTPRevocationDataSource()
                roots = try PEMFiles.certificates(inFile: root)
            } else {
                party = try sandbox.signer(named: "party", subject: try DistinguishedName { CommonName("Party A") })
                tsa = LocalTimestampAuthority(key: try sandbox.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 2, 1])
                revocation = try sandbox.revocationDataSource()
            }
            let witness = try sandbox.signer(named: "witness", subject: try DistinguishedName { CommonName("Platform Witness") })

            // 2. Party A: its own certificate, B-T.
            var options = PDFSignatureOptions()
            options.reason = "当事者型署名"
            let first = try await PDFSigner(key: party, options: options, timestampAuthority: tsa).sign(PDFDocument(contentsOfFile: input))

            // 3. Party B, after two-factor authentication on the platform: the witness key, B-T.
            options.reason = "立会人型署名 (Party B authenticated by e-mail and SMS)"
            let second = try await PDFSigner(key: witness, options: options, timestampAuthority: tsa).sign(PDFDocument(bytes: first))

            // 4. B-LTA: validation data for both signatures, then a document timestamp.
            let ltv = PDFLongTermValidation(revocationSource: revocation, timestampAuthority: tsa, extraCertificates: roots)
            let archived = try await ltv.extendingToLTA(PDFDocument(bytes: second))
            try Data(archived).write(to: URL(fileURLWithPath: output))

            // 5. Check it, offline, trusting only the roots.
            let report = await PDFSignatureValidator(policy: .init(trustAnchors: roots)).validate(try PDFDocument(bytes: archived))
            for item in report.signatures { print("\(item.field): \(item.indication.rawValue) \(item.level?.rawValue ?? "none")") }
            print("wrote \(output): \(report.valid ? "valid" : "NOT valid")")
            exit(report.valid ? 0 : 1)
        } catch {
            print("error: \(error)")
            exit(2)
        }
    }
}
