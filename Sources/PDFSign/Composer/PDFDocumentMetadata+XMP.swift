import Foundation

extension PDFDocumentMetadata {
    /// The XMP packet (ISO 16684-1) carrying the same values as ``infoDictionary()``, with
    /// dates as ISO 8601 in UTC — the instants of the /Info dates.
    func xmpPacket() -> [UInt8] {
        var properties: [String] = []
        if let title { properties.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(Self.escaped(title))</rdf:li></rdf:Alt></dc:title>") }
        if let author { properties.append("<dc:creator><rdf:Seq><rdf:li>\(Self.escaped(author))</rdf:li></rdf:Seq></dc:creator>") }
        if let subject {
            properties.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(Self.escaped(subject))</rdf:li></rdf:Alt></dc:description>")
        }
        if let language { properties.append("<dc:language><rdf:Bag><rdf:li>\(Self.escaped(language))</rdf:li></rdf:Bag></dc:language>") }
        properties.append("<dc:format>application/pdf</dc:format>")
        properties.append("<pdf:Producer>\(Self.escaped(producer))</pdf:Producer>")
        if let keywords { properties.append("<pdf:Keywords>\(Self.escaped(keywords))</pdf:Keywords>") }
        if let creator { properties.append("<xmp:CreatorTool>\(Self.escaped(creator))</xmp:CreatorTool>") }
        let modified = Self.isoDate(modificationDate ?? creationDate)
        properties.append("<xmp:CreateDate>\(Self.isoDate(creationDate))</xmp:CreateDate>")
        properties.append("<xmp:ModifyDate>\(modified)</xmp:ModifyDate>")
        properties.append("<xmp:MetadataDate>\(modified)</xmp:MetadataDate>")
        let text = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
        \(properties.joined(separator: "\n"))
        </rdf:Description>
        </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
        return Array(text.utf8)
    }

    /// `YYYY-MM-DDThh:mm:ssZ`, from the same arithmetic as the PDF date string.
    static func isoDate(_ date: Date) -> String {
        let pdf = String(decoding: PDFString.date(date).bytes, as: UTF8.self)  // D:YYYYMMDDHHmmSSZ
        let digits = Array(pdf.dropFirst(2).prefix(14))
        func part(_ range: Range<Int>) -> String { String(digits[range]) }
        return "\(part(0..<4))-\(part(4..<6))-\(part(6..<8))T\(part(8..<10)):\(part(10..<12)):\(part(12..<14))Z"
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
