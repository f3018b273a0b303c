import ContractModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CLI's TOTP enrolments (RFC 6238, SHA-1, 6 digits, 30 s): one secret per participant of a
/// contract in `STORE/totp/CONTRACT/PARTICIPANT.secret` (hex, owner-only), written by
/// `contract create` for participants with `auth=totp`. The participant's authenticator is
/// given that secret; `contract sign` then takes the current code from a file, the environment
/// or a prompt — never argv.
public struct CLITOTPSecrets: TOTPSecretSource {
    /// The folder.
    public let directory: URL

    /// A source over `directory`.
    public init(directory: URL) { self.directory = directory }

    /// The secret file of one participant.
    public func file(_ contract: ContractID, _ participant: ParticipantID) -> URL {
        directory.appendingPathComponent(contract.rawValue).appendingPathComponent(participant.rawValue + ".secret")
    }

    /// The participant's TOTP, or `nil` when none is enrolled.
    public func totp(for participant: Participant, contractID: ContractID) async throws -> TOTP? {
        let path = file(contractID, participant.id).path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let secret = Self.hexDecode(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)), secret.count >= 16 else {
            throw ContractError(.storageFailure, "the TOTP secret at \(path) is unreadable")
        }
        return try TOTP(secret: secret)
    }

    /// Enrols a new 160-bit secret for the participant; returns the file holding it.
    public func enroll(_ contract: ContractID, _ participant: ParticipantID) throws -> URL {
        let target = file(contract, participant)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = Array((secret.map { String(format: "%02x", $0) }.joined() + "\n").utf8)
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw ContractError(.storageFailure, "cannot create \(target.path): errno \(errno)") }
        defer { close(descriptor) }
        guard text.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == text.count else {
            throw ContractError(.storageFailure, "cannot write \(target.path)")
        }
        return target
    }

    /// Hex to bytes (`nil` when not hex).
    public static func hexDecode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
