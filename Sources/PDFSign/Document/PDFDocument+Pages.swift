extension PDFDocument {
    /// The number of pages, counted by walking the page tree from /Root /Pages.
    ///
    /// /Count is not trusted. A node that is its own ancestor throws
    /// ``PDFError/Code/referenceCycle``; a page referenced from several /Kids entries counts
    /// each time (as viewers show it). A tree deeper than ``PDFParsingLimits/maxReferenceDepth``,
    /// or a walk visiting more than four times as many nodes as the file has objects, throws
    /// ``PDFError/Code/limitExceeded``.
    public func pageCount() throws -> Int {
        var count = 0
        try walkPages { _ in
            count += 1
            return true
        }
        return count
    }

    /// The reference of page `index` (0-based), in the order viewers show pages.
    ///
    /// - Throws: ``PDFError/Code/invalidArgument`` when the document has fewer pages;
    ///   ``PDFError/Code/malformedSyntax`` when that page is a direct object (it cannot be
    ///   updated incrementally); the errors of ``pageCount()`` for a broken tree.
    public func pageReference(at index: Int) throws -> PDFObjectReference {
        var seen = 0
        var found: PDFObject?
        try walkPages { page in
            if seen == index { found = page }
            seen += 1
            return found == nil
        }
        guard let found, index >= 0 else {
            throw PDFError(.invalidArgument, "page \(index + 1) does not exist: the document has \(seen) page(s)")
        }
        guard let reference = found.referenceValue else {
            throw PDFError(.malformedSyntax, "page \(index + 1) is a direct object in /Kids")
        }
        return reference
    }

    /// Calls `visit` with each page leaf (as found in /Kids) until it returns `false`.
    func walkPages(_ visit: (PDFObject) throws -> Bool) throws {
        guard let pages = try catalog()["Pages"] else { throw PDFError(.objectNotFound, "catalog has no /Pages") }
        let budget = max(10_000, xrefTable.count * 4)
        var visits = 0
        var stop = false
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
                stop = try !visit(node)
            }
        }

        try enter(pages)
        while !stop, let top = path.last {
            if top.next >= top.kids.count {
                path.removeLast()
                if let reference = top.reference { ancestors.remove(reference) }
                continue
            }
            path[path.count - 1].next += 1
            try enter(top.kids[top.next])
        }
    }
}

/// One internal node on the current page-tree path.
struct PageTreeFrame {
    let reference: PDFObjectReference?
    let kids: [PDFObject]
    var next: Int
}
