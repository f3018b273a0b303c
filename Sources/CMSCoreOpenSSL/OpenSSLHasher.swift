import CMSCore

/// An incremental SHA-3 or SHAKE256 hash over an `EVP_MD_CTX`, with value semantics: a copy
/// that is fed duplicates the context first.
struct OpenSSLHasher: CMSExtensionHasher {
    private var context: DigestContext?
    private let outputLength: Int
    private let isXOF: Bool

    init?(_ algorithm: DigestAlgorithm) {
        guard let crypto = LibCrypto.shared, let md = OpenSSLDigests.md(for: algorithm) else { return nil }
        context = DigestContext(md: md, crypto: crypto)
        outputLength = algorithm.outputByteCount
        isXOF = algorithm == .shake256 || algorithm == .shake256Len
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        // A copy of this hasher shares the context until one of them is fed.
        if !isKnownUniquelyReferenced(&context) { context = context.flatMap { DigestContext(copying: $0) } }
        guard let current = context else { return }  // finalize() then yields no bytes, which matches no digest
        if current.crypto.EVP_DigestUpdate(current.pointer, bytes.baseAddress, bytes.count) != 1 {
            current.crypto.ERR_clear_error()
            context = nil
        }
    }

    func finalize() -> [UInt8] {
        guard let context, let copy = DigestContext(copying: context) else { return [] }
        let crypto = copy.crypto
        var output = [UInt8](repeating: 0, count: outputLength)
        let status = isXOF
            ? crypto.EVP_DigestFinalXOF(copy.pointer, &output, outputLength)
            : crypto.EVP_DigestFinal_ex(copy.pointer, &output, nil)
        guard status == 1 else { crypto.ERR_clear_error(); return [] }
        return output
    }
}

/// An owned `EVP_MD_CTX`, freed with the object.
///
/// `@unchecked Sendable`: a context is fed only through a uniquely referenced box
/// (``OpenSSLHasher/update(_:)`` copies otherwise); shared boxes are only read (copied).
final class DigestContext: @unchecked Sendable {
    let pointer: OpaquePointer
    let crypto: LibCrypto

    init?(md: OpaquePointer, crypto: LibCrypto) {
        guard let pointer = crypto.EVP_MD_CTX_new() else { return nil }
        guard crypto.EVP_DigestInit_ex2(pointer, md, nil) == 1 else {
            crypto.EVP_MD_CTX_free(pointer)
            crypto.ERR_clear_error()
            return nil
        }
        self.pointer = pointer
        self.crypto = crypto
    }

    init?(copying other: DigestContext) {
        let crypto = other.crypto
        guard let pointer = crypto.EVP_MD_CTX_new() else { return nil }
        guard crypto.EVP_MD_CTX_copy_ex(pointer, other.pointer) == 1 else {
            crypto.EVP_MD_CTX_free(pointer)
            crypto.ERR_clear_error()
            return nil
        }
        self.pointer = pointer
        self.crypto = crypto
    }

    deinit { crypto.EVP_MD_CTX_free(pointer) }
}

/// The digest implementations, fetched once from the default library context and kept for the
/// life of the process (fetching is the costly part of `EVP_DigestInit`).
enum OpenSSLDigests {
    /// `EVP_MD` is reference counted and immutable once fetched.
    private struct Fetched: @unchecked Sendable { let md: OpaquePointer? }

    private static let sha3_256 = fetch("SHA3-256")
    private static let sha3_384 = fetch("SHA3-384")
    private static let sha3_512 = fetch("SHA3-512")
    private static let shake256 = fetch("SHAKE256")

    private static func fetch(_ name: String) -> Fetched {
        Fetched(md: LibCrypto.shared?.EVP_MD_fetch(nil, name, nil))
    }

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
