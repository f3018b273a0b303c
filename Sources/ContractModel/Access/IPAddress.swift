/// An IPv4 or IPv6 address, parsed strictly (RFC 4291 §2.2 text forms; IPv4 dotted quads
/// without leading zeros, since `010` is octal to some parsers).
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Whether this is an IPv4 address.
    public var isIPv4: Bool { bytes.count == 4 }

    /// Parses IPv4 (`192.0.2.1`) or IPv6 (`2001:db8::1`, `::ffff:192.0.2.1`); `nil` if invalid.
    /// Zone identifiers (`%eth0`) are not accepted.
    public init?(_ text: String) {
        if let v4 = Self.parseIPv4(Substring(text)) { bytes = v4 } else if let v6 = Self.parseIPv6(text) { bytes = v6 } else { return nil }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// For an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), the IPv4 address.
    public var mappedIPv4: IPAddress? {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return nil }
        return IPAddress(bytes: Array(bytes[12..<16]))
    }

    /// Dotted quad, or eight lower-case hex groups (not compressed).
    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  part.count == 1 || part.first != "0", let value = UInt8(part) else { return nil }
            out.append(value)
        }
        return out
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), !text.contains("%") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowIPv4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            var out: [UInt8] = []
            for (index, item) in items.enumerated() {
                if allowIPv4Tail, index == items.count - 1, item.contains(".") {
                    guard let v4 = parseIPv4(item) else { return nil }
                    out += v4
                    continue
                }
                guard (1...4).contains(item.count), item.allSatisfy({ $0.isHexDigit }), let value = UInt16(item, radix: 16) else { return nil }
                out += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return out
        }
        if halves.count == 1 {
            guard let all = groups(halves[0], allowIPv4Tail: true), all.count == 16 else { return nil }
            return all
        }
        guard let head = groups(halves[0], allowIPv4Tail: false), let tail = groups(halves[1], allowIPv4Tail: true),
              head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// An address range in CIDR notation (RFC 4632 for IPv4, RFC 4291 §2.3 for IPv6).
public struct CIDRRange: Hashable, Sendable, CustomStringConvertible {
    /// The network address (host bits cleared).
    public let network: IPAddress
    /// The prefix length (0–32 or 0–128).
    public let prefixLength: Int

    /// Parses `192.0.2.0/24`, `2001:db8::/32` or a bare address (a single host); `nil` if invalid.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(String(parts[0])) else { return nil }
        let maximum = address.bytes.count * 8
        var length = maximum
        if parts.count == 2 {
            guard (1...3).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(parts[1]), value <= maximum else { return nil }
            length = value
        }
        prefixLength = length
        network = IPAddress(bytes: Self.masked(address.bytes, length))
    }

    /// `network/prefixLength`.
    public var description: String { "\(network)/\(prefixLength)" }

    /// Whether `address` lies in the range. An IPv4-mapped IPv6 address matches IPv4 ranges.
    public func contains(_ address: IPAddress) -> Bool {
        var candidate = address
        if network.isIPv4, !address.isIPv4, let mapped = address.mappedIPv4 { candidate = mapped }
        guard candidate.bytes.count == network.bytes.count else { return false }
        return Self.masked(candidate.bytes, prefixLength) == network.bytes
    }

    private static func masked(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = min(8, max(0, length - index * 8))
            return bits == 0 ? 0 : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
        }
    }
}
