@testable import PDFSign
import Foundation
import Testing

@Suite("Mutated synthetic files: every failure is a PDFError")
struct MutationTests {
    static func samples() throws -> [[UInt8]] {
        var classic = TestPDFBuilder()
        DocumentTests.basicObjects(&classic)
        classic.classicXref(trailer: "/Size 6 /Root 1 0 R")

        var compressed = TestPDFBuilder()
        try compressed.objectStream(10, objects: [
            (1, "<< /Type /Catalog /Pages 2 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (3, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"),
        ])
        compressed.stream(4, "/Filter [/ASCIIHexDecode /FlateDecode]", data: Array(try FlateEncoder.encode(Array("q Q".utf8)).map { String(format2: $0) }.joined().utf8))
        try compressed.xrefStream(11, entries: [
            (1, .compressed(streamNumber: 10, index: 0)), (2, .compressed(streamNumber: 10, index: 1)),
            (3, .compressed(streamNumber: 10, index: 2)), (4, .inUse(offset: compressed.offsets[4] ?? 0, generation: 0)),
            (10, .inUse(offset: compressed.offsets[10] ?? 0, generation: 0)),
        ], size: 12, trailer: "/Root 1 0 R")
        return [classic.bytes, compressed.bytes]
    }

    static func exercise(_ bytes: [UInt8]) throws {
        let document = try PDFDocument(bytes: bytes)
        _ = try? document.pageCount()
        for number in document.objectNumbers {
            guard let object = try? document.indirectObject(number: number) else { continue }
            if let stream = object.object.streamValue { _ = try? document.decodedData(of: stream) }
        }
    }

    @Test("byte flips, deletions, insertions and truncations")
    func mutations() throws {
        var generator = SplitMix(seed: 7)
        for sample in try Self.samples() {
            try Self.exercise(sample)
            for _ in 0..<400 {
                var bytes = sample
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let position = Int(generator.next() % UInt64(bytes.count))
                    switch generator.next() % 4 {
                    case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                    case 1: bytes.remove(at: position)
                    case 2: bytes.insert(contentsOf: Array(["(", "<<", "[", "9 0 R", "endstream", ">>", "%"][Int(generator.next() % 7)].utf8), at: position)
                    default: bytes = Array(bytes.prefix(position))
                    }
                    if bytes.isEmpty { break }
                }
                do {
                    try Self.exercise(bytes)
                } catch is PDFError {
                } catch {
                    Issue.record("non-PDFError \(error)")
                }
            }
        }
    }

    @Test("concurrent readers of one document")
    func concurrentAccess() async throws {
        let document = try PDFDocument(bytes: try Self.samples()[1])
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for number in document.objectNumbers { _ = try document.indirectObject(number: number) }
                    return try document.pageCount()
                }
            }
            for try await count in group { #expect(count == 1) }
        }
    }
}
