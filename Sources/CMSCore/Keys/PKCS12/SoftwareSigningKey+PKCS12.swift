import Foundation
import X509

extension SoftwareSigningKey {
    /// Creates a key from a PKCS#12 (`.p12`/`.pfx`) file in memory.
    ///
    /// Files written by OpenSSL 3, recent macOS/Windows and Java key tools are read: the
    /// password integrity MAC (HMAC with SHA-1 or SHA-2 over the RFC 7292 key derivation,
    /// or PBMAC1) is verified first, then PBES2-encrypted bags (PBKDF2 with HMAC-SHA-1/SHA-2,
    /// AES-128/192/256-CBC) and unencrypted bags are read. RSA, P-256, P-384, P-521 and
    /// Ed25519 keys are supported.
    ///
    /// The certificate chain starts with the certificate whose public key matches the
    /// private key, followed by the other certificates of the file ordered from issuer to
    /// issuer (intermediates, then the root) where their names allow it.
    ///
    /// ```swift
    /// let key = try SoftwareSigningKey.load(pkcs12File: "signer.p12", password: "secret")
    /// let signature = try await CAdESSigner(key: key).sign(content: Array(data))
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: The DER (or BER) encoded `PFX`, at most 1 MiB.
    ///   - password: The file's password. It is encoded as BMPString for the MAC and as
    ///     UTF-8 for PBES2, as RFC 7292 and OpenSSL do.
    /// - Throws: A ``CMSError`` with code
    ///   - ``CMSError/Code/wrongPassword`` when the MAC (or, without a MAC, decryption) fails;
    ///   - ``CMSError/Code/legacyPKCS12Encryption`` for RC2, RC4, DES or 3DES encryption
    ///     (the reason names the algorithm and the `openssl` command that converts the file);
    ///   - ``CMSError/Code/unsupportedAlgorithm`` for other unknown algorithms or modes;
    ///   - ``CMSError/Code/malformedEncoding`` for input that is not a PKCS#12 file;
    ///   - ``CMSError/Code/limitExceeded`` for oversized input, excessive iteration counts
    ///     (above 10,000,000 for one derivation or 20,000,000 for the whole file) or too
    ///     many bags (256);
    ///   - ``CMSError/Code/invalidKey`` when the file holds no usable private key;
    ///   - ``CMSError/Code/invalidCertificate`` when no certificate matches the key.
    public init(pkcs12 bytes: [UInt8], password: String) throws {
        let reader = try PKCS12Reader(bytes: bytes, password: password)
        guard !reader.keys.isEmpty else {
            throw CMSError(.invalidKey, "PKCS#12: the file contains no private key")
        }
        // The first key that has a certificate; among several matching certificates,
        // prefer the one with the key's localKeyId.
        for key in reader.keys {
            let publicKey = key.storage.publicKey
            let matching = reader.certificates.filter { $0.certificate.publicKey == publicKey }
            guard !matching.isEmpty else { continue }
            let leaf =
                matching.first { key.localKeyId != nil && $0.localKeyId == key.localKeyId }?.certificate
                ?? matching[0].certificate
            let chain = Self.orderedChain(leaf: leaf, others: reader.certificates.map(\.certificate))
            try self.init(storage: key.storage, certificateChain: chain)
            return
        }
        throw CMSError(
            .invalidCertificate,
            "PKCS#12: no certificate in the file matches its private key (\(reader.keys[0].storage.keyDescription)); "
                + "\(reader.certificates.count) certificate(s) found")
    }

    /// Loads a PKCS#12 (`.p12`/`.pfx`) file; see ``init(pkcs12:password:)``.
    ///
    /// - Throws: ``CMSError/Code/invalidArgument`` when the file cannot be read,
    ///   ``CMSError/Code/limitExceeded`` when it is larger than 1 MiB, and the errors of
    ///   ``init(pkcs12:password:)`` (with the file path prefixed to the reason).
    public static func load(pkcs12File path: String, password: String) throws -> SoftwareSigningKey {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > PKCS12Limits.maxEncodedSize {
            throw CMSError(.limitExceeded, "\(path): \(size) bytes exceed the PKCS#12 limit of \(PKCS12Limits.maxEncodedSize)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CMSError(.invalidArgument, "cannot read PKCS#12 file \(path)")
        }
        do {
            return try SoftwareSigningKey(pkcs12: Array(data), password: password)
        } catch let error as CMSError {
            throw CMSError(error.code, "\(path): \(error.reason)")
        }
    }

    /// `leaf`, then the certificates of `others` that issue it, issuer after issuer, then
    /// any remaining certificates in file order. Duplicates are dropped.
    static func orderedChain(leaf: Certificate, others: [Certificate]) -> [Certificate] {
        var remaining: [Certificate] = []
        for certificate in others where certificate != leaf && !remaining.contains(certificate) {
            remaining.append(certificate)
        }
        var chain = [leaf]
        while let last = chain.last, last.issuer != last.subject,
            let index = remaining.firstIndex(where: { $0.subject == last.issuer })
        {
            chain.append(remaining.remove(at: index))
        }
        return chain + remaining
    }
}
