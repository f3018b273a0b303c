import Foundation
@testable import PDFSign
import Testing

/// Opening and validating a file with N revisions after its signature must cost work linear in
/// N (and in what each revision changes). Timings on a shared machine cannot show that, so the
/// document counts its work (``PDFWorkCounts``: bodies parsed, cross-reference probes, objects
/// the analysis read, structure and referrer updates) and the tests compare the counts for N,
/// 2N and 4N revisions: linear work doubles from one step to the next, quadratic quadruples.
@Suite("Modification analysis scales linearly with the number of revisions")
struct RevisionScalingTests {
    /// Appends classic incremental updates to a signed file without re-reading it.
    struct RevisionChain {
        var bytes: [UInt8]
        var previousXref: Int
        var size: Int
        let root: String

        init(signed: [UInt8]) throws {
            let document = try PDFDocument(bytes: signed)
            bytes = signed
            previousXref = document.revisions.last!.xrefOffset
            size = document.trailer.integer("Size")!
            root = document.trailer["Root"]!.description
        }

        /// One update writing `objects`, with `trailerExtra` in its trailer.
        mutating func append(_ objects: [(Int, String)], trailerExtra: String = "") {
            if bytes.last != 0x0A { bytes += Array("\n".utf8) }
            var offsets: [(Int, Int)] = []
            for (number, body) in objects.sorted(by: { $0.0 < $1.0 }) {
                offsets.append((number, bytes.count))
                bytes += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
                size = max(size, number + 1)
            }
            let start = bytes.count
            var text = "xref\n0 1\n0000000000 65535 f \n"
            for (number, offset) in offsets { text += "\(number) 1\n" + String(format: "%010d 00000 n \n", offset) }
            text += "trailer\n<< /Size \(size) /Root \(root) \(trailerExtra) /Prev \(previousXref) >>\nstartxref\n\(start)\n%%EOF\n"
            bytes += Array(text.utf8)
            previousXref = start
        }
    }

    /// The work of opening and validating `bytes`, and whether it validated.
    static func work(_ bytes: [UInt8]) async throws -> (Int, Bool) {
        let document = try PDFDocument(bytes: bytes)
        let report = await PDFSignatureValidator().validate(document)
        return (document.workCounts.total, report.valid)
    }

    /// Work for `counts` revisions made by `update(chain, i)` after signing `base`; each file must validate.
    static func works(base: [UInt8], counts: [Int], _ update: (inout RevisionChain, Int) -> Void) async throws -> [Int] {
        let signed = try await ModificationFixtures.sign(base)
        var result: [Int] = []
        for count in counts {
            var chain = try RevisionChain(signed: signed)
            for i in 0..<count { update(&chain, i) }
            let (work, valid) = try await Self.work(chain.bytes)
            #expect(valid, "\(count) revisions: the updates should be allowed")
            result.append(work)
        }
        return result
    }

    /// Linear: the step from 2N to 4N costs about twice the step from N to 2N (quadratic: four times).
    static func expectLinear(_ works: [Int], _ label: String) {
        print("work \(label): \(works)")
        let first = works[1] - works[0], second = works[2] - works[1]
        #expect(first > 0 && second > 0, "\(label): \(works)")
        #expect(Double(second) <= 2.5 * Double(first), "\(label): work \(works) grows faster than linearly")
    }

    /// A one-page document with `fields` empty text fields (objects 10…), form object 9.
    static func formBase(fields: Int) -> [UInt8] {
        let objects = (0..<fields).map { (10 + $0, "<< /T (f\($0)) /FT /Tx >>") }
        let list = (0..<fields).map { "\(10 + $0) 0 R" }.joined(separator: " ")
        return SigningFixtures.classicPDF(catalogExtra: "/AcroForm 9 0 R", extraObjects: [(9, "<< /Fields [\(list)] >>")] + objects)
    }

    @Test("each revision rewrites /Info: work per revision stays constant, no walk of the 64 fields")
    func infoUpdates() async throws {
        let counts = [50, 100, 200]
        var infoNumber = 0
        let works = try await Self.works(base: Self.formBase(fields: 64), counts: counts) { chain, i in
            if i == 0 { infoNumber = chain.size }
            chain.append([(infoNumber, "<< /Producer (update \(i)) >>")], trailerExtra: "/Info \(infoNumber) 0 R")
        }
        Self.expectLinear(works, "info")
        // And small: a few lookups and reads per revision, not a walk of the 64 fields.
        #expect(works[2] - works[1] <= 60 * (counts[2] - counts[1]), "info: \(works)")
    }

    @Test("each revision adds an unreferenced object: the referrer index moves forward, it is not rebuilt")
    func orphanUpdates() async throws {
        let counts = [50, 100, 200]
        let works = try await Self.works(base: Self.formBase(fields: 64), counts: counts) { chain, i in
            chain.append([(chain.size, "<< /Orphan \(i) >>")])
        }
        Self.expectLinear(works, "orphans")
        #expect(works[2] - works[1] <= 60 * (counts[2] - counts[1]), "orphans: \(works)")
    }

    @Test("each revision fills another empty form field: the field map is rebuilt from cached bodies, linearly")
    func formFilling() async throws {
        let works = try await Self.works(base: Self.formBase(fields: 64), counts: [16, 32, 64]) { chain, i in
            chain.append([(10 + i, "<< /T (f\(i)) /FT /Tx /V (value \(i)) >>")])
        }
        Self.expectLinear(works, "form filling")
    }
}
