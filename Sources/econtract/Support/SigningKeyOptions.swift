import ArgumentParser
import CMSCore
import Foundation
import X509

/// Options that select a signing key: a PEM key with certificates, a PKCS#12 file, a key in an
/// HSM or smart card through a PKCS#11 module, or a credential at a CSC remote signing service.
struct SigningKeyOptions: ParsableArguments {
    @OptionGroup var pkcs11: PKCS11KeyOptions

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

    @Option(name: .long, help: "The signer's certificate (PEM or DER); with --pkcs11-module or --csc, instead of the token's or the service's.")
    var cert: String?

    @Option(name: .long, help: "Intermediate CA certificates to embed (repeatable).")
    var chain: [String] = []

    /// The environment variable holding the PKCS#12 password.
    static let passwordVariable = "ECONTRACT_PASSWORD"

    func validate() throws {
        guard [key != nil, p12 != nil, pkcs11.module != nil, csc.isGiven].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --key, --p12, --pkcs11-module or --csc")
        }
        if pkcs11.module != nil, password != nil || passwordFile != nil {
            throw ValidationError("--password and --password-file are for --p12 (the PKCS#11 PIN comes from --pin-file, $\(PKCS11KeyOptions.pinVariable) or a prompt)")
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

    /// Where the key comes from: the PEM files of `--key`/`--cert`/`--chain` alone, else these options.
    var source: SigningKeySource {
        if let key, let cert, p12 == nil, pkcs11.module == nil, !csc.isGiven {
            return .pemFiles(key: key, certificate: cert, chain: chain)
        }
        return .options(self)
    }

    /// The key the options select: a key file, a PKCS#12 file, a key on a PKCS#11 token, or a CSC credential (connecting to the service).
    func loadProvider() async throws -> any SigningKeyProvider {
        if csc.isGiven {
            var certificates: [Certificate]?
            if let cert { certificates = try PEMFiles.certificates(inFile: cert) + chain.flatMap { try PEMFiles.certificates(inFile: $0) } }
            return try await csc.loadKey(certificates: certificates)
        }
        guard pkcs11.module != nil else { return try loadKey() }
        let certificate = try cert.map { file -> Certificate in
            guard let first = try PEMFiles.certificates(inFile: file).first else { throw CMSError(.invalidCertificate, "no certificate in \(file)") }
            return first
        }
        var intermediates: [Certificate] = []
        if let cert { intermediates += try PEMFiles.certificates(inFile: cert).dropFirst() }
        for file in chain { intermediates += try PEMFiles.certificates(inFile: file) }
        return try await pkcs11.open(certificate: certificate, intermediates: intermediates)
    }

    func loadKey() throws -> SoftwareSigningKey {
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
