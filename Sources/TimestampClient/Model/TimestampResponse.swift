import Foundation
import SwiftASN1

/// A TSA's whole reply (`TimeStampResp`): its status and, when granted, the token.
///
/// ``derEncoded`` keeps the exact bytes received, so a reply can be stored as a `.tsr`
/// file that `openssl ts -reply` reads.
public struct TimestampResponse: Hashable, Sendable {
    /// The parsed wire message.
    package let message: TimeStampRespMessage
    /// The token, when the reply carries one.
    public let token: TimestampToken?
    /// The reply's bytes.
    public let derEncoded: [UInt8]

    /// The status information.
    public var statusInfo: PKIStatusInfo { message.status }

    /// Parses a reply.
    ///
    /// - Throws: ``TimestampError`` with ``TimestampError/Code/malformedResponse`` or
    ///   ``TimestampError/Code/unexpectedContentType`` (for a token that is not a TSTInfo).
    ///
    /// The reply should be DER (RFC 3161 §2.4.2); a token in BER (indefinite lengths, as
    /// some TSAs send) is accepted too.
    public init(derEncoded bytes: [UInt8]) throws {
        do {
            message = try TimeStampRespMessage(derEncoded: bytes)
        } catch {
            guard let lenient = Self.parseLeniently(bytes) else {
                throw TimestampError(.malformedResponse, "the reply is not a DER TimeStampResp: \(error)")
            }
            message = lenient
        }
        token = try message.timeStampToken.map { try TimestampToken(derEncoded: Array($0.serializedBytes)) }
        derEncoded = bytes
    }

    /// A DER status followed by a BER token.
    private static func parseLeniently(_ bytes: [UInt8]) -> TimeStampRespMessage? {
        guard let root = try? BER.parse(bytes), root.encodedBytes.count == bytes.count,
              root.identifier == .sequence, case .constructed(let children) = root.content
        else { return nil }
        var nodes = children.makeIterator()
        guard let statusNode = nodes.next(), let status = try? PKIStatusInfo(derEncoded: Array(statusNode.encodedBytes)) else { return nil }
        let token = nodes.next().map { ASN1Any(berEncoded: $0) }
        guard nodes.next() == nil else { return nil }
        return TimeStampRespMessage(status: status, timeStampToken: token)
    }

    /// Builds a reply from a status and an optional token.
    public init(status: PKIStatusInfo, token: TimestampToken? = nil) throws {
        let tokenAny = try token.map { ASN1Any(derEncoded: try DER.parse($0.derEncoded)) }
        message = TimeStampRespMessage(status: status, timeStampToken: tokenAny)
        self.token = token
        derEncoded = try message.derEncoded()
    }

    /// Throws unless the status is granted and a token is present.
    ///
    /// - Throws: ``TimestampError/Code/rejected`` (with the failure bits and status text),
    ///   ``TimestampError/Code/waiting`` or ``TimestampError/Code/missingToken``.
    @discardableResult
    public func requireToken() throws -> TimestampToken {
        let status = statusInfo.status
        guard status.isGranted else {
            let text = statusInfo.statusStrings.map { ": \"\($0.joined(separator: " "))\"" } ?? ""
            let fail = statusInfo.failInfo.map { " (failInfo: \($0))" } ?? ""
            let code: TimestampError.Code = status == .waiting ? .waiting : .rejected
            throw TimestampError(code, "the TSA answered \(status)\(fail)\(text)", status: status, failureInfo: statusInfo.failInfo)
        }
        guard let token else {
            throw TimestampError(.missingToken, "the TSA granted the request but sent no token", status: status)
        }
        return token
    }
}
