/// Objects that did not exist before this revision, and who referenced what when signed.
extension PDFRevisionJudge {
    func settleNewObjects() {
        guard !newObjects.isEmpty else { return }
        let approved = reach(approvedSeeds)
        let covered = reach(coveredSeeds)
        let remaining = newObjects.subtracting(approved).subtracting(covered)
        guard !remaining.isEmpty else { return }
        // A new object referenced by an object unchanged since signing was a dangling reference
        // when signed: defining it now makes something appear.
        let referrers = oldReferrers()
        for number in remaining.sorted() {
            guard let from = referrers[number], !from.isEmpty else { continue }  // orphan: ignored, as pyHanko does
            let unchanged = from.filter { $0 == -1 || new.revision.entries[$0] == nil }
            if !unchanged.isEmpty {
                disallow(.shadowAttackHide, "object \(number) 0 R, undefined when signed but referenced by \(unchanged.sorted().prefix(5).map { $0 == -1 ? "the trailer" : "\($0) 0 R" }.joined(separator: ", ")), is defined after signing", [number])
            }
        }
    }

    /// New objects reachable from `seeds` through new objects only.
    func reach(_ seeds: [PDFObjectReference]) -> Set<Int> {
        var result: Set<Int> = []
        var stack = seeds
        while let reference = stack.popLast() {
            guard newObjects.contains(reference.number), result.insert(reference.number).inserted else { continue }
            if let value = new.object(reference.number) { pdfReferences(in: value, into: &stack) }
        }
        return result
    }

    /// For every object number referenced in the old revision: the objects referencing it (-1: trailer).
    func oldReferrers() -> [Int: Set<Int>] {
        run.referrers(asOf: old.revision.index)
    }

    func usedElsewhere(_ number: Int, besides allowed: Set<Int>) -> Bool {
        !(oldReferrers()[number] ?? []).subtracting(allowed).isEmpty
    }
}
