/// What changed after a signature's revision, judged against what the signatures allow
/// (ISO 32000-2 §12.8.2: DocMDP and FieldMDP; ETSI EN 319 142-1).
public struct PDFModificationReport: Hashable, Sendable, Codable {
    /// The verdict, from best to worst.
    public enum Level: String, Hashable, Sendable, Codable, Comparable {
        /// Nothing was added after the signed revision.
        case none
        /// Only changes the permissions allow: DSS/VRI, document timestamps, signatures into
        /// (or new) signature fields, form filling and annotations as DocMDP/FieldMDP permit.
        case allowed
        /// Anything else (reject by default).
        case disallowed

        public static func < (lhs: Self, rhs: Self) -> Bool {
            let order: [Level] = [.none, .allowed, .disallowed]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    /// The verdict.
    public var level: Level
    /// Why: one finding per disallowed change (and notes on allowed ones, if any).
    public var findings: [PDFValidationFinding]

    /// A report.
    public init(level: Level, findings: [PDFValidationFinding] = []) {
        self.level = level
        self.findings = findings
    }
}
