import Foundation
@testable import PDFSign
import Testing

/// The signature-forgery files of `../shared/corpus/attacks` (PDF Insecurity 2019, pyHanko's
/// and iText's test files): each must be reported not valid, with the attack named.
@Suite("Attack corpus: every forgery is flagged with its attack named")
struct AttackCorpusTests {
    static let attacks = CorpusTests.packageRoot.appendingPathComponent("../shared/corpus/attacks").standardized

    /// File → the finding that must name it. `isaValidPdf` is iText's control for the incremental
    /// saving attack: a proper incremental update — which replaces a page content stream after
    /// signing, so it is a shadow "replace" (pyHanko also rejects it), but not an ISA.
    static let expected: [(String, PDFValidationFinding.Code)] = [
        ("itext/siwa.pdf", .signatureWrapping),
        ("itext/isa-3.pdf", .incrementalSavingAttack),
        ("itext/isaValidPdf.pdf", .shadowAttackReplace),
        ("pyhanko/one-byterange.pdf", .byteRangeMalformed),
        ("pyhanko/signature-gap-too-big.pdf", .signatureWrapping),
        ("pyhanko/tail-uncovered.pdf", .signedRevisionNotAtEOF),
        ("pyhanko/weird-byterange.pdf", .signatureWrapping),
        ("pyhanko/form-update-override-appearance-stream-sneaky.pdf", .sneakySignature),
        ("pyhanko/form-update-override-appearance-stream-ap-indirect-sneaky.pdf", .sneakySignature),
        ("pyhanko/form-update-no-override-appearance-stream-ap-indirect-sneaky.pdf", .sneakySignature),
        ("pyhanko/form-update-ap-indirect-sneaky-trailer.pdf", .sneakySignature),
    ]

    static var available: Bool { FileManager.default.fileExists(atPath: attacks.path) }

    @Test("each attack file is not valid and carries the finding that names its attack",
          .enabled(if: available, "../shared/corpus/attacks is absent: attack corpus skipped"),
          arguments: expected.map(\.0))
    func attack(_ name: String) async throws {
        let entry = try #require(Self.expected.first { $0.0 == name })
        let expectation = entry.1
        let report = await PDFSignatureValidator().validate(fileAt: Self.attacks.appendingPathComponent(name).path)
        let codes = Set(report.findings.map(\.code) + (report.signatures + report.documentTimestamps).flatMap { $0.findings.map(\.code) })
        #expect(!report.valid, "\(name) must not validate")
        #expect(codes.contains(expectation), "\(name): expected \(expectation), got \(codes.map(\.rawValue).sorted())")
        if name == "itext/isaValidPdf.pdf" {
            #expect(!codes.contains(.incrementalSavingAttack), "a proper incremental update is not an ISA")
        }
    }
}
