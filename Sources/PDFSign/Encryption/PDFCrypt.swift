import Crypto
import _CryptoExtras
import Foundation

/// An unlocked document's file key and crypt filters: decrypts what is read and encrypts what
/// an incremental update adds (ISO 32000-2 §7.6.2–7.6.3, §7.6.6).
///
/// Not encrypted, in both directions: the /Encrypt dictionary, cross-reference streams, the
/// trailer's /ID, the /Contents of signature dictionaries (§7.6.2), objects inside object
/// streams (their stream is encrypted as a whole) and, with /EncryptMetadata false, the
/// /Metadata stream. The file key is never logged and never leaves the module.
struct PDFCrypt: Sendable, Hashable, CustomStringConvertible {
    let fileKey: [UInt8]
    let stringMethod: PDFCryptMethod
    let streamMethod: PDFCryptMethod
    let embeddedFileMethod: PDFCryptMethod
    /// The crypt filters of /CF by name (and /Identity), for streams with a /Crypt filter.
    let namedMethods: [PDFName: PDFCryptMethod]
    let encryptMetadata: Bool
    /// The /Encrypt dictionary's object, whose strings are never encrypted.
    let encryptReference: PDFObjectReference?

    /// The methods only: the file key is never printed.
    var description: String {
        "PDFCrypt(strings: \(stringMethod.rawValue), streams: \(streamMethod.rawValue), embedded files: \(embeddedFileMethod.rawValue), key: <\(fileKey.count * 8) bits, redacted>)"
    }

    // MARK: - Keys and ciphers

    /// Algorithm 1 (per-object key for RC4 and AESV2) or algorithm 1.A (the file key for AESV3).
    func key(for reference: PDFObjectReference, method: PDFCryptMethod) -> [UInt8] {
        guard method != .aesV3 else { return fileKey }
        var input = fileKey
        input += [UInt8(truncatingIfNeeded: reference.number), UInt8(truncatingIfNeeded: reference.number >> 8),
                  UInt8(truncatingIfNeeded: reference.number >> 16)]
        input += [UInt8(truncatingIfNeeded: reference.generation), UInt8(truncatingIfNeeded: reference.generation >> 8)]
        if method == .aesV2 { input += Array("sAlT".utf8) }
        return Array(Insecure.MD5.hash(data: input).prefix(min(fileKey.count + 5, 16)))
    }

    /// `data` decrypted with `method` for the object `reference`.
    ///
    /// - Throws: ``PDFError/Code/corruptStreamData`` for AES data that is not IV + whole
    ///   blocks with valid padding.
    func decrypt(_ data: [UInt8], method: PDFCryptMethod, reference: PDFObjectReference) throws -> [UInt8] {
        switch method {
        case .none: return data
        case .rc4: return LegacyPDFCipher.RC4.process(data, key: key(for: reference, method: method))
        case .aesV2, .aesV3:
            guard data.count >= 16 else {
                if data.isEmpty { return [] }
                throw PDFError(.corruptStreamData, "AES data of object \(reference) is shorter than its IV")
            }
            let body = data[16...]
            guard !body.isEmpty else { return [] }
            guard body.count % 16 == 0 else {
                throw PDFError(.corruptStreamData, "AES data of object \(reference) is not a whole number of blocks")
            }
            do {
                let iv = try AES._CBC.IV(ivBytes: data[0..<16])
                return Array(try AES._CBC.decrypt(body, using: SymmetricKey(data: key(for: reference, method: method)), iv: iv))
            } catch {
                throw PDFError(.corruptStreamData, "AES data of object \(reference) does not decrypt (bad padding)")
            }
        }
    }

    /// `data` encrypted with `method` for the object `reference` (AES: a fresh random IV first).
    func encrypt(_ data: [UInt8], method: PDFCryptMethod, reference: PDFObjectReference) throws -> [UInt8] {
        switch method {
        case .none: return data
        case .rc4: return LegacyPDFCipher.RC4.process(data, key: key(for: reference, method: method))
        case .aesV2, .aesV3:
            let iv = AES._CBC.IV()
            do {
                let body = try AES._CBC.encrypt(data, using: SymmetricKey(data: key(for: reference, method: method)), iv: iv)
                return Array(iv) + Array(body)
            } catch {
                throw PDFError(.signingFailed, "AES encryption of object \(reference) failed")
            }
        }
    }

    // MARK: - Objects

    /// `object` (the value of indirect object `reference`) with its strings decrypted.
    ///
    /// A string that does not decrypt is kept as stored rather than making the whole object
    /// unreadable (other readers do the same).
    func decryptStrings(in object: PDFObject, reference: PDFObjectReference) -> PDFObject {
        guard stringMethod != .none, reference != encryptReference else { return object }
        if case .stream(let stream) = object, stream.dictionary.name("Type") == "XRef" { return object }
        return transformStrings(object) { (try? decrypt($0, method: stringMethod, reference: reference)) ?? $0 }
    }

    /// `object` with its strings encrypted for the indirect object `reference`.
    func encryptStrings(in object: PDFObject, reference: PDFObjectReference) throws -> PDFObject {
        guard stringMethod != .none else { return object }
        var failure: PDFError?
        let result = transformStrings(object) { bytes in
            do { return try encrypt(bytes, method: stringMethod, reference: reference) } catch {
                failure = error as? PDFError
                return bytes
            }
        }
        if let failure { throw failure }
        return result
    }

    /// Applies `transform` to every string, except a signature dictionary's /Contents.
    private func transformStrings(_ object: PDFObject, _ transform: ([UInt8]) -> [UInt8]) -> PDFObject {
        switch object {
        case .string(let string):
            return .string(PDFString(bytes: transform(string.bytes), format: string.format))
        case .array(let elements):
            return .array(elements.map { transformStrings($0, transform) })
        case .dictionary(let dictionary):
            return .dictionary(transformDictionary(dictionary, transform))
        case .stream(let stream):
            var copy = PDFStream(dictionary: transformDictionary(stream.dictionary, transform), dataRange: stream.dataRange,
                                 lengthWasRecovered: stream.lengthWasRecovered)
            copy.cryptReference = stream.cryptReference
            return .stream(copy)
        default:
            return object
        }
    }

    private func transformDictionary(_ dictionary: PDFDictionary, _ transform: ([UInt8]) -> [UInt8]) -> PDFDictionary {
        let type = dictionary.name("Type")
        let isSignature = type == "Sig" || type == "DocTimeStamp" || dictionary["ByteRange"] != nil
        return PDFDictionary(dictionary.entries.map { entry in
            if isSignature, entry.key == "Contents", entry.value.stringValue != nil { return entry }
            return PDFDictionary.Entry(key: entry.key, value: transformStrings(entry.value, transform))
        })
    }

    // MARK: - Streams

    /// The method for a stream's data, and the stream's /Filter chain without its /Crypt
    /// filter: /Identity and /Crypt-named filters first, then XRef (never encrypted),
    /// /Metadata (with /EncryptMetadata false), /EmbeddedFile (/EFF) and /StmF.
    func streamMethod(for dictionary: PDFDictionary, filters: [(PDFName, PDFDictionary?)]) throws
        -> (PDFCryptMethod, [(PDFName, PDFDictionary?)]) {
        if let first = filters.first, first.0 == "Crypt" {
            let name = first.1?.name("Name") ?? "Identity"
            guard let method = namedMethods[name] else {
                throw PDFError(.unsupportedFilter, "the /Crypt filter names \(name), which /CF does not define")
            }
            return (method, Array(filters.dropFirst()))
        }
        let type = dictionary.name("Type")
        if type == "XRef" { return (.none, filters) }
        if type == "Metadata", !encryptMetadata { return (.none, filters) }
        if type == "EmbeddedFile" { return (embeddedFileMethod, filters) }
        return (streamMethod, filters)
    }
}
