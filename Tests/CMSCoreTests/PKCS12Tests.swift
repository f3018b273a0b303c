import CMSCore
import Foundation
import SwiftASN1
import Testing
import TestSupport

@Suite("PKCS#12 key loading", .serialized, .enabled(if: OpenSSLTool.executable != nil, "needs the openssl command to generate PKCS#12 files"))
struct PKCS12Tests {
    static let password = "correct horse battery"

    // MARK: - Helpers

    /// Loads `bytes`, signs "hello" and checks that the chain starts with `expectedLeaf`.
    @discardableResult
    private func loadAndSign(_ bytes: [UInt8], password: String = Self.password, expectedLeaf: String) async throws -> SoftwareSigningKey {
        let key = try SoftwareSigningKey(pkcs12: bytes, password: password)
        let leaf = try PEMFiles.certificates(inFile: expectedLeaf)[0]
        #expect(key.certificateChain.first == leaf)
        let signature = try await CAdESSigner(key: key).sign(content: Array("hello".utf8))
        #expect(try !signature.derEncoded().isEmpty)
        return key
    }

    @discardableResult
    private func expectCMSError(_ code: CMSError.Code, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> CMSError? {
        do {
            try body()
            Issue.record("expected CMSError.\(code), but no error was thrown", sourceLocation: sourceLocation)
        } catch let error as CMSError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected CMSError.\(code), got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    // MARK: - Files OpenSSL 3 writes

    @Test("OpenSSL 3 default: AES-256-CBC, PBKDF2, SHA-256 MAC")
    func openSSLDefault() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let bytes = try await pki.exportPKCS12Bytes(key: pki.signerKey, certificate: pki.signerCert, password: Self.password)
        let key = try await loadAndSign(bytes, expectedLeaf: pki.signerCert)
        #expect(key.certificateChain.count == 1)
    }

    @Test("AES-128-CBC bags and a SHA-512 MAC")
    func aes128AndSHA512() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let bytes = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, password: Self.password,
            options: ["-keypbe", "AES-128-CBC", "-certpbe", "AES-128-CBC", "-macalg", "sha512"])
        try await loadAndSign(bytes, expectedLeaf: pki.signerCert)
    }

    @Test("MAC digests SHA-1 and SHA-384, AES-192-CBC, custom iteration counts", arguments: [
        ["-macalg", "sha1"],
        ["-macalg", "sha384", "-keypbe", "AES-192-CBC", "-certpbe", "AES-192-CBC"],
        ["-macalg", "sha256", "-maciter", "-iter", "5000"],
    ])
    func otherDigests(options: [String]) async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let bytes = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, password: Self.password, options: options)
        try await loadAndSign(bytes, expectedLeaf: pki.signerCert)
    }

    @Test("Unencrypted bags (keyBag), no MAC, and an empty password")
    func unencryptedAndEmptyPassword() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let plain = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, password: Self.password,
            options: ["-keypbe", "NONE", "-certpbe", "NONE"])
        try await loadAndSign(plain, expectedLeaf: pki.signerCert)

        let noMAC = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, password: Self.password, options: ["-nomac"])
        try await loadAndSign(noMAC, expectedLeaf: pki.signerCert)

        let empty = try await pki.exportPKCS12Bytes(key: pki.signerKey, certificate: pki.signerCert, password: "")
        try await loadAndSign(empty, password: "", expectedLeaf: pki.signerCert)
    }

    @Test("Non-ASCII passwords: BMPString for the MAC, UTF-8 for PBES2")
    func nonASCIIPassword() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let password = "пароль-日本語"
        let bytes = try await pki.exportPKCS12Bytes(key: pki.signerKey, certificate: pki.signerCert, password: password)
        try await loadAndSign(bytes, password: password, expectedLeaf: pki.signerCert)
    }

    @Test("Chain from -certfile is ordered leaf → intermediate → root")
    func chainOrdering() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        // Root first in the file, so the loader has to reorder.
        let bytes = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, chain: [pki.rootCert, pki.intermCert], password: Self.password)
        let key = try await loadAndSign(bytes, expectedLeaf: pki.signerCert)
        let expected = try [pki.signerCert, pki.intermCert, pki.rootCert].map { try PEMFiles.certificates(inFile: $0)[0] }
        #expect(key.certificateChain == expected)

        let intermOnly = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, chain: [pki.intermCert], password: Self.password)
        let key2 = try await loadAndSign(intermOnly, expectedLeaf: pki.signerCert)
        #expect(key2.certificateChain == Array(expected.prefix(2)))
    }

    @Test("EC P-256 key")
    func ecKey() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let bytes = try await pki.exportPKCS12Bytes(
            key: pki.ecKey, certificate: pki.ecCert, chain: [pki.intermCert], password: Self.password)
        let key = try await loadAndSign(bytes, expectedLeaf: pki.ecCert)
        #expect(key.certificateChain.count == 2)
    }

    @Test("load(pkcs12File:) reads a file and names it in errors")
    func loadFromFile() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let path = try await pki.exportPKCS12(key: pki.signerKey, certificate: pki.signerCert, password: Self.password)
        let key = try SoftwareSigningKey.load(pkcs12File: path, password: Self.password)
        #expect(key.certificateChain.first == (try PEMFiles.certificates(inFile: pki.signerCert)[0]))
        _ = try await CAdESSigner(key: key).sign(content: Array("hello".utf8))

        let error = expectCMSError(.wrongPassword) { _ = try SoftwareSigningKey.load(pkcs12File: path, password: "nope") }
        #expect(error?.reason.contains(path) == true)
        expectCMSError(.invalidArgument) {
            _ = try SoftwareSigningKey.load(pkcs12File: pki.workDirectory.appendingPathComponent("missing.p12").path, password: "x")
        }
    }

    @Test("BER: indefinite lengths and constructed OCTET STRINGs")
    func berIndefiniteLength() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let der = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, chain: [pki.intermCert], password: Self.password)
        let ber = try BERRewriter.indefinite(der, chunk: 500)
        #expect(ber != der)
        #expect(Array(ber.prefix(2)) == [0x30, 0x80])
        try await loadAndSign(ber, expectedLeaf: pki.signerCert)
    }

    // MARK: - Failures

    @Test("Wrong password → wrongPassword (MAC), also without a MAC (decryption)")
    func wrongPassword() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let bytes = try await pki.exportPKCS12Bytes(key: pki.signerKey, certificate: pki.signerCert, password: Self.password)
        let error = expectCMSError(.wrongPassword) { _ = try SoftwareSigningKey(pkcs12: bytes, password: "wrong") }
        #expect(error?.reason.contains("password") == true)
        expectCMSError(.wrongPassword) { _ = try SoftwareSigningKey(pkcs12: bytes, password: "") }

        let noMAC = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, password: Self.password, options: ["-nomac"])
        expectCMSError(.wrongPassword) { _ = try SoftwareSigningKey(pkcs12: noMAC, password: "wrong") }
    }

    @Test("Legacy RC2/3DES encryption → legacyPKCS12Encryption naming the algorithm and the fix")
    func legacyEncryption() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let bytes: [UInt8]
        let keyOnly: [UInt8]
        do {
            bytes = try await pki.exportPKCS12Bytes(
                key: pki.signerKey, certificate: pki.signerCert, password: Self.password, options: ["-legacy"])
            keyOnly = try await pki.exportPKCS12Bytes(
                key: pki.signerKey, certificate: pki.signerCert, password: Self.password,
                options: ["-legacy", "-certpbe", "NONE"])
        } catch {
            print("PKCS12Tests: skipping the legacy test, openssl cannot write legacy files here: \(error)")
            return
        }
        let error = expectCMSError(.legacyPKCS12Encryption) { _ = try SoftwareSigningKey(pkcs12: bytes, password: Self.password) }
        #expect(error?.reason.contains("pbeWithSHAAnd40BitRC2-CBC") == true, "\(String(describing: error))")
        #expect(error?.reason.contains("openssl pkcs12 -legacy -in OLD.p12 -nodes | openssl pkcs12 -export -out NEW.p12") == true)

        let keyError = expectCMSError(.legacyPKCS12Encryption) { _ = try SoftwareSigningKey(pkcs12: keyOnly, password: Self.password) }
        #expect(keyError?.reason.contains("pbeWithSHAAnd3-KeyTripleDES-CBC") == true, "\(String(describing: keyError))")

        // The MAC is checked first: a wrong password is still reported as such.
        expectCMSError(.wrongPassword) { _ = try SoftwareSigningKey(pkcs12: bytes, password: "wrong") }
    }

    @Test("A certificate without its key → invalidKey; a key without its certificate → invalidCertificate")
    func missingKeyOrCertificate() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let certsOnly = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, password: Self.password, options: ["-nokeys"])
        expectCMSError(.invalidKey) { _ = try SoftwareSigningKey(pkcs12: certsOnly, password: Self.password) }

        // A key and no certificate at all.
        let keyOnly = try await pki.exportPKCS12Bytes(
            key: pki.ecKey, certificate: pki.ecCert, password: Self.password, options: ["-nocerts"])
        expectCMSError(.invalidCertificate) { _ = try SoftwareSigningKey(pkcs12: keyOnly, password: Self.password) }
    }

    @Test("Truncated files and random bytes → a typed CMSError, never a crash")
    func garbage() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let bytes = try await pki.exportPKCS12Bytes(
            key: pki.signerKey, certificate: pki.signerCert, chain: [pki.intermCert], password: Self.password)
        for length in [0, 1, 2, 4, 16, 100, bytes.count / 2, bytes.count - 40, bytes.count - 1] {
            expectCMSError(.malformedEncoding) {
                _ = try SoftwareSigningKey(pkcs12: Array(bytes.prefix(length)), password: Self.password)
            }
        }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            var random = (0..<Int.random(in: 1...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0, random.count > 4 {
                // Make it look like a SEQUENCE so parsing gets further.
                random[0] = 0x30
                random[1] = 0x82
                random[2] = UInt8((random.count - 4) >> 8)
                random[3] = UInt8((random.count - 4) & 0xFF)
            }
            #expect(throws: CMSError.self) { _ = try SoftwareSigningKey(pkcs12: random, password: Self.password) }
        }
        // Random byte flips in a valid file: either still loads or fails with CMSError.
        for _ in 0..<150 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
            do {
                _ = try SoftwareSigningKey(pkcs12: mutated, password: Self.password)
            } catch is CMSError {
            } catch {
                Issue.record("untyped error \(type(of: error)): \(error)")
            }
        }
        expectCMSError(.limitExceeded) {
            _ = try SoftwareSigningKey(pkcs12: [UInt8](repeating: 0x30, count: 1024 * 1024 + 1), password: Self.password)
        }
    }

    // MARK: - MAC variants rebuilt from an OpenSSL file

    /// Replaces the MacData of `der` and returns the re-encoded PFX.
    private func replacingMacData(_ der: [UInt8], _ transform: (inout PKCS12PFX, ArraySlice<UInt8>) async throws -> Void) async throws -> [UInt8] {
        var pfx = try PKCS12PFX(derEncoded: der)
        let content = try ASN1OctetString(asn1Any: pfx.authSafe.content).bytes
        try await transform(&pfx, content)
        var serializer = DER.Serializer()
        try serializer.serialize(pfx)
        return serializer.serializedBytes
    }

    @Test("Absurd MAC iteration counts → limitExceeded / malformedEncoding")
    func iterationLimits() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let der = try await pki.exportPKCS12Bytes(key: pki.signerKey, certificate: pki.signerCert, password: Self.password)
        let huge = try await replacingMacData(der) { pfx, _ in pfx.macData?.iterations = 2_000_000_000 }
        expectCMSError(.limitExceeded) { _ = try SoftwareSigningKey(pkcs12: huge, password: Self.password) }
        let zero = try await replacingMacData(der) { pfx, _ in pfx.macData?.iterations = 0 }
        expectCMSError(.malformedEncoding) { _ = try SoftwareSigningKey(pkcs12: zero, password: Self.password) }
        let negative = try await replacingMacData(der) { pfx, _ in pfx.macData?.iterations = -5 }
        expectCMSError(.malformedEncoding) { _ = try SoftwareSigningKey(pkcs12: negative, password: Self.password) }
    }

    @Test("PBMAC1 (RFC 9579) MAC, computed independently with openssl kdf/mac")
    func pbmac1() async throws {
        let pki = try await PKCS12TestPKI.make()
        defer { pki.removeWorkDirectory() }
        let der = try await pki.exportPKCS12Bytes(key: pki.signerKey, certificate: pki.signerCert, password: Self.password)
        let salt: [UInt8] = (0..<16).map { _ in UInt8.random(in: 0...255) }

        func pbmac1PFX(hmac: String, keyLength: Int?, password: String) async throws -> [UInt8] {
            try await replacingMacData(der) { pfx, content in
                let keyHex = try await OpenSSLTool.run([
                    "kdf", "-keylen", String(keyLength ?? 32), "-kdfopt", "digest:\(hmac)", "-kdfopt", "pass:\(password)",
                    "-kdfopt", "hexsalt:\(salt.hexString)", "-kdfopt", "iter:2048", "PBKDF2",
                ])
                let message = pki.workDirectory.appendingPathComponent(UUID().uuidString)
                try Data(content).write(to: message)
                let macHex = try await OpenSSLTool.run([
                    "mac", "-digest", hmac, "-macopt", "hexkey:\(keyHex.filter(\.isHexDigit))", "-in", message.path, "HMAC",
                ])
                let prfOID: ASN1ObjectIdentifier = hmac == "SHA512" ? [1, 2, 840, 113549, 2, 11] : [1, 2, 840, 113549, 2, 9]
                let prf = CMSAlgorithmIdentifier(algorithm: prfOID, parameters: CMSAlgorithmIdentifier.nullParameters)
                let kdf = CMSAlgorithmIdentifier(
                    algorithm: [1, 2, 840, 113549, 1, 5, 12],
                    parameters: try ASN1Any(erasing: PBKDF2Parameters(salt: salt[...], iterationCount: 2048, keyLength: keyLength, prf: prf)))
                let parameters = PBMAC1Parameters(keyDerivationFunc: kdf, messageAuthScheme: prf)
                let algorithm = CMSAlgorithmIdentifier(algorithm: [1, 2, 840, 113549, 1, 5, 14], parameters: try ASN1Any(erasing: parameters))
                let mac = try #require([UInt8](hex: macHex))
                pfx.macData = PKCS12MacData(
                    mac: PKCS12DigestInfo(digestAlgorithm: algorithm, digest: mac[...]),
                    macSalt: Array("NOT USED".utf8)[...], iterations: 1)
            }
        }

        try await loadAndSign(try await pbmac1PFX(hmac: "SHA256", keyLength: 32, password: Self.password), expectedLeaf: pki.signerCert)
        try await loadAndSign(try await pbmac1PFX(hmac: "SHA512", keyLength: 64, password: Self.password), expectedLeaf: pki.signerCert)
        let forged = try await pbmac1PFX(hmac: "SHA256", keyLength: 32, password: "another password")
        expectCMSError(.wrongPassword) { _ = try SoftwareSigningKey(pkcs12: forged, password: Self.password) }
        // RFC 9579 §3 requires keyLength in the PBKDF2 parameters.
        let noKeyLength = try await pbmac1PFX(hmac: "SHA256", keyLength: nil, password: Self.password)
        expectCMSError(.malformedEncoding) { _ = try SoftwareSigningKey(pkcs12: noKeyLength, password: Self.password) }
    }
}
