import Crypto

/// Writes laid-out pages as a new PDF: fonts, images, page tree, catalog with XMP metadata and
/// /Info, and a file identifier derived from the content (no clock, no randomness).
struct ComposerFileWriter {
    let font: ComposerFont
    let pageSize: PDFPageSize
    let metadata: PDFDocumentMetadata

    func bytes(pages: [ComposedPage], images: [PDFStampImage]) throws -> [UInt8] {
        let writer = PDFNewFileWriter()
        let fonts = try font.writeResources(into: writer)
        var xObjects = PDFDictionary()
        for (index, image) in images.enumerated() { xObjects[PDFName("Im\(index)")] = .reference(try image.makeXObject(into: writer)) }
        var resources = PDFDictionary(["Font": .dictionary(fonts)])
        if !images.isEmpty { resources["XObject"] = .dictionary(xObjects) }
        let resourcesReference = writer.add(.dictionary(resources))

        let pagesReference = writer.reserve()
        let renderer = ComposerContentStream(font: font)
        var kids: [PDFObject] = []
        for page in pages {
            let content = Array(try renderer.operators(for: page).utf8)
            let stream = writer.addStream(PDFDictionary(["Filter": .name("FlateDecode")]), data: try FlateEncoder.encode(content))
            kids.append(.reference(writer.add(.dictionary(PDFDictionary([
                "Type": .name("Page"), "Parent": .reference(pagesReference),
                "MediaBox": .array([.integer(0), .integer(0), .real(pageSize.width), .real(pageSize.height)]),
                "Resources": .reference(resourcesReference),
                "Contents": .reference(stream),
            ])))))
        }
        writer.set(pagesReference, .object(.dictionary(PDFDictionary([
            "Type": .name("Pages"), "Kids": .array(kids), "Count": .integer(Int64(kids.count)),
        ]))))
        let xmp = metadata.xmpPacket()
        let metadataStream = writer.addStream(PDFDictionary(["Type": .name("Metadata"), "Subtype": .name("XML")]), data: xmp)
        var catalog = PDFDictionary(["Type": .name("Catalog"), "Pages": .reference(pagesReference), "Metadata": .reference(metadataStream)])
        if let language = metadata.language { catalog["Lang"] = .string(.text(language)) }
        let root = writer.add(.dictionary(catalog))
        return try writer.bytes(root: root, info: writer.add(.dictionary(metadata.infoDictionary())), identifier: .derivedFromContent)
    }
}
