import CMSCore

/// CBC decryption with the legacy block ciphers of old PKCS#12 files (3DES, RC2), in a library
/// context of its own that has OpenSSL's legacy provider loaded (RC2 lives only there), so that
/// the process's default context is left as it was.
enum OpenSSLLegacyCipher {
    /// The library context and the ciphers fetched from it, made on first use and kept for the
    /// life of the process. `@unchecked Sendable`: fetched `EVP_CIPHER`s are immutable and
    /// libcrypto's library contexts are thread-safe.
    private struct Context: @unchecked Sendable {
        let crypto: LibCrypto
        let library: OpaquePointer
        let tripleDES: OpaquePointer?
        let rc2: OpaquePointer?
    }

    private static let context: Context? = {
        guard let crypto = LibCrypto.shared, let library = crypto.OSSL_LIB_CTX_new() else { return nil }
        guard crypto.OSSL_PROVIDER_load(library, "default") != nil, crypto.OSSL_PROVIDER_load(library, "legacy") != nil else {
            crypto.ERR_clear_error()
            crypto.OSSL_LIB_CTX_free(library)
            return nil
        }
        let context = Context(crypto: crypto, library: library, tripleDES: crypto.EVP_CIPHER_fetch(library, "DES-EDE3-CBC", nil),
                              rc2: crypto.EVP_CIPHER_fetch(library, "RC2-CBC", nil))
        crypto.ERR_clear_error()
        return context
    }()

    /// Decrypts `ciphertext` (CBC with PKCS#7 padding).
    ///
    /// - Throws: `CMSError` `unsupportedAlgorithm` when libcrypto lacks the cipher (no legacy
    ///   provider), `invalidKey` for a key or IV of the wrong length, `wrongPassword` when the
    ///   padding is wrong.
    static func decrypt(_ ciphertext: [UInt8], cipher: LegacyBlockCipher, key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        guard let context else {
            throw CMSError(.unsupportedAlgorithm, "libcrypto (OpenSSL 3) or its legacy provider cannot be loaded for \(cipher)")
        }
        let implementation: OpaquePointer? = switch cipher {
        case .desEDE3CBC: context.tripleDES
        case .rc2CBC: context.rc2
        }
        guard let implementation else {
            throw CMSError(.unsupportedAlgorithm, "libcrypto has no \(cipher) (is OpenSSL's legacy provider installed?)")
        }
        let crypto = context.crypto
        guard let ctx = crypto.EVP_CIPHER_CTX_new() else { throw CMSError(.signingFailed, "libcrypto: out of memory") }
        defer {
            crypto.EVP_CIPHER_CTX_free(ctx)
            crypto.ERR_clear_error()
        }
        guard crypto.EVP_DecryptInit_ex2(ctx, implementation, nil, nil, nil) == 1 else {
            throw CMSError(.unsupportedAlgorithm, "libcrypto cannot start \(cipher)")
        }
        if case .rc2CBC(let keyBytes, let effectiveKeyBits) = cipher {
            var keyLength = keyBytes
            var keyBits = effectiveKeyBits
            // OSSL_PARAM keeps the name and value pointers: all stay valid for the call. ("keylen" and
            // "keybits" are OSSL_CIPHER_PARAM_KEYLEN and OSSL_CIPHER_PARAM_RC2_KEYBITS.)
            let status = "keylen".withCString { lengthName in
                "keybits".withCString { bitsName in
                    withUnsafeMutablePointer(to: &keyLength) { length in
                        withUnsafeMutablePointer(to: &keyBits) { bits in
                            var parameters = [
                                crypto.OSSL_PARAM_construct_size_t(lengthName, length),
                                crypto.OSSL_PARAM_construct_size_t(bitsName, bits),
                                crypto.OSSL_PARAM_construct_end(),
                            ]
                            return crypto.EVP_CIPHER_CTX_set_params(ctx, &parameters)
                        }
                    }
                }
            }
            guard status == 1 else { throw CMSError(.unsupportedAlgorithm, "libcrypto refuses \(cipher)") }
        }
        guard key.count == Int(crypto.EVP_CIPHER_CTX_get_key_length(ctx)), iv.count == Int(crypto.EVP_CIPHER_CTX_get_iv_length(ctx)) else {
            throw CMSError(.invalidKey, "\(cipher) needs a \(crypto.EVP_CIPHER_CTX_get_key_length(ctx))-byte key and a \(crypto.EVP_CIPHER_CTX_get_iv_length(ctx))-byte IV")
        }
        guard crypto.EVP_DecryptInit_ex2(ctx, nil, key, iv, nil) == 1 else {
            throw CMSError(.invalidKey, "libcrypto refuses the \(cipher) key")
        }
        var output = [UInt8](repeating: 0, count: ciphertext.count + Int(crypto.EVP_CIPHER_CTX_get_block_size(ctx)))
        var written: Int32 = 0
        var final: Int32 = 0
        let status = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, ciphertext.count <= Int(Int32.max),
                  crypto.EVP_DecryptUpdate(ctx, base, &written, ciphertext, Int32(ciphertext.count)) == 1
            else { return false }
            return crypto.EVP_DecryptFinal_ex(ctx, base + Int(written), &final) == 1
        }
        guard status else { throw CMSError(.wrongPassword, "\(cipher): the padding is wrong (wrong password or damaged data)") }
        return Array(output.prefix(Int(written + final)))
    }
}
