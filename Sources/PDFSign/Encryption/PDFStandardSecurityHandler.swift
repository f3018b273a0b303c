/// Reads an /Encrypt dictionary of the standard security handler (ISO 32000-2 §7.6.4) and
/// unlocks the document with a password.
enum PDFStandardSecurityHandler {
    /// The unlocked state and the public description of a document's encryption.
    ///
    /// - Parameters:
    ///   - encrypt: the resolved /Encrypt dictionary.
    ///   - firstID: the first element of the trailer /ID (empty when missing).
    ///   - password: the user or owner password; `nil` tries the empty user password.
    /// - Throws: ``PDFError/Code/unsupportedSecurityHandler`` for another /Filter or an
    ///   unknown /V, /R or crypt filter method; ``PDFError/Code/passwordRequired`` when no
    ///   password was given and the empty one does not open the file;
    ///   ``PDFError/Code/wrongPassword``; ``PDFError/Code/invalidPassword`` when SASLprep
    ///   rejects a revision 5/6 password.
    static func unlock(_ encrypt: PDFDictionary, encryptReference: PDFObjectReference?, firstID: [UInt8],
                       password: String?) throws -> (PDFCrypt, PDFEncryptionInfo) {
        let handler = encrypt.name("Filter")?.string ?? "(none)"
        guard handler == "Standard" else {
            throw PDFError(.unsupportedSecurityHandler, "security handler /\(handler) is not supported (only /Standard, ISO 32000-2 §7.6.4)")
        }
        let version = encrypt.integer("V") ?? 0
        guard let revision = encrypt.integer("R"), (2...6).contains(revision) else {
            throw PDFError(.unsupportedSecurityHandler, "standard security handler revision /R \(encrypt["R"]?.description ?? "missing") is not supported")
        }
        let methods = try cryptMethods(encrypt, version: version)
        // /V 2 keys are 40…128 bits; a missing or invalid /Length is read as 128 bits (as
        // qpdf does), then as the default 40.
        let keyLengths: [Int]
        switch version {
        case 1: keyLengths = [5]
        case 2:
            if let bits = encrypt.integer("Length"), (40...128).contains(bits), bits % 8 == 0 { keyLengths = [bits / 8] } else { keyLengths = [16, 5] }
        case 4: keyLengths = [16]
        default: keyLengths = [32]
        }
        let permissionsValue = Int32(truncatingIfNeeded: (encrypt["P"]?.integerValue ?? 0))
        let encryptMetadata = encrypt["EncryptMetadata"]?.boolValue ?? true
        let owner = encrypt["O"]?.stringValue?.bytes ?? []
        let user = encrypt["U"]?.stringValue?.bytes ?? []

        var result: (key: [UInt8], owner: Bool)?
        if revision >= 5 {
            let prepared = Array(try SASLprep.prepare(password ?? "").utf8.prefix(127))
            result = try PDFPasswordAlgorithms.authenticateModern(
                prepared, revision: revision, owner: owner, user: user,
                ownerEncrypted: encrypt["OE"]?.stringValue?.bytes ?? [], userEncrypted: encrypt["UE"]?.stringValue?.bytes ?? [])
        } else {
            guard owner.count >= 32, user.count >= 32 else {
                throw PDFError(.malformedSyntax, "/O or /U of the /Encrypt dictionary is shorter than 32 bytes")
            }
            let bytes = PDFPasswordAlgorithms.legacyBytes(password ?? "")
            for keyLength in revision == 2 ? [5] : keyLengths where result == nil {
                let parameters = PDFPasswordAlgorithms.LegacyParameters(
                    revision: revision, keyLength: keyLength, owner: owner, user: user,
                    permissions: permissionsValue, firstID: firstID, encryptMetadata: encryptMetadata)
                if let key = PDFPasswordAlgorithms.authenticateOwner(bytes, parameters) {
                    result = (key, true)
                } else if let key = PDFPasswordAlgorithms.authenticateUser(bytes, parameters) {
                    result = (key, false)
                }
            }
        }
        guard let result else {
            if password == nil {
                throw PDFError(.passwordRequired, "the document is encrypted with a user password; give the user or owner password")
            }
            throw PDFError(.wrongPassword, "the password is neither the document's user nor its owner password")
        }
        let crypt = PDFCrypt(
            fileKey: result.key, stringMethod: methods.string, streamMethod: methods.stream, embeddedFileMethod: methods.embeddedFile,
            namedMethods: methods.named, encryptMetadata: encryptMetadata || version < 4, encryptReference: encryptReference)
        let info = PDFEncryptionInfo(
            handler: handler, version: version, revision: revision, keyLength: result.key.count * 8,
            streamMethod: methods.stream, stringMethod: methods.string, embeddedFileMethod: methods.embeddedFile,
            permissions: PDFPermissions(rawValue: UInt32(bitPattern: permissionsValue)),
            encryptMetadata: encryptMetadata, openedWith: result.owner ? .owner : .user)
        return (crypt, info)
    }

    struct Methods {
        var string: PDFCryptMethod
        var stream: PDFCryptMethod
        var embeddedFile: PDFCryptMethod
        var named: [PDFName: PDFCryptMethod]
    }

    /// /V 1 and 2: RC4 everywhere. /V 4 and 5: the crypt filters /CF named by /StmF, /StrF
    /// and /EFF (§7.6.6), /Identity when absent.
    static func cryptMethods(_ encrypt: PDFDictionary, version: Int) throws -> Methods {
        switch version {
        case 1, 2:
            return Methods(string: .rc4, stream: .rc4, embeddedFile: .rc4, named: ["Identity": PDFCryptMethod.none])
        case 4, 5:
            var named: [PDFName: PDFCryptMethod] = ["Identity": PDFCryptMethod.none]
            for entry in encrypt["CF"]?.dictionaryValue?.effectiveEntries ?? [] where entry.key != "Identity" {
                let cfm = entry.value.dictionaryValue?.name("CFM") ?? "None"
                switch cfm {
                case "None": named[entry.key] = PDFCryptMethod.none
                case "V2": named[entry.key] = .rc4
                case "AESV2": named[entry.key] = .aesV2
                case "AESV3": named[entry.key] = .aesV3
                default:
                    throw PDFError(.unsupportedSecurityHandler, "crypt filter \(entry.key) uses the unknown method \(cfm)")
                }
            }
            func method(_ key: PDFName, default fallback: PDFCryptMethod) throws -> PDFCryptMethod {
                guard let name = encrypt.name(key) else { return fallback }
                guard let method = named[name] else {
                    throw PDFError(.malformedSyntax, "/\(key.string) names the crypt filter \(name), which /CF does not define")
                }
                return method
            }
            let stream = try method("StmF", default: .none)
            return Methods(string: try method("StrF", default: .none), stream: stream,
                           embeddedFile: try method("EFF", default: stream), named: named)
        default:
            throw PDFError(.unsupportedSecurityHandler, "standard security handler /V \(version) is not supported")
        }
    }
}
