import ArgumentParser
import CMSCore
import Foundation

/// Options that select a signing key: a PEM key with certificates, a PKCS#12 file, or a
/// credential at a CSC remote signing service.
struct SigningKeyOptions: ParsableArguments {
    @Option(name: .long, help: "PEM private key (PKCS#8, PKCS#1 or SEC1).")
    var key: String?

    @Option(name: .long, help: "PKCS#12 file (.p12/.pfx) with key and certificates.")
    var p12: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "File whose first line is the PKCS#12 password.",
        discussion: "Without --password-file or --password, the password comes from $\(Self.passwordVariable), else a prompt (no echo) when stdin is a terminal, else it is empty."),
            completion: .file())
    var passwordFile: String?

    @Option(name: .long, help: "PKCS#12 password on the command line (discouraged: `ps` and shell history show it; use --password-file, $\(Self.passwordVariable) or the prompt).")
    var password: String?

    @OptionGroup(title: "Remote signing (Cloud Signature Consortium API)") var csc: CSCKeyOptions

    @Option(name: .long, help: "The signer's certificate (PEM or DER).")
    var cert: String?

    @Option(name: .long, help: "Intermediate CA certificates to embed (repeatable).")
    var chain: [String] = []

    /// The environment variable holding the PKCS#12 password.
    static let passwordVariable = "ECONTRACT_PASSWORD"

    func validate() throws {
        guard [key != nil, p12 != nil, csc.isGiven].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --key, --p12 or --csc")
        }
        if csc.isGiven, password != nil || passwordFile != nil {
            throw ValidationError("--password and --password-file are for --p12 (a CSC credential's PIN comes from --csc-pin-file, $\(CSCKeyOptions.pinVariable) or a prompt)")
        }
        if key != nil, cert == nil {
            throw ValidationError("--key needs --cert")
        }
        if password != nil, passwordFile != nil {
            throw ValidationError("give --password or --password-file, not both")
        }
        if key != nil, password != nil || passwordFile != nil {
            throw ValidationError("--password and --password-file are for --p12 (PEM keys are read unencrypted)")
        }
    }

    /// Where the PKCS#12 password comes from.
    var passwordInput: SecretInput {
        SecretInput(option: "password", value: password, file: passwordFile,
                    environmentVariable: Self.passwordVariable, purpose: "PKCS#12 password for \(p12 ?? "the key")")
    }

    /// The key: a CSC credential (connecting to the service), else a key file.
    func loadKey() async throws -> any SigningKeyProvider {
        guard csc.isGiven else { return try loadSoftwareKey() }
        var certificates: [Certificate]?
        if let cert { certificates = try PEMFiles.certificates(inFile: cert) + chain.flatMap { try PEMFiles.certificates(inFile: $0) } }
        return try await csc.loadKey(certificates: certificates)
    }

    func loadSoftwareKey() throws -> SoftwareSigningKey {
        if let key, let cert {
            return try SoftwareSigningKey.load(keyFile: key, certificateFile: cert, chainFiles: chain)
        }
        guard let p12 else { throw CMSError(.invalidArgument, "no key given") }
        let password = try passwordInput.resolve()?.secret ?? ""
        let loaded = try SoftwareSigningKey.load(pkcs12File: p12, password: password)
        guard cert != nil || !chain.isEmpty else { return loaded }
        var certificates = loaded.certificateChain
        if let cert { certificates = try PEMFiles.certificates(inFile: cert) + certificates.dropFirst() }
        for file in chain { certificates += try PEMFiles.certificates(inFile: file) }
        return try loaded.replacingCertificateChain(certificates)
    }
}
