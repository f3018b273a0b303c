/// The roles objects play in a revision: pages and their content, resources and annotations,
/// form fields and their appearances, DSS, signature values. Walks are bounded.
struct PDFOldStructure {
    struct Field {
        var name: String
        var type: PDFName?
        var signed: Bool
    }
    struct Appearance {
        /// The widget whose /AP leads here.
        var widget: Int
        /// The indirect appearance dictionary on the way, if any.
        var dictionary: Int?
    }

    var acroForm: Int?
    var info: Int?
    var pages: Set<Int> = []
    var pageNodes: Set<Int> = []
    var annotsArrays: [Int: Int] = [:]
    var contents: Set<Int> = []
    var resources: Set<Int> = []
    var annotations: Set<Int> = []
    var fields: [Int: Field] = [:]
    var appearances: [Int: Appearance] = [:]
    var dss: Set<Int> = []
    var signatureValues: Set<Int> = []

    private static let budget = 200_000

    init(_ view: PDFRevisionView) {
        info = view.trailerValue("Info")?.referenceValue?.number
        guard let catalog = view.catalog else { return }
        acroForm = catalog["AcroForm"]?.referenceValue?.number
        walkPages(view, catalog)
        walkFields(view, catalog)
        if let dssValue = catalog["DSS"] {
            collect(from: dssValue, in: view, into: &dss)
        }
    }

    /// Every object reachable from `value` (bounded), added to `set`.
    private func collect(from value: PDFObject, in view: PDFRevisionView, into set: inout Set<Int>, stopAt stop: Set<Int> = []) {
        var stack: [PDFObjectReference] = []
        pdfReferences(in: value, into: &stack)
        while let reference = stack.popLast(), set.count < Self.budget {
            guard !stop.contains(reference.number), set.insert(reference.number).inserted, let object = view.object(reference.number) else { continue }
            pdfReferences(in: object, into: &stack)
        }
    }

    private mutating func walkPages(_ view: PDFRevisionView, _ catalog: PDFDictionary) {
        guard let root = catalog["Pages"] else { return }
        var stack: [(PDFObject, Int)] = [(root, 0)]
        var visited: Set<Int> = []
        var resourceRoots: [PDFObject] = []
        while let (node, depth) = stack.popLast() {
            guard depth < 64, visited.count < Self.budget else { break }
            guard let reference = node.referenceValue, visited.insert(reference.number).inserted,
                  let dictionary = view.dictionary(node) else { continue }
            if let resources = dictionary["Resources"] { resourceRoots.append(resources) }
            if let resources = dictionary["Resources"]?.referenceValue { self.resources.insert(resources.number) }
            let kids = view.array(dictionary["Kids"])
            if dictionary.name("Type") == "Pages" || (kids != nil && dictionary.name("Type") != "Page") {
                pageNodes.insert(reference.number)
                if let kidsReference = dictionary["Kids"]?.referenceValue { pageNodes.insert(kidsReference.number) }
                for kid in (kids ?? []).reversed() { stack.append((kid, depth + 1)) }
                continue
            }
            pages.insert(reference.number)
            if let annotsReference = dictionary["Annots"]?.referenceValue { annotsArrays[annotsReference.number] = reference.number }
            for annotation in view.array(dictionary["Annots"]) ?? [] {
                if let annotationReference = annotation.referenceValue { annotations.insert(annotationReference.number) }
            }
            if let contentsValue = dictionary["Contents"] {
                if let contentsReference = contentsValue.referenceValue { contents.insert(contentsReference.number) }
                for element in view.array(contentsValue) ?? [] {
                    if let elementReference = element.referenceValue { contents.insert(elementReference.number) }
                }
            }
        }
        // Fonts, XObjects, patterns… reachable from page resources (not back into pages).
        let stop = pages.union(pageNodes)
        for resources in resourceRoots {
            collect(from: resources, in: view, into: &self.resources, stopAt: stop)
        }
    }

    private mutating func walkFields(_ view: PDFRevisionView, _ catalog: PDFDictionary) {
        guard let form = view.dictionary(catalog["AcroForm"]) else { return }
        var stack: [(PDFObject, String?, PDFName?, Bool, Int)] = (view.array(form["Fields"]) ?? []).reversed().map { ($0, nil, nil, false, 0) }
        var visited: Set<Int> = []
        while let (node, parentName, parentType, parentSigned, depth) = stack.popLast() {
            guard depth < 32, visited.count < Self.budget else { break }
            guard let reference = node.referenceValue, visited.insert(reference.number).inserted,
                  let dictionary = view.dictionary(node) else { continue }
            var name = parentName
            if let partial = view.resolve(dictionary["T"])?.stringValue?.textValue {
                name = parentName.map { $0 + "." + partial } ?? partial
            }
            let type = view.name(dictionary["FT"]) ?? parentType
            let signed = parentSigned || (type == .signatureFieldType && dictionary["V"] != nil && view.resolve(dictionary["V"]) != PDFObject.null)
            if type == .signatureFieldType, let value = dictionary["V"]?.referenceValue { signatureValues.insert(value.number) }
            fields[reference.number] = Field(name: name ?? "?", type: type, signed: signed)
            if let appearance = dictionary["AP"] {
                let apDictionary = appearance.referenceValue?.number
                if let apDictionary { appearances[apDictionary] = Appearance(widget: reference.number, dictionary: nil) }
                for entry in view.dictionary(appearance)?.entries ?? [] {
                    if let stream = entry.value.referenceValue, view.resolve(entry.value)?.streamValue != nil {
                        appearances[stream.number] = Appearance(widget: reference.number, dictionary: apDictionary)
                    } else {
                        if let stateDictionary = entry.value.referenceValue { appearances[stateDictionary.number] = Appearance(widget: reference.number, dictionary: apDictionary) }
                        for state in view.dictionary(entry.value)?.entries ?? [] {
                            if let stream = state.value.referenceValue {
                                appearances[stream.number] = Appearance(widget: reference.number, dictionary: apDictionary)
                            }
                        }
                    }
                }
            }
            for kid in (view.array(dictionary["Kids"]) ?? []).reversed() { stack.append((kid, name, type, signed, depth + 1)) }
        }
    }
}
