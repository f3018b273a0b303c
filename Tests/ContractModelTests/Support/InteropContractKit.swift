import CMSCore
import Foundation
import TestSupport
import TimestampClient
import X509

/// The shared interop kit (`../shared/interop`) as the contract tests use it: the running TSA
/// (`INTEROP_TSA_URL`), the PKI's witness key and root, and `validate-pdf`. The same paths as
/// PDFSignTests' `InteropKit`; tests print why they skipped when something is missing.
enum InteropContractKit {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/interop")

    static var tsaURL: URL? { ProcessInfo.processInfo.environment["INTEROP_TSA_URL"].flatMap(URL.init(string:)) }
    static var validatePDF: String { directory.appendingPathComponent("validate-pdf").path }
    static func certificate(_ name: String) -> String { directory.appendingPathComponent("pki/certs/\(name).cert.pem").path }
    static func key(_ name: String) -> String { directory.appendingPathComponent("pki/keys/\(name).key.pem").path }

    /// `nil` when everything is there, else what is missing.
    static var missing: String? {
        if tsaURL == nil { return "INTEROP_TSA_URL is not set (run ../shared/interop/pki-up)" }
        for path in [validatePDF, ExternalTool.interopVenv + "/bin/pyhanko", key("signer-witness"), certificate("root")]
        where !FileManager.default.fileExists(atPath: path) {
            return "\(path) is missing (run ../shared/interop/setup)"
        }
        return nil
    }

    /// The interop PKI's witness-signing key with its issuing CA.
    static func witnessKey() throws -> SoftwareSigningKey {
        try SoftwareSigningKey.load(keyFile: key("signer-witness"), certificateFile: certificate("signer-witness"),
                                    chainFiles: [certificate("interm")])
    }

    static func root() throws -> [Certificate] { try PEMFiles.certificates(inFile: certificate("root")) }
}
