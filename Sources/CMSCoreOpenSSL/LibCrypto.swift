import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The libcrypto functions this module calls, reached through a table of C function pointers.
///
/// On Linux nothing links libcrypto: `libcrypto.so.3` is loaded with `dlopen` the first time an
/// algorithm of this extension is actually used (a SHA-3 digest, a brainpool, Ed448 or DSA key, a
/// legacy PKCS#12 file), so a process that never needs one, such as `econtract pdf sign` with
/// RSA and SHA-256, does not pay for loading and relocating it at start-up. When the library
/// cannot be loaded, ``shared`` is `nil` and the extension offers no algorithm, so CMSCore refuses
/// them with its usual typed errors. On other platforms the table points at the linked functions.
///
/// `@unchecked Sendable`: the table is immutable and libcrypto's functions are thread-safe for
/// the separate contexts this module uses.
final class LibCrypto: @unchecked Sendable {
    typealias Context = OpaquePointer
    typealias CString = UnsafePointer<CChar>
    typealias Parameters = UnsafePointer<OSSL_PARAM>

    // Errors and library contexts.
    let ERR_clear_error: @convention(c) () -> Void
    let OSSL_LIB_CTX_new: @convention(c) () -> Context?
    let OSSL_LIB_CTX_free: @convention(c) (Context?) -> Void
    let OSSL_PROVIDER_load: @convention(c) (Context?, CString?) -> Context?
    let OSSL_PARAM_construct_size_t: @convention(c) (CString?, UnsafeMutablePointer<Int>?) -> OSSL_PARAM
    let OSSL_PARAM_construct_end: @convention(c) () -> OSSL_PARAM

    // Digests.
    let EVP_MD_fetch: @convention(c) (Context?, CString?, CString?) -> Context?
    let EVP_MD_CTX_new: @convention(c) () -> Context?
    let EVP_MD_CTX_free: @convention(c) (Context?) -> Void
    let EVP_MD_CTX_copy_ex: @convention(c) (Context?, Context?) -> Int32
    let EVP_DigestInit_ex2: @convention(c) (Context?, Context?, Parameters?) -> Int32
    let EVP_DigestUpdate: @convention(c) (Context?, UnsafeRawPointer?, Int) -> Int32
    let EVP_DigestFinal_ex: @convention(c) (Context?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?) -> Int32
    let EVP_DigestFinalXOF: @convention(c) (Context?, UnsafeMutablePointer<UInt8>?, Int) -> Int32

    // Legacy ciphers.
    let EVP_CIPHER_fetch: @convention(c) (Context?, CString?, CString?) -> Context?
    let EVP_CIPHER_CTX_new: @convention(c) () -> Context?
    let EVP_CIPHER_CTX_free: @convention(c) (Context?) -> Void
    let EVP_CIPHER_CTX_set_params: @convention(c) (Context?, Parameters?) -> Int32
    let EVP_CIPHER_CTX_get_key_length: @convention(c) (Context?) -> Int32
    let EVP_CIPHER_CTX_get_iv_length: @convention(c) (Context?) -> Int32
    let EVP_CIPHER_CTX_get_block_size: @convention(c) (Context?) -> Int32
    let EVP_DecryptInit_ex2: @convention(c) (Context?, Context?, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, Parameters?) -> Int32
    let EVP_DecryptUpdate: @convention(c) (Context?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int32>?, UnsafePointer<UInt8>?, Int32) -> Int32
    let EVP_DecryptFinal_ex: @convention(c) (Context?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int32>?) -> Int32

    // Public keys and verification.
    let d2i_PUBKEY: @convention(c) (UnsafeMutablePointer<Context?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> Context?
    let EVP_PKEY_free: @convention(c) (Context?) -> Void
    let EVP_PKEY_get_bits: @convention(c) (Context?) -> Int32
    let EVP_DigestVerifyInit_ex: @convention(c) (Context?, UnsafeMutablePointer<Context?>?, CString?, Context?, CString?, Context?, Parameters?) -> Int32
    let EVP_DigestVerify: @convention(c) (Context?, UnsafePointer<UInt8>?, Int, UnsafePointer<UInt8>?, Int) -> Int32
    let EVP_PKEY_CTX_new_from_pkey: @convention(c) (Context?, Context?, CString?) -> Context?
    let EVP_PKEY_CTX_free: @convention(c) (Context?) -> Void
    let EVP_PKEY_verify_init: @convention(c) (Context?) -> Int32
    let EVP_PKEY_verify: @convention(c) (Context?, UnsafePointer<UInt8>?, Int, UnsafePointer<UInt8>?, Int) -> Int32

    /// The table, made on first use and kept for the life of the process; `nil` when libcrypto
    /// (OpenSSL 3) cannot be loaded or lacks one of the functions.
    static let shared: LibCrypto? = try? LibCrypto(resolve: resolver())

    private struct MissingFunction: Error {}

    /// Fills the table from `resolve`, which returns a function's address by name.
    private init(resolve: (String) -> UnsafeMutableRawPointer?) throws {
        // Each function's C type is the type of the property it initialises.
        func bind<Function>(_ name: String) throws -> Function {
            guard let address = resolve(name) else { throw MissingFunction() }
            return unsafeBitCast(address, to: Function.self)
        }
        ERR_clear_error = try bind("ERR_clear_error")
        OSSL_LIB_CTX_new = try bind("OSSL_LIB_CTX_new")
        OSSL_LIB_CTX_free = try bind("OSSL_LIB_CTX_free")
        OSSL_PROVIDER_load = try bind("OSSL_PROVIDER_load")
        OSSL_PARAM_construct_size_t = try bind("OSSL_PARAM_construct_size_t")
        OSSL_PARAM_construct_end = try bind("OSSL_PARAM_construct_end")
        EVP_MD_fetch = try bind("EVP_MD_fetch")
        EVP_MD_CTX_new = try bind("EVP_MD_CTX_new")
        EVP_MD_CTX_free = try bind("EVP_MD_CTX_free")
        EVP_MD_CTX_copy_ex = try bind("EVP_MD_CTX_copy_ex")
        EVP_DigestInit_ex2 = try bind("EVP_DigestInit_ex2")
        EVP_DigestUpdate = try bind("EVP_DigestUpdate")
        EVP_DigestFinal_ex = try bind("EVP_DigestFinal_ex")
        EVP_DigestFinalXOF = try bind("EVP_DigestFinalXOF")
        EVP_CIPHER_fetch = try bind("EVP_CIPHER_fetch")
        EVP_CIPHER_CTX_new = try bind("EVP_CIPHER_CTX_new")
        EVP_CIPHER_CTX_free = try bind("EVP_CIPHER_CTX_free")
        EVP_CIPHER_CTX_set_params = try bind("EVP_CIPHER_CTX_set_params")
        EVP_CIPHER_CTX_get_key_length = try bind("EVP_CIPHER_CTX_get_key_length")
        EVP_CIPHER_CTX_get_iv_length = try bind("EVP_CIPHER_CTX_get_iv_length")
        EVP_CIPHER_CTX_get_block_size = try bind("EVP_CIPHER_CTX_get_block_size")
        EVP_DecryptInit_ex2 = try bind("EVP_DecryptInit_ex2")
        EVP_DecryptUpdate = try bind("EVP_DecryptUpdate")
        EVP_DecryptFinal_ex = try bind("EVP_DecryptFinal_ex")
        d2i_PUBKEY = try bind("d2i_PUBKEY")
        EVP_PKEY_free = try bind("EVP_PKEY_free")
        EVP_PKEY_get_bits = try bind("EVP_PKEY_get_bits")
        EVP_DigestVerifyInit_ex = try bind("EVP_DigestVerifyInit_ex")
        EVP_DigestVerify = try bind("EVP_DigestVerify")
        EVP_PKEY_CTX_new_from_pkey = try bind("EVP_PKEY_CTX_new_from_pkey")
        EVP_PKEY_CTX_free = try bind("EVP_PKEY_CTX_free")
        EVP_PKEY_verify_init = try bind("EVP_PKEY_verify_init")
        EVP_PKEY_verify = try bind("EVP_PKEY_verify")
    }

    /// How functions are found: in `libcrypto.so.3`, loaded now (Linux), else among the linked symbols.
    private static func resolver() -> (String) -> UnsafeMutableRawPointer? {
        #if os(Linux)
        // RTLD_LOCAL: its symbols stay out of the global namespace. Never closed (the table is kept).
        guard let handle = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL) else { return { _ in nil } }
        return { dlsym(handle, $0) }
        #else
        // Other platforms link libcrypto (pkg-config's libcrypto.pc, as before): its functions are among the process's.
        let handle = dlopen(nil, RTLD_NOW)
        return { dlsym(handle, $0) }
        #endif
    }
}
