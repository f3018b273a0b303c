@testable import CMSCore
import Foundation
import Testing
import TestSupport

@Suite("Bad CMS input gets a typed error, never a crash, hang or unbounded allocation")
struct MalformedInputTests {
    static func validSignature() async throws -> [UInt8] {
        try await CAdESSigner(key: TestPKI.signingKey(.p256)).sign(content: [1, 2, 3]).derEncoded()
    }

    static func expectCMSError(_ bytes: [UInt8], _ code: CMSError.Code? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try CMSSignature(berEncoded: bytes)
            Issue.record("accepted \(bytes.count) bytes of bad input", sourceLocation: sourceLocation)
        } catch let error as CMSError {
            if let code { #expect(error.code == code, "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("untyped error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("empty input and garbage")
    func garbage() {
        Self.expectCMSError([], .malformedEncoding)
        Self.expectCMSError(Array("%PDF-1.7 not a signature".utf8), .malformedEncoding)
        var generator = SystemRandomNumberGenerator()
        for length in [1, 2, 16, 300, 4096] {
            Self.expectCMSError((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    @Test("every truncation of a valid signature is rejected")
    func truncations() async throws {
        let der = try await Self.validSignature()
        for length in 0..<der.count {
            Self.expectCMSError(Array(der.prefix(length)))
        }
    }

    @Test("trailing bytes after the ContentInfo are rejected")
    func trailingBytes() async throws {
        Self.expectCMSError(try await Self.validSignature() + [0x00], .malformedEncoding)
    }

    @Test("single-byte corruptions never crash; the ones that parse never verify")
    func byteFlips() async throws {
        let der = try await Self.validSignature()
        let verifier = CMSSignatureVerifier(policy: TestPKI.policy())
        var parsedAndVerified = 0
        for index in stride(from: 0, to: der.count, by: 3) {
            var corrupted = der
            corrupted[index] ^= 0x5A
            guard let signature = try? CMSSignature(berEncoded: corrupted) else { continue }
            let report = await verifier.verify(signature, content: .bytes([1, 2, 3]))
            if report.isValid {
                parsedAndVerified += 1
                // Only the unsigned SignedData.digestAlgorithms may change without invalidating,
                // and then the report must say so.
                #expect(report.checks.contains { $0.name == .digestAlgorithms && $0.outcome == .warning }, "flip at \(index) verified silently")
            }
        }
        #expect(parsedAndVerified <= 3)
    }

    @Test("wrong tags and wrong content types")
    func wrongTags() async throws {
        var der = try await Self.validSignature()
        der[0] = 0x31  // SET instead of SEQUENCE
        Self.expectCMSError(der, .malformedEncoding)
        // id-data ContentInfo instead of id-signedData.
        let dataContentInfo: [UInt8] = [0x30, 0x12, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
                                        0xA0, 0x05, 0x04, 0x03, 0x61, 0x62, 0x63]
        Self.expectCMSError(dataContentInfo, .unexpectedContentType)
    }

    @Test("over-long and impossible lengths")
    func lengths() {
        Self.expectCMSError([0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x01], .malformedEncoding)
        Self.expectCMSError([0x30, 0x89, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09], .malformedEncoding)
        Self.expectCMSError([0x30, 0x80, 0x02, 0x01, 0x01], .malformedEncoding)  // indefinite, never terminated
    }

    @Test("deep nesting is bounded")
    func deepNesting() {
        let depth = 100_000
        let nested = Array(repeating: [UInt8]([0x30, 0x80]), count: depth).flatMap { $0 }
            + Array(repeating: UInt8(0), count: depth * 2)
        Self.expectCMSError(nested, .malformedEncoding)
    }

    @Test("huge input and huge element counts hit limits")
    func hugeCounts() async throws {
        Self.expectCMSError([UInt8](repeating: 0x30, count: 17 * 1024 * 1024), .limitExceeded)
        // A SignedData whose certificates SET holds 10,000 tiny elements.
        let signature = try CMSSignature(berEncoded: try await Self.validSignature())
        var hostile = signature
        hostile.signedData.certificates = Array(repeating: [0x30, 0x00][...], count: 10_000)
        let bytes = try hostile.derEncoded()
        Self.expectCMSError(bytes, .limitExceeded)
    }
}
