/// CSC API v1.0.4.0 request and response bodies (§11), with the specification's field names.
enum CSCWireV1 {
    struct ListRequest: Encodable {
        var maxResults: Int?
        var pageToken: String?
    }

    struct ListResponse: Decodable {
        var credentialIDs: [String]
        var nextPageToken: String?
    }

    struct CredentialInfoRequest: Encodable {
        var credentialID: String
        var certificates = "chain"
        var authInfo = true
    }

    /// `PIN` and `OTP` objects of `credentials/info` (§11.5).
    struct Factor: Decodable {
        var presence: String?
        var type: String?
        var format: String?
        var label: String?
        var description: String?
    }

    struct CredentialInfoResponse: Decodable {
        var description: String?
        var key: CSCWire.Key
        var cert: CSCWire.Cert?
        var authMode: String?
        var PIN: Factor?
        var OTP: Factor?
        var SCAL: CSCWire.FlexibleInt?
        var multisign: CSCWire.FlexibleInt?

        func model(id: String) throws -> CSCCredentialInfo {
            var factors: [CSCAuthenticationFactor] = []
            func add(_ factor: Factor?, kind: CSCAuthenticationFactor.Kind, id: String) {
                guard let factor, let presence = factor.presence?.lowercased(), presence != "false" else { return }
                factors.append(CSCAuthenticationFactor(
                    kind: kind, id: id, isRequired: presence != "optional", isNumeric: factor.format.map { $0.uppercased() == "N" },
                    label: factor.label, instructions: factor.description))
            }
            add(PIN, kind: .pin, id: "PIN")
            add(OTP, kind: .otp, id: "OTP")
            return try CSCWire.credential(
                id: id, key: key, cert: cert, description: description, scal: SCAL, multisign: multisign,
                mode: CSCAuthorizationMode(authMode), factors: factors,
                otpIsSentByService: OTP?.type?.lowercased() == "online" && factors.contains { $0.kind == .otp })
        }
    }

    struct SendOTPRequest: Encodable { var credentialID: String }

    struct AuthorizeRequest: Encodable {
        var credentialID: String
        var numSignatures: Int
        var hash: [String]?
        var PIN: String?
        var OTP: String?
        var description: String?
    }

    struct SignHashRequest: Encodable {
        var credentialID: String
        var SAD: String
        var hash: [String]
        var hashAlgo: String?
        var signAlgo: String
        var signAlgoParams: String?
    }
}
