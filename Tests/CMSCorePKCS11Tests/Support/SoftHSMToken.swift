import CMSCore
import CMSCorePKCS11
import Crypto
import Foundation
import SwiftASN1
import TestSupport
import X509

/// A SoftHSM2 token made for the tests in a temporary directory (`SOFTHSM2_CONF` points at
/// it), holding non-extractable keys generated inside the token by `pkcs11-tool` and
/// certificates issued for them.
///
/// SoftHSM reads `SOFTHSM2_CONF` once, when the module is initialised, and the module stays
/// loaded for the process: so there is one token folder per test process, set up before any
/// test loads the module. The PINs are throwaway test values (given to `softhsm2-util` and
/// `pkcs11-tool` on their command lines; the provider under test gets them from a callback).
///
/// The certificates come from the interop PKI's issuing CA (`interm`) when the interop kit is
/// there (so `validate-pdf` trusts them), else from the in-process ``TestPKI``.
struct SoftHSMToken: Sendable {
    static let label = "econtract-test"
    /// A second token for the error tests: a wrong PIN is only checked when no session of the
    /// process is logged in to the token (else C_Login answers CKR_USER_ALREADY_LOGGED_IN).
    static let errorTokenLabel = "econtract-errors"
    static let pin = "246810"
    static let soPin = "13579864"

    /// A key generated on the token.
    struct Key: Sendable {
        var label: String
        var id: [UInt8]
        var keyType: String
        var certificate: Certificate
        var intermediates: [Certificate]
    }

    let directory: URL
    let rsa: Key
    let p256: Key
    let p384: Key
    let issuedByInteropCA: Bool

    /// The SoftHSM2 module, where Debian, Homebrew or a local build puts it.
    static let modulePath: String? = [
        "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so",
        "/opt/homebrew/lib/softhsm/libsofthsm2.so",
    ].first { FileManager.default.fileExists(atPath: $0) }

    /// `nil` when SoftHSM2 and OpenSC's `pkcs11-tool` are installed, else what is missing.
    static var missing: String? {
        if modulePath == nil { return "SoftHSM2 is not installed (apt-get install softhsm2)" }
        if ExternalTool.path("softhsm2-util") == nil { return "softhsm2-util is not on PATH (apt-get install softhsm2)" }
        if ExternalTool.path("pkcs11-tool") == nil { return "pkcs11-tool is not on PATH (apt-get install opensc)" }
        return nil
    }

    /// The process's token, made on first use.
    static func shared() async throws -> SoftHSMToken { try await SharedToken.instance.value }

    private enum SharedToken {
        static let instance = Task { try await SoftHSMToken.make() }
    }

    /// A PIN source answering `pin` and counting its calls.
    static func pinSource(_ pin: String = SoftHSMToken.pin, counter: PINCounter? = nil) -> PKCS11PINSource {
        { _ in
            await counter?.increment()
            return PKCS11PIN(pin)
        }
    }

    actor PINCounter {
        private(set) var count = 0
        func increment() { count += 1 }
    }

    /// A configuration for one of the token's keys.
    func configuration(_ key: Key, byID: Bool = false, certificateFromToken: Bool = true, token: String = label) -> PKCS11KeyConfiguration {
        PKCS11KeyConfiguration(modulePath: Self.modulePath!, token: .label(token), key: byID ? .id(key.id) : .label(key.label),
                               certificate: certificateFromToken ? nil : key.certificate, intermediates: key.intermediates)
    }

    private static func make() async throws -> SoftHSMToken {
        guard let module = modulePath else { throw CMSError(.invalidArgument, missing ?? "no SoftHSM2") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("econtract-softhsm-\(UUID().uuidString)")
        let tokens = directory.appendingPathComponent("tokens")
        try FileManager.default.createDirectory(at: tokens, withIntermediateDirectories: true)
        let conf = directory.appendingPathComponent("softhsm2.conf")
        try "directories.tokendir = \(tokens.path)\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n"
            .write(to: conf, atomically: true, encoding: .utf8)
        setenv("SOFTHSM2_CONF", conf.path, 1)

        for tokenLabel in [label, errorTokenLabel] {
            try await tool("softhsm2-util", ["--init-token", "--free", "--label", tokenLabel, "--so-pin", soPin, "--pin", pin])
        }
        let issuer = try Issuer.make()
        func generate(_ keyLabel: String, _ id: UInt8, _ type: String, on tokenLabel: String = label) async throws -> Key {
            let base = ["--module", module, "--token-label", tokenLabel, "--login", "--pin", pin]
            try await tool("pkcs11-tool", base + ["--keypairgen", "--key-type", type, "--id", String(format: "%02x", id),
                                                  "--label", keyLabel, "--usage-sign", "--sensitive"])
            // (pkcs11-tool 0.23 --read-object --type pubkey fails with OpenSSL 3: read it through the binding.)
            guard let publicKey = try await PKCS11SigningKey.publicKey(modulePath: module, token: .label(tokenLabel), id: [id]) else {
                throw CMSError(.invalidKey, "no public key object for \(keyLabel) on the token")
            }
            let certificate = try issuer.issue(commonName: "PKCS#11 \(keyLabel)", publicKey: publicKey)
            let certificateFile = directory.appendingPathComponent("\(keyLabel).cert.der").path
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            try Data(serializer.serializedBytes).write(to: URL(fileURLWithPath: certificateFile))
            try await tool("pkcs11-tool", base + ["--write-object", certificateFile, "--type", "cert", "--id", String(format: "%02x", id), "--label", keyLabel])
            return Key(label: keyLabel, id: [id], keyType: type, certificate: certificate, intermediates: issuer.intermediates)
        }
        let rsa = try await generate("rsa-key", 0x01, "rsa:2048")
        let p256 = try await generate("p256-key", 0x02, "EC:prime256v1")
        let p384 = try await generate("p384-key", 0x03, "EC:secp384r1")
        _ = try await generate("rsa-key", 0x01, "rsa:2048", on: errorTokenLabel)
        return SoftHSMToken(directory: directory, rsa: rsa, p256: p256, p384: p384, issuedByInteropCA: issuer.isInterop)
    }

    @discardableResult
    static func tool(_ name: String, _ arguments: [String]) async throws -> String {
        let output = try await ExternalTool.run(name, arguments, standardError: .merged, timeout: .seconds(120))
        guard output.status == 0 else {
            throw CMSError(.invalidArgument, "\(name) \(arguments.first ?? "") failed (\(output.status)): \(output.stdoutText)")
        }
        return output.stdoutText
    }
}
