import Foundation

/// Hashing files in chunks, so memory stays flat whatever the file size.
package enum FileDigest {
    package static let chunkSize = 1 << 20

    package static func digest(ofFileAt path: String, algorithm: DigestAlgorithm) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CMSError(.invalidArgument, "cannot open \(path)")
        }
        defer { try? handle.close() }
        var hasher = StreamingDigest(algorithm)
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: chunkSize) } catch {
                throw CMSError(.invalidArgument, "cannot read \(path): \(error)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(chunk)
        }
        return hasher.finalize()
    }
}
