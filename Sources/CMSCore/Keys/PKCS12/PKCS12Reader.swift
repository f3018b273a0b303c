import SwiftASN1
import X509

/// Reads the private keys and certificates of a PKCS#12 file (RFC 7292) protected in
/// password integrity and privacy modes.
///
/// ```
/// AuthenticatedSafe ::= SEQUENCE OF ContentInfo
///   -- Data if unencrypted
///   -- EncryptedData if password-encrypted
/// ```
struct PKCS12Reader {
    /// A private key with its `localKeyId`, if any.
    struct Key {
        var storage: SoftwareSigningKey.Storage
        var localKeyId: ArraySlice<UInt8>?
    }

    /// A certificate with its `localKeyId`, if any.
    struct CertificateEntry {
        var certificate: Certificate
        var localKeyId: ArraySlice<UInt8>?
    }

    private let password: String
    private(set) var keys: [Key] = []
    private(set) var certificates: [CertificateEntry] = []
    /// Whether the file carried a MAC and it verified.
    private(set) var integrityVerified = false
    private var bagCount = 0
    private var budget = PKCS12IterationBudget()

    /// Parses and decrypts `bytes`. Every failure is a ``CMSError``.
    init(bytes: [UInt8], password: String) throws {
        self.password = password
        guard !bytes.isEmpty else {
            throw CMSError(.malformedEncoding, "PKCS#12: the input is empty")
        }
        guard bytes.count <= PKCS12Limits.maxEncodedSize else {
            throw CMSError(.limitExceeded, "PKCS#12: \(bytes.count) bytes exceed the limit of \(PKCS12Limits.maxEncodedSize)")
        }
        do {
            try read(bytes)
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(.malformedEncoding, "PKCS#12: not a valid PFX structure: \(error)")
        }
    }

    private mutating func read(_ bytes: [UInt8]) throws {
        let pfx = try PKCS12PFX(berEncoded: BER.parse(bytes))
        switch pfx.authSafe.contentType {
        case PKCS12ObjectIdentifier.ContentType.data:
            break
        case PKCS12ObjectIdentifier.ContentType.signedData:
            throw CMSError(.unsupportedAlgorithm, "PKCS#12: public-key integrity mode (signedData authSafe) is not supported")
        case let other:
            throw CMSError(.unexpectedContentType, "PKCS#12: authSafe content type \(other) is not id-data")
        }
        let authSafeContent = try ASN1OctetString(berASN1Any: pfx.authSafe.content).bytes

        if let macData = pfx.macData {
            try PKCS12MacVerification.verify(macData, authSafeContent: authSafeContent, password: password, budget: &budget)
            integrityVerified = true
        }

        let contentInfos = try Self.elements(
            of: BER.parse(authSafeContent), limit: PKCS12Limits.maxContentInfos, what: "AuthenticatedSafe"
        ) { try CMSContentInfo(berEncoded: $0) }
        for contentInfo in contentInfos {
            switch contentInfo.contentType {
            case PKCS12ObjectIdentifier.ContentType.data:
                let safeContents = try ASN1OctetString(berASN1Any: contentInfo.content).bytes
                try readSafeContents(safeContents, depth: 0, decrypted: false)
            case PKCS12ObjectIdentifier.ContentType.encryptedData:
                let encryptedData = try PKCS12EncryptedData(berASN1Any: contentInfo.content)
                let info = encryptedData.encryptedContentInfo
                guard info.contentType == PKCS12ObjectIdentifier.ContentType.data else {
                    throw CMSError(.unexpectedContentType, "PKCS#12: EncryptedData holds \(info.contentType), not id-data")
                }
                guard let ciphertext = info.encryptedContent else {
                    throw CMSError(.malformedEncoding, "PKCS#12: EncryptedData without encrypted content")
                }
                let plaintext = try PKCS12PasswordDecryption.decrypt(
                    ciphertext, algorithm: info.contentEncryptionAlgorithm, password: password,
                    what: "certificates", integrityVerified: integrityVerified, budget: &budget)
                try readSafeContents(plaintext[...], depth: 0, decrypted: true)
            case PKCS12ObjectIdentifier.ContentType.envelopedData:
                throw CMSError(.unsupportedAlgorithm, "PKCS#12: public-key privacy mode (envelopedData) is not supported")
            case let other:
                throw CMSError(.unexpectedContentType, "PKCS#12: AuthenticatedSafe element of type \(other) is not supported")
            }
        }
    }

    private mutating func readSafeContents(_ encoded: ArraySlice<UInt8>, depth: Int, decrypted: Bool) throws {
        guard depth < PKCS12Limits.maxNestingDepth else {
            throw CMSError(.limitExceeded, "PKCS#12: SafeContents nested deeper than \(PKCS12Limits.maxNestingDepth)")
        }
        let root: ASN1Node
        do {
            root = try BER.parse(encoded)
        } catch {
            // Garbage after a decryption without a verified MAC means a wrong password.
            if decrypted { throw PKCS12PasswordDecryption.decryptionFailure(what: "certificates", integrityVerified: integrityVerified) }
            throw error
        }
        let bags = try Self.elements(of: root, limit: PKCS12Limits.maxBags, what: "SafeContents") {
            try PKCS12SafeBag(berEncoded: $0)
        }
        for bag in bags {
            bagCount += 1
            guard bagCount <= PKCS12Limits.maxBags else {
                throw CMSError(.limitExceeded, "PKCS#12: more than \(PKCS12Limits.maxBags) bags")
            }
            try readBag(bag, depth: depth)
        }
    }

    private mutating func readBag(_ bag: PKCS12SafeBag, depth: Int) throws {
        switch bag.bagId {
        case PKCS12ObjectIdentifier.BagType.keyBag:
            let storage = try SoftwareSigningKey.parsePrivateKey(Self.derBytes(bag.bagValue))
            keys.append(Key(storage: storage, localKeyId: bag.localKeyId))
        case PKCS12ObjectIdentifier.BagType.pkcs8ShroudedKeyBag:
            let info = try PKCS8EncryptedPrivateKeyInfo(berASN1Any: bag.bagValue)
            let der = try PKCS12PasswordDecryption.decrypt(
                info.encryptedData, algorithm: info.encryptionAlgorithm, password: password,
                what: "private key", integrityVerified: integrityVerified, budget: &budget)
            let storage: SoftwareSigningKey.Storage
            do {
                storage = try SoftwareSigningKey.parsePrivateKey(der)
            } catch let error as CMSError {
                if !integrityVerified {
                    throw PKCS12PasswordDecryption.decryptionFailure(what: "private key", integrityVerified: false)
                }
                throw error
            }
            keys.append(Key(storage: storage, localKeyId: bag.localKeyId))
        case PKCS12ObjectIdentifier.BagType.certBag:
            let certBag = try PKCS12CertBag(berASN1Any: bag.bagValue)
            guard certBag.certId == PKCS12ObjectIdentifier.CertType.x509Certificate else {
                return  // SDSI certificates cannot be used; skip them.
            }
            let der = try certBag.x509CertificateDER()
            let certificate: Certificate
            do {
                certificate = try Certificate(derEncoded: Array(der))
            } catch {
                throw CMSError(.invalidCertificate, "PKCS#12: a certificate cannot be parsed: \(error)")
            }
            certificates.append(CertificateEntry(certificate: certificate, localKeyId: bag.localKeyId))
        case PKCS12ObjectIdentifier.BagType.safeContentsBag:
            try readSafeContents(Self.derBytes(bag.bagValue)[...], depth: depth + 1, decrypted: false)
        default:
            break  // CRL, secret and unknown bags are not needed to sign.
        }
    }

    /// The DER/BER encoding of an element kept as `ASN1Any`.
    private static func derBytes(_ value: ASN1Any) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(value)
        return serializer.serializedBytes
    }

    /// The elements of a SEQUENCE OF, at most `limit`.
    private static func elements<T>(
        of node: ASN1Node, limit: Int, what: String, _ parse: (ASN1Node) throws -> T
    ) throws -> [T] {
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw CMSError(.malformedEncoding, "PKCS#12: \(what) is not a SEQUENCE")
        }
        var result: [T] = []
        for child in children {
            guard result.count < limit else {
                throw CMSError(.limitExceeded, "PKCS#12: more than \(limit) elements in \(what)")
            }
            result.append(try parse(child))
        }
        return result
    }
}
