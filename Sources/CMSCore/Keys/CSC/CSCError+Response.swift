import Foundation

/// The error body of CSC API v1.0.4 §10 and v2 §10: `{"error": "...", "error_description": "..."}`.
struct CSCErrorBody: Decodable {
    var error: String
    var errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }
}

extension CSCError {
    /// The typed error for a non-2xx answer to `method`.
    ///
    /// With a CSC error body, the code comes from `error` and, for the catch-all
    /// `invalid_request`, from the `error_description` texts the CSC specification lists for
    /// each method. Without one (a server that answers with a bare status, as test servers
    /// do), the code comes from the status and the method: a bare 400 at `signatures/signHash`
    /// — to a request this client built well-formed — means the SAD was not accepted.
    static func fromResponse(method: String, status: Int, body: [UInt8], sentCredential: Bool) -> CSCError {
        if let parsed = try? JSONDecoder().decode(CSCErrorBody.self, from: Data(body)) {
            let code = code(error: parsed.error, description: parsed.errorDescription, status: status)
            var reason = "\(method): HTTP \(status) \(parsed.error)"
            if let text = parsed.errorDescription { reason += ": \(text.prefix(300))" }
            return CSCError(code, reason, method: method, httpStatus: status,
                            serviceError: parsed.error, serviceDescription: parsed.errorDescription)
        }
        let code: Code
        var reason = "\(method): HTTP \(status) without a CSC error body"
        switch status {
        case 401: code = .invalidToken
        case 403: code = .accessDenied
        case 404 where sentCredential: code = .credentialNotFound; reason += " (no such credential)"
        case 404, 405, 501: code = .unsupportedMethod
        case 429, 503: code = .temporarilyUnavailable
        case 400 where method == CSCMethod.signHash:
            code = .invalidSAD
            reason += "; the request was well-formed, so the service refused the SAD (not its own, for another credential or hash, or expired)"
        case 400..<500: code = .invalidRequest
        default: code = .serverError
        }
        return CSCError(code, reason, method: method, httpStatus: status)
    }

    /// The code for a CSC `error` value and its description.
    static func code(error: String, description: String?, status: Int) -> Code {
        switch error.lowercased() {
        case "invalid_token", "expired_token", "unauthorized_client", "invalid_client": return .invalidToken
        case "access_denied": return .accessDenied
        case "invalid_pin": return .invalidPIN
        case "locked_pin", "pin_locked": return .pinLocked
        case "invalid_otp": return .invalidOTP
        case "invalid_sad": return .invalidSAD
        case "expired_sad", "sad_expired": return .expiredSAD
        case "server_error": return .serverError
        case "temporarily_unavailable": return .temporarilyUnavailable
        case "not_implemented", "not_implemented_method", "unsupported_method": return .unsupportedMethod
        case "invalid_request": return invalidRequestCode(description: description ?? "")
        default:
            if status == 401 { return .invalidToken }
            if status == 403 { return .accessDenied }
            return status >= 500 ? .serverError : .invalidRequest
        }
    }

    /// CSC v1.0.4 §11 lists one `error_description` per failure of `invalid_request`.
    private static func invalidRequestCode(description: String) -> Code {
        let text = description.lowercased()
        if text.contains("pin") && text.contains("locked") { return .pinLocked }
        if text.contains("pin is invalid") || text.contains("invalid pin") { return .invalidPIN }
        if text.contains("otp is invalid") || text.contains("invalid otp") { return .invalidOTP }
        if text.contains("sad") && text.contains("expired") { return .expiredSAD }
        if text.contains("parameter sad") || text.contains("authorized by the sad") || text.contains("invalid sad") { return .invalidSAD }
        if text.contains("invalid parameter credentialid") { return .credentialNotFound }
        if text.contains("certificate") && (text.contains("expired") || text.contains("revoked") || text.contains("suspended")) {
            return .credentialDisabled
        }
        if text.contains("invalid parameter signalgo") || text.contains("invalid parameter hashalgo") { return .unsupportedAlgorithm }
        return .invalidRequest
    }

    /// A transport failure of the ``HTTPTransport`` as a CSC error of the same meaning.
    static func fromTransport(_ error: any Error, method: String) -> CSCError {
        if let cms = error as? CMSError {
            let code: Code = cms.code == .timeout ? .timeout : cms.code == .badResponse ? .badResponse : .transportFailure
            return CSCError(code, "\(method): \(cms.reason)", method: method)
        }
        return CSCError(.transportFailure, "\(method): \(error)", method: method)
    }
}
