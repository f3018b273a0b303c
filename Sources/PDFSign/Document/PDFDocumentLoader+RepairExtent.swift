extension PDFDocumentLoader {
    /// How far the repair of wrong offsets reaches: the end of each revision whose section
    /// gave a wrong entry, and the object headers the scan took instead (bounded by the end of
    /// the revision they lie in). `nil` (the whole file) when that cannot be told.
    static func repairExtent(_ failures: [Int], revisions: [PDFRevision], scan: PDFRepairScanner.Result) -> Int? {
        var pending = Set(failures)
        var extent = 0
        for revision in revisions.reversed() where !pending.isEmpty {
            let defined = revision.entries.count < pending.count
                ? Set(revision.entries.keys.filter { pending.contains($0) }) : pending.filter { revision.entries[$0] != nil }
            guard !defined.isEmpty else { continue }
            guard let end = revision.endOffset else { return nil }
            extent = max(extent, end)
            pending.subtract(defined)
        }
        guard pending.isEmpty else { return nil }
        let ends = revisions.compactMap(\.endOffset).sorted()
        for number in failures {
            guard let found = scan.objects[number] else { continue }
            // The repaired object lies in the revision whose end follows its header.
            var low = 0, high = ends.count
            while low < high {
                let middle = (low + high) / 2
                if ends[middle] <= found.offset { low = middle + 1 } else { high = middle }
            }
            guard low < ends.count else { return nil }
            extent = max(extent, ends[low])
        }
        return extent
    }
}
