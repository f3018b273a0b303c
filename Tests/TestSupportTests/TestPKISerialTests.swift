import Foundation
import Testing
import TestSupport

/// RFC 5280 §4.1.2.2: a serial number is a positive INTEGER of at most 20 octets. NSS (pdfsig)
/// refuses longer ones, so a test PKI that sometimes issues 21-octet serials makes outside
/// validators fail at random.
@Suite("TestPKI serial numbers")
struct TestPKISerialTests {
    @Test func everyDrawIsPositiveAndAtMostTwentyOctets() {
        for _ in 0..<1_000 {
            let bytes = TestPKI.serialNumber().bytes
            #expect(bytes.count <= 20 && bytes.count >= 8)
            #expect(bytes.first.map { $0 & 0x80 == 0 } == true)
        }
    }

    @Test func issuedCertificatesUseThem() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<64 {
            let root = try TestPKI.makeRoot(name: "Serial Root", notBefore: now, notAfter: now + 86_400)
            #expect(root.certificate.serialNumber.bytes.count <= 20)
        }
    }
}
