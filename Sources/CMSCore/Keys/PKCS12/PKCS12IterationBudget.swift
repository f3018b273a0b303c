/// The key-derivation work one PKCS#12 file may demand, summed over its MAC and every
/// encrypted bag, so that a hostile file with many bags cannot stall the caller.
struct PKCS12IterationBudget {
    private(set) var remaining: Int

    init(total: Int = PKCS12Limits.maxTotalIterations) {
        remaining = total
    }

    /// Checks `iterations` against the per-derivation limit and charges it to the budget.
    ///
    /// - Throws: ``CMSError/Code/malformedEncoding`` for a count below 1,
    ///   ``CMSError/Code/limitExceeded`` above ``PKCS12Limits/maxIterations`` or when the
    ///   file's total is exhausted.
    mutating func spend(_ iterations: Int, _ what: String) throws {
        try PKCS12Limits.checkIterations(iterations, what)
        guard iterations <= remaining else {
            throw CMSError(
                .limitExceeded,
                "PKCS#12: the key derivations of this file need more than \(PKCS12Limits.maxTotalIterations) iterations in total")
        }
        remaining -= iterations
    }
}
