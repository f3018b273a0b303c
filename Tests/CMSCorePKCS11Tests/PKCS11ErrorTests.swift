import CMSCore
import CMSCorePKCS11
import Foundation
import Testing
import TestSupport

/// Each failure a user meets gives its own typed ``PKCS11Error`` code.
@Suite("PKCS#11 typed errors", .serialized)
struct PKCS11ErrorTests {
    static func expectError(_ code: PKCS11Error.Code, returnValue: String? = nil,
                            _ open: () async throws -> PKCS11SigningKey) async {
        do {
            _ = try await open()
            Issue.record("expected PKCS11Error.\(code), but it opened")
        } catch let error as PKCS11Error {
            #expect(error.code == code, "\(error)")
            if let returnValue { #expect(error.returnValue?.name == returnValue, "\(error)") }
            #expect(!error.reason.contains(SoftHSMToken.pin) && !error.reason.contains("999999"))
        } catch {
            Issue.record("expected PKCS11Error.\(code), got \(error)")
        }
    }

    @Test("wrong PIN: pinIncorrect with CKR_PIN_INCORRECT")
    func wrongPIN() async throws {
        if let missing = SoftHSMToken.missing { print("SKIPPED PKCS11ErrorTests.wrongPIN: \(missing)"); return }
        let token = try await SoftHSMToken.shared()
        await Self.expectError(.pinIncorrect, returnValue: "CKR_PIN_INCORRECT") {
            try await PKCS11SigningKey.open(token.configuration(token.rsa, token: SoftHSMToken.errorTokenLabel), pin: SoftHSMToken.pinSource("999999"))
        }
    }

    @Test("missing token (by label and by serial): tokenNotFound")
    func missingToken() async throws {
        if let missing = SoftHSMToken.missing { print("SKIPPED PKCS11ErrorTests.missingToken: \(missing)"); return }
        let token = try await SoftHSMToken.shared()
        for selector in [PKCS11KeyConfiguration.TokenSelector.label("no-such-token"), .serialNumber("0000000000000000")] {
            var configuration = token.configuration(token.rsa, token: SoftHSMToken.errorTokenLabel)
            configuration.token = selector
            await Self.expectError(.tokenNotFound) { try await PKCS11SigningKey.open(configuration, pin: SoftHSMToken.pinSource()) }
        }
    }

    @Test("missing key (by label and by CKA_ID): keyNotFound")
    func missingKey() async throws {
        if let missing = SoftHSMToken.missing { print("SKIPPED PKCS11ErrorTests.missingKey: \(missing)"); return }
        let token = try await SoftHSMToken.shared()
        for selector in [PKCS11KeyConfiguration.KeySelector.label("no-such-key"), .id([0x7F])] {
            var configuration = token.configuration(token.rsa, token: SoftHSMToken.errorTokenLabel)
            configuration.key = selector
            await Self.expectError(.keyNotFound) { try await PKCS11SigningKey.open(configuration, pin: SoftHSMToken.pinSource()) }
        }
    }

    @Test("a module path that is not a PKCS#11 library: notAPKCS11Module (a text file, a library without C_GetFunctionList); no file: moduleNotFound")
    func notAModule() async throws {
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-module-\(UUID().uuidString).so")
        try "not a library".write(to: text, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: text) }
        let configuration = { (path: String) in PKCS11KeyConfiguration(modulePath: path, token: .label("t"), key: .label("k")) }
        await Self.expectError(.notAPKCS11Module) { try await PKCS11SigningKey.open(configuration(text.path), pin: SoftHSMToken.pinSource()) }
        let zlib = ["/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/aarch64-linux-gnu/libz.so.1", "/usr/lib/libz.dylib"]
            .first { FileManager.default.fileExists(atPath: $0) }
        if let zlib {
            await Self.expectError(.notAPKCS11Module) { try await PKCS11SigningKey.open(configuration(zlib), pin: SoftHSMToken.pinSource()) }
        } else {
            print("SKIPPED PKCS11ErrorTests.notAModule (library case): no libz found")
        }
        await Self.expectError(.moduleNotFound) { try await PKCS11SigningKey.open(configuration("/nonexistent/pkcs11.so"), pin: SoftHSMToken.pinSource()) }
    }

    @Test("every CKR_* has its name; codes follow the value")
    func returnValueNames() {
        #expect(PKCS11ReturnValue(0xA0).name == "CKR_PIN_INCORRECT")
        #expect(PKCS11ReturnValue(0x101).name == "CKR_USER_NOT_LOGGED_IN")
        #expect(PKCS11ReturnValue(0x8000_0001).name == "CKR_VENDOR_DEFINED+0x1")
        #expect(PKCS11Error.Code(PKCS11ReturnValue(0xA0)) == .pinIncorrect)
        #expect(PKCS11Error.Code(PKCS11ReturnValue(0x32)) == .tokenRemoved)
        #expect(PKCS11Error.Code(PKCS11ReturnValue(0x70)) == .unsupportedMechanism)
        #expect(PKCS11Error.Code(PKCS11ReturnValue(0x1C4)) == .moduleFailure)
    }
}
