@testable import PDFSign
import Foundation
import TestSupport

/// Poppler command-line tools (pdftoppm, pdffonts, pdftotext), when installed.
enum ExternalPDFTools {
    static func path(_ name: String) -> String? { ExternalTool.path(name) }

    static var popplerAvailable: Bool { ["pdftoppm", "pdffonts", "pdftotext"].allSatisfy { path($0) != nil } }

    /// Runs `tool` with `arguments`, returning standard output (standard error is discarded).
    static func run(_ tool: String, _ arguments: [String]) async throws -> [UInt8] {
        try await ExternalTool.run(tool, arguments, standardError: .discarded).stdout
    }

    /// A temporary directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("econtract-appearance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A binary PPM (P6) image as pdftoppm writes it.
struct PPMImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    init(_ bytes: [UInt8]) throws {
        var fields: [String] = [], index = 0
        while fields.count < 4, index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
            var field = ""
            while index < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { field.append(Character(Unicode.Scalar(bytes[index]))); index += 1 }
            fields.append(field)
        }
        guard fields.count == 4, fields[0] == "P6", let width = Int(fields[1]), let height = Int(fields[2]) else {
            throw PDFError(.invalidArgument, "not a P6 PPM")
        }
        self.width = width
        self.height = height
        pixels = Array(bytes[(index + 1)...])
    }

    /// Pixels in the box (pixel coordinates from the top-left) that are not near-white.
    func inkCount(x: Range<Int>, y: Range<Int>, isRed: Bool = false) -> Int {
        var count = 0
        for row in y.clamped(to: 0..<height) {
            for column in x.clamped(to: 0..<width) {
                let p = (row * width + column) * 3
                let (r, g, b) = (Int(pixels[p]), Int(pixels[p + 1]), Int(pixels[p + 2]))
                if isRed ? (r > 150 && g < 100 && b < 100) : (r + g + b < 600) { count += 1 }
            }
        }
        return count
    }
}
