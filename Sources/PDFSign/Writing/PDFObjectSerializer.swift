import Foundation

/// Writes PDF objects (ISO 32000-2 §7.3) as bytes, for incremental updates.
///
/// The output parses back to an equal ``PDFObject``: names are escaped with `#xx` where
/// §7.3.5 requires, literal strings escape backslashes, parentheses and line breaks, hex
/// strings stay hex, dictionaries keep their key order, and reals are written without an
/// exponent (PDF has none). Streams are written by the writer, which owns their data.
package enum PDFObjectSerializer {
    /// The bytes of `object`.
    ///
    /// - Throws: ``PDFError`` with `malformedSyntax` for a stream (streams exist only as
    ///   indirect objects with their data), or a real that is not finite.
    package static func bytes(of object: PDFObject) throws -> [UInt8] {
        var output: [UInt8] = []
        try write(object, into: &output)
        return output
    }

    package static func write(_ object: PDFObject, into output: inout [UInt8]) throws {
        switch object {
        case .null:
            output += Array("null".utf8)
        case .bool(let value):
            output += Array((value ? "true" : "false").utf8)
        case .integer(let value):
            output += Array(String(value).utf8)
        case .real(let value):
            output += try realBytes(value)
        case .string(let string):
            writeString(string, into: &output)
        case .name(let name):
            writeName(name, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: " ")) }
                try write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            try writeDictionary(dictionary, into: &output)
        case .stream:
            throw PDFError(.malformedSyntax, "a stream can only be written as an indirect object with its data")
        case .reference(let reference):
            output += Array("\(reference.number) \(reference.generation) R".utf8)
        }
    }

    package static func writeDictionary(_ dictionary: PDFDictionary, into output: inout [UInt8]) throws {
        output += Array("<<".utf8)
        // A repeated key is written once, with the value readers use (the last): what the
        // signer writes means the same to every reader.
        for entry in dictionary.effectiveEntries {
            writeName(entry.key, into: &output)
            output.append(UInt8(ascii: " "))
            try write(entry.value, into: &output)
        }
        output += Array(">>".utf8)
    }

    /// §7.3.5: a name's regular characters are written as they are; `#`, delimiters,
    /// white space and bytes outside 0x21…0x7E as `#xx`.
    static func writeName(_ name: PDFName, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "/"))
        for byte in name.bytes {
            if byte < 0x21 || byte > 0x7E || byte == UInt8(ascii: "#") || PDFCharacterClass.isDelimiter(byte) {
                output.append(UInt8(ascii: "#"))
                PDFHexDigits.append(byte, to: &output)
            } else {
                output.append(byte)
            }
        }
    }

    /// §7.3.4.2 literal strings (escaping `\`, `(`, `)`, CR and LF) or §7.3.4.3 hex strings.
    static func writeString(_ string: PDFString, into output: inout [UInt8]) {
        switch string.format {
        case .hex:
            output.append(UInt8(ascii: "<"))
            PDFHexDigits.append(string.bytes, to: &output)
            output.append(UInt8(ascii: ">"))
        case .literal:
            output.append(UInt8(ascii: "("))
            for byte in string.bytes {
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "("), UInt8(ascii: ")"):
                    output += [UInt8(ascii: "\\"), byte]
                case 0x0D: output += Array("\\r".utf8)
                case 0x0A: output += Array("\\n".utf8)
                default: output.append(byte)
                }
            }
            output.append(UInt8(ascii: ")"))
        }
    }

    /// A real without exponent, with at most 10 decimals and no trailing zeros, always with a
    /// decimal point so that it reads back as a real, not an integer.
    static func realBytes(_ value: Double) throws -> [UInt8] {
        guard value.isFinite else { throw PDFError(.malformedSyntax, "a PDF real must be finite, got \(value)") }
        // Whole numbers (most coordinates) without printf: the same bytes, without formatting
        // through CVarArg casts that cost a first-use scan of the runtime's conformances.
        if value == value.rounded(), abs(value) < 1e15 {
            return Array("\(Int64(value)).0".utf8)
        }
        var text = String(format: "%.10f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text += "0" }
        }
        if text == "-0.0" { text = "0.0" }
        return Array(text.utf8)
    }
}
