import CMSCore
import Crypto
import Foundation
import TestSupport

/// A CSC service in memory: canned JSON answers per method (written in the tests from the
/// CSC specifications), a record of every request, and `signatures/signHash` answered with
/// real ECDSA signatures of the hashes by the test PKI's signer key.
final class FakeCSCService: HTTPTransport, @unchecked Sendable {
    // @unchecked Sendable: every stored var is read and written under `lock`.
    struct Recorded {
        var method: String
        var headers: [String: String]
        var json: [String: any Sendable]
    }

    private let lock = NSLock()
    private var answers: [String: (status: Int, body: String)] = [:]
    private var recorded: [Recorded] = []
    private var failure: (any Error)?
    /// Answer signHash with raw r‖s instead of DER.
    var rawSignatures = false
    let key: P256.Signing.PrivateKey

    init(key: P256.Signing.PrivateKey = TestPKI.shared.signer.key) { self.key = key }

    /// Answers `method` with `status` and `body` from now on.
    func answer(_ method: String, status: Int = 200, _ body: String) {
        lock.withLock { answers[method] = (status, body) }
    }

    /// Every request throws `error` (a transport failure) from now on.
    func fail(with error: any Error) { lock.withLock { failure = error } }

    var requests: [Recorded] { lock.withLock { recorded } }
    func requests(_ method: String) -> [Recorded] { requests.filter { $0.method == method } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.url.path
        guard let range = path.range(of: "/csc/v") else { return HTTPResponse(status: 404, headers: [:], body: []) }
        let method = String(path[range.upperBound...].drop { $0 != "/" }.dropFirst())
        let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        let json = object.mapValues { Self.sendable($0) }
        let (answer, failure, raw) = lock.withLock { () -> ((status: Int, body: String)?, (any Error)?, Bool) in
            recorded.append(Recorded(method: method, headers: request.headers, json: json))
            return (answers[method], self.failure, rawSignatures)
        }
        if let failure { throw failure }
        if let answer {
            return HTTPResponse(status: answer.status, headers: ["content-type": "application/json"], body: Array(answer.body.utf8))
        }
        guard method == "signatures/signHash" else { return HTTPResponse(status: 404, headers: [:], body: Array("404: Not Found".utf8)) }
        let hashes = (object["hash"] ?? object["hashes"]) as? [String] ?? []
        let signatures = try hashes.map { text -> String in
            let signature = try key.signature(for: RawSHA256(bytes: Array(Data(base64Encoded: text)!)))
            return (raw ? signature.rawRepresentation : signature.derRepresentation).base64EncodedString()
        }
        let body = try JSONSerialization.data(withJSONObject: ["signatures": signatures])
        return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: Array(body))
    }

    private static func sendable(_ value: Any) -> any Sendable {
        switch value {
        case let text as String: text
        case let flag as Bool: flag ? 1 : 0
        case let number as NSNumber: number.intValue
        case let array as [Any]: array.map { sendable($0) }
        case let object as [String: Any]: object.mapValues { sendable($0) }
        default: "\(value)"
        }
    }
}

/// A SHA-256 digest computed elsewhere (the hash a CSC service receives), for swift-crypto's
/// digest-signing API.
struct RawSHA256: Digest {
    static let byteCount = 32
    let bytes: [UInt8]
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try bytes.withUnsafeBytes(body) }
    func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }
    var description: String { "RawSHA256" }
}

/// Recorded CSC answers, written from the CSC API specifications (v1.0.4.0 §11, v2.0.0.2 §11).
enum CSCRecorded {
    static var certificateBase64: String {
        get throws { try Data(TestPKI.shared.signer.certificate.derBytes).base64EncodedString() }
    }

    static let infoV1 = #"{"specs": "1.0.4.0", "name": "Recorded RSS", "logo": "https://rss.example/logo.png", "region": "JP", "lang": "ja-JP", "description": "recorded", "authType": ["oauth2client"], "methods": ["auth/login", "credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash"]}"#

    static func credentialInfoV1(authMode: String = "explicit", pin: String = #"{"presence": "true", "format": "N", "label": "PIN", "description": "Please enter the signature PIN"}"#,
                                 otp: String? = nil, algorithms: [String] = ["1.2.840.10045.4.3.2", "1.2.840.10045.2.1"],
                                 keyStatus: String = "enabled", certStatus: String = "valid") throws -> String {
        #"{"key": {"status": "\#(keyStatus)", "algo": [\#(algorithms.map { "\"\($0)\"" }.joined(separator: ", "))], "len": 256, "curve": "1.2.840.10045.3.1.7"}, "cert": {"status": "\#(certStatus)", "certificates": ["\#(try certificateBase64)"]}, "authMode": "\#(authMode)", "PIN": \#(pin)\#(otp.map { ", \"OTP\": \($0)" } ?? ""), "SCAL": "2", "multisign": 1, "lang": "ja-JP"}"#
    }

    static let infoV2 = #"{"specs": "2.0.0.2", "name": "Recorded RSS v2", "logo": "https://rss.example/logo.png", "region": "JP", "lang": "ja-JP", "description": "recorded", "authType": ["oauth2client"], "methods": ["credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash"], "signAlgorithms": {"algos": ["1.2.840.10045.4.3.2"]}}"#

    static func credentialInfoV2(mode: String = "explicit") throws -> String {
        #"{"description": "seal", "signatureQualifier": "eu_eidas_aesealqc", "key": {"status": "enabled", "algo": ["1.2.840.10045.4.3.2"], "len": 256, "curve": "1.2.840.10045.3.1.7"}, "cert": {"status": "valid", "certificates": ["\#(try certificateBase64)"]}, "auth": {"mode": "\#(mode)", "expression": "PIN AND OTP", "objects": [{"type": "Password", "id": "PIN", "format": "N", "label": "PIN", "description": "Please enter the signature PIN"}, {"type": "Password", "id": "OTP", "format": "N", "generator": "totp", "label": "Mobile OTP", "description": "Please enter the 6 digit code"}]}, "SCAL": "2", "multisign": 1, "lang": "ja-JP"}"#
    }

    static let authorize = #"{"SAD": "_TiHRG-bAH3XlFQZ3ndFhkXf9P24/CKN69L8gdSYp5_pw", "expiresIn": 600}"#
}
