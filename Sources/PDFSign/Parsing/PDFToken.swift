/// A lexical token (ISO 32000-2 §7.2–7.3).
enum PDFToken: Equatable, Sendable {
    case integer(Int64)
    case real(Double)
    case name(PDFName)
    case string(PDFString)
    /// A run of regular characters that is not a number: `obj`, `R`, `true`, `stream`, operators…
    /// Truncated to 64 bytes.
    case keyword([UInt8])
    case arrayStart
    case arrayEnd
    case dictionaryStart
    case dictionaryEnd
    case endOfInput

    func isKeyword(_ word: String) -> Bool {
        if case .keyword(let bytes) = self { return bytes.elementsEqual(word.utf8) }
        return false
    }
}
