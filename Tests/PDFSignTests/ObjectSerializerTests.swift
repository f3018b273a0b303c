@testable import PDFSign
import Testing

@Suite("Writing PDF objects: what we write parses back to the same object")
struct ObjectSerializerTests {
    static let samples: [PDFObject] = [
        .null, .bool(true), .bool(false), .integer(0), .integer(-42), .integer(Int64.max),
        .real(0.5), .real(-12.25), .real(3.0), .real(0.0000001), .real(1234567.125),
        .name("Type"), .name(PDFName(bytes: Array("A B#(x)/y".utf8) + [0x00, 0xE3, 0x81, 0x82])),
        .string(PDFString(bytes: Array("plain".utf8))),
        .string(PDFString(bytes: Array("paren ( ) \\ back\r\nslash".utf8))),
        .string(PDFString(bytes: [0x00, 0xFF, 0x28, 0x0A], format: .hex)),
        .string(PDFString(bytes: Array("電子契約".utf8), format: .literal)),
        .array([]), .array([.integer(1), .real(2.5), .name("N"), .array([.null])]),
        .reference(PDFObjectReference(12, 0)),
        .dictionary(PDFDictionary(["Type": .name("Sig"), "ByteRange": .array([.integer(0), .integer(10), .integer(20), .integer(30)]),
                                   "Kids": .array([.reference(PDFObjectReference(3, 1))]),
                                   "Inner": .dictionary(PDFDictionary(["M": .string(PDFString(bytes: Array("D:20261126".utf8)))]))])),
    ]

    @Test("round trip", arguments: samples)
    func roundTrip(object: PDFObject) throws {
        let bytes = try PDFObjectSerializer.bytes(of: object)
        #expect(try PDFObjectParser.parse(bytes) == object, "\(String(decoding: bytes, as: UTF8.self))")
    }

    @Test("names escape delimiters, white space, # and non-ASCII bytes")
    func nameEscaping() throws {
        let bytes = try PDFObjectSerializer.bytes(of: .name(PDFName(bytes: Array("a b#/".utf8) + [0xE3])))
        #expect(String(decoding: bytes, as: UTF8.self) == "/a#20b#23#2F#E3")
    }

    @Test("reals have no exponent and stay reals")
    func reals() throws {
        #expect(try PDFObjectSerializer.bytes(of: .real(1e-7)) == Array("0.0000001".utf8))
        #expect(try PDFObjectSerializer.bytes(of: .real(3)) == Array("3.0".utf8))
        #expect(try PDFObjectSerializer.bytes(of: .real(-0.0)) == Array("0.0".utf8))
        // Whole numbers take a path of their own; its bytes are those of the general one.
        for (value, text) in [(-3.0, "-3.0"), (595.0, "595.0"), (1e14, "100000000000000.0"), (1e15, "1000000000000000.0"),
                              (-1e16, "-10000000000000000.0"), (595.276, "595.276"), (1.0 / 3, "0.3333333333")] {
            #expect(try PDFObjectSerializer.bytes(of: .real(value)) == Array(text.utf8), "\(value)")
        }
        #expect(throws: PDFError.self) { try PDFObjectSerializer.bytes(of: .real(.infinity)) }
        #expect(throws: PDFError.self) { try PDFObjectSerializer.bytes(of: .real(.nan)) }
    }

    @Test("a stream cannot be written as a direct object")
    func streamsRefused() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog >>")
        builder.stream(2, data: Array("BT ET".utf8))
        builder.classicXref(trailer: "/Size 3 /Root 1 0 R")
        let document = try PDFDocument(bytes: builder.bytes)
        let stream = try #require(try document.object(for: PDFObjectReference(2, 0)).streamValue)
        #expect(throws: PDFError.self) { try PDFObjectSerializer.bytes(of: .stream(stream)) }
    }
}
