/// Safety limits applied while reading PKCS#12 files, which come from users and may be hostile.
package enum PKCS12Limits {
    /// The largest PKCS#12 file accepted. Real key stores hold a key and a few certificates
    /// and are a few KiB.
    package static let maxEncodedSize = 1024 * 1024
    /// The highest iteration count accepted for the MAC key derivation, PBKDF2 and PBMAC1.
    /// OpenSSL 3 writes 2048; larger values only cost time.
    package static let maxIterations = 10_000_000
    /// The most iterations summed over all key derivations of one file (the MAC and every
    /// encrypted bag).
    package static let maxTotalIterations = 20_000_000
    /// The most `ContentInfo` elements in the `AuthenticatedSafe`.
    package static let maxContentInfos = 64
    /// The most bags in the whole file, counting nested `SafeContents`.
    package static let maxBags = 256
    /// The deepest nesting of `safeContentsBag`s.
    package static let maxNestingDepth = 4
    /// The most attributes on one bag.
    package static let maxAttributes = 32
    /// The largest salt accepted by any key derivation.
    package static let maxSaltLength = 1024

    /// Throws ``CMSError/Code/limitExceeded`` for an iteration count outside `1...maxIterations`.
    package static func checkIterations(_ iterations: Int, _ what: String) throws {
        guard iterations >= 1 else {
            throw CMSError(.malformedEncoding, "PKCS#12: \(what) iteration count \(iterations) is not positive")
        }
        guard iterations <= maxIterations else {
            throw CMSError(.limitExceeded, "PKCS#12: \(what) iteration count \(iterations) exceeds the limit of \(maxIterations)")
        }
    }

    /// Throws ``CMSError/Code/limitExceeded`` for a salt longer than `maxSaltLength`.
    package static func checkSalt(_ salt: ArraySlice<UInt8>, _ what: String) throws {
        guard salt.count <= maxSaltLength else {
            throw CMSError(.limitExceeded, "PKCS#12: \(what) salt of \(salt.count) bytes exceeds the limit of \(maxSaltLength)")
        }
    }
}
