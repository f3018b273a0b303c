import Foundation

/// Writes benchmark inputs: a PDF of `pages` text pages plus raw (incompressible) image data
/// until the file reaches `targetBytes`, with a classic cross-reference table.
enum GeneratedPDF {
    static func write(to path: String, pages: Int, targetBytes: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var offsets: [Int: Int] = [:]
        var position = 0
        func emit(_ bytes: [UInt8]) throws {
            try handle.write(contentsOf: bytes)
            position += bytes.count
        }
        func object(_ number: Int, _ body: String) throws {
            offsets[number] = position
            try emit(Array("\(number) 0 obj\n\(body)\nendobj\n".utf8))
        }
        try emit(Array("%PDF-1.7\n%\u{E2}\u{E3}\n".utf8))
        let pageNumbers = (0..<pages).map { 10 + 3 * $0 }
        try object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        try object(2, "<< /Type /Pages /Kids [\(pageNumbers.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages) >>")
        try object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        // Image data: random bytes, so that nothing can shortcut hashing or copying.
        let imageBytes = max(0, targetBytes - 4_096 * pages - 4_096)
        var generator = SystemRandomNumberGenerator()
        offsets[4] = position
        try emit(Array("4 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height \(max(1, imageBytes / 3)) /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length \(imageBytes) >>\nstream\n".utf8))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var remaining = imageBytes
        while remaining > 0 {
            let count = min(remaining, chunk.count)
            for i in stride(from: 0, to: count, by: 8) {
                withUnsafeBytes(of: generator.next()) { raw in
                    for j in 0..<min(8, count - i) { chunk[i + j] = raw[j] }
                }
            }
            try emit(Array(chunk[0..<count]))
            remaining -= count
        }
        try emit(Array("\nendstream\nendobj\n".utf8))
        for (index, page) in pageNumbers.enumerated() {
            var text = "BT /F1 11 Tf 72 760 Td 14 TL\n"
            for line in 0..<45 { text += "(Article \(index + 1).\(line + 1): The parties agree to the terms set out in this agreement.) '\n" }
            text += "ET\n"
            let draw = index == 0 ? "q 200 0 0 150 72 400 cm /Im1 Do Q\n" : ""
            try object(page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents \(page + 1) 0 R >>")
            let content = Array((draw + text).utf8)
            offsets[page + 1] = position
            try emit(Array("\(page + 1) 0 obj\n<< /Length \(content.count) >>\nstream\n".utf8) + content + Array("\nendstream\nendobj\n".utf8))
        }
        let size = (offsets.keys.max() ?? 0) + 1
        let xref = position
        var table = "xref\n0 \(size)\n0000000000 65535 f \n"
        for number in 1..<size {
            if let offset = offsets[number] {
                table += String(format: "%010d 00000 n \n", offset)
            } else {
                table += "0000000000 65535 f \n"
            }
        }
        table += "trailer\n<< /Size \(size) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        try emit(Array(table.utf8))
    }
}
