extension PDFDocument {
    /// The terminal fields of /Root /AcroForm /Fields, in document order.
    ///
    /// Indirect field dictionaries only (a direct field cannot be updated or referenced);
    /// a field that is its own ancestor throws ``PDFError/Code/referenceCycle``, and a form
    /// with more nodes than the file has objects throws ``PDFError/Code/limitExceeded``.
    public func formFields() throws -> [PDFFormField] {
        guard let acroForm = try catalog()["AcroForm"], let form = try resolve(acroForm).dictionaryValue,
              let fieldsObject = form["Fields"], let fields = try resolve(fieldsObject).arrayValue
        else { return [] }
        var result: [PDFFormField] = []
        var visited: Set<PDFObjectReference> = []
        let budget = max(1_000, xrefTable.count + 16)

        struct Inherited { var name: String?; var fieldType: PDFName?; var value: PDFObject? }

        func visit(_ node: PDFObject, inherited: Inherited, depth: Int) throws {
            guard let reference = node.referenceValue else { return }
            guard depth < limits.maxReferenceDepth else { throw PDFError(.limitExceeded, "form field tree deeper than \(limits.maxReferenceDepth)") }
            guard visited.insert(reference).inserted else {
                throw PDFError(.referenceCycle, "form field \(reference) appears twice in the field tree")
            }
            guard visited.count <= budget else { throw PDFError(.limitExceeded, "form field tree has more than \(budget) nodes") }
            guard let dictionary = try resolve(node).dictionaryValue else { return }
            var here = inherited
            if let partial = try resolve(dictionary["T"] ?? .null).stringValue?.textValue {
                here.name = inherited.name.map { $0 + "." + partial } ?? partial
            }
            if let type = try resolve(dictionary["FT"] ?? .null).nameValue { here.fieldType = type }
            if let value = dictionary["V"] { here.value = value }
            let kids = try resolve(dictionary["Kids"] ?? .null).arrayValue ?? []
            var childFields: [PDFObject] = []
            var widgets: [PDFObjectReference] = []
            for kid in kids {
                guard let kidReference = kid.referenceValue, let kidDictionary = try? resolve(kid).dictionaryValue else { continue }
                if kidDictionary["T"] != nil { childFields.append(kid) } else { widgets.append(kidReference) }
            }
            if childFields.isEmpty {
                if kids.isEmpty { widgets = [reference] }
                result.append(PDFFormField(
                    reference: reference, dictionary: dictionary, qualifiedName: here.name ?? "",
                    fieldType: here.fieldType, value: here.value, widgets: widgets))
            } else {
                for child in childFields { try visit(child, inherited: here, depth: depth + 1) }
            }
        }

        for field in fields { try visit(field, inherited: Inherited(), depth: 0) }
        return result
    }
}
