@testable import CMSCore
import Foundation
import SwiftASN1
import Testing

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

/// Rewrites DER as BER the way some encoders do: every constructed element with an
/// indefinite length, and OCTET STRINGs longer than 8 bytes split into constructed chunks.
/// One sub-tree (the signed attributes, which must stay DER) is copied unchanged.
enum BERRewriter {
    static func indefinite(_ der: [UInt8], keepingDER kept: [UInt8]) throws -> [UInt8] {
        try rewrite(DER.parse(der), kept: kept)
    }

    private static func rewrite(_ node: ASN1Node, kept: [UInt8]) throws -> [UInt8] {
        if Array(node.encodedBytes) == kept { return kept }
        let tag = node.encodedBytes.first!
        switch node.content {
        case .constructed(let children):
            var out: [UInt8] = [tag, 0x80]
            for child in children { out += try rewrite(child, kept: kept) }
            return out + [0x00, 0x00]
        case .primitive(let bytes):
            guard tag == 0x04, bytes.count > 8 else { return Array(node.encodedBytes) }
            var out: [UInt8] = [0x24, 0x80]
            var rest = bytes[...]
            while !rest.isEmpty {
                let chunk = rest.prefix(8)
                out += [0x04, UInt8(chunk.count)] + chunk
                rest = rest.dropFirst(chunk.count)
            }
            return out + [0x00, 0x00]
        }
    }
}
