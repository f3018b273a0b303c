import ArgumentParser
import CMSCore
import Foundation

/// Options that sign with a key held by a Cloud Signature Consortium (CSC) API service.
///
/// Secrets never come from argv: the access token from `--csc-token-file` or
/// `$ECONTRACT_CSC_TOKEN`; the PIN and OTP, when the credential asks for them, from
/// `--csc-pin-file`/`--csc-otp-file`, `$ECONTRACT_CSC_PIN`/`$ECONTRACT_CSC_OTP`, or a prompt
/// without echo on a terminal.
struct CSCKeyOptions: ParsableArguments {
    @Option(name: .customLong("csc"), help: ArgumentHelp(
        "Sign with a key at this Cloud Signature Consortium API service: its base URL (e.g. https://rss.example/csc/v1).",
        discussion: "Only the hash to be signed is sent. The certificate chain comes from the service unless --cert is given."))
    var url: String?

    @Option(name: .customLong("csc-credential"), help: "The credential ID at the CSC service (default: the only one it lists).")
    var credential: String?

    @Option(name: .customLong("csc-token-file"), help: "File whose first line is the service's bearer access token (else $\(Self.tokenVariable); none if neither).",
            completion: .file())
    var tokenFile: String?

    @Option(name: .customLong("csc-pin-file"), help: "File whose first line is the credential's PIN, if it asks for one (else $\(Self.pinVariable), else a prompt on a terminal).",
            completion: .file())
    var pinFile: String?

    @Option(name: .customLong("csc-otp-file"), help: "File whose first line is the credential's one-time password, if it asks for one (else $\(Self.otpVariable), else a prompt on a terminal).",
            completion: .file())
    var otpFile: String?

    @Option(name: .customLong("csc-api"), help: "The CSC API version: v1 (1.0.4, the default) or v2.")
    var api: String = "v1"

    @Option(name: .customLong("csc-timeout"), help: "Seconds to wait for each CSC request (default 30).")
    var timeout: Int = 30

    static let tokenVariable = "ECONTRACT_CSC_TOKEN"
    static let pinVariable = "ECONTRACT_CSC_PIN"
    static let otpVariable = "ECONTRACT_CSC_OTP"

    var isGiven: Bool { url != nil }

    func validate() throws {
        guard url != nil else {
            if credential != nil || tokenFile != nil || pinFile != nil || otpFile != nil {
                throw ValidationError("--csc-credential, --csc-token-file, --csc-pin-file and --csc-otp-file need --csc URL")
            }
            return
        }
        guard CSCAPIVersion(rawValue: api.lowercased()) != nil else { throw ValidationError("--csc-api takes v1 or v2") }
        guard (1...600).contains(timeout) else { throw ValidationError("--csc-timeout takes 1 to 600 seconds") }
    }

    /// Connects to the service and describes the credential; `certificates` replace the service's chain.
    func loadKey(certificates: [Certificate]?) async throws -> CSCSigningKey {
        guard let url, let parsed = URL(string: url) else { throw CSCError(.invalidArgument, "--csc: not a URL") }
        let token = try SecretInput(option: "csc-token", value: nil, file: tokenFile, environmentVariable: Self.tokenVariable,
                                    purpose: "CSC access token").resolve(prompting: false)
        let client = try CSCClient(baseURL: parsed, version: CSCAPIVersion(rawValue: api.lowercased()) ?? .v1,
                                   accessToken: token.map { CSCSecret($0.secret) }, timeout: .seconds(timeout))
        let pin = SecretInput(option: "csc-pin", value: nil, file: pinFile, environmentVariable: Self.pinVariable, purpose: "")
        let otp = SecretInput(option: "csc-otp", value: nil, file: otpFile, environmentVariable: Self.otpVariable, purpose: "")
        let authenticator: CSCAuthenticator = { challenge in
            var secrets: CSCAuthenticationData = [:]
            for factor in challenge.factors {
                let base = factor.kind == .pin ? pin : otp
                let what = factor.label ?? (factor.kind == .pin ? "PIN" : "one-time password")
                let input = SecretInput(option: base.option, value: nil, file: base.file, environmentVariable: base.environmentVariable,
                                        purpose: "\(what) for CSC credential \(challenge.credentialID)")
                if let secret = try input.resolve() { secrets[factor.id] = CSCSecret(secret.secret) }
            }
            return secrets
        }
        return try await CSCSigningKey.connect(to: client, credentialID: credential, authenticator: authenticator, certificateChain: certificates)
    }
}
