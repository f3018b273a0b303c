/// Ciphers that exist only to read and write legacy encrypted PDF files.
///
/// Like swift-crypto's `Insecure` namespace, the name says what this is: RC4 is broken
/// (RFC 7465 prohibits it in TLS) and is here only because ISO 32000-2 §7.6.3 standard
/// security handlers of revisions 2–4 (/V 1, 2 and 4 with /CFM /V2) use it. Nothing else in
/// EContractKit may use it, and it is not public. New files should use AES-256 (/V 5, /R 6).
enum LegacyPDFCipher {
    /// RC4 (ARCFOUR) as the PDF standard security handler uses it: a 5- to 16-byte key, no
    /// discarded keystream prefix. Encryption and decryption are the same operation.
    struct RC4 {
        private var state: [UInt8]
        private var i: UInt8 = 0
        private var j: UInt8 = 0

        /// A cipher keyed with `key` (1…256 bytes; an empty key is treated as one zero byte).
        init(key: [UInt8]) {
            let key = key.isEmpty ? [0] : Array(key.prefix(256))
            state = (0...255).map { UInt8($0) }
            var j: UInt8 = 0
            for i in 0..<256 {
                j = j &+ state[i] &+ key[i % key.count]
                state.swapAt(i, Int(j))
            }
        }

        /// XORs `bytes` with the next keystream bytes.
        mutating func process(_ bytes: [UInt8]) -> [UInt8] {
            var output = bytes
            for index in output.indices {
                i = i &+ 1
                j = j &+ state[Int(i)]
                state.swapAt(Int(i), Int(j))
                output[index] ^= state[Int(state[Int(i)] &+ state[Int(j)])]
            }
            return output
        }

        /// `bytes` encrypted (or decrypted) with a fresh cipher keyed with `key`.
        static func process(_ bytes: [UInt8], key: [UInt8]) -> [UInt8] {
            var cipher = RC4(key: key)
            return cipher.process(bytes)
        }
    }
}
