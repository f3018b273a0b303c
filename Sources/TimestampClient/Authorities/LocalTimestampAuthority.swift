import CMSCore
import Foundation
import SwiftASN1

/// An in-process TSA that issues genuine RFC 3161 tokens with a local key.
///
/// Tokens are CMS SignedData made by `CAdESSigner` (CMSCore) with eContentType id-ct-TSTInfo,
/// the ESS signing-certificate-v2 attribute and the TSA's certificate chain. Serial
/// numbers come from a ``TimestampSerialNumberGenerator`` and always increase. The key's
/// certificate should carry a critical extendedKeyUsage with only id-kp-timeStamping, or
/// verifiers will refuse the tokens.
///
/// ``respond(to:)`` serves a DER `TimeStampReq` and returns a DER `TimeStampResp`, so the
/// authority can sit behind any HTTP server.
public struct LocalTimestampAuthority: TimestampAuthority {
    /// The TSA's key and certificate chain (TSA certificate first).
    public let key: any SigningKeyProvider
    /// The policy written in every token.
    public var policy: ASN1ObjectIdentifier
    /// Other policies a request may ask for (the token then carries the requested one).
    public var acceptedPolicies: [ASN1ObjectIdentifier]
    /// The accuracy written in every token (`nil` leaves it out).
    public var accuracy: TimestampAccuracy?
    /// The `ordering` flag written in every token.
    public var ordering: Bool
    /// The digest algorithm of the token's own signature.
    public var signatureDigestAlgorithm: DigestAlgorithm
    /// The clock.
    public var clock: @Sendable () -> Date
    /// The serial number source (share one between authorities that must not collide).
    public let serialNumbers: TimestampSerialNumberGenerator
    /// The TSA's certificate encodings, worked out once for all tokens.
    private let signerIdentities = SignerIdentityCache()

    /// Creates an authority signing with `key` (TSA certificate first in its chain) under `policy`.
    public init(key: any SigningKeyProvider, policy: ASN1ObjectIdentifier, acceptedPolicies: [ASN1ObjectIdentifier] = [],
                accuracy: TimestampAccuracy? = TimestampAccuracy(seconds: 1), ordering: Bool = false,
                signatureDigestAlgorithm: DigestAlgorithm = .sha256, clock: @escaping @Sendable () -> Date = { Date() },
                serialNumbers: TimestampSerialNumberGenerator = TimestampSerialNumberGenerator()) {
        self.key = key
        self.policy = policy
        self.acceptedPolicies = acceptedPolicies
        self.accuracy = accuracy
        self.ordering = ordering
        self.signatureDigestAlgorithm = signatureDigestAlgorithm
        self.clock = clock
        self.serialNumbers = serialNumbers
    }

    /// Issues a token over `digest` (no nonce; the certificate chain included).
    public func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken {
        try TimestampRequestBuilder.checkDigest(digest, algorithm)
        let request = TimeStampReq(messageImprint: MessageImprint(algorithm: algorithm, digest: digest), certReq: true)
        return try await issueToken(for: request)
    }

    /// Issues a token over `digest` (computed with the options' digest algorithm) answering
    /// `options`: its nonce, policy (``policy`` when none is asked for) and certReq.
    ///
    /// - Throws: ``TimestampError/Code/invalidArgument`` for a digest of the wrong length or a
    ///   bad fixed nonce, ``TimestampError/Code/signingFailed`` when the key fails.
    public func issueToken(digest: [UInt8], options: TimestampRequestOptions = .init()) async throws -> TimestampToken {
        try await issueToken(for: options.request(digest: digest))
    }

    /// Issues a token answering `request` (its imprint, nonce, policy and certReq).
    ///
    /// - Throws: ``TimestampError/Code/signingFailed`` when the key fails.
    package func issueToken(for request: TimeStampReq) async throws -> TimestampToken {
        let serial = await serialNumbers.next()
        let info = TSTInfo(policy: request.reqPolicy ?? policy, messageImprint: request.messageImprint,
                           serialNumber: IntegerBytes.magnitude(serial), genTime: try ASN1Time.generalizedTime(clock(), milliseconds: true),
                           accuracy: accuracy, ordering: ordering, nonce: request.nonce)
        var options = CAdESSigningOptions()
        options.contentType = CMSObjectIdentifier.ContentType.tstInfo
        options.digestAlgorithm = signatureDigestAlgorithm
        let signature: CMSSignature
        do {
            signature = try await CAdESSigner(key: key, options: options, identities: signerIdentities).sign(encapsulating: info.derEncoded())
        } catch let error as CMSError {
            throw TimestampError(.signingFailed, "the TSA could not sign: \(error.reason)")
        }
        let token = try TimestampToken(signature: request.certReq ? signature : signature.removingCertificates())
        return token
    }

    /// Serves one request: DER `TimeStampReq` in, DER `TimeStampResp` out. Bad requests get
    /// a rejection with failInfo (badDataFormat, badAlg, unacceptedPolicy, unacceptedExtension,
    /// systemFailure), as a TSA would send.
    public func respond(to requestDER: [UInt8]) async -> [UInt8] {
        await response(to: requestDER).derEncoded
    }

    /// Serves one request, returning the reply as a value.
    public func response(to requestDER: [UInt8]) async -> TimestampResponse {
        let request: TimeStampReq
        do {
            request = try TimeStampReq(derEncoded: requestDER)
        } catch {
            return Self.rejection(.badDataFormat, "the request is not a DER TimeStampReq")
        }
        guard let algorithm = request.messageImprint.digestAlgorithm, !algorithm.isWeak else {
            return Self.rejection(.badAlg, "unsupported hash algorithm \(request.messageImprint.hashAlgorithmOID)")
        }
        guard request.messageImprint.hashedMessage.count == algorithm.outputByteCount else {
            return Self.rejection(.badDataFormat, "the imprint is not a \(algorithm) digest")
        }
        if let requested = request.reqPolicy, requested != policy, !acceptedPolicies.contains(requested) {
            return Self.rejection(.unacceptedPolicy, "policy \(requested) is not offered")
        }
        if request.extensions != nil {
            return Self.rejection(.unacceptedExtension, "no request extension is supported")
        }
        do {
            return try TimestampResponse(status: PKIStatusInfo(status: .granted), token: await issueToken(for: request))
        } catch {
            return Self.rejection(.systemFailure, "the TSA could not issue a token")
        }
    }

    static func rejection(_ failure: PKIFailureInfo, _ text: String) -> TimestampResponse {
        // A status without token always serializes.
        try! TimestampResponse(status: PKIStatusInfo(status: .rejection, statusStrings: [text], failInfo: failure))
    }
}

extension CMSSignature {
    /// A copy without the `certificates` field (a token issued with certReq false).
    func removingCertificates() -> CMSSignature {
        var copy = signedData
        copy.certificates = nil
        return CMSSignature(signedData: copy)
    }
}
