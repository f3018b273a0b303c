import CMSCore
import Foundation
import SwiftASN1
import Testing
@testable import TimestampClient
import TestSupport

@Suite("CAdES-T signature time-stamps")
struct SignatureTimestampTests {
    let pki = TestPKI.shared
    let content = Array("the contract".utf8)

    @Test func addsAndVerifiesSignatureTimestamp() async throws {
        let signature = try await CAdESSigner(key: pki.signer.provider()).sign(content: content)
        let tsa = try pki.localTSA()
        let upgraded = try await addingSignatureTimestamp(to: signature, using: tsa)
        let signer = try #require(upgraded.signers.first)
        #expect(signer.unsignedAttributeTypes == [CMSObjectIdentifier.Attribute.signatureTimeStampToken])
        // Signed part untouched.
        #expect(signer.signatureValue == signature.signers[0].signatureValue)

        let tokens = try upgraded.signatureTimestamps()
        #expect(tokens.count == 1)
        #expect(tokens[0].messageImprint.hashedMessage == DigestAlgorithm.sha256.hash(signer.signatureValue))
        // The attribute value is the token's ContentInfo.
        #expect(signer.unsignedAttributeValues(type: CMSObjectIdentifier.Attribute.signatureTimeStampToken) == [tokens[0].derEncoded])

        let reports = await pki.verifier().verifySignatureTimestamps(of: upgraded)
        #expect(reports.count == 1)
        #expect(reports[0].isValid, "\(reports[0].checks)")

        // The CAdES signature itself still verifies, through a DER round trip.
        let reparsed = try CMSSignature(berEncoded: upgraded.derEncoded())
        let cms = await CMSSignatureVerifier(policy: CMSVerificationPolicy(trustAnchors: [pki.root.certificate])).verify(reparsed, content: .bytes(content))
        #expect(cms.isValid, "\(cms.checks)")

        // A second signature-time-stamp via the method form.
        let twice = try await upgraded.addingSignatureTimestamp(using: tsa)
        #expect(try twice.signatureTimestamps().count == 2)
    }

    @Test func timestampOfAnotherSignatureFails() async throws {
        let first = try await CAdESSigner(key: pki.signer.provider()).sign(content: content)
        let second = try await CAdESSigner(key: pki.signer.provider()).sign(content: Array("other".utf8))
        let tsa = try pki.localTSA()
        let token = try await tsa.timestamp(data: first.signers[0].signatureValue)
        let grafted = try second.addingUnsignedAttribute(type: CMSObjectIdentifier.Attribute.signatureTimeStampToken, valueDER: token.derEncoded)
        let reports = await pki.verifier().verifySignatureTimestamps(of: grafted)
        #expect(reports.count == 1)
        #expect(reports[0].indication == .totalFailed)
        #expect(reports[0].subIndication == .hashFailure)
    }

    @Test func badSignerIndex() async throws {
        let signature = try await CAdESSigner(key: pki.signer.provider()).sign(content: content)
        await #expect(throws: CMSError(.signerNotFound, "")) {
            try await addingSignatureTimestamp(to: signature, signerIndex: 3, using: try pki.localTSA())
        }
    }
}
