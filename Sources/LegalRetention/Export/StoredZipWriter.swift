import ContractModel
import Foundation

/// A minimal ZIP writer (APPNOTE 6.3.x): entries stored uncompressed (PDFs are already
/// compressed), names in UTF-8 (general-purpose flag bit 11), CRC-32 per entry, no ZIP64.
///
/// ZIPFoundation was the planned dependency, but its `CZLib` system module clashes with
/// PDFSign's `CZlib` module map in one build; this writer needs no zlib at all. `unzip`, Python's
/// `zipfile`, Windows Explorer and macOS Archive Utility read its output.
struct StoredZipWriter {
    private var data: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    /// Appends a file. - Throws: ``ArchiveError/Code/exportFailed`` beyond ZIP's 4 GiB / 65,535-entry limits.
    mutating func add(_ name: String, _ bytes: [UInt8], modified: Date) throws {
        let nameBytes = Array(name.utf8)
        guard bytes.count < 0xFFFF_FFFF, data.count + bytes.count < 0xFFFF_FFFF, count < 0xFFFF, nameBytes.count < 0xFFFF else {
            throw ArchiveError(.exportFailed, "the export exceeds the ZIP limits (4 GiB, 65,535 files); export a shorter range")
        }
        let crc = CRC32.checksum(bytes)
        let (time, date) = Self.dosTime(modified)
        let offset = UInt32(data.count)
        var local: [UInt8] = []
        local.le32(0x0403_4B50); local.le16(20); local.le16(0x0800); local.le16(0); local.le16(time); local.le16(date)
        local.le32(crc); local.le32(UInt32(bytes.count)); local.le32(UInt32(bytes.count)); local.le16(UInt16(nameBytes.count)); local.le16(0)
        data += local + nameBytes + bytes
        central.le32(0x0201_4B50); central.le16(0x031E); central.le16(20); central.le16(0x0800); central.le16(0); central.le16(time); central.le16(date)
        central.le32(crc); central.le32(UInt32(bytes.count)); central.le32(UInt32(bytes.count)); central.le16(UInt16(nameBytes.count))
        central.le16(0); central.le16(0); central.le16(0); central.le16(0); central.le32(0o100644 << 16); central.le32(offset)
        central += nameBytes
        count += 1
    }

    /// The archive's bytes.
    func finish() -> [UInt8] {
        var end: [UInt8] = []
        end.le32(0x0605_4B50); end.le16(0); end.le16(0); end.le16(UInt16(count)); end.le16(UInt16(count))
        end.le32(UInt32(central.count)); end.le32(UInt32(data.count)); end.le16(0)
        return data + central + end
    }

    static func dosTime(_ date: Date) -> (UInt16, UInt16) {
        let seconds = Int(date.timeIntervalSince1970) + 9 * 3600
        let day = CivilDate(daysSince1970: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let inDay = ((seconds % 86_400) + 86_400) % 86_400
        let time = UInt16((inDay / 3600) << 11 | ((inDay % 3600) / 60) << 5 | (inDay % 60) / 2)
        let date = UInt16(max(0, day.year - 1980) << 9 | day.month << 5 | day.day)
        return (time, date)
    }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension [UInt8] {
    mutating func le16(_ value: UInt16) { append(UInt8(value & 0xFF)); append(UInt8(value >> 8)) }
    mutating func le32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
}
