import Foundation
import Logging

/// A `LogHandler` that keeps every record, for tests that check what is logged — and what
/// never is.
///
/// `@unchecked Sendable`: the records live in a shared box guarded by a lock.
struct CapturingLogHandler: LogHandler, @unchecked Sendable {
    struct Record: Sendable {
        var label: String
        var level: Logger.Level
        var message: String
        var metadata: [String: String]

        /// Everything the record would print.
        var text: String { "\(label) \(level) \(message) " + metadata.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ") }
    }

    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: [Record] = []
        var records: [Record] { lock.withLock { kept } }
        func append(_ record: Record) { lock.withLock { kept.append(record) } }
    }

    let label: String
    let store: Store
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    // The swift-log 1.x requirement every version from 1.6 on accepts (newer versions route
    // `log(event:)` here by default).
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var merged = self.metadata
        for (key, value) in metadata ?? [:] { merged[key] = value }
        store.append(Record(label: label, level: level, message: "\(message)", metadata: merged.mapValues { "\($0)" }))
    }

    /// A logger writing into `store`.
    static func logger(_ label: String, into store: Store) -> Logger {
        Logger(label: label) { label in CapturingLogHandler(label: label, store: store) }
    }
}
