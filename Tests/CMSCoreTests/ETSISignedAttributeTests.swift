@testable import CMSCore
import Foundation
import SwiftASN1
import Testing
import TestSupport

/// commitment-type-indication and signer-attributes-v2 (ETSI EN 319 122-1 §5.2.3, §5.2.6.1):
/// written, verified, and read back from encodings other writers use.
@Suite("ETSI signed attributes")
struct ETSISignedAttributeTests {
    static let content = Array("契約書 v1".utf8)

    @Test("signed and reported: commitment type, claimed roles, an application attribute; the signature stays TOTAL-PASSED")
    func roundTrip() async throws {
        var options = CAdESSigningOptions()
        options.commitmentType = .proofOfReceipt
        options.signerAttributes = CMSSignerAttributes(claimedRoles: ["代表取締役", "CFO"])
        options.additionalSignedAttributes = [([1, 3, 6, 1, 4, 1, 99999, 9], [0x02, 0x01, 0x2A])]
        let signature = try await CAdESSigner(key: TestPKI.signingKey(.p256), options: options).sign(content: Self.content)
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(try CMSSignature(berEncoded: signature.derEncoded()), content: .bytes(Self.content))
        #expect(report.indication == .totalPassed, "\(report.checks)")
        #expect(report.commitmentType == .proofOfReceipt)
        #expect(report.signerAttributes?.claimedRoles == ["代表取締役", "CFO"])
        #expect(report.otherSignedAttributes == [try CMSRawAttribute(type: [1, 3, 6, 1, 4, 1, 99999, 9], valueDER: [0x02, 0x01, 0x2A])])
    }

    @Test("the role is RoleSyntax { roleName [1] directoryName [4] { title UTF8String } } (X.509 §17.1, as asn1crypto reads it)")
    func roleEncoding() throws {
        let der = try CMSSignerAttributes.roleSyntax("代表取締役")
        let text = Array("代表取締役".utf8)
        let name: [UInt8] = [0x30, UInt8(11 + text.count), 0x31, UInt8(9 + text.count), 0x30, UInt8(7 + text.count), 0x06, 0x03, 0x55, 0x04, 0x0C, 0x0C, UInt8(text.count)] + text
        let expected: [UInt8] = [0x30, UInt8(name.count + 4), 0xA1, UInt8(name.count + 2), 0xA4, UInt8(name.count)] + name
        #expect(der == expected)
    }

    @Test("roles written by others: a bare UTF8String or BMPString, a URI roleName; qualifiers after the commitment OID are skipped")
    func otherEncodings() throws {
        func attribute(_ values: [[UInt8]]) throws -> ASN1Node {
            var list: [UInt8] = []
            for value in values {
                let body: [UInt8] = [0x06, 0x03, 0x55, 0x04, 0x48, 0x31, UInt8(value.count)] + value
                list += [0x30, UInt8(body.count)] + body
            }
            let sequence: [UInt8] = [0x30, UInt8(list.count)] + list
            let tagged: [UInt8] = [0xA0, UInt8(sequence.count)] + sequence
            return try DER.parse([0x30, UInt8(tagged.count)] + tagged)
        }
        let utf8: [UInt8] = [0x0C, 0x03] + Array("CEO".utf8)
        let bmp: [UInt8] = [0x1E, 0x04, 0x4E, 0xE3, 0x88, 0x68]  // 代表
        let uri: [UInt8] = [0x30, 0x09, 0xA1, 0x07, 0x86, 0x05] + Array("buyer".utf8)
        let parsed = try CMSSignerAttributes(berEncoded: attribute([utf8, bmp, uri]))
        #expect(parsed.claimedRoles == ["CEO", "代表", "buyer"])
        let qualified: [UInt8] = [0x30, 0x11, 0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x06, 0x05, 0x30, 0x02, 0x05, 0x00]
        #expect(try CMSCommitmentType(berEncoded: DER.parse(qualified)) == .proofOfApproval)
    }
}
