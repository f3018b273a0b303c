/// A PDF file from its objects' bodies, numbered 1, 2, … in order, with a classic
/// cross-reference table and `1 0 R` as the catalog: the small hand-made documents tests and
/// benchmarks sign.
public enum ClassicPDF {
    /// The file. `binaryComment` adds the `%âãÏÓ` line after the header that marks a file as binary.
    public static func file(objects: [String], binaryComment: Bool = true) -> [UInt8] {
        var bytes = Array((binaryComment ? "%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n" : "%PDF-1.7\n").utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(bytes.count)
            bytes += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = bytes.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let text = String(offset)
            table += String(repeating: "0", count: 10 - text.count) + text + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return bytes + Array(table.utf8)
    }
}
