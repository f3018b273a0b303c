import CMSCore
import Foundation
import Testing
import X509

/// Locates the shared interop test PKI (`../shared/interop/pki` next to the package root),
/// its loopback services, and makes OCSP responses and CRLs with `openssl` for offline tests.
enum SharedPKI {
    static let directory = ExternalTools.expectedSharedDirectory.appendingPathComponent("interop/pki")
    static let serviceBase = "http://127.0.0.1:9419/interop"

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: certPath("interm")) && ExternalTools.openssl != nil
    }
    static var unavailableMessage: Comment {
        "shared test PKI or openssl not found (looked in \(directory.path)); skipping"
    }

    static func certPath(_ name: String) -> String { directory.appendingPathComponent("certs/\(name).cert.pem").path }
    static func keyPath(_ name: String) -> String { directory.appendingPathComponent("keys/\(name).key.pem").path }
    /// The issuing CA, the good signer and the revoked signer the revocation tests use.
    static func issuerPartyAndRevoked() throws -> (Certificate, Certificate, Certificate) {
        (try certificate("interm"), try certificate("signer-party"), try certificate("signer-revoked"))
    }

    static func certificate(_ name: String) throws -> Certificate {
        guard let certificate = try PEMFiles.certificates(inFile: certPath(name)).first else {
            throw CMSError(.invalidCertificate, "no certificate in \(certPath(name))")
        }
        return certificate
    }

    /// Whether the certomancer services answer; prints why a test is skipped when not.
    static func serviceIsUp(for test: String) async -> Bool {
        let probe = HTTPRequest(url: URL(string: "\(serviceBase)/certs/root/ca.crt")!, timeout: .seconds(3))
        if let response = try? await DefaultHTTPTransport().send(probe), response.status == 200 { return true }
        print("SKIPPED \(test): test PKI service on 127.0.0.1:9419 is down; start it with eval \"$(../shared/interop/pki-up)\"")
        return false
    }

    // MARK: openssl fixtures

    /// Runs openssl in `directory`; throws with its output when it fails.
    @discardableResult
    static func openssl(_ arguments: [String], in directory: URL) async throws -> String {
        guard let openssl = ExternalTools.openssl else { throw CMSError(.invalidArgument, "openssl is not installed") }
        let result = try await ExternalTools.run(openssl, arguments, in: directory)
        let output = result.output
        guard result.status == 0 else {
            throw CMSError(.invalidArgument, "openssl \(arguments.joined(separator: " ")) failed: \(output)")
        }
        return output
    }

    /// A fresh temporary directory holding an openssl CA database in which signer-party
    /// (0x1001) is valid and signer-revoked (0x1004) revoked since 2026-01-01 (keyCompromise).
    /// `extraRevoked` more revoked entries (serials 0x100000…) come first.
    static func workspace(extraRevoked: Int = 0) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("revocation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var index = (0..<extraRevoked).map { "R\t400101000000Z\t250101000000Z,superseded\t\(String(0x100000 + $0, radix: 16, uppercase: true))\tunknown\t/CN=extra \($0)\n" }.joined()
        index += "V\t400101000000Z\t\t1001\tunknown\t/CN=Taro Yamada\n"
            + "R\t400101000000Z\t260101000000Z,keyCompromise\t1004\tunknown\t/CN=Revoked Signer\n"
        try index.write(to: dir.appendingPathComponent("index.txt"), atomically: true, encoding: .utf8)
        try "01\n".write(to: dir.appendingPathComponent("crlnumber"), atomically: true, encoding: .utf8)
        return dir
    }

    /// An OCSP response from `openssl ocsp` for `certificate`'s request, signed by `signer`
    /// (a delegated responder, or the issuer "interm").
    /// With `opensslRequestDigest` (e.g. "-sha256") openssl makes the request, else this library.
    static func ocspResponse(for certificate: String, signer: String = "ocsp", days: Int = 7,
                             responderIDByKey: Bool = false, includeResponderCertificate: Bool = true,
                             opensslRequestDigest: String? = nil) async throws -> [UInt8] {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        if let digest = opensslRequestDigest {
            try await openssl(["ocsp", "-issuer", certPath("interm"), digest, "-cert", certPath(certificate), "-no_nonce",
                         "-reqout", "req.der"], in: dir)
        } else {
            let request = try RevocationChecker.ocspRequestDER(for: try self.certificate(certificate), issuer: try self.certificate("interm"))
            try Data(request).write(to: dir.appendingPathComponent("req.der"))
        }
        var arguments = ["ocsp", "-index", "index.txt", "-rsigner", certPath(signer), "-rkey", keyPath(signer),
                         "-CA", certPath("interm"), "-reqin", "req.der", "-respout", "resp.der", "-ndays", "\(days)"]
        if responderIDByKey { arguments.append("-resp_key_id") }
        if !includeResponderCertificate { arguments.append("-resp_no_certs") }
        try await openssl(arguments, in: dir)
        return Array(try Data(contentsOf: dir.appendingPathComponent("resp.der")))
    }

    /// A DER CRL from `openssl ca -gencrl`, signed by `issuer` ("interm" or "root"), with
    /// optional extra `crl_ext` lines.
    static func crl(issuer: String = "interm", days: Int = 7, extraExtensions: [String] = [], extraRevoked: Int = 0) async throws -> [UInt8] {
        let dir = try workspace(extraRevoked: extraRevoked)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = """
            [ ca ]
            default_ca = CA_default
            [ CA_default ]
            database = index.txt
            crlnumber = crlnumber
            certificate = \(certPath(issuer))
            private_key = \(keyPath(issuer))
            default_md = sha256
            default_crl_days = \(days)
            crl_extensions = crl_ext
            [ crl_ext ]
            authorityKeyIdentifier = keyid:always
            \(extraExtensions.joined(separator: "\n"))
            """
        try config.write(to: dir.appendingPathComponent("ca.cnf"), atomically: true, encoding: .utf8)
        try await openssl(["ca", "-gencrl", "-config", "ca.cnf", "-out", "crl.pem"], in: dir)
        try await openssl(["crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der"], in: dir)
        return Array(try Data(contentsOf: dir.appendingPathComponent("crl.der")))
    }

    /// 2026-01-01T00:00:00Z, when signer-revoked was revoked.
    static let revocationTime = Date(timeIntervalSince1970: 1_767_225_600)
}
