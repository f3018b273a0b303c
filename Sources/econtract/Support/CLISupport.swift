import ArgumentParser
import CMSCore
import ContractModel
import EvidenceRecords
import TimestampClient
import CMSCorePKCS11
import Foundation
import PDFSign
import SwiftASN1
import X509

/// Exit codes shared by every subcommand: 0 success/valid, 1 invalid/failed, 2 bad usage or input.
enum CLIExit {
    static let invalid = ExitCode(1)
    static let badInput = ExitCode(2)
}

/// Runs `body`, turning thrown SDK errors into a message on stderr and exit code 2.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as CMSError {
        if let remote = error.underlyingError as? CSCError { throw reportCSCError(remote) }
        FileHandle.standardError.write(Data("error: \(error.reason) [\(error.code)]\n".utf8))
        throw CLIExit.badInput
    } catch let error as CSCError {
        throw reportCSCError(error)
    } catch let error as TimestampError {
        // The TSA or the network failed (1), unless our own input was at fault (2).
        FileHandle.standardError.write(Data("error: \(error.reason) [\(error.code)]\n".utf8))
        throw error.code == .invalidArgument ? CLIExit.badInput : CLIExit.invalid
    } catch let error as ContractError {
        // Bad input or an illegal step (2); a refused or failed action (authentication, storage, signing) is 1.
        FileHandle.standardError.write(Data("error: \(error.reason) [ContractError.\(error.code)]\n".utf8))
        let input: [ContractError.Code] = [.invalidArgument, .invalidDate, .notFound, .illegalTransition, .callerNotAllowed, .invalidLink]
        throw input.contains(error.code) ? CLIExit.badInput : CLIExit.invalid
    } catch let error as EvidenceRecordError {
        // A record that cannot be read or used is bad input (2); a TSA whose token stamps something else failed (1).
        FileHandle.standardError.write(Data("error: \(error.reason) [EvidenceRecordError.\(error.code)]\n".utf8))
        throw error.code == .timestampMismatch ? CLIExit.invalid : CLIExit.badInput
    } catch let error as PDFError {
        FileHandle.standardError.write(Data("error: \(error.reason) [PDFError.\(error.code)]\n".utf8))
        throw CLIExit.badInput
    } catch let error as PKCS11Error {
        // The token refused or failed (wrong PIN, no such token or key, a module failure).
        FileHandle.standardError.write(Data("error: \(error.reason) [PKCS11Error.\(error.code)]\n".utf8))
        throw CLIExit.badInput
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw CLIExit.badInput
    }
}

/// Prints a CSC service's refusal or failure; returns the exit: 2 for a refusal of what was
/// given (credential, PIN, OTP, token, argument), 1 when the service or the network failed.
private func reportCSCError(_ error: CSCError) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(error.reason) [CSCError.\(error.code)]\n".utf8))
    let failed: [CSCError.Code] = [.timeout, .transportFailure, .serverError, .temporarilyUnavailable, .badResponse]
    return failed.contains(error.code) ? CLIExit.invalid : CLIExit.badInput
}

/// Reads a whole file, with a typed error naming it.
func readFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CMSError(.invalidArgument, "cannot read \(path)")
    }
    return Array(data)
}

/// Writes a whole file atomically, with a typed error naming it.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    do {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw CMSError(.invalidArgument, "cannot write \(path): \(error.localizedDescription)")
    }
}

/// Parses a dotted object identifier given on the command line.
func parseOID(_ text: String, option: String) throws -> ASN1ObjectIdentifier {
    do { return try ASN1ObjectIdentifier(dotRepresentation: text) } catch {
        throw CMSError(.invalidArgument, "\(option) \(text) is not an object identifier")
    }
}

/// Parses a digest algorithm name allowed for new signatures and time-stamps.
func parseDigest(_ name: String) throws -> DigestAlgorithm {
    guard let algorithm = DigestAlgorithm(name: name), !algorithm.isWeak else {
        throw CMSError(.invalidArgument, "unknown or weak digest '\(name)'; use sha256, sha384 or sha512")
    }
    return algorithm
}

/// Parses an http(s) URL given on the command line.
func parseHTTPURL(_ text: String, option: String) throws -> URL {
    guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
        throw CMSError(.invalidArgument, "\(option) must be an http(s) URL, got '\(text)'")
    }
    return url
}

/// Parses an ISO 8601 date-time (`2026-01-02T03:04:05Z`, with or without fractional seconds).
func parseISO8601(_ text: String) throws -> Date {
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withFullDate]
    if let date = formatter.date(from: text) { return date }
    throw CMSError(.invalidArgument, "'\(text)' is not an ISO 8601 date-time")
}

func formatISO8601(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
}
