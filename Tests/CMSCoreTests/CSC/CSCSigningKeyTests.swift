import CMSCore
import Foundation
import Testing
import TestSupport

/// The CSC v1 provider against recorded answers: the calls made and their bodies, the hash as
/// the only content sent, the PIN from the callback only, and the signature that verifies.
@Suite("CSC signing key (API v1, recorded answers)")
struct CSCSigningKeyTests {
    static let base = URL(string: "https://rss.example/csc/v1")!
    static let pin: CSCSecret = "493817"

    static func service(credentialInfo: String? = nil) throws -> FakeCSCService {
        let service = FakeCSCService()
        service.answer("info", CSCRecorded.infoV1)
        service.answer("credentials/info", try credentialInfo ?? CSCRecorded.credentialInfoV1())
        service.answer("credentials/authorize", CSCRecorded.authorize)
        return service
    }

    static func key(_ service: FakeCSCService, token: CSCSecret? = "access-token-1", authenticator: CSCAuthenticator? = { _ in ["PIN": pin] }) async throws -> CSCSigningKey {
        let client = try CSCClient(baseURL: base, accessToken: token, transport: service)
        return try await CSCSigningKey.connect(to: client, credentialID: "party-seal", authenticator: authenticator)
    }

    @Test("CAdES signature through CSC v1: info, credentials/info, authorize with PIN and the hash, signHash with the hash only; it verifies")
    func signsThroughV1() async throws {
        let service = try Self.service()
        let key = try await Self.key(service)
        #expect(key.certificateChain.first == TestPKI.shared.signer.certificate)
        let content = Array("契約書 v1".utf8)
        let signature = try await CAdESSigner(key: key).sign(content: content)   // the signer checks the value against the certificate

        #expect(service.requests.map(\.method) == ["info", "credentials/info", "credentials/authorize", "signatures/signHash"])
        #expect(service.requests.allSatisfy { $0.headers["Authorization"] == "Bearer access-token-1" })
        let info = try #require(service.requests("credentials/info").first)
        #expect(info.json["credentialID"] as? String == "party-seal" && info.json["certificates"] as? String == "chain")
        let authorize = try #require(service.requests("credentials/authorize").first)
        #expect(authorize.json["PIN"] as? String == Self.pin.value)
        #expect(authorize.json["numSignatures"] as? Int == 1)
        let sign = try #require(service.requests("signatures/signHash").first)
        #expect(sign.json["PIN"] == nil, "the PIN goes to authorize only")
        #expect(sign.json["SAD"] as? String == "_TiHRG-bAH3XlFQZ3ndFhkXf9P24/CKN69L8gdSYp5_pw")
        #expect(sign.json["signAlgo"] as? String == "1.2.840.10045.4.3.2")
        #expect(sign.json["hashAlgo"] as? String == "2.16.840.1.101.3.4.2.1")
        let hashes = try #require(sign.json["hash"] as? [any Sendable]).compactMap { $0 as? String }
        #expect(hashes.count == 1 && (authorize.json["hash"] as? [any Sendable])?.compactMap { $0 as? String } == hashes,
                "the SAD is bound to the hash signed")
        // Only the 32-byte hash of the signed attributes leaves the process, never the content.
        #expect(Data(base64Encoded: hashes[0])?.count == 32)
        for request in service.requests {
            #expect(!request.json.values.contains { "\($0)".contains("契約書") })
        }
        let report = await CMSSignatureVerifier(policy: CMSVerificationPolicy(trustAnchors: [TestPKI.shared.root.certificate]))
            .verify(signature, content: .bytes(content))
        #expect(report.integrity == .verified, "\(report.checks)")
    }

    @Test("an ECDSA signature returned as raw r‖s is converted to DER and verifies")
    func rawECDSA() async throws {
        let service = try Self.service()
        service.rawSignatures = true
        let key = try await Self.key(service)
        let request = SignatureRequest(message: Array("attributes".utf8), algorithm: .ecdsa(.sha256))
        let value = try await key.sign(request)
        #expect(value.first == 0x30, "DER ECDSA-Sig-Value")
        _ = try await CAdESSigner(key: key).sign(content: Array("x".utf8))
    }

    @Test("the authenticator sees the PIN and OTP the credential asks for; an online OTP is sent first")
    func challenge() async throws {
        let otp = #"{"presence": "true", "type": "online", "format": "N", "label": "SMS code", "ID": "sms", "provider": "rss"}"#
        let service = try Self.service(credentialInfo: try CSCRecorded.credentialInfoV1(otp: otp))
        service.answer("credentials/sendOTP", "{}")
        let seen = Seen()
        let key = try await Self.key(service) { challenge in
            await seen.set(challenge.factors)
            return ["PIN": Self.pin, "OTP": "112233"]
        }
        _ = try await CAdESSigner(key: key).sign(content: [1, 2, 3])
        let factors = await seen.factors
        #expect(factors.map(\.kind) == [.pin, .otp] && factors.map(\.id) == ["PIN", "OTP"])
        #expect(factors[0].label == "PIN" && factors[0].isNumeric == true && factors[1].label == "SMS code")
        #expect(service.requests.map(\.method).firstIndex(of: "credentials/sendOTP")! < service.requests.map(\.method).firstIndex(of: "credentials/authorize")!)
        #expect(service.requests("credentials/authorize").first?.json["OTP"] as? String == "112233")
    }

    actor Seen {
        var factors: [CSCAuthenticationFactor] = []
        func set(_ factors: [CSCAuthenticationFactor]) { self.factors = factors }
    }

    @Test("an implicit credential needs no authenticator and sends no PIN")
    func implicit() async throws {
        let service = try Self.service(credentialInfo: try CSCRecorded.credentialInfoV1(authMode: "implicit", pin: #"{"presence": "false"}"#))
        let key = try await Self.key(service, authenticator: nil)
        _ = try await key.sign(SignatureRequest(message: [1], algorithm: .ecdsa(.sha256)))
        #expect(service.requests("credentials/authorize").first?.json["PIN"] == nil)
    }

    @Test("no authenticator, or one that refuses, for a credential that asks for a PIN: authenticationRequired before any authorize")
    func authenticationRequired() async throws {
        for authenticator: CSCAuthenticator? in [nil, { _ in nil }, { _ in ["OTP": "1"] }] {
            let service = try Self.service()
            let key = try await Self.key(service, authenticator: authenticator)
            await #expect(throws: CSCError(.authenticationRequired, "")) { try await key.sign(SignatureRequest(message: [1], algorithm: .ecdsa(.sha256))) }
            #expect(service.requests("credentials/authorize").isEmpty)
        }
    }

    @Test("credentials refused at connect: disabled key, revoked certificate, oauth2code, a v2 service for a v1 client")
    func refusedAtConnect() async throws {
        let cases: [(String, String, CSCError.Code)] = [
            ("info", try CSCRecorded.credentialInfoV1(keyStatus: "disabled"), .credentialDisabled),
            ("info", try CSCRecorded.credentialInfoV1(certStatus: "revoked"), .credentialDisabled),
            ("info", try CSCRecorded.credentialInfoV1(authMode: "oauth2code"), .unsupportedAuthorizationMode),
            ("version", try CSCRecorded.credentialInfoV1(), .unsupportedMethod),
        ]
        for (kind, info, code) in cases {
            let service = try Self.service(credentialInfo: info)
            if kind == "version" { service.answer("info", CSCRecorded.infoV2) }
            await #expect(throws: CSCError(code, "")) { _ = try await Self.key(service) }
        }
    }

    @Test("signAlgo follows the credential: sha256WithRSA or rsaEncryption + hashAlgo, PSS with parameters, ECDSA by curve OID; Ed25519 and missing algorithms refused")
    func mechanisms() throws {
        typealias OID = CMSObjectIdentifier.Signature
        #expect(try CSCSignatureMechanism.choose(for: .rsaPKCS1v15(.sha256), offered: [OID.rsaEncryption, OID.sha256WithRSA]).algorithm == OID.sha256WithRSA)
        #expect(try CSCSignatureMechanism.choose(for: .rsaPKCS1v15(.sha384), offered: [OID.rsaEncryption]).algorithm == OID.rsaEncryption)
        let pss = try CSCSignatureMechanism.choose(for: .rsaPSS(.sha256), offered: [OID.rsassaPSS])
        #expect(pss.algorithm == OID.rsassaPSS && pss.parameters?.first == 0x30)
        #expect(try CSCSignatureMechanism.choose(for: .ecdsa(.sha384), offered: [OID.ecPublicKey]).algorithm == OID.ecPublicKey)
        #expect(try CSCSignatureMechanism.choose(for: .ecdsa(.sha256), offered: []).algorithm == OID.ecdsaWithSHA256)
        #expect(throws: CSCError(.unsupportedAlgorithm, "")) { try CSCSignatureMechanism.choose(for: .rsaPSS(.sha256), offered: [OID.sha256WithRSA]) }
        #expect(throws: CSCError(.unsupportedAlgorithm, "")) { try CSCSignatureMechanism.choose(for: .ed25519, offered: []) }
    }

    @Test("the access token is not sent over plain HTTP to another host; loopback and HTTPS are fine")
    func tokenTransport() throws {
        #expect(throws: CSCError(.invalidArgument, "")) { try CSCClient(baseURL: URL(string: "http://rss.example/csc/v1")!, accessToken: "t") }
        #expect(throws: CSCError(.invalidArgument, "")) { try CSCClient(baseURL: URL(string: "ftp://rss.example/csc/v1")!) }
        _ = try CSCClient(baseURL: URL(string: "http://127.0.0.1:9431/csc/v1")!, accessToken: "t")
        _ = try CSCClient(baseURL: URL(string: "https://rss.example/csc/v1")!, accessToken: "t")
        #expect("\(CSCSecret("493817"))" == "CSCSecret(•••)")
        #expect(!"\(CSCSignatureActivationData(value: "sad-value"))".contains("sad-value"))
    }
}
