/// The version of the Cloud Signature Consortium API a service speaks.
///
/// The version chooses the request and response shapes; the service's base URL (ending in
/// `/csc/v1` or `/csc/v2` by the specification's convention) is given separately.
public enum CSCAPIVersion: String, Sendable, Hashable, Codable, CaseIterable {
    /// CSC API v1.0.4.0 (2019): `PIN`/`OTP` fields, `hash`/`hashAlgo` parameters.
    ///
    /// Tested against a running v1 server (certomancer-csc-dummy) in this project's CI.
    case v1
    /// CSC API v2 (v2.0.0.2, 2023): `authData` objects, `hashes`/`hashAlgorithmOID`,
    /// `operationMode`.
    ///
    /// Tested only with recorded JSON written from the specification: no v2 server was
    /// available to this project's tests.
    case v2

    /// Whether a service's `specs` value from `info` (`1.0.4.0`, `2.0.0.2`) is this version.
    func matches(specs: String) -> Bool {
        switch self {
        case .v1: specs.hasPrefix("1.")
        case .v2: specs.hasPrefix("2.")
        }
    }
}

/// The CSC API method names (paths below the service's base URL).
enum CSCMethod {
    static let info = "info"
    static let credentialsList = "credentials/list"
    static let credentialsInfo = "credentials/info"
    static let credentialsSendOTP = "credentials/sendOTP"
    static let credentialsAuthorize = "credentials/authorize"
    static let signHash = "signatures/signHash"
}
