import CMSCore

/// Where a command's signing key comes from: PEM files (the common case, which the start-up fast
/// path reads too), or whatever else ``SigningKeyOptions`` selects (PKCS#12, PKCS#11, CSC).
enum SigningKeySource {
    /// `--key KEY --cert CERT [--chain FILE …]`.
    case pemFiles(key: String, certificate: String, chain: [String])
    /// Any other selection, loaded by the options themselves.
    case options(SigningKeyOptions)

    /// The key, with its certificate chain.
    func load() async throws -> any SigningKeyProvider {
        switch self {
        case .pemFiles(let key, let certificate, let chain):
            try SoftwareSigningKey.load(keyFile: key, certificateFile: certificate, chainFiles: chain)
        case .options(let options):
            try await options.loadProvider()
        }
    }

    /// The PEM files, when the key comes from them.
    var pemFiles: (key: String, certificate: String, chain: [String])? {
        if case .pemFiles(let key, let certificate, let chain) = self { return (key, certificate, chain) }
        return nil
    }
}
