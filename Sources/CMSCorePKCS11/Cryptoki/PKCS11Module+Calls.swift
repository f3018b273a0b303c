import CPKCS11

/// The token in a slot, as `C_GetTokenInfo` describes it.
struct PKCS11TokenInfo: Sendable {
    var slot: CK_SLOT_ID
    var label: String
    var serialNumber: String
    var initialized: Bool
}

/// The typed Cryptoki calls the provider uses. Each is blocking; callers run them through
/// ``PKCS11Module/blocking(_:)``.
extension PKCS11Module {
    /// The initialised tokens present in the module's slots (uninitialised ones are marked).
    func tokens() throws -> [PKCS11TokenInfo] {
        var count: CK_ULONG = 0
        try check(functions.pointee.C_GetSlotList?(CK_BBOOL(CK_TRUE), nil, &count), "C_GetSlotList")
        var slots = [CK_SLOT_ID](repeating: 0, count: Int(count))
        try check(functions.pointee.C_GetSlotList?(CK_BBOOL(CK_TRUE), &slots, &count), "C_GetSlotList")
        return try slots.prefix(Int(count)).compactMap { slot in
            var info = CK_TOKEN_INFO()
            let rv = functions.pointee.C_GetTokenInfo?(slot, &info)
            if rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_TOKEN_NOT_RECOGNIZED { return nil }
            try check(rv, "C_GetTokenInfo")
            return PKCS11TokenInfo(slot: slot, label: Self.paddedString(info.label), serialNumber: Self.paddedString(info.serialNumber),
                                   initialized: info.flags & CK_FLAGS(CKF_TOKEN_INITIALIZED) != 0)
        }
    }

    /// The mechanisms the token in `slot` supports.
    func mechanisms(slot: CK_SLOT_ID) throws -> Set<CK_MECHANISM_TYPE> {
        var count: CK_ULONG = 0
        try check(functions.pointee.C_GetMechanismList?(slot, nil, &count), "C_GetMechanismList")
        var list = [CK_MECHANISM_TYPE](repeating: 0, count: Int(count))
        try check(functions.pointee.C_GetMechanismList?(slot, &list, &count), "C_GetMechanismList")
        return Set(list.prefix(Int(count)))
    }

    func openSession(slot: CK_SLOT_ID) throws -> CK_SESSION_HANDLE {
        var session: CK_SESSION_HANDLE = 0
        try check(functions.pointee.C_OpenSession?(slot, CK_FLAGS(CKF_SERIAL_SESSION), nil, nil, &session), "C_OpenSession")
        return session
    }

    func closeSession(_ session: CK_SESSION_HANDLE) {
        _ = functions.pointee.C_CloseSession?(session)
    }

    /// Logs the user in; `CKR_USER_ALREADY_LOGGED_IN` (another session of this process did) is success.
    func login(_ session: CK_SESSION_HANDLE, pin: PKCS11PIN) throws {
        let rv = pin.withBytes { bytes in
            functions.pointee.C_Login?(session, CK_USER_TYPE(CKU_USER), bytes.baseAddress, CK_ULONG(bytes.count))
        }
        if rv == CKR_USER_ALREADY_LOGGED_IN { return }
        try check(rv, "C_Login")
    }

    /// The handles of the objects matching `template` (at most `limit`).
    func findObjects(_ session: CK_SESSION_HANDLE, _ template: [PKCS11Attribute], limit: Int = 16) throws -> [CK_OBJECT_HANDLE] {
        try PKCS11Attribute.withTemplate(template) { attributes, count in
            try check(functions.pointee.C_FindObjectsInit?(session, attributes, count), "C_FindObjectsInit")
        }
        defer { _ = functions.pointee.C_FindObjectsFinal?(session) }
        var found = [CK_OBJECT_HANDLE](repeating: 0, count: limit)
        var count: CK_ULONG = 0
        try check(functions.pointee.C_FindObjects?(session, &found, CK_ULONG(limit), &count), "C_FindObjects")
        return Array(found.prefix(Int(count)))
    }

    /// The value of one attribute of an object, or `nil` when the object has none or it is
    /// sensitive.
    func attribute(_ type: CK_ATTRIBUTE_TYPE, of object: CK_OBJECT_HANDLE, session: CK_SESSION_HANDLE) throws -> [UInt8]? {
        var attribute = CK_ATTRIBUTE(type: type, pValue: nil, ulValueLen: 0)
        var rv = functions.pointee.C_GetAttributeValue?(session, object, &attribute, 1)
        if rv == CKR_ATTRIBUTE_TYPE_INVALID || rv == CKR_ATTRIBUTE_SENSITIVE { return nil }
        try check(rv, "C_GetAttributeValue")
        guard attribute.ulValueLen != CK_ULONG.max else { return nil }
        var value = [UInt8](repeating: 0, count: Int(attribute.ulValueLen))
        rv = value.withUnsafeMutableBytes { buffer in
            attribute.pValue = buffer.baseAddress
            return functions.pointee.C_GetAttributeValue?(session, object, &attribute, 1)
        }
        try check(rv, "C_GetAttributeValue")
        return Array(value.prefix(Int(attribute.ulValueLen)))
    }

    /// A `CK_ULONG`-valued attribute (`CKA_KEY_TYPE`, `CKA_CLASS`).
    func unsignedAttribute(_ type: CK_ATTRIBUTE_TYPE, of object: CK_OBJECT_HANDLE, session: CK_SESSION_HANDLE) throws -> CK_ULONG? {
        guard let bytes = try attribute(type, of: object, session: session), bytes.count == MemoryLayout<CK_ULONG>.size else { return nil }
        return bytes.withUnsafeBytes { $0.loadUnaligned(as: CK_ULONG.self) }
    }

    /// A `CK_BBOOL`-valued attribute (`CKA_EXTRACTABLE`, `CKA_SENSITIVE`).
    func booleanAttribute(_ type: CK_ATTRIBUTE_TYPE, of object: CK_OBJECT_HANDLE, session: CK_SESSION_HANDLE) throws -> Bool? {
        try attribute(type, of: object, session: session).flatMap(\.first).map { $0 != 0 }
    }

    /// `C_SignInit` + `C_Sign` in one session.
    func sign(_ session: CK_SESSION_HANDLE, key: CK_OBJECT_HANDLE, mechanism: PKCS11SignMechanism, data: [UInt8]) throws -> [UInt8] {
        try mechanism.withMechanism { pointer in
            try check(functions.pointee.C_SignInit?(session, pointer, key), "C_SignInit")
        }
        var data = data
        let dataLength = CK_ULONG(data.count)
        var length: CK_ULONG = 1024
        var signature = [UInt8](repeating: 0, count: Int(length))
        var rv = functions.pointee.C_Sign?(session, &data, dataLength, &signature, &length)
        if rv == CKR_BUFFER_TOO_SMALL, length <= 1 << 16 {
            signature = [UInt8](repeating: 0, count: Int(length))
            rv = functions.pointee.C_Sign?(session, &data, dataLength, &signature, &length)
        }
        try check(rv, "C_Sign")
        return Array(signature.prefix(Int(length)))
    }

    /// A blank-padded fixed-size UTF-8 field of a Cryptoki structure, trimmed.
    static func paddedString<T>(_ field: T) -> String {
        withUnsafeBytes(of: field) { bytes in
            var text = String(decoding: bytes, as: UTF8.self)
            while let last = text.last, last == " " || last == "\0" { text.removeLast() }
            return text
        }
    }
}
