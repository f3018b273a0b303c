import CMSCore
import Foundation
import Testing
import TestSupport

/// Every CSC failure arrives as a typed ``CSCError``: from the CSC error body (`error` and the
/// `error_description` texts of CSC v1.0.4 §11), from a bare HTTP status, or from the transport.
@Suite("CSC errors are typed")
struct CSCErrorTests {
    static func client(_ service: FakeCSCService) throws -> CSCClient {
        try CSCClient(baseURL: CSCSigningKeyTests.base, transport: service)
    }

    static func body(_ error: String, _ description: String) -> String {
        #"{"error": "\#(error)", "error_description": "\#(description)"}"#
    }

    @Test("authorize: wrong PIN, locked PIN, wrong OTP, no such credential, bad token; the PIN is not in the error")
    func authorizeErrors() async throws {
        let cases: [(Int, String, CSCError.Code)] = [
            (400, Self.body("invalid_request", "The PIN is invalid"), .invalidPIN),
            (400, Self.body("invalid_request", "PIN locked"), .pinLocked),
            (400, Self.body("invalid_request", "The OTP is invalid"), .invalidOTP),
            (400, Self.body("invalid_request", "Invalid parameter credentialID"), .credentialNotFound),
            (400, Self.body("invalid_request", "Numbers of signatures is too high"), .invalidRequest),
            (401, Self.body("invalid_token", "The access token is expired"), .invalidToken),
            (403, Self.body("access_denied", "The user denied the request"), .accessDenied),
            (500, Self.body("server_error", "HSM unavailable"), .serverError),
            (503, Self.body("temporarily_unavailable", "maintenance"), .temporarilyUnavailable),
            (400, Self.body("invalid_pin", "wrong"), .invalidPIN),
        ]
        for (status, body, code) in cases {
            let service = FakeCSCService()
            service.answer("credentials/authorize", status: status, body)
            let error = await #expect(throws: CSCError(code, "")) {
                try await Self.client(service).authorize(credentialID: "c", hashes: [Array(repeating: 1, count: 32)], digest: .sha256, secrets: ["PIN": "918273"])
            }
            #expect(error?.httpStatus == status && error?.method == "credentials/authorize" && error?.serviceDescription != nil)
            #expect(!"\(String(describing: error))".contains("918273"), "the PIN never appears in an error")
        }
    }

    @Test("signHash: SAD refused or expired (with a CSC body), a bare 400 (no body) read as a refused SAD, hash not covered")
    func signHashErrors() async throws {
        let cases: [(Int, String, CSCError.Code)] = [
            (400, Self.body("invalid_request", "Invalid parameter SAD"), .invalidSAD),
            (400, Self.body("invalid_request", "SAD expired"), .expiredSAD),
            (400, Self.body("invalid_request", "Hash is not authorized by the SAD"), .invalidSAD),
            (400, Self.body("invalid_request", "Invalid parameter signAlgo"), .unsupportedAlgorithm),
            (400, "400: Bad Request", .invalidSAD),
            (404, "404: Not Found", .credentialNotFound),
            (502, "<html>bad gateway</html>", .serverError),
        ]
        for (status, body, code) in cases {
            let service = FakeCSCService()
            service.answer("signatures/signHash", status: status, body)
            await #expect(throws: CSCError(code, ""), "\(body)") {
                try await Self.client(service).signHash(credentialID: "c", activation: CSCSignatureActivationData(value: "sad-secret"),
                                                        hashes: [Array(repeating: 1, count: 32)], digest: .sha256,
                                                        signatureAlgorithm: CMSObjectIdentifier.Signature.ecdsaWithSHA256)
            }
        }
    }

    @Test("unusable answers: not JSON, no SAD, too few signatures, a certificate that is not one")
    func badResponses() async throws {
        let service = FakeCSCService()
        service.answer("credentials/authorize", "<html>ok</html>")
        service.answer("signatures/signHash", #"{"signatures": []}"#)
        service.answer("credentials/info", #"{"key": {"status": "enabled", "algo": []}, "cert": {"certificates": ["bm90IGEgY2VydA=="]}, "authMode": "implicit"}"#)
        service.answer("info", #"{"name": "no specs"}"#)
        let client = try Self.client(service)
        let hash = [UInt8](repeating: 7, count: 32)
        await #expect(throws: CSCError(.badResponse, "")) { try await client.authorize(credentialID: "c", hashes: [hash], digest: .sha256) }
        await #expect(throws: CSCError(.badResponse, "")) {
            try await client.signHash(credentialID: "c", activation: .init(value: "s"), hashes: [hash], digest: .sha256,
                                      signatureAlgorithm: CMSObjectIdentifier.Signature.ecdsaWithSHA256)
        }
        await #expect(throws: CSCError(.badResponse, "")) { try await client.credentialInfo("c") }
        await #expect(throws: CSCError(.badResponse, "")) { try await client.info() }
        await #expect(throws: CSCError(.invalidArgument, "")) { try await client.authorize(credentialID: "c", hashes: [[1, 2]], digest: .sha256) }
        await #expect(throws: CSCError(.invalidArgument, "")) { try await client.credentialInfo("") }
    }

    @Test("transport failures: a timeout and a refused connection keep their meaning")
    func transport() async throws {
        for (failure, code) in [(CMSError(.timeout, "t"), CSCError.Code.timeout), (CMSError(.transportFailure, "refused"), .transportFailure)] {
            let service = FakeCSCService()
            service.fail(with: failure)
            await #expect(throws: CSCError(code, "")) { try await Self.client(service).info() }
        }
    }

    @Test("a provider error reaches the caller of CAdESSigner as the underlying error of signingFailed")
    func underlyingThroughSigner() async throws {
        let service = try CSCSigningKeyTests.service()
        let key = try await CSCSigningKeyTests.key(service)
        service.answer("credentials/authorize", status: 400, Self.body("invalid_request", "The PIN is invalid"))
        let error = await #expect(throws: CMSError(.signingFailed, "")) { try await CAdESSigner(key: key).sign(content: [1]) }
        #expect((error?.underlyingError as? CSCError)?.code == .invalidPIN)
    }
}
