import CMSCore
import Foundation
import Testing
import TestSupport

/// CSC API v2 shapes, against answers recorded from the v2.0.0.2 specification's examples
/// (no v2 server is available to these tests).
@Suite("CSC signing key (API v2, recorded answers)")
struct CSCVersion2Tests {
    static let base = URL(string: "https://rss.example/csc/v2")!

    @Test("v2: auth.objects become the challenge, authorize sends authData/hashes/hashAlgorithmOID, signHash hashes/operationMode; it verifies")
    func signsThroughV2() async throws {
        let service = FakeCSCService()
        service.answer("info", CSCRecorded.infoV2)
        service.answer("credentials/info", try CSCRecorded.credentialInfoV2())
        service.answer("credentials/authorize", CSCRecorded.authorize)
        let client = try CSCClient(baseURL: Self.base, version: .v2, accessToken: "v2-token", transport: service)
        let key = try await CSCSigningKey.connect(to: client, credentialID: "seal-2") { challenge in
            #expect(challenge.factors.map(\.id) == ["PIN", "OTP"] && challenge.factors.map(\.kind) == [.pin, .otp])
            #expect(challenge.factors[1].label == "Mobile OTP")
            return ["PIN": "12345678", "OTP": "738496"]
        }
        #expect(key.credential.soleControlAssuranceLevel == 2)
        _ = try await CAdESSigner(key: key).sign(content: Array("v2".utf8))

        let authorize = try #require(service.requests("credentials/authorize").first)
        let authData = (authorize.json["authData"] as? [any Sendable])?.compactMap { $0 as? [String: any Sendable] } ?? []
        #expect(authData.map { $0["id"] as? String } == ["OTP", "PIN"])
        #expect(authData.map { $0["value"] as? String } == ["738496", "12345678"])
        #expect(authorize.json["PIN"] == nil && authorize.json["hash"] == nil)
        #expect((authorize.json["hashes"] as? [any Sendable])?.count == 1)
        #expect(authorize.json["hashAlgorithmOID"] as? String == "2.16.840.1.101.3.4.2.1")
        let sign = try #require(service.requests("signatures/signHash").first)
        #expect(sign.json["operationMode"] as? String == "S")
        #expect(sign.json["hashAlgorithmOID"] as? String == "2.16.840.1.101.3.4.2.1")
        #expect((sign.json["hashes"] as? [any Sendable])?.count == 1 && sign.json["hash"] == nil && sign.json["hashAlgo"] == nil)
        #expect(sign.json["signAlgo"] as? String == "1.2.840.10045.4.3.2")
    }

    @Test("v2 credentials/list; a v1 service for a v2 client is refused at connect")
    func listAndVersion() async throws {
        let service = FakeCSCService()
        service.answer("credentials/list", #"{"credentialIDs": ["seal-2", "party-2"], "credentialInfos": []}"#)
        service.answer("info", CSCRecorded.infoV1)
        let client = try CSCClient(baseURL: Self.base, version: .v2, transport: service)
        #expect(try await client.listCredentials() == ["seal-2", "party-2"])
        #expect(service.requests("credentials/list").first?.json["credentialInfo"] as? Int == 0)
        await #expect(throws: CSCError(.unsupportedMethod, "")) { _ = try await CSCSigningKey.connect(to: client, credentialID: "seal-2") }
        // Without a credential ID and with two listed, the caller must choose.
        service.answer("info", CSCRecorded.infoV2)
        await #expect(throws: CSCError(.invalidArgument, "")) { _ = try await CSCSigningKey.connect(to: client) }
    }
}
