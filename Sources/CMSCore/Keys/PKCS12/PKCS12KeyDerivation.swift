import Crypto

/// The PKCS#12 v1.0 key derivation function (RFC 7292 Appendix B.2), used by the classic
/// `MacData` integrity check (with ID = 3).
enum PKCS12KeyDerivation {
    /// The purpose byte `ID` of Appendix B.3.
    enum Purpose: UInt8 {
        case encryptionKey = 1
        case initializationVector = 2
        case macKey = 3
    }

    /// Encodes a password as PKCS#12 expects: a BMPString (UTF-16 big-endian) followed by
    /// two zero bytes (Appendix B.1). The empty password encodes as just the two zero bytes.
    static func bmpPassword(_ password: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(password.utf16.count * 2 + 2)
        for unit in password.utf16 {
            bytes.append(UInt8(unit >> 8))
            bytes.append(UInt8(unit & 0xFF))
        }
        bytes.append(0)
        bytes.append(0)
        return bytes
    }

    /// Derives `byteCount` bytes with hash `H` from an already encoded password.
    ///
    /// The caller bounds `iterations` (see ``PKCS12Limits``).
    static func derive<H: HashFunction>(
        _ hash: H.Type, purpose: Purpose, password: [UInt8], salt: ArraySlice<UInt8>, iterations: Int, byteCount: Int
    ) -> [UInt8] {
        let u = H.Digest.byteCount
        let v = H.blockByteCount
        // 1. D = ID repeated v times.
        let diversifier = [UInt8](repeating: purpose.rawValue, count: v)
        // 2.–4. I = S || P, each the input repeated to a multiple of v bytes.
        func stretched(_ input: some Collection<UInt8>) -> [UInt8] {
            guard !input.isEmpty else { return [] }
            let length = v * ((input.count + v - 1) / v)
            var result: [UInt8] = []
            result.reserveCapacity(length)
            while result.count < length {
                result.append(contentsOf: input.prefix(length - result.count))
            }
            return result
        }
        var i = stretched(salt) + stretched(password)
        // 5. c = ceil(n / u).
        let blocks = (byteCount + u - 1) / u
        var output: [UInt8] = []
        output.reserveCapacity(blocks * u)
        for block in 1...max(blocks, 1) {
            // 6a. A_i = H^r(D || I).
            var hasher = H()
            hasher.update(data: diversifier)
            hasher.update(data: i)
            var digest = hasher.finalize()
            if iterations > 1 {
                for _ in 1..<iterations {
                    var next = H()
                    digest.withUnsafeBytes { next.update(bufferPointer: $0) }
                    digest = next.finalize()
                }
            }
            let a = Array(digest)
            output += a
            guard block < blocks else { break }
            // 6b. B = A_i repeated to v bytes; 6c. I_j = (I_j + B + 1) mod 2^(8v).
            let b = stretched(a)
            var offset = 0
            while offset < i.count {
                var carry: UInt16 = 1
                for k in stride(from: v - 1, through: 0, by: -1) {
                    let sum = UInt16(i[offset + k]) + UInt16(b[k]) + carry
                    i[offset + k] = UInt8(truncatingIfNeeded: sum)
                    carry = sum >> 8
                }
                offset += v
            }
        }
        return Array(output.prefix(byteCount))
    }
}
