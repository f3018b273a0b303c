/// FieldMDP locks (ISO 32000-2 §12.8.2.4): which fields a signature locks against later changes.

/// A signature's locks.
struct PDFSignatureLockInfo {
    var name: String
    var field: PDFObjectReference?
    var revision: Int?
    var locks: [PDFFieldLockRule] = []
}

/// /Action /Fields of a FieldMDP transform or a /Lock dictionary.
struct PDFFieldLockRule {
    let action: PDFFieldMDPAction
    let fields: Set<String>

    init?(_ dictionary: PDFDictionary, view: PDFRevisionView) {
        guard let action = view.name(dictionary["Action"]) else { return nil }
        self.action = PDFFieldMDPAction(action)
        fields = Set((view.array(dictionary["Fields"]) ?? []).compactMap { view.resolve($0)?.stringValue?.textValue })
    }

    func covers(_ name: String) -> Bool {
        switch action {
        case .all, .other: return true
        case .include: return fields.contains(name)
        case .exclude: return !fields.contains(name)
        }
    }
}
