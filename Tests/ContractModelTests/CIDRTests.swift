import ContractModel
import Testing

@Suite struct CIDRTests {
    @Test(arguments: [
        ("192.0.2.0/24", "192.0.2.255", true), ("192.0.2.0/24", "192.0.3.0", false), ("10.0.0.0/8", "10.255.255.255", true),
        ("0.0.0.0/0", "203.0.113.9", true), ("192.0.2.7", "192.0.2.7", true), ("192.0.2.7/32", "192.0.2.8", false),
        ("192.0.2.128/25", "192.0.2.127", false), ("192.0.2.128/25", "192.0.2.128", true), ("192.0.2.77/24", "192.0.2.1", true),
        ("2001:db8::/32", "2001:db8:ffff::1", true), ("2001:db8::/32", "2001:db9::1", false), ("::/0", "::1", true),
        ("2001:db8:0:1::/64", "2001:db8:0:1:ffff:ffff:ffff:ffff", true), ("2001:db8:0:1::/64", "2001:db8:0:2::", false),
        ("2001:db8::/127", "2001:db8::1", true), ("2001:db8::/128", "2001:db8::1", false),
        ("192.0.2.0/24", "::ffff:192.0.2.5", true), ("192.0.2.0/24", "2001:db8::1", false), ("2001:db8::/32", "192.0.2.1", false),
        ("fe80::/10", "febf::1", true), ("fe80::/10", "fec0::1", false),
    ])
    func matches(_ range: String, _ address: String, _ expected: Bool) throws {
        let cidr = try #require(CIDRRange(range))
        let ip = try #require(IPAddress(address))
        #expect(cidr.contains(ip) == expected)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/-1", "1.2.3.4/", "::1::", "1:2:3:4:5:6:7:8:9",
                      "12345::", "g::1", "fe80::1%eth0", "1.2.3.4/8/8", ":::", "1:2:3:4:5:6:7::8:9", "::/129", "1.2.3.4 "])
    func rejects(_ text: String) {
        #expect(CIDRRange(text) == nil)
    }

    @Test func parsesForms() throws {
        #expect(try #require(IPAddress("::")).bytes == Array(repeating: 0, count: 16))
        #expect(try #require(IPAddress("::ffff:1.2.3.4")).mappedIPv4 == IPAddress("1.2.3.4"))
        #expect(try #require(IPAddress("1:2:3:4:5:6:7:8")).description == "1:2:3:4:5:6:7:8")
        #expect(try #require(IPAddress("1::8")).bytes == [0, 1] + Array(repeating: 0, count: 12) + [0, 8])
        #expect(try #require(CIDRRange("192.0.2.77/24")).description == "192.0.2.0/24")
    }
}
