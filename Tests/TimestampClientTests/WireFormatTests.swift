import CMSCore
import Foundation
import SwiftASN1
import Testing
@testable import TimestampClient
import TestSupport

@Suite("RFC 3161 wire types")
struct WireFormatTests {
    let digest = DigestAlgorithm.sha256.hash(Array("hello".utf8))

    @Test func requestRoundTrips() throws {
        let request = TimeStampReq(messageImprint: MessageImprint(algorithm: .sha256, digest: digest),
                                   reqPolicy: TestPKI.policy, nonce: [0x9a, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08],
                                   certReq: true)
        let der = try request.derEncoded()
        let parsed = try TimeStampReq(derEncoded: der)
        #expect(parsed == request)
        #expect(try parsed.derEncoded() == der)
        // The nonce's top bit is set, so DER must carry a 0x00 sign byte: 02 0A 00 9A ...
        #expect(der.windows(ofCount: 3).contains([0x02, 0x0a, 0x00]))
    }

    @Test func requestDefaultsAreOmitted() throws {
        let request = TimeStampReq(messageImprint: MessageImprint(algorithm: .sha256, digest: digest), certReq: false)
        let der = try request.derEncoded()
        // SEQUENCE { INTEGER 1, MessageImprint } only: certReq FALSE is the DEFAULT and must be absent.
        #expect(der.count == 2 + 3 + 2 + (2 + 11) + (2 + 32))
        #expect(try TimeStampReq(derEncoded: der).certReq == false)
    }

    @Test func failureInfoBitsAreNamedAndMinimal() throws {
        let status = PKIStatusInfo(status: .rejection, statusStrings: ["no"], failInfo: [.badAlg])
        var coder = DER.Serializer()
        try coder.serialize(status)
        // BIT STRING with one used bit: 03 02 07 80.
        #expect(coder.serializedBytes.suffix(4) == [0x03, 0x02, 0x07, 0x80])
        let all: PKIFailureInfo = [.badAlg, .badRequest, .badDataFormat, .timeNotAvailable, .unacceptedPolicy,
                                   .unacceptedExtension, .addInfoNotAvailable, .systemFailure]
        let response = try TimestampResponse(status: PKIStatusInfo(status: .rejection, statusStrings: ["a", "b"], failInfo: all))
        let parsed = try TimestampResponse(derEncoded: response.derEncoded)
        #expect(parsed.statusInfo.failInfo == all)
        #expect(parsed.statusInfo.failInfo?.names == ["badAlg", "badRequest", "badDataFormat", "timeNotAvailable",
                                                      "unacceptedPolicy", "unacceptedExtension", "addInfoNotAvailable", "systemFailure"])
        #expect(parsed.statusInfo.statusStrings == ["a", "b"])
        #expect(parsed.token == nil)
        #expect(throws: TimestampError(.rejected, "")) { try parsed.requireToken() }
    }

    @Test func grantedResponseAndTSTInfoRoundTrip() async throws {
        let tsa = try TestPKI.shared.localTSA()
        let request = TimeStampReq(messageImprint: MessageImprint(algorithm: .sha384, digest: DigestAlgorithm.sha384.hash([1, 2, 3])),
                                   nonce: [0x01, 0x02, 0x03], certReq: true)
        let replyDER = await tsa.respond(to: try request.derEncoded())
        let reply = try TimestampResponse(derEncoded: replyDER)
        #expect(reply.statusInfo.status == .granted)
        let token = try reply.requireToken()
        // The whole reply re-serializes to the same bytes.
        #expect(try reply.message.derEncoded() == replyDER)
        // TSTInfo re-serializes to the eContent bytes.
        #expect(try token.info.derEncoded() == token.signature.encapsulatedContent)
        #expect(token.info.version == 1)
        #expect(token.policy == TestPKI.policy)
        #expect(token.nonce == [0x01, 0x02, 0x03])
        #expect(token.messageImprint.digestAlgorithm == .sha384)
        #expect(token.accuracy == TimestampAccuracy(seconds: 1, millis: 500))
        #expect(token.info.ordering)
        #expect(abs(token.genTime.timeIntervalSinceNow) < 60)
        // A bare token parses the same.
        #expect(try TimestampToken(derEncoded: token.derEncoded).info == token.info)
    }

    @Test func berTokenInReplyIsAccepted() async throws {
        let token = try await TestPKI.shared.localTSA().timestamp(data: [9, 9, 9])
        // Re-encode the token's outer SEQUENCE and the reply's with indefinite lengths (BER).
        let tokenBER = Self.indefinite(token.derEncoded)
        var status = DER.Serializer()
        try status.serialize(PKIStatusInfo(status: .granted))
        let replyBER = [0x30, 0x80] + status.serializedBytes + tokenBER + [0x00, 0x00]
        #expect(throws: (any Error).self) { try TimeStampRespMessage(derEncoded: replyBER) }
        let reply = try TimestampResponse(derEncoded: replyBER)
        #expect(reply.token?.info == token.info)
        #expect(reply.derEncoded == replyBER)
        let report = await TestPKI.shared.verifier().verify(tokenOrResponse: replyBER, data: [9, 9, 9])
        #expect(report.isValid, "\(report.checks)")
    }

    /// The same element with its outermost length made indefinite.
    static func indefinite(_ der: [UInt8]) -> [UInt8] {
        let lengthBytes = der[1] & 0x80 == 0 ? 0 : Int(der[1] & 0x7f)
        return [der[0], 0x80] + der[(2 + lengthBytes)...] + [0x00, 0x00]
    }

    @Test func garbageIsMalformed() {
        #expect(throws: TimestampError(.malformedResponse, "")) { try TimestampResponse(derEncoded: [0x30, 0x03, 0x02, 0x01]) }
        #expect(throws: TimestampError(.malformedResponse, "")) { try TimestampToken(derEncoded: Array("not a token".utf8)) }
    }
}

extension Array where Element == UInt8 {
    func windows(ofCount count: Int) -> [[UInt8]] {
        guard self.count >= count else { return [] }
        return (0...(self.count - count)).map { Array(self[$0..<($0 + count)]) }
    }
}
