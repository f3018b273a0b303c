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
        if let referrersCache { return referrersCache }
        var result: [Int: Set<Int>] = [:]
        var numbers: Set<Int> = []
        for revision in run.document.revisions[...old.revision.index] {
            for (number, entry) in revision.entries where entry.isInUse { numbers.insert(number) }
        }
        var references: [PDFObjectReference] = []
        for number in numbers.prefix(500_000) where old.exists(number) {
            references.removeAll(keepingCapacity: true)
            if let value = old.object(number) { pdfReferences(in: value, into: &references) }
            for reference in references { result[reference.number, default: []].insert(number) }
        }
        references.removeAll()
        for revision in run.document.revisions[...old.revision.index] {
            pdfReferences(in: .dictionary(revision.trailer), into: &references)
        }
        for reference in references { result[reference.number, default: []].insert(-1) }
        referrersCache = result
        return result
    }

    func usedElsewhere(_ number: Int, besides allowed: Set<Int>) -> Bool {
        !(oldReferrers()[number] ?? []).subtracting(allowed).isEmpty
    }
}
