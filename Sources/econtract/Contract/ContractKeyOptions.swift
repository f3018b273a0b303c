import ArgumentParser
import CMSCore
import Foundation

/// The party (当事者型) signer's key for `contract sign`: the usual `--key/--cert` or `--p12`
/// options, all optional. Without them the store's sandbox PKI issues a key for the participant
/// (a sandbox convenience: never a real party's certificate).
struct ContractKeyOptions: ParsableArguments {
    @Option(name: .long, help: "PEM private key (PKCS#8, PKCS#1 or SEC1) of a party signer.")
    var key: String?

    @Option(name: .long, help: "PKCS#12 file (.p12/.pfx) of a party signer.")
    var p12: String?

    @Option(name: .customLong("password-file"), help: "File whose first line is the PKCS#12 password (else $\(SigningKeyOptions.passwordVariable), else a prompt on a terminal).")
    var passwordFile: String?

    @Option(name: .long, help: "The party signer's certificate (PEM or DER), with --key.")
    var cert: String?

    @Option(name: .long, help: "Intermediate CA certificates to embed (repeatable).")
    var chain: [String] = []

    var given: Bool { key != nil || p12 != nil }

    func validate() throws {
        if key != nil, p12 != nil { throw ValidationError("give --key or --p12, not both") }
        if key != nil, cert == nil { throw ValidationError("--key needs --cert") }
        if key != nil, passwordFile != nil { throw ValidationError("--password-file is for --p12 (PEM keys are read unencrypted)") }
    }

    /// The key given on the command line, or `nil` when none was.
    func loadKey() throws -> SoftwareSigningKey? {
        if let key, let cert {
            return try SoftwareSigningKey.load(keyFile: key, certificateFile: cert, chainFiles: chain)
        }
        guard let p12 else { return nil }
        let input = SecretInput(option: "password", value: nil, file: passwordFile,
                                environmentVariable: SigningKeyOptions.passwordVariable, purpose: "PKCS#12 password for \(p12)")
        let loaded = try SoftwareSigningKey.load(pkcs12File: p12, password: try input.resolve()?.secret ?? "")
        guard cert != nil || !chain.isEmpty else { return loaded }
        var certificates = loaded.certificateChain
        if let cert { certificates = try PEMFiles.certificates(inFile: cert) + certificates.dropFirst() }
        for file in chain { certificates += try PEMFiles.certificates(inFile: file) }
        return try loaded.replacingCertificateChain(certificates)
    }
}
