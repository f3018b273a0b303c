@testable import econtract
import Foundation
import Testing

@Suite("SignatureFile: DER, or PEM with LF or CRLF line ends")
struct SignatureFileTests {
    @Test("the same bytes from DER, LF PEM and CRLF PEM", arguments: ["\n", "\r\n"])
    func pem(lineEnd: String) throws {
        let bytes: [UInt8] = (0..<200).map { UInt8($0 % 251) }
        let base64 = Data(bytes).base64EncodedString(options: .lineLength64Characters).replacingOccurrences(of: "\r\n", with: lineEnd)
        let text = "-----BEGIN PKCS7-----" + lineEnd + base64 + lineEnd + "-----END PKCS7-----" + lineEnd
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigfile-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pemPath = directory.appendingPathComponent("s.pem").path
        let derPath = directory.appendingPathComponent("s.der").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: pemPath))
        try Data(bytes).write(to: URL(fileURLWithPath: derPath))
        #expect(try SignatureFile.read(pemPath) == bytes)
        #expect(try SignatureFile.read(derPath) == bytes)
    }
}
