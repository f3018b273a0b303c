/// What the revision-by-revision comparison carries from one revision to the next, so its cost
/// follows what each revision changes rather than the size of the document times the number of
/// revisions: the map of pages and fields (rebuilt only when a revision writes an object it was
/// built from) and the index of who references what (updated with each revision's objects).
extension PDFModificationRun {
    /// The roles objects play as of `view`'s revision.
    ///
    /// The map from an earlier revision is reused when no revision since then wrote any object
    /// the map read (found or not) and the trailer's /Root and /Info are the same: the walk
    /// would read the same objects and find the same roles.
    func structure(of view: PDFRevisionView) -> PDFOldStructure {
        let target = view.revision.index
        if let cached = structureCache, cached.revision <= target, stillValid(cached.reads, from: cached.revision, to: target) {
            structureCache?.revision = target
            return cached.structure
        }
        view.recording = []
        let structure = PDFOldStructure(view)
        let reads = view.recording ?? []
        view.recording = nil
        document.countWork { $0.structureReads += reads.count }
        structureCache = (target, structure, reads)
        return structure
    }

    private func stillValid(_ reads: Set<Int>, from start: Int, to end: Int) -> Bool {
        guard start < end else { return true }
        let revisions = document.revisions
        for key in ["Root", "Info"] as [PDFName] {
            guard document.trailerValue(key, asOf: revisions[start]) == document.trailerValue(key, asOf: revisions[end]) else { return false }
        }
        for index in (start + 1)...end {
            let entries = revisions[index].entries
            if entries.count < reads.count {
                if entries.keys.contains(where: reads.contains) { return false }
            } else if reads.contains(where: { entries[$0] != nil }) {
                return false
            }
        }
        return true
    }

    /// For every object number referenced as of revision `index`: the objects referencing it
    /// (-1: a trailer of that revision or an older one).
    ///
    /// Built once for the first revision asked, then moved forward revision by revision: an
    /// object a revision writes drops the references of its previous body and adds those of
    /// its new one.
    func referrers(asOf index: Int) -> [Int: Set<Int>] {
        if let cached = referrerCache, cached.revision == index { return cached.referrers }
        guard var (revision, referrers) = referrerCache, revision < index else {
            let built = buildReferrers(asOf: index)
            referrerCache = (index, built)
            return built
        }
        var references: [PDFObjectReference] = []
        while revision < index {
            let before = PDFRevisionView(document, document.revisions[revision])
            let after = PDFRevisionView(document, document.revisions[revision + 1])
            for number in after.revision.entries.keys {
                references.removeAll(keepingCapacity: true)
                if before.exists(number), let value = before.object(number) { pdfReferences(in: value, into: &references) }
                for reference in references { referrers[reference.number]?.remove(number) }
                references.removeAll(keepingCapacity: true)
                if after.exists(number), let value = after.object(number) { pdfReferences(in: value, into: &references) }
                for reference in references { referrers[reference.number, default: []].insert(number) }
            }
            references.removeAll(keepingCapacity: true)
            pdfReferences(in: .dictionary(after.revision.trailer), into: &references)
            for reference in references { referrers[reference.number, default: []].insert(-1) }
            document.countWork { $0.referrerUpdates += after.revision.entries.count }
            revision += 1
        }
        referrerCache = (index, referrers)
        return referrers
    }

    /// The referrers as of `index`, from every object in use then and every trailer up to it.
    private func buildReferrers(asOf index: Int) -> [Int: Set<Int>] {
        let view = PDFRevisionView(document, document.revisions[index])
        var numbers: Set<Int> = []
        for revision in document.revisions[...index] {
            for (number, entry) in revision.entries where entry.isInUse { numbers.insert(number) }
        }
        var result: [Int: Set<Int>] = [:]
        var references: [PDFObjectReference] = []
        var count = 0
        for number in numbers.sorted().prefix(500_000) where view.exists(number) {
            references.removeAll(keepingCapacity: true)
            if let value = view.object(number) { pdfReferences(in: value, into: &references) }
            for reference in references { result[reference.number, default: []].insert(number) }
            count += 1
        }
        references.removeAll()
        for revision in document.revisions[...index] {
            pdfReferences(in: .dictionary(revision.trailer), into: &references)
        }
        for reference in references { result[reference.number, default: []].insert(-1) }
        document.countWork { $0.referrerUpdates += count }
        return result
    }
}
