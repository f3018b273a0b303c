/// Bounds on decoded stream sizes, to stop decompression bombs.
///
/// A filter's output may reach `max(expansionFloor, maxExpansionRatio × input size)`,
/// but never more than ``maxDecodedBytes``. Exceeding it throws ``PDFError/Code/limitExceeded``.
public struct PDFDecodeLimits: Hashable, Sendable {
    /// The absolute cap on one filter's output (default 256 MiB).
    public var maxDecodedBytes: Int = 256 * 1024 * 1024
    /// The largest accepted ratio of output to input size (default 100).
    public var maxExpansionRatio: Int = 100
    /// Output up to this size is always allowed whatever the ratio (default 16 MiB).
    public var expansionFloor: Int = 16 * 1024 * 1024

    /// The default limits.
    public init() {}

    /// Limits with explicit values.
    public init(maxDecodedBytes: Int, maxExpansionRatio: Int, expansionFloor: Int) {
        self.maxDecodedBytes = maxDecodedBytes
        self.maxExpansionRatio = maxExpansionRatio
        self.expansionFloor = expansionFloor
    }

    /// The output cap for an input of `inputCount` bytes.
    public func outputLimit(forInputCount inputCount: Int) -> Int {
        let (scaled, overflow) = inputCount.multipliedReportingOverflow(by: max(1, maxExpansionRatio))
        let ratioLimit = overflow ? Int.max : scaled
        return min(maxDecodedBytes, max(expansionFloor, ratioLimit))
    }
}
