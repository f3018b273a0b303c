extension PDFDocument {
    /// The number of pages, counted by walking the page tree from /Root /Pages.
    ///
    /// /Count is not trusted. A node that is its own ancestor throws
    /// ``PDFError/Code/referenceCycle``; a page referenced from several /Kids entries counts
    /// each time (as viewers show it). A tree deeper than ``PDFParsingLimits/maxReferenceDepth``,
    /// or a walk visiting more than four times as many nodes as the file has objects, throws
    /// ``PDFError/Code/limitExceeded``.
    public func pageCount() throws -> Int {
        guard let pages = try catalog()["Pages"] else { throw PDFError(.objectNotFound, "catalog has no /Pages") }
        let budget = max(10_000, xrefTable.count * 4)
        var visits = 0
        var count = 0
        var path: [PageTreeFrame] = []
        var ancestors: Set<PDFObjectReference> = []

        func enter(_ node: PDFObject) throws {
            visits += 1
            guard visits <= budget else { throw PDFError(.limitExceeded, "page tree walk visits more than \(budget) nodes") }
            if let reference = node.referenceValue, ancestors.contains(reference) {
                throw PDFError(.referenceCycle, "page tree node \(reference) is its own ancestor")
            }
            guard let dictionary = try resolve(node).dictionaryValue else {
                throw PDFError(.malformedSyntax, "page tree node is not a dictionary")
            }
            if dictionary.name("Type") != "Page", let kids = dictionary["Kids"] {
                guard let array = try resolve(kids).arrayValue else { throw PDFError(.malformedSyntax, "/Kids is not an array") }
                guard path.count < limits.maxReferenceDepth else {
                    throw PDFError(.limitExceeded, "page tree deeper than \(limits.maxReferenceDepth)")
                }
                path.append(PageTreeFrame(reference: node.referenceValue, kids: array, next: 0))
                if let reference = node.referenceValue { ancestors.insert(reference) }
            } else {
                count += 1
            }
        }

        try enter(pages)
        while let top = path.last {
            if top.next >= top.kids.count {
                path.removeLast()
                if let reference = top.reference { ancestors.remove(reference) }
                continue
            }
            path[path.count - 1].next += 1
            try enter(top.kids[top.next])
        }
        return count
    }
}

/// One internal node on the current page-tree path.
struct PageTreeFrame {
    let reference: PDFObjectReference?
    let kids: [PDFObject]
    var next: Int
}
