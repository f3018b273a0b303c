import Foundation
@testable import PDFSign
import Testing

@Suite("PDFEncryptionInfo and PDFPermissions")
struct PDFEncryptionInfoTests {
    @Test("/P bits map to named permissions (ISO 32000-2 Table 22) and round-trip through JSON")
    func permissions() throws {
        // -3904 = 0xFFFFF0C0: bits 7, 8 and 13–32 set; none of the named ones.
        #expect(PDFPermissions(rawValue: UInt32(bitPattern: -3904)).names.isEmpty)
        let some = PDFPermissions(rawValue: UInt32(bitPattern: -3904) | 1 << 2 | 1 << 8)
        #expect(some.names == ["print", "fillForms"])
        #expect(some.description == "print, fillForms")
        let json = try JSONEncoder().encode(some)
        #expect(String(decoding: json, as: UTF8.self).contains("\"P\":-3644"))
        #expect(try JSONDecoder().decode(PDFPermissions.self, from: json) == some)
    }

    @Test("the owner password allows everything; the user password what /P grants")
    func allows() {
        func info(_ access: PDFEncryptionInfo.Access) -> PDFEncryptionInfo {
            PDFEncryptionInfo(handler: "Standard", version: 5, revision: 6, keyLength: 256, streamMethod: .aesV3, stringMethod: .aesV3,
                              embeddedFileMethod: .aesV3, permissions: [.print], encryptMetadata: true, openedWith: access)
        }
        #expect(info(.user).allows(.print))
        #expect(!info(.user).allows(.annotate))
        #expect(info(.owner).allows([.annotate, .modify]))
    }

    @Test("an unlocked key never shows in descriptions")
    func redacted() {
        let key: [UInt8] = Array(repeating: 0xAB, count: 32)
        let crypt = PDFCrypt(fileKey: key, stringMethod: .aesV3, streamMethod: .aesV3, embeddedFileMethod: .aesV3,
                             namedMethods: [:], encryptMetadata: true, encryptReference: nil)
        #expect(!"\(crypt)".lowercased().contains("ab, ab"))
        #expect(!"\(crypt)".contains("171"))
        #expect("\(crypt)".contains("redacted"))
    }

    @Test("AES strings and streams: encrypt then decrypt round-trips with a fresh IV each time; RC4 per-object keys differ")
    func roundTrip() throws {
        for method in [PDFCryptMethod.rc4, .aesV2, .aesV3] {
            let crypt = PDFCrypt(fileKey: Array(0..<(method == .aesV3 ? 32 : 16)), stringMethod: method, streamMethod: method,
                                 embeddedFileMethod: method, namedMethods: [:], encryptMetadata: true, encryptReference: nil)
            let plain = Array("(Contract) Tj — 契約".utf8)
            let reference = PDFObjectReference(12, 0)
            let first = try crypt.encrypt(plain, method: method, reference: reference)
            let second = try crypt.encrypt(plain, method: method, reference: reference)
            #expect(try crypt.decrypt(first, method: method, reference: reference) == plain)
            if method != .rc4 { #expect(first != second, "a fresh IV each time") }
            if method != .aesV3 {
                #expect(crypt.key(for: reference, method: method) != crypt.key(for: PDFObjectReference(13, 0), method: method))
            }
            // A signature dictionary's /Contents stays in clear.
            let signature = PDFObject.dictionary(PDFDictionary(["Type": .name("Sig"), "Contents": .string(PDFString(bytes: [1, 2, 3], format: .hex)),
                                                                "M": .string(PDFString(bytes: Array("D:2026".utf8)))]))
            let encrypted = try crypt.encryptStrings(in: signature, reference: reference)
            #expect(encrypted.dictionaryValue?["Contents"] == signature.dictionaryValue?["Contents"])
            #expect(encrypted.dictionaryValue?["M"] != signature.dictionaryValue?["M"])
            #expect(crypt.decryptStrings(in: encrypted, reference: reference) == signature)
        }
    }
}
