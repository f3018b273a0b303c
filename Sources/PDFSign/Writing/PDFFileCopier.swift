import CMSCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies the original file into the signed output while hashing it, at close to the speed
/// of hashing alone: the kernel copies (`copy_file_range` on Linux) on one thread while this
/// thread reads the file with `pread` into one reused buffer and hashes it. Where the kernel
/// copy is unavailable, the hashed buffer is written instead. Memory stays at one buffer
/// whatever the file size, and no file is mapped (a file truncated meanwhile gives an error,
/// not a crash).
enum PDFFileCopier {
    static let bufferSize = 8 * 1024 * 1024
    /// Up to this size the kernel copy runs on the calling thread, before hashing, not beside it.
    static let inlineCopyLimit = 1024 * 1024

    /// Copies bytes `0..<count` of `sourcePath` to the current position of `output`,
    /// feeding them to `digest`.
    static func copy(from sourcePath: String, count: Int, to output: FileHandle, digest: inout StreamingDigest) throws {
        let source = open(sourcePath, O_RDONLY)
        guard source >= 0 else { throw PDFError(.ioFailure, "cannot open \(sourcePath): errno \(errno)") }
        defer { close(source) }
        let destination = output.fileDescriptor

        let kernelCopy = KernelCopyResult()
        let group = DispatchGroup()
        #if os(Linux)
        if count <= inlineCopyLimit {
            // A small file: copying it here costs less than starting a thread to copy it.
            kernelCopy.set(copyInKernel(from: source, to: destination, count: count))
        } else {
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async {
                kernelCopy.set(copyInKernel(from: source, to: destination, count: count))
                group.leave()
            }
        }
        #else
        kernelCopy.set(.unsupported)
        #endif

        var buffer = [UInt8](repeating: 0, count: min(bufferSize, max(count, 1)))
        var offset = 0
        var readError: PDFError?
        // Hash while the kernel copies; if it cannot, write what was hashed (in order) once it says so.
        var pendingWrites: [(Int, Int)] = []
        while offset < count, readError == nil {
            let length = min(buffer.count, count - offset)
            let got = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, length, off_t(offset)) }
            guard got == length else {
                readError = PDFError(.ioFailure, "short read at \(offset) in \(sourcePath) (the file changed while signing?)")
                break
            }
            digest.update(buffer[0..<length])
            pendingWrites.append((offset, length))
            if kernelCopy.value == .unsupported {
                try flush(&pendingWrites, from: source, to: destination, buffer: &buffer)
            }
            offset += length
        }
        group.wait()
        if let readError { throw readError }
        switch kernelCopy.value {
        case .copied?: break
        case .unsupported?, nil: try flush(&pendingWrites, from: source, to: destination, buffer: &buffer)
        case .failed(let reason)?: throw PDFError(.ioFailure, "copying \(sourcePath) failed: \(reason)")
        }
    }

    /// Copies bytes `0..<count` of `sourcePath` to the current position of `output`, without
    /// hashing: in the kernel where it can, else through one reused buffer.
    static func copy(from sourcePath: String, count: Int, to output: FileHandle) throws {
        let source = open(sourcePath, O_RDONLY)
        guard source >= 0 else { throw PDFError(.ioFailure, "cannot open \(sourcePath): errno \(errno)") }
        defer { close(source) }
        #if os(Linux)
        switch copyInKernel(from: source, to: output.fileDescriptor, count: count) {
        case .copied: return
        case .failed(let reason): throw PDFError(.ioFailure, "copying \(sourcePath) failed: \(reason)")
        case .unsupported: break
        }
        #endif
        var buffer = [UInt8](repeating: 0, count: min(bufferSize, max(count, 1)))
        var offset = 0
        while offset < count {
            let size = min(buffer.count, count - offset)
            try writeRange(from: source, start: offset, size: size, to: output.fileDescriptor, buffer: &buffer)
            offset += size
        }
    }

    /// Copies a file (in the kernel where it can) and flushes the copy.
    static func copyFile(from source: String, to destination: String) throws {
        try? FileManager.default.removeItem(atPath: destination)
        let output = try PDFOutputFile(path: destination)
        defer { output.close() }
        let size: Int
        do { size = (try FileManager.default.attributesOfItem(atPath: source)[.size] as? NSNumber)?.intValue ?? 0 } catch {
            throw PDFError(.ioFailure, "cannot read \(source): \(error)")
        }
        try PDFFileCopier.copy(from: source, count: size, to: output.handle)
        try output.finish()
    }

    /// Writes the byte ranges still to be written, in order (re-reading them into `buffer`).
    private static func flush(_ pending: inout [(Int, Int)], from source: Int32, to destination: Int32, buffer: inout [UInt8]) throws {
        for (start, size) in pending { try writeRange(from: source, start: start, size: size, to: destination, buffer: &buffer) }
        pending = []
    }

    #if os(Linux)
    /// `copy_file_range` until `count` bytes are copied; `false` (nothing copied) when the kernel
    /// or file system does not support it.
    private typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int

    /// glibc's `copy_file_range` (2.27+), looked up at run time: Swift's Glibc module does not
    /// declare it (it needs `_GNU_SOURCE`).
    private static let copyFileRange: CopyFileRange? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "copy_file_range") else { return nil }
        return unsafeBitCast(symbol, to: CopyFileRange.self)
    }()

    private static func copyInKernel(from source: Int32, to destination: Int32, count: Int) -> KernelCopyOutcome {
        guard let copyFileRange else { return .unsupported }
        var sourceOffset: Int64 = 0
        var copied = 0
        while copied < count {
            let result = copyFileRange(source, &sourceOffset, destination, nil, count - copied, 0)
            if result <= 0 {
                if copied == 0 { return .unsupported }
                // A failure midway: rewind the output so that the fallback rewrites everything;
                // if even that fails, the output's state is unknown and the copy must fail.
                guard ftruncate(destination, 0) == 0, lseek(destination, 0, SEEK_SET) == 0 else {
                    return .failed("copy_file_range stopped after \(copied) bytes and the output could not be rewound (errno \(errno))")
                }
                return .unsupported
            }
            copied += result
        }
        return .copied
    }
    #endif

    private static func writeRange(from source: Int32, start: Int, size: Int, to destination: Int32, buffer: inout [UInt8]) throws {
        let got = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, size, off_t(start)) }
        guard got == size else { throw PDFError(.ioFailure, "short read at \(start) while copying") }
        try writeAll(buffer[0..<size], to: destination)
    }

    static func writeAll(_ bytes: ArraySlice<UInt8>, to destination: Int32) throws {
        try bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let result = write(destination, raw.baseAddress! + written, raw.count - written)
                guard result > 0 else { throw PDFError(.ioFailure, "write failed: errno \(errno)") }
                written += result
            }
        }
    }
}

/// The kernel copy's outcome, shared between the copying and the hashing thread.
private final class KernelCopyResult: @unchecked Sendable {
    private let lock = NSLock()
    private var result: KernelCopyOutcome?
    func set(_ value: KernelCopyOutcome) { lock.withLock { result = value } }
    var value: KernelCopyOutcome? { lock.withLock { result } }
}

/// What the kernel copy did.
private enum KernelCopyOutcome: Equatable {
    /// Every byte is in the output.
    case copied
    /// Nothing is in the output (not supported here): this thread writes everything.
    case unsupported
    /// The output is in an unknown state.
    case failed(String)
}
