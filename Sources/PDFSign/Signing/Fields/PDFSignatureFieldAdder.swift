import Foundation
import CMSCore

/// Adds empty signature fields to a document in one incremental update (ISO 32000-2 §7.5.6,
/// §12.7.5.5): one per party of a multi-party contract, each with its page, rectangle, signer
/// hint (/TU) and optional FieldMDP /Lock.
///
/// Into an unsigned document anything goes. Into a signed one the update must be a change
/// the earlier signatures allow, judged as pyHanko's difference analysis and this library's
/// validator judge it: after a certification with P = 1 nothing may be added; after a
/// certification with P = 2 or 3, and for a name an earlier signature's FieldMDP lock covers,
/// only invisible fields. Anything else is refused with ``PDFError/Code/notSignable`` instead
/// of writing a file whose earlier signatures would fail.
///
/// ```swift
/// let fields = [
///     try PDFSignatureFieldPlaceholder(name: "PartyA", pageIndex: 0, rectangle: PDFRectangle(x: 60, y: 60, width: 200, height: 60)),
///     try PDFSignatureFieldPlaceholder(name: "PartyB", pageIndex: 0, rectangle: PDFRectangle(x: 300, y: 60, width: 200, height: 60)),
/// ]
/// let bytes = try PDFSignatureFieldAdder().adding(fields, to: PDFDocument(contentsOfFile: "contract.pdf"))
/// ```
public struct PDFSignatureFieldAdder: Sendable {
    /// An adder.
    public init() {}

    /// The document with `placeholders` added, as the bytes of the updated file.
    ///
    /// - Throws: ``PDFError`` — `invalidArgument` for no placeholders, a duplicate name, a
    ///   name already in the form or a page that does not exist; `notSignable` when the
    ///   document's signatures forbid the addition (see the type's discussion); reading errors.
    public func adding(_ placeholders: [PDFSignatureFieldPlaceholder], to document: PDFDocument) throws -> [UInt8] {
        let update = PDFIncrementalUpdate(document: document)
        try PDFPlaceholderWriter(update: update).write(placeholders)
        let serialized = try PDFUpdateWriter.write(update)
        return Array(try document.source.read(0..<document.source.count)) + serialized.bytes
    }
}

/// Writes the fields of ``PDFSignatureFieldAdder`` into an update, after the checks.
struct PDFPlaceholderWriter {
    let update: PDFIncrementalUpdate
    private var document: PDFDocument { update.document }

    func write(_ placeholders: [PDFSignatureFieldPlaceholder]) throws {
        let fields = try document.formFields()
        try check(placeholders, against: fields)
        guard let catalogReference = document.trailer["Root"]?.referenceValue else {
            throw PDFError(.notSignable, "the trailer's /Root is not an indirect reference, so the catalog cannot be updated")
        }
        var catalog = try dictionary(update.current(catalogReference), "the catalog")
        var form = try catalog["AcroForm"].map { try dictionary(update.resolve($0), "/AcroForm") } ?? PDFDictionary()
        var newFields: [PDFObjectReference] = []
        for placeholder in placeholders {
            newFields.append(try addField(placeholder))
        }
        try append(newFields, in: &form, key: "Fields")
        let flags = try update.resolve(form["SigFlags"] ?? .integer(0)).integerValue ?? 0
        if flags & 1 == 0 { form["SigFlags"] = .integer(Int64(flags | 1)) }  // SignaturesExist (Table 225)
        if let formReference = catalog["AcroForm"]?.referenceValue {
            update.set(formReference, .object(.dictionary(form)))
        } else {
            catalog["AcroForm"] = .dictionary(form)
            update.set(catalogReference, .object(.dictionary(catalog)))
        }
    }

    // MARK: Checks

    private func check(_ placeholders: [PDFSignatureFieldPlaceholder], against fields: [PDFFormField]) throws {
        guard document.headerVersion != nil else {
            throw PDFError(.malformedSyntax, "the file has no %PDF-x.y header (ISO 32000-2 §7.5.2); validators refuse such files")
        }
        guard !placeholders.isEmpty else { throw PDFError(.invalidArgument, "no signature fields to add") }
        var names = Set(fields.map(\.qualifiedName))
        for placeholder in placeholders where !names.insert(placeholder.name).inserted {
            throw PDFError(.invalidArgument, "a field named \"\(placeholder.name)\" already exists or is given twice")
        }
        let pageCount = try document.pageCount()
        for placeholder in placeholders where placeholder.pageIndex >= pageCount {
            throw PDFError(.invalidArgument, "field \"\(placeholder.name)\": page index \(placeholder.pageIndex) but the document has \(pageCount) pages")
        }
        let signatures = document.embeddedSignatures(of: fields).filter { !$0.isDocumentTimestamp }
        guard !signatures.isEmpty else { return }
        let certification = try PDFSignatureFieldPlacer.certificationLevel(of: document)
        if certification == .noChanges {
            throw PDFError(.notSignable, "the document is certified with DocMDP P=1: no fields may be added (ISO 32000-2 §12.8.2.2)")
        }
        for placeholder in placeholders where placeholder.isVisible {
            if certification != nil {
                throw PDFError(.notSignable, "field \"\(placeholder.name)\" is visible; after a certification signature only invisible signature fields may be added (a visible one could cover certified content)")
            }
            if let locker = signatures.first(where: { locks(of: $0).contains { $0.covers(placeholder.name) } }) {
                throw PDFError(.notSignable, "field \"\(placeholder.name)\" is visible and locked by the FieldMDP lock of signature \"\(locker.field.qualifiedName)\"; only an invisible field may be added")
            }
        }
    }

    /// A signature's FieldMDP locks as the modification analysis reads them: its FieldMDP
    /// transform and its signed field's /Lock.
    private func locks(of signature: PDFEmbeddedSignature) -> [PDFFieldLock] {
        var locks = signature.signatureDictionary.fieldMDP.map { [$0] } ?? []
        if let lock = try? document.resolve(signature.field.dictionary["Lock"] ?? .null).dictionaryValue,
           let parsed = PDFFieldLock(lockDictionary: lock, resolve: { try? document.resolve($0 ?? .null) }) {
            locks.append(parsed)
        }
        return locks
    }

    // MARK: Fields

    /// A merged field/widget (Table 226, Table 233) on its page, with a framed appearance
    /// so that a person sees where to sign.
    private func addField(_ placeholder: PDFSignatureFieldPlaceholder) throws -> PDFObjectReference {
        let field = update.reserve()
        let page = try document.pageReference(at: placeholder.pageIndex)
        var widget = PDFDictionary([
            "Type": .name("Annot"), "Subtype": .name("Widget"), "FT": .name("Sig"),
            "T": .string(.text(placeholder.name)), "F": .integer(4), "P": .reference(page),
        ])
        if let rectangle = placeholder.rectangle {
            widget["Rect"] = rectangle.pdfArray
            widget["AP"] = .dictionary(PDFDictionary(["N": .reference(frame(rectangle))]))
        } else {
            widget["Rect"] = .array([.integer(0), .integer(0), .integer(0), .integer(0)])
        }
        if let hint = placeholder.signerHint { widget["TU"] = .string(.text(hint)) }
        if let lock = placeholder.lock { widget["Lock"] = .dictionary(PDFFieldLockEncoding.dictionary(lock, type: "SigFieldLock")) }
        update.set(field, .object(.dictionary(widget)))
        var pageDictionary = try dictionary(update.current(page), "page \(page)")
        try append([field], in: &pageDictionary, key: "Annots")
        update.set(page, .object(.dictionary(pageDictionary)))
        return field
    }

    /// A thin grey frame the size of the widget.
    private func frame(_ rectangle: PDFRectangle) -> PDFObjectReference {
        let w = rectangle.width, h = rectangle.height
        let content = "q 0.6 G 0.75 w [3 2] 0 d 0.5 0.5 \(format(w - 1)) \(format(h - 1)) re S Q\n"
        return update.addStream(PDFDictionary([
            "Type": .name("XObject"), "Subtype": .name("Form"),
            "BBox": .array([.integer(0), .integer(0), .real(w), .real(h)]),
        ]), data: Array(content.utf8))
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", max(0, value)) }

    /// Appends to the array `container[key]`, rewriting the array object when it is indirect.
    private func append(_ references: [PDFObjectReference], in container: inout PDFDictionary, key: PDFName) throws {
        let added = references.map { PDFObject.reference($0) }
        if let arrayReference = container[key]?.referenceValue, let array = try? update.current(arrayReference).arrayValue {
            update.set(arrayReference, .object(.array(array + added)))
            return
        }
        let array = try container[key].map { try update.resolve($0).arrayValue ?? [] } ?? []
        container[key] = .array(array + added)
    }

    private func dictionary(_ object: PDFObject, _ what: String) throws -> PDFDictionary {
        guard case .dictionary(let dictionary) = object else { throw PDFError(.notSignable, "\(what) is not a dictionary") }
        return dictionary
    }
}

extension PDFFieldLock {
    /// Whether the lock covers the field with fully qualified name `name`.
    public func covers(_ name: String) -> Bool {
        switch self {
        case .all: true
        case .include(let names): names.contains(name)
        case .exclude(let names): !names.contains(name)
        }
    }
}
