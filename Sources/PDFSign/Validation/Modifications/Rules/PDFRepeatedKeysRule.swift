/// No object a revision writes, and not its trailer, may repeat a key: a repeated key can read
/// as unchanged here (the last occurrence) and as changed in a reader that keeps the first.
/// Checked before the comparison, so it applies to unchanged-looking objects as well.
struct PDFRepeatedKeysRule: PDFRevisionRule {
    func review(_ revision: PDFRevisionJudge) -> PDFRuleVerdict {
        var verdict = PDFRuleVerdict()
        for (number, value) in revision.written {
            let repeated = PDFDuplicateKeyScan.paths(in: value)
            guard !repeated.isEmpty else { continue }
            verdict.disallow(.duplicateKey, "object \(number) 0 R, \(revision.old.exists(number) ? "rewritten" : "added") after signing, repeats \(repeated.joined(separator: ", ")): readers keeping the first or the last occurrence show different documents", [number])
        }
        let repeated = PDFDuplicateKeyScan.paths(in: .dictionary(revision.new.revision.trailer))
        if !repeated.isEmpty {
            verdict.disallow(.duplicateKey, "the trailer repeats \(repeated.joined(separator: ", ")): readers keeping the first or the last occurrence open different documents", [])
        }
        return verdict
    }
}
