// VerifyContract — validate every signature of any PDF and print the report.
//
//   swift run VerifyContract FILE.pdf [--trust ROOT.pem] [--json]
//
// Offline: chains and revocation come from what the document carries (its DSS). Without
// --trust, trust is not judged but integrity, coverage and modifications are.
import CMSCore
import Foundation
import PDFSign

@main
struct VerifyContract {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count > 1, !arguments[1].hasPrefix("--") else {
            print("usage: VerifyContract FILE.pdf [--trust ROOT.pem] [--json]")
            exit(2)
        }
        do {
            let roots = try arguments.firstIndex(of: "--trust").map { try PEMFiles.certificates(inFile: arguments[$0 + 1]) } ?? []
            let report = await PDFSignatureValidator(policy: .init(trustAnchors: roots)).validate(fileAt: arguments[1])
            if arguments.contains("--json") {
                print(String(decoding: try report.jsonData(), as: UTF8.self))
            } else {
                print("\(arguments[1]): \(report.valid ? "valid" : "NOT valid")\(report.trustJudged ? "" : " (trust not judged)")")
                for finding in report.findings { print("  ! \(finding)") }
                for item in report.signatures + report.documentTimestamps {
                    print("  \(item.field): \(item.indication.rawValue)\(item.subIndication.map { "/\($0.rawValue)" } ?? "") level \(item.level?.rawValue ?? "none"), "
                        + "coverage \(item.coverage.rawValue), modifications \(item.modifications.rawValue), signer \(item.signer ?? "?")")
                    for finding in item.findings { print("    ! \(finding)") }
                }
            }
            exit(report.valid ? 0 : 1)
        } catch {
            print("error: \(error)")
            exit(2)
        }
    }
}
