import SwiftASN1

/// Rewrites DER as BER the way some encoders (Windows and Java PKCS#12 tools, OpenSSL's
/// streaming CMS) do: every constructed element with an indefinite length, and OCTET STRINGs
/// longer than `chunk` bytes split into constructed chunks. The contents of OCTET STRINGs are
/// not rewritten (a MAC over them stays valid), and one sub-tree given as `kept` (the signed
/// attributes, which must stay DER) is copied unchanged.
enum BERRewriter {
    static func indefinite(_ der: [UInt8], keepingDER kept: [UInt8] = [], chunk: Int = 8) throws -> [UInt8] {
        try rewrite(DER.parse(der), kept: kept, chunk: chunk)
    }

    private static func rewrite(_ node: ASN1Node, kept: [UInt8], chunk: Int) throws -> [UInt8] {
        if Array(node.encodedBytes) == kept { return kept }
        let tag = node.encodedBytes.first!
        switch node.content {
        case .constructed(let children):
            var out: [UInt8] = [tag, 0x80]
            for child in children { out += try rewrite(child, kept: kept, chunk: chunk) }
            return out + [0x00, 0x00]
        case .primitive(let bytes):
            guard tag == 0x04, bytes.count > chunk else { return Array(node.encodedBytes) }
            var out: [UInt8] = [0x24, 0x80]
            var rest = bytes[...]
            while !rest.isEmpty {
                let piece = rest.prefix(chunk)
                out += [0x04] + DERLength.encode(piece.count) + piece
                rest = rest.dropFirst(piece.count)
            }
            return out + [0x00, 0x00]
        }
    }
}

enum DERLength {
    /// The DER length octets for `count`.
    static func encode(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var value = count
        while value > 0 {
            bytes.insert(UInt8(value & 0xFF), at: 0)
            value >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
