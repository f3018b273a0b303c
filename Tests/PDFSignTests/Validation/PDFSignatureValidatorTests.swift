import CMSCore
import Foundation
@testable import PDFSign
import Testing
import TimestampClient

@Suite("PDFSignatureValidator: our own signatures, tampering and byte-range forgeries")
struct PDFSignatureValidatorTests {
    /// Trust the sandbox root; the sandbox's revocation authorities answer for the issuing CA
    /// (root CRL/OCSP) and for every leaf and the TSA (issuing CA).
    static func policy(_ revocation: PDFSignatureValidationPolicy.RevocationSource = .embedded) -> PDFSignatureValidationPolicy {
        PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root], revocation: revocation)
    }

    static func signed(level: PAdESLevel = .b, key: String = "party", _ bytes: [UInt8] = SigningFixtures.classicPDF()) async throws -> [UInt8] {
        var signer = PDFSigner(key: try SigningFixtures.signer(key), level: level, timestampAuthority: level == .b ? nil : try SigningFixtures.tsa())
        signer.revocationSource = try SigningFixtures.pki.revocationDataSource()
        signer.extraCertificates = [SigningFixtures.pki.root]
        return try await signer.sign(PDFDocument(bytes: bytes))
    }

    @Test("a B-B signature we made is TOTAL-PASSED, intact, covering the whole file, with no findings")
    func ownBB() async throws {
        let report = await PDFSignatureValidator(policy: Self.policy(.none)).validate(try PDFDocument(bytes: try await Self.signed()))
        let signature = try #require(report.signatures.first)
        #expect(report.valid)
        #expect(signature.indication == .totalPassed, "\(signature)")
        #expect(signature.intact && signature.coverage == .entireFile && signature.modifications == .none)
        #expect(signature.findings.isEmpty, "\(signature.findings)")
        #expect(signature.level == .b)
    }

    @Test("B-LT and B-LTA validate offline from the DSS alone: TOTAL-PASSED, modifications allowed")
    func ownLTOffline() async throws {
        for level in [PAdESLevel.lt, .lta] {
            let bytes = try await Self.signed(level: level)
            let report = await PDFSignatureValidator(policy: Self.policy(.embedded)).validate(try PDFDocument(bytes: bytes))
            let signature = try #require(report.signatures.first)
            #expect(signature.level == level, "\(signature)")
            #expect(signature.indication == .totalPassed, "\(signature)")
            #expect(signature.modifications == .allowed && signature.findings.isEmpty, "\(signature.findings)")
            #expect(report.valid, "\(report.documentTimestamps)")
            #expect(report.documentTimestamps.count == (level == .lta ? 1 : 0))
            #expect(signature.timestampTime != nil)
        }
        let bytes = try await Self.signed(level: .lt)
        #expect(PDFDocumentSecurityStore(document: try PDFDocument(bytes: bytes)).hasRevocationData(for: try SigningFixtures.signer().certificateChain[0]))
    }

    @Test("B-B without revocation data in the document is INDETERMINATE offline, not passed")
    func offlineWithoutData() async throws {
        let report = await PDFSignatureValidator(policy: Self.policy(.embedded)).validate(try PDFDocument(bytes: try await Self.signed()))
        #expect(report.signatures.first?.indication == .indeterminate)
        #expect(!report.valid)
    }

    @Test("without trust anchors: trust is not judged, an intact file is still reported valid")
    func trustNotJudged() async throws {
        let report = await PDFSignatureValidator().validate(try PDFDocument(bytes: try await Self.signed()))
        #expect(!report.trustJudged)
        #expect(report.valid)
        #expect(report.signatures.first?.indication == .indeterminate)
    }

    @Test("one flipped byte inside the signed range: TOTAL-FAILED / HASH_FAILURE, not intact")
    func tampered() async throws {
        var bytes = try await Self.signed()
        // Change the page text "(Contract)" into "(Dontract)": still a valid PDF, different content.
        let marker = Array("(Contract)".utf8)
        let position = try #require((0..<(bytes.count - marker.count)).first { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
        bytes[position + 1] = UInt8(ascii: "D")
        let report = await PDFSignatureValidator(policy: Self.policy(.none)).validate(try PDFDocument(bytes: bytes))
        let signature = try #require(report.signatures.first)
        #expect(!signature.intact)
        #expect(signature.indication == .totalFailed && signature.subIndication == .hashFailure, "\(signature)")
        #expect(!report.valid)
    }

    @Test("a /ByteRange that does not start at 0 or leaves bytes out is a byte-range finding (USF)")
    func malformedByteRange() async throws {
        let bytes = try await Self.signed()
        let readback = try SignedPDFReadback(bytes)
        let original = "/ByteRange [0 \(readback.byteRange[1]) \(readback.byteRange[2]) \(readback.byteRange[3])]"
        let forged = "/ByteRange [0 \(readback.byteRange[1]) \(readback.byteRange[2]) \(readback.byteRange[3] - 1)]"
        let text = String(decoding: bytes, as: UTF8.self)
        let replaced = Array(text.replacingOccurrences(of: original, with: forged.padding(toLength: original.count, withPad: " ", startingAt: 0)).utf8)
        #expect(replaced != bytes)
        let report = await PDFSignatureValidator(policy: Self.policy(.none)).validate(try PDFDocument(bytes: replaced))
        let signature = try #require(report.signatures.first)
        #expect(signature.coverage == .partial)
        #expect(signature.indication == .totalFailed)
        #expect(!report.valid)
    }

    @Test("the gap holding other bytes than /Contents is signature wrapping")
    func signatureWrapping() async throws {
        var bytes = try await Self.signed()
        let readback = try SignedPDFReadback(bytes)
        // Put a non-hex character into the unsigned gap: the dictionary's /Contents no longer matches it.
        bytes[readback.byteRange[2] - 2] = UInt8(ascii: "G")
        let report = await PDFSignatureValidator(policy: Self.policy(.none)).validate(try PDFDocument(bytes: bytes))
        let findings = report.signatures.first?.findings.map(\.code) ?? report.findings.map(\.code)
        #expect(findings.contains(.signatureWrapping) || findings.contains(.unparseable) || findings.contains(.cmsInvalid), "\(report)")
        #expect(!report.valid)
    }

    @Test("a file that is not a PDF: an unparseable finding, never valid")
    func unparseable() async throws {
        let report = await PDFSignatureValidator().validate(fileAt: "/nonexistent/\(UUID()).pdf")
        #expect(report.findings.map(\.code) == [.unparseable])
        #expect(!report.valid)
        let unsigned = await PDFSignatureValidator().validate(try PDFDocument(bytes: SigningFixtures.classicPDF()))
        #expect(!unsigned.valid)
    }

    @Test("the JSON report carries the documented fields")
    func json() async throws {
        let report = await PDFSignatureValidator(policy: Self.policy(.none)).validate(try PDFDocument(bytes: try await Self.signed()))
        let object = try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any]
        let signature = (object?["signatures"] as? [[String: Any]])?.first
        for key in ["field", "intact", "coverage", "modifications", "findings", "level", "indication"] {
            #expect(signature?[key] != nil, "missing \(key)")
        }
        #expect(object?["valid"] as? Bool == true)
        #expect(object?["documentTimestamps"] != nil)
    }

    @Test("a PDF date string reads back as the same instant")
    func dates() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(PDFString.date(date).dateValue == date)
        #expect(PDFString(bytes: Array("D:20261126093000+09'00'".utf8)).dateValue == Date(timeIntervalSince1970: 1_795_653_000))
        #expect(PDFString(bytes: Array("D:2026".utf8)).dateValue != nil)
        #expect(PDFString(bytes: Array("yesterday".utf8)).dateValue == nil)
    }

    @Test("CMS in /Contents is cut at its DER length, even when it ends in zero bytes")
    func trimmedDER() {
        let der: [UInt8] = [0x30, 0x03, 0x02, 0x01, 0x00]
        #expect(PDFEmbeddedSignature.trimmedDER(der + [0, 0, 0]) == der)
        let long: [UInt8] = [0x30, 0x81, 0x02, 0x05, 0x00]
        #expect(PDFEmbeddedSignature.trimmedDER(long + [0, 0]) == long)
        // BER with indefinite lengths ends in end-of-contents zeros, which must stay.
        let indefinite: [UInt8] = [0x30, 0x80, 0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00]
        #expect(PDFEmbeddedSignature.trimmedDER(indefinite + [0, 0, 0]) == indefinite)
    }
}
