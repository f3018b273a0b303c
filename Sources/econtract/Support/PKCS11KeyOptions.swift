import ArgumentParser
import CMSCore
import CMSCorePKCS11
import Foundation
import X509
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options that select a key in an HSM or a smart card through its PKCS#11 module.
///
/// The PIN never comes from argv: `--pin-file FILE` (its first line), else
/// `$ECONTRACT_PKCS11_PIN`, else a prompt without echo when standard input is a terminal.
/// It is asked for each time the provider logs in and wiped after the login.
struct PKCS11KeyOptions: ParsableArguments {
    @Option(name: .customLong("pkcs11-module"), help: "PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so, opensc-pkcs11.so): sign with a key in an HSM or a smart card.",
            completion: .file())
    var module: String?

    @Option(name: .customLong("token"), help: "With --pkcs11-module: the token's label.")
    var token: String?

    @Option(name: .customLong("token-serial"), help: "With --pkcs11-module: the token's serial number (instead of --token).")
    var tokenSerial: String?

    @Option(name: .customLong("key-label"), help: "With --pkcs11-module: the private key's CKA_LABEL.")
    var keyLabel: String?

    @Option(name: .customLong("key-id"), help: "With --pkcs11-module: the private key's CKA_ID in hex (alone or with --key-label).")
    var keyID: String?

    @Option(name: .customLong("pin-file"), help: ArgumentHelp(
        "With --pkcs11-module: file whose first line is the user PIN.",
        discussion: "Without it, the PIN comes from $\(Self.pinVariable), else a prompt (no echo) when stdin is a terminal."),
            completion: .file())
    var pinFile: String?

    /// The environment variable holding the PIN.
    static let pinVariable = "ECONTRACT_PKCS11_PIN"

    func validate() throws {
        guard module != nil else {
            if token != nil || tokenSerial != nil || keyLabel != nil || keyID != nil || pinFile != nil {
                throw ValidationError("--token, --token-serial, --key-label, --key-id and --pin-file need --pkcs11-module")
            }
            return
        }
        guard (token == nil) != (tokenSerial == nil) else { throw ValidationError("give exactly one of --token or --token-serial") }
        guard keyLabel != nil || keyID != nil else { throw ValidationError("give --key-label or --key-id (or both)") }
        if let keyID, Self.hexBytes(keyID) == nil { throw ValidationError("--key-id takes hex digits (e.g. 01 or a1b2)") }
    }

    /// Opens the key (asking for the PIN); `certificate` is `nil` to read it from the token.
    func open(certificate: Certificate?, intermediates: [Certificate]) async throws -> PKCS11SigningKey {
        guard let module else { throw CMSError(.invalidArgument, "no --pkcs11-module given") }
        let tokenSelector: PKCS11KeyConfiguration.TokenSelector = token.map { .label($0) } ?? .serialNumber(tokenSerial ?? "")
        let id = keyID.flatMap(Self.hexBytes)
        let keySelector: PKCS11KeyConfiguration.KeySelector = switch (keyLabel, id) {
        case (let label?, let id?): .labelAndID(label, id)
        case (let label?, nil): .label(label)
        case (nil, let id?): .id(id)
        case (nil, nil): throw CMSError(.invalidArgument, "give --key-label or --key-id")
        }
        let configuration = PKCS11KeyConfiguration(modulePath: module, token: tokenSelector, key: keySelector,
                                                   certificate: certificate, intermediates: intermediates)
        let pinFile = pinFile
        return try await PKCS11SigningKey.open(configuration) { request in
            if let pinFile { return try PKCS11PIN.firstLine(ofFile: pinFile) }
            if let fromEnvironment = ProcessInfo.processInfo.environment[Self.pinVariable] { return PKCS11PIN(fromEnvironment) }
            guard isatty(STDIN_FILENO) == 1 else {
                throw PKCS11Error(.pinUnavailable, "no PIN: give --pin-file, set $\(Self.pinVariable) or run on a terminal")
            }
            return PKCS11PIN(try SecretInput.prompt("User PIN for token \"\(request.tokenLabel)\": "))
        }
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.lowercased().filter { $0 != ":" })
        guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(digits[index...index + 1]), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
