extension PDFDocument {
    /// The number of pages, counted by walking the page tree from /Root /Pages.
    ///
    /// /Count is not trusted. A node reached twice throws ``PDFError/Code/referenceCycle``;
    /// a tree deeper than ``PDFParsingLimits/maxReferenceDepth`` throws ``PDFError/Code/limitExceeded``.
    public func pageCount() throws -> Int {
        guard let pages = try catalog()["Pages"] else { throw PDFError(.objectNotFound, "catalog has no /Pages") }
        var visited: Set<PDFObjectReference> = []
        var stack: [(PDFObject, Int)] = [(pages, 0)]
        var count = 0
        while let (node, depth) = stack.popLast() {
            guard depth <= limits.maxReferenceDepth else {
                throw PDFError(.limitExceeded, "page tree deeper than \(limits.maxReferenceDepth)")
            }
            if let reference = node.referenceValue, !visited.insert(reference).inserted {
                throw PDFError(.referenceCycle, "page tree visits \(reference) twice")
            }
            guard let dictionary = try resolve(node).dictionaryValue else {
                throw PDFError(.malformedSyntax, "page tree node is not a dictionary")
            }
            let type = dictionary.name("Type")
            if type != "Page", let kids = dictionary["Kids"] {
                guard let array = try resolve(kids).arrayValue else {
                    throw PDFError(.malformedSyntax, "/Kids is not an array")
                }
                for kid in array.reversed() { stack.append((kid, depth + 1)) }
            } else {
                count += 1
            }
        }
        return count
    }
}
