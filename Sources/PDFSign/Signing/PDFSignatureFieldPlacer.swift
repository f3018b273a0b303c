import CMSCore

/// Puts a signature into the document's form (ISO 32000-2 §12.7.5.5, §12.8): fills an
/// existing empty signature field or creates one with its widget on a page, sets
/// /SigFlags 3 and, for a certification signature, /Perms /DocMDP.
struct PDFSignatureFieldPlacer {
    let update: PDFIncrementalUpdate
    let options: PDFSignatureOptions
    /// The signature dictionary's reference (reserved, written later).
    let signature: PDFObjectReference
    /// A document timestamp: allowed even under DocMDP P=1 (ISO 32000-2 §12.8.2.2.2 exempts
    /// the DSS and document timestamps), never a certification.
    var isDocumentTimestamp = false

    private var document: PDFDocument { update.document }

    /// Checks the document allows the signature, then writes the field, widget, page,
    /// AcroForm and catalog changes into the update.
    func place() throws {
        let fields = try document.formFields()
        try checkPermissions(fields)
        let catalogReference = try rootReference()
        var catalog = try dictionary(update.current(catalogReference), "the catalog")
        var form = try catalog["AcroForm"].map { try dictionary(update.resolve($0), "/AcroForm") } ?? PDFDictionary()

        let target = options.fieldName.flatMap { name in fields.first { $0.qualifiedName == name } }
        try PDFEncryptionPermissionRule.checkSigning(document, fillsExistingField: target != nil)
        if let target {
            try fill(target)
        } else {
            let fieldReference = try createField(named: options.fieldName ?? freshName(fields))
            try appendField(fieldReference, to: &form)
        }
        form["SigFlags"] = .integer(3)

        if let formReference = catalog["AcroForm"]?.referenceValue {
            update.set(formReference, .object(.dictionary(form)))
        } else {
            catalog["AcroForm"] = .dictionary(form)
        }
        if options.certification != nil {
            catalog["Perms"] = .dictionary(PDFDictionary([PDFSignatureDictionary.TransformMethod.docMDP.name: .reference(signature)]))
        }
        if options.subFilter == .cadesDetached || isDocumentTimestamp { try declareESICExtension(in: &catalog) }
        update.set(catalogReference, .object(.dictionary(catalog)))
    }

    // MARK: Rules

    /// A certification signature must come first; a DocMDP P=1 document takes no signature.
    private func checkPermissions(_ fields: [PDFFormField]) throws {
        guard document.headerVersion != nil else {
            throw PDFError(.malformedSyntax, "the file has no %PDF-x.y header (ISO 32000-2 §7.5.2); validators refuse such files")
        }
        let signed = fields.filter(\.isSigned)
        try checkExistingSignatures(fields)
        if options.certification != nil, !signed.isEmpty {
            throw PDFError(.notSignable, "a certification signature must be the document's first signature; it has \(signed.count)")
        }
        if !isDocumentTimestamp, try Self.certificationLevel(of: document) == .noChanges {
            throw PDFError(.notSignable, "the document is certified with DocMDP P=1: no further changes, not even signatures, are allowed")
        }
        if let name = options.fieldName, let field = fields.first(where: { $0.qualifiedName == name }) {
            guard field.isSignatureField else {
                throw PDFError(.notSignable, "field \"\(name)\" is a \(field.fieldType?.string ?? "untyped") field, not a signature field")
            }
            guard !field.isSigned else { throw PDFError(.notSignable, "signature field \"\(name)\" is already signed") }
        }
    }

    /// An earlier signature must at least be well-formed: a document whose signature cannot be
    /// parsed fails validation whatever is added to it.
    private func checkExistingSignatures(_ fields: [PDFFormField]) throws {
        let readable = document.embeddedSignatures(of: fields)
        for field in fields where field.isSigned {
            let name = field.qualifiedName
            guard let signature = readable.first(where: { $0.field.reference == field.reference }) else {
                throw PDFError(.notSignable, "signature field \"\(name)\" has a /V that is not a signature dictionary")
            }
            guard signature.byteRange.count == 4, let der = signature.cmsBytes else {
                throw PDFError(.notSignable, "signature field \"\(name)\" lacks a /ByteRange of four integers or a /Contents string")
            }
            do {
                _ = try CMSSignature(berEncoded: der)
            } catch {
                throw PDFError(.notSignable, "signature field \"\(name)\" holds a malformed CMS signature (\(error)); validators reject the document")
            }
        }
    }

    /// The permissions of the certification signature referenced by /Perms /DocMDP, if any
    /// (P = 2 when that signature has no DocMDP transform).
    static func certificationLevel(of document: PDFDocument) throws -> PDFCertificationLevel? {
        guard let perms = try document.catalog()["Perms"].flatMap({ try document.resolve($0).dictionaryValue }),
              let docMDP = perms[PDFSignatureDictionary.TransformMethod.docMDP.name], let signature = try document.resolve(docMDP).dictionaryValue
        else { return nil }
        return PDFSignatureDictionary(signature) { try? document.resolve($0 ?? .null) }.docMDP ?? .formFillingAndSigning
    }

    /// The /Lock of the empty signature field `name` (a placeholder's FieldMDP wish), if any.
    static func placeholderLock(named name: String?, in document: PDFDocument) throws -> PDFFieldLock? {
        guard let name, let field = try document.formFields().first(where: { $0.qualifiedName == name }), !field.isSigned,
              let lock = try field.dictionary["Lock"].flatMap({ try document.resolve($0).dictionaryValue })
        else { return nil }
        return PDFFieldLock(lockDictionary: lock) { try? document.resolve($0 ?? .null) }
    }

    // MARK: Fields and widgets

    private func freshName(_ fields: [PDFFormField]) -> String {
        let names = Set(fields.map(\.qualifiedName))
        var index = 1
        while names.contains("Signature\(index)") { index += 1 }
        return "Signature\(index)"
    }

    /// A merged field/widget dictionary for a new field, added to its page's /Annots.
    private func createField(named name: String) throws -> PDFObjectReference {
        let field = update.reserve()
        var widget = PDFDictionary([
            "Type": .name("Annot"), "Subtype": .name("Widget"), "FT": .name("Sig"),
            "T": .string(.text(name)), "V": .reference(signature), "F": .integer(132),
        ])
        let pageIndex = options.appearance?.pageIndex ?? 0
        let page: PDFObjectReference?
        do {
            page = try document.pageReference(at: pageIndex)
        } catch is PDFError where options.appearance == nil {
            page = nil  // an invisible signature needs no page: no pages or a broken page tree do not stop it
        }
        let appearance = try appearanceStream(size: nil)
        widget["Rect"] = .array(appearance.rect.map { .real($0) })
        widget["AP"] = .dictionary(PDFDictionary(["N": .reference(appearance.reference)]))
        if let page {
            widget["P"] = .reference(page)
            try appendAnnotation(field, to: page)
        }
        if let lock = lockDictionary() { widget["Lock"] = .dictionary(lock) }
        update.set(field, .object(.dictionary(widget)))
        return field
    }

    /// Fills an existing empty signature field: /V, and on its first widget the appearance.
    private func fill(_ field: PDFFormField) throws {
        var dictionary = field.dictionary
        dictionary["V"] = .reference(signature)
        if let lock = lockDictionary() { dictionary["Lock"] = .dictionary(lock) }
        guard let widgetReference = field.widgets.first else {
            update.set(field.reference, .object(.dictionary(dictionary)))
            return
        }
        var widget = widgetReference == field.reference ? dictionary : try self.dictionary(update.current(widgetReference), "widget")
        let existing = try (update.resolve(widget["Rect"] ?? .null).arrayValue ?? []).compactMap { try update.resolve($0).numberValue }
        let size: (Double, Double)? = existing.count == 4 ? (abs(existing[2] - existing[0]), abs(existing[3] - existing[1])) : nil
        let appearance = try appearanceStream(size: size)
        widget["AP"] = .dictionary(PDFDictionary(["N": .reference(appearance.reference)]))
        if existing.count != 4 { widget["Rect"] = .array(appearance.rect.map { .real($0) }) }
        if widgetReference != field.reference { update.set(field.reference, .object(.dictionary(dictionary))) }
        update.set(widgetReference, .object(.dictionary(widget)))
    }

    /// The normal appearance: the caller's visible one, or an empty form for an invisible
    /// signature. `size` is an existing widget's rectangle size, which wins over the option's.
    private func appearanceStream(size: (Double, Double)?) throws -> (reference: PDFObjectReference, rect: [Double]) {
        if var appearance = options.appearance {
            if let size, size.0 > 0, size.1 > 0 {
                appearance.rectangle = try PDFRectangle(x: appearance.rectangle.x, y: appearance.rectangle.y, width: size.0, height: size.1)
            }
            let r = appearance.rectangle
            return (try appearance.makeFormXObject(into: update), [r.x, r.y, r.x + r.width, r.y + r.height])
        }
        let empty = update.addStream(PDFDictionary([
            "Type": .name("XObject"), "Subtype": .name("Form"),
            "BBox": .array([.integer(0), .integer(0), .integer(0), .integer(0)]),
        ]), data: [])
        return (empty, [0, 0, 0, 0])
    }

    /// /Lock (Table 233) for the field's FieldMDP option.
    private func lockDictionary() -> PDFDictionary? {
        guard let lock = options.fieldLock else { return nil }
        return PDFFieldLockEncoding.dictionary(lock, type: "SigFieldLock")
    }

    // MARK: Containers

    private func appendField(_ field: PDFObjectReference, to form: inout PDFDictionary) throws {
        try appendReference(field, in: &form, key: "Fields")
    }

    private func appendAnnotation(_ annotation: PDFObjectReference, to page: PDFObjectReference) throws {
        var pageDictionary = try dictionary(update.current(page), "page \(page)")
        try appendReference(annotation, in: &pageDictionary, key: "Annots")
        update.set(page, .object(.dictionary(pageDictionary)))
    }

    /// Appends to the array `container[key]`, rewriting the array object when it is indirect.
    private func appendReference(_ reference: PDFObjectReference, in container: inout PDFDictionary, key: PDFName) throws {
        if let arrayReference = container[key]?.referenceValue, let array = try? update.current(arrayReference).arrayValue {
            update.set(arrayReference, .object(.array(array + [.reference(reference)])))
            return
        }
        let array = try container[key].map { try update.resolve($0).arrayValue ?? [] } ?? []
        container[key] = .array(array + [.reference(reference)])
    }

    private func rootReference() throws -> PDFObjectReference {
        guard let root = document.trailer["Root"]?.referenceValue else {
            throw PDFError(.notSignable, "the trailer's /Root is not an indirect reference, so the catalog cannot be updated")
        }
        return root
    }

    /// ETSI EN 319 142-1 §5.4: a PDF 1.x file with PAdES signatures declares the ESIC extension.
    private func declareESICExtension(in catalog: inout PDFDictionary) throws {
        guard (document.headerVersion.flatMap(Double.init) ?? 1.7) < 2.0 else { return }
        if catalog["Extensions"]?.referenceValue != nil { return }
        var extensions = try catalog["Extensions"].flatMap { try update.resolve($0).dictionaryValue } ?? PDFDictionary()
        guard extensions["ESIC"] == nil else { return }
        extensions["ESIC"] = .dictionary(PDFDictionary(["BaseVersion": .name("1.7"), "ExtensionLevel": .integer(2)]))
        catalog["Extensions"] = .dictionary(extensions)
    }

    private func dictionary(_ object: PDFObject, _ what: String) throws -> PDFDictionary {
        guard case .dictionary(let dictionary) = object else {
            throw PDFError(.notSignable, "\(what) is not a dictionary")
        }
        return dictionary
    }
}

/// The /Action and /Fields entries shared by /Lock and FieldMDP transform parameters.
enum PDFFieldLockEncoding {
    static func dictionary(_ lock: PDFFieldLock, type: PDFName) -> PDFDictionary {
        var dictionary = PDFDictionary(["Type": .name(type)])
        switch lock {
        case .all:
            dictionary["Action"] = .name(PDFFieldLock.allAction)
        case .include(let names):
            dictionary["Action"] = .name(PDFFieldLock.includeAction)
            dictionary["Fields"] = .array(names.map { .string(.text($0)) })
        case .exclude(let names):
            dictionary["Action"] = .name(PDFFieldLock.excludeAction)
            dictionary["Fields"] = .array(names.map { .string(.text($0)) })
        }
        return dictionary
    }
}
