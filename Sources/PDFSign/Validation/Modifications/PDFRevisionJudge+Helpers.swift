/// Comparisons and small readings shared by the rules.
extension PDFRevisionJudge {
    func changedKeys(_ a: PDFDictionary, _ b: PDFDictionary) -> [PDFName] {
        var keys: [PDFName] = []
        for key in a.keys + b.keys where !keys.contains(key) {
            if !identical(a[key], b[key]) { keys.append(key) }
        }
        return keys
    }

    func identical(_ a: PDFObject?, _ b: PDFObject?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.stream(let x)?, .stream(let y)?):
            let dx = PDFDictionary(x.dictionary.entries.filter { $0.key != "Length" })
            let dy = PDFDictionary(y.dictionary.entries.filter { $0.key != "Length" })
            guard identical(.dictionary(dx), .dictionary(dy)) else { return false }
            return old.rawBytes(x) == new.rawBytes(y)
        case (.dictionary(let x)?, .dictionary(let y)?):
            guard Set(x.keys) == Set(y.keys) else { return false }
            return x.keys.allSatisfy { identical(x[$0], y[$0]) }
        case (.array(let x)?, .array(let y)?):
            return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.string(let x)?, .string(let y)?): return x.bytes == y.bytes
        case (.integer(let x)?, .real(let y)?), (.real(let y)?, .integer(let x)?): return Double(x) == y
        default: return a == b
        }
    }

    func inheritedFieldType(_ dictionary: PDFDictionary, in view: PDFRevisionView) -> PDFName? {
        var current: PDFDictionary? = dictionary
        var depth = 0
        while let node = current, depth < 32 {
            if let type = view.name(node["FT"]) { return type }
            current = view.dictionary(node["Parent"])
            depth += 1
        }
        return nil
    }

    /// The field type of a widget that has no /Parent but is listed in the /Kids of a field of
    /// the form in `view` (pyHanko's "separate annots, kids indirect" layout): found by walking
    /// the form's field tree, which only happens when the /Parent walk found nothing.
    func fieldTypeOfParentlessKid(_ widget: PDFObjectReference, in view: PDFRevisionView) -> PDFName? {
        var pending = (view.array(view.dictionary(view.catalog?["AcroForm"])?["Fields"]) ?? []).map { ($0, PDFName?.none) }
        var visited = 0
        while let (node, inherited) = pending.popLast(), visited < 10_000 {
            visited += 1
            guard let field = view.dictionary(node) else { continue }
            let type = view.name(field["FT"]) ?? inherited
            for kid in view.array(field["Kids"]) ?? [] {
                if kid.referenceValue == widget { return type }
                pending.append((kid, type))
            }
        }
        return nil
    }

    func isVisible(_ widget: PDFDictionary, in view: PDFRevisionView) -> Bool {
        // As pyHanko's difference analysis: a widget with an area counts as visible, hidden
        // flags or a missing appearance notwithstanding (a later fill can give it one).
        let rect = (view.array(widget["Rect"]) ?? []).compactMap { view.resolve($0)?.numberValue }
        return rect.count == 4 && abs(rect[2] - rect[0]) > 0.01 && abs(rect[3] - rect[1]) > 0.01
    }

    func isDocumentTimestamp(_ signature: PDFDictionary) -> Bool {
        signature.name("Type") == PDFSignatureDictionaryType.documentTimestamp.name
            || signature.name("SubFilter") == PDFSignatureSubFilter.rfc3161.name
    }

    /// The object number of the signed revision's catalog entry `key`, when it is indirect.
    func catalogEntry(_ key: PDFName) -> Int? {
        guard let root = old.rootReference?.number, let catalog = old.object(root).flatMap({ old.dictionary($0) }) else { return nil }
        return catalog[key]?.referenceValue?.number
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
