/// Objects a revision adds. Those reached from approved changes are explained, those reached
/// from disallowed ones are covered by that finding, and orphans (referenced by nothing) are
/// ignored, as pyHanko does. A new object referenced by an object unchanged since signing was a
/// dangling reference when signed: defining it now makes something appear (shadow attack, hide).
struct PDFNewObjectsRule: PDFRevisionRule {
    func review(_ revision: PDFRevisionJudge) -> PDFRuleVerdict {
        var verdict = PDFRuleVerdict()
        guard !revision.newObjects.isEmpty else { return verdict }
        let approved = revision.reach(revision.approvedSeeds)
        let covered = revision.reach(revision.coveredSeeds)
        let remaining = revision.newObjects.subtracting(approved).subtracting(covered)
        guard !remaining.isEmpty else { return verdict }
        let referrers = revision.oldReferrers()
        for number in remaining.sorted() {
            guard let from = referrers[number], !from.isEmpty else { continue }  // orphan
            let unchanged = from.filter { $0 == -1 || revision.new.revision.entries[$0] == nil }
            if !unchanged.isEmpty {
                let names = unchanged.sorted().prefix(5).map { $0 == -1 ? "the trailer" : "\($0) 0 R" }
                verdict.disallow(.shadowAttackHide, "object \(number) 0 R, undefined when signed but referenced by \(names.joined(separator: ", ")), is defined after signing", [number])
            }
        }
        return verdict
    }
}
