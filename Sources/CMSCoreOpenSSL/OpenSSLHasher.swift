import CMSCore
import COpenSSL

/// An incremental SHA-3 or SHAKE256 hash over an `EVP_MD_CTX`, with value semantics: a copy
/// that is fed duplicates the context first.
struct OpenSSLHasher: CMSExtensionHasher {
    private var context: DigestContext?
    private let outputLength: Int
    private let isXOF: Bool

    init?(_ algorithm: DigestAlgorithm) {
        guard let md = OpenSSLDigests.md(for: algorithm) else { return nil }
        context = DigestContext(md: md)
        outputLength = algorithm.outputByteCount
        isXOF = algorithm == .shake256 || algorithm == .shake256Len
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        // A copy of this hasher shares the context until one of them is fed.
        if !isKnownUniquelyReferenced(&context) { context = context.flatMap { DigestContext(copying: $0) } }
        guard let current = context else { return }  // finalize() then yields no bytes, which matches no digest
        if EVP_DigestUpdate(current.pointer, bytes.baseAddress, bytes.count) != 1 {
            ERR_clear_error()
            context = nil
        }
    }

    func finalize() -> [UInt8] {
        guard let context, let copy = DigestContext(copying: context) else { return [] }
        var output = [UInt8](repeating: 0, count: outputLength)
        let status = isXOF
            ? EVP_DigestFinalXOF(copy.pointer, &output, outputLength)
            : EVP_DigestFinal_ex(copy.pointer, &output, nil)
        guard status == 1 else { ERR_clear_error(); return [] }
        return output
    }
}

/// An owned `EVP_MD_CTX`, freed with the object.
///
/// `@unchecked Sendable`: a context is fed only through a uniquely referenced box
/// (``OpenSSLHasher/update(_:)`` copies otherwise); shared boxes are only read (copied).
final class DigestContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init?(md: OpaquePointer) {
        guard let pointer = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestInit_ex2(pointer, md, nil) == 1 else {
            EVP_MD_CTX_free(pointer)
            ERR_clear_error()
            return nil
        }
        self.pointer = pointer
    }

    init?(copying other: DigestContext) {
        guard let pointer = EVP_MD_CTX_new() else { return nil }
        guard EVP_MD_CTX_copy_ex(pointer, other.pointer) == 1 else {
            EVP_MD_CTX_free(pointer)
            ERR_clear_error()
            return nil
        }
        self.pointer = pointer
    }

    deinit { EVP_MD_CTX_free(pointer) }
}

/// The digest implementations, fetched once from the default library context and kept for the
/// life of the process (fetching is the costly part of `EVP_DigestInit`).
enum OpenSSLDigests {
    /// `EVP_MD` is reference counted and immutable once fetched.
    private struct Fetched: @unchecked Sendable { let md: OpaquePointer? }

    private static let sha3_256 = Fetched(md: EVP_MD_fetch(nil, "SHA3-256", nil))
    private static let sha3_384 = Fetched(md: EVP_MD_fetch(nil, "SHA3-384", nil))
    private static let sha3_512 = Fetched(md: EVP_MD_fetch(nil, "SHA3-512", nil))
    private static let shake256 = Fetched(md: EVP_MD_fetch(nil, "SHAKE256", nil))

    static func md(for algorithm: DigestAlgorithm) -> OpaquePointer? {
        switch algorithm {
        case .sha3_256: sha3_256.md
        case .sha3_384: sha3_384.md
        case .sha3_512: sha3_512.md
        case .shake256, .shake256Len: shake256.md
        default: nil
        }
    }
}
