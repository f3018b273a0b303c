extension PDFStampImage {
    /// A sample round seal (印影-style red double ring with a bar, transparent background) for
    /// demos and sandboxes; real apps pass the party's registered seal image.
    public static func sampleSeal(diameter: Int = 160) throws -> PDFStampImage {
        let size = max(16, min(diameter, 1024))
        let center = Double(size - 1) / 2
        var raw: [UInt8] = []
        raw.reserveCapacity(size * (size * 4 + 1))
        for y in 0..<size {
            raw.append(0)  // filter: None
            for x in 0..<size {
                let dx = Double(x) - center, dy = Double(y) - center
                let d = (dx * dx + dy * dy).squareRoot() / center
                let ink = (0.86...0.97).contains(d) || (0.70...0.76).contains(d) || (d < 0.70 && abs(dy) < Double(size) * 0.04)
                raw += ink ? [200, 30, 40, 230] : [0, 0, 0, 0]
            }
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(CRC32.checksum(body))
        }
        func bigEndian(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        let header = bigEndian(UInt32(size)) + bigEndian(UInt32(size)) + [8, 6, 0, 0, 0]
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
            + chunk("IDAT", try FlateEncoder.encode(raw)) + chunk("IEND", [])
        return try PDFStampImage(data: png)
    }
}
