@testable import CMSCore
import Foundation
import SwiftASN1
import Testing
import TestSupport

@Suite("DER round trips and BER from the wild")
struct EncodingTests {
    @Test("DER input serializes back byte for byte")
    func derRoundTrip() async throws {
        for type in TestPKI.KeyType.allCases {
            var options = CAdESSigningOptions()
            options.digestAlgorithm = type == .ed25519 ? .sha512 : .sha384
            options.signingTime = Date()
            options.includesAlgorithmProtection = true
            let der = try await CAdESSigner(key: TestPKI.signingKey(type), options: options).sign(content: [9, 9]).derEncoded()
            #expect(try CMSSignature(berEncoded: der).derEncoded() == der)
        }
    }

    @Test("unsorted certificate SETs (as many encoders write them) are kept in their order")
    func unsortedSetsKept() async throws {
        var signature = try await CAdESSigner(key: TestPKI.signingKey(.p256)).sign(content: [1])
        signature.signedData.certificates?.reverse()
        let der = try signature.derEncoded()
        #expect(try CMSSignature(berEncoded: der).derEncoded() == der)
    }

    @Test("BER with indefinite lengths and constructed OCTET STRINGs parses and verifies")
    func berIndefinite() async throws {
        let content: [UInt8] = Array("BER".utf8)
        let signature = try await CAdESSigner(key: TestPKI.signingKey(.rsa2048)).sign(content: content)
        let der = try signature.derEncoded()
        let ber = try BERRewriter.indefinite(der, keepingDER: signature.signers[0].info.signedAttrsEncoding.map(Array.init) ?? [])
        #expect(ber != der)
        #expect(ber.contains(0x24))  // a constructed OCTET STRING made it in
        let parsed = try CMSSignature(berEncoded: ber)
        #expect(try parsed.derEncoded() == der)
        #expect(await CMSSignatureVerifier(policy: TestPKI.policy()).verify(parsed, content: .bytes(content)).isValid)
    }
}

