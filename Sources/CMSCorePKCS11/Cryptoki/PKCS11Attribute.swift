import CPKCS11

/// One attribute of a search template: its type and value bytes.
struct PKCS11Attribute: Sendable {
    var type: CK_ATTRIBUTE_TYPE
    var value: [UInt8]

    static func unsigned(_ type: CK_ATTRIBUTE_TYPE, _ value: CK_ULONG) -> PKCS11Attribute {
        PKCS11Attribute(type: type, value: withUnsafeBytes(of: value) { Array($0) })
    }

    static func bytes(_ type: CK_ATTRIBUTE_TYPE, _ value: [UInt8]) -> PKCS11Attribute {
        PKCS11Attribute(type: type, value: value)
    }

    static func label(_ text: String) -> PKCS11Attribute { .bytes(CK_ATTRIBUTE_TYPE(CKA_LABEL), Array(text.utf8)) }
    static func id(_ id: [UInt8]) -> PKCS11Attribute { .bytes(CK_ATTRIBUTE_TYPE(CKA_ID), id) }
    static func objectClass(_ value: CK_ULONG) -> PKCS11Attribute { .unsigned(CK_ATTRIBUTE_TYPE(CKA_CLASS), value) }

    /// Calls `body` with a `CK_ATTRIBUTE` array whose value pointers stay valid for the call.
    static func withTemplate<R>(_ template: [PKCS11Attribute],
                                _ body: (UnsafeMutablePointer<CK_ATTRIBUTE>?, CK_ULONG) throws -> R) rethrows -> R {
        let total = template.reduce(0) { $0 + $1.value.count }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 8)
        defer { storage.deallocate() }
        var attributes: [CK_ATTRIBUTE] = []
        var offset = 0
        for attribute in template {
            let start = storage.baseAddress! + offset
            attribute.value.withUnsafeBytes { if let source = $0.baseAddress { start.copyMemory(from: source, byteCount: $0.count) } }
            attributes.append(CK_ATTRIBUTE(type: attribute.type, pValue: start, ulValueLen: CK_ULONG(attribute.value.count)))
            offset += attribute.value.count
        }
        return try attributes.withUnsafeMutableBufferPointer { try body($0.baseAddress, CK_ULONG($0.count)) }
    }
}
