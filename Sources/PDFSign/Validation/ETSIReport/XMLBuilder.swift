/// A small writer of namespaced XML: elements, attributes and text, escaped, indented.
struct XMLBuilder {
    private(set) var text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    private var depth = 0

    /// `<name attributes>children</name>`; an element with no children closes itself.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                          _ children: (inout XMLBuilder) -> Void = { _ in }) {
        open(name, attributes)
        depth += 1
        let afterOpen = text.utf8.count  // O(1), unlike count, which walks the string
        children(&self)
        depth -= 1
        if text.utf8.count == afterOpen {
            text.removeLast(2)  // ">\n"
            text += "/>\n"
        } else {
            indent()
            text += "</\(name)>\n"
        }
    }

    /// `<name>value</name>` with `value` escaped.
    mutating func element(_ name: String, text value: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        indent()
        text += "<\(name)\(Self.attributes(attributes))>\(Self.escaped(value))</\(name)>\n"
    }

    private mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        indent()
        text += "<\(name)\(Self.attributes(attributes))>\n"
    }

    private mutating func indent() { text += String(repeating: "  ", count: depth) }

    private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escaped($0.value))\"" }.joined()
    }

    /// Text and attribute values with `& < > " '` escaped and characters XML 1.0 forbids
    /// (C0 controls other than tab, newline and return) replaced by U+FFFD.
    static func escaped(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let forbidden = scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value)
                out.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }
}
