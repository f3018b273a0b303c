/// CSC API v2 (v2.0.0.2) request and response bodies (§11), with the specification's field names.
///
/// Written from the specification and tested with recorded JSON only: no v2 server was
/// available to this project's tests.
enum CSCWireV2 {
    struct ListRequest: Encodable {
        var credentialInfo = false
    }

    struct ListResponse: Decodable {
        var credentialIDs: [String]
    }

    struct CredentialInfoRequest: Encodable {
        var credentialID: String
        var certificates = "chain"
        var certInfo = false
        var authInfo = true
    }

    /// One `auth.objects` entry: `{"type": "Password", "id": "PIN", "format": "N", …}`;
    /// an OTP names a `generator` (`totp`, `hotp`) or has the id `OTP`.
    struct AuthObject: Decodable {
        var type: String?
        var id: String
        var format: String?
        var label: String?
        var description: String?
        var generator: String?
    }

    struct Auth: Decodable {
        var mode: String?
        var expression: String?
        var objects: [AuthObject]?
    }

    struct CredentialInfoResponse: Decodable {
        var description: String?
        var key: CSCWire.Key
        var cert: CSCWire.Cert?
        var auth: Auth?
        var SCAL: CSCWire.FlexibleInt?
        var multisign: CSCWire.FlexibleInt?

        func model(id: String) throws -> CSCCredentialInfo {
            let factors = (auth?.objects ?? []).map { object in
                let isOTP = object.generator != nil || object.id.uppercased().contains("OTP") || object.type?.uppercased() == "OTP"
                return CSCAuthenticationFactor(
                    kind: isOTP ? .otp : .pin, id: object.id, isRequired: true,
                    isNumeric: object.format.map { $0.uppercased() == "N" }, label: object.label, instructions: object.description)
            }
            return try CSCWire.credential(
                id: id, key: key, cert: cert, description: description, scal: SCAL, multisign: multisign,
                mode: CSCAuthorizationMode(auth?.mode), factors: factors, otpIsSentByService: false)
        }
    }

    struct AuthData: Encodable {
        var id: String
        var value: String
    }

    struct AuthorizeRequest: Encodable {
        var credentialID: String
        var numSignatures: Int
        var hashes: [String]?
        var hashAlgorithmOID: String?
        var authData: [AuthData]?
        var description: String?
    }

    struct SignHashRequest: Encodable {
        var credentialID: String
        var SAD: String
        var hashes: [String]
        var hashAlgorithmOID: String
        var signAlgo: String
        var signAlgoParams: String?
        var operationMode = "S"
    }
}
