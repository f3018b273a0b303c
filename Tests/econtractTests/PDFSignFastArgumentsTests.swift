import ArgumentParser
@testable import econtract
import Testing

/// The start-up fast path of `econtract pdf sign` must read the arguments it takes exactly as
/// ArgumentParser reads them, and leave every other argument list to ArgumentParser.
@Suite("pdf sign: the fast argument reader agrees with ArgumentParser")
struct PDFSignFastArgumentsTests {
    static let required = ["--in", "in.pdf", "--out", "out.pdf", "--key", "k.pem", "--cert", "c.pem"]

    /// Argument lists the fast path takes (after `pdf sign`).
    static let taken: [[String]] = [
        required,
        required + ["--chain", "i.pem"],
        required + ["--chain", "i.pem", "--chain", "root.pem", "--level", "B-T", "--tsa", "http://127.0.0.1:9419/tsa"],
        ["--cert", "c.pem", "--out", "出力 ファイル.pdf", "--in", "in.pdf", "--key", "k.pem", "-v"],
        required + ["--field", "Signature2", "--reason", "契約締結のため", "--location", "東京都千代田区", "--contact", "a@example.jp"],
        required + ["--level", "b-lta", "-vv"],
        required + ["--verbose", "--reason", "a=b, c", "-v"],
        required + ["--level", "B-X"],  // a bad level is the job's error, the same either way
        required + ["--reason", ""],
    ]

    /// Argument lists it must leave to ArgumentParser.
    static let left: [[String]] = [
        [],
        ["--in", "in.pdf"],
        Array(required.dropLast(2)),  // no --cert
        required + ["--in", "again.pdf"],
        required + ["--reason"],
        required + ["--reason", "-x"],
        required + ["--level=B-T"],
        required + ["--pkcs7"],
        required + ["--p12", "k.p12"],
        required + ["--visible", "1,10,10,100,40"],
        required + ["--pdf-password-file", "pw.txt"],
        required + ["--commitment", "proof-of-approval"],
        required + ["--help"],
        required + ["-h"],
        required + ["extra"],
    ]

    @Test("Where it reads the arguments, it makes the job ArgumentParser makes", arguments: taken)
    func agrees(_ arguments: [String]) throws {
        let fast = try #require(PDFSignFastArguments.parse(["pdf", "sign"] + arguments))
        let parsed = try #require(try PDFSignCommand.parseAsRoot(arguments) as? PDFSignCommand)
        let expected = parsed.job
        #expect(fast.verbosity == parsed.logging.verbose)
        let fastKey = try #require(fast.job.key.pemFiles)
        let expectedKey = try #require(expected.key.pemFiles)
        #expect(fastKey.key == expectedKey.key && fastKey.certificate == expectedKey.certificate && fastKey.chain == expectedKey.chain)
        // Every other field of the job, whatever fields it grows.
        let fields = Mirror(reflecting: fast.job).children.filter { $0.label != "key" }
        let expectedFields = Mirror(reflecting: expected).children.filter { $0.label != "key" }
        #expect(fields.count == expectedFields.count && fields.count > 10)
        for (field, expectedField) in zip(fields, expectedFields) {
            #expect(field.label == expectedField.label)
            #expect(String(reflecting: field.value) == String(reflecting: expectedField.value), "\(field.label ?? "?")")
        }
    }

    @Test("It leaves everything else to ArgumentParser", arguments: left)
    func leaves(_ arguments: [String]) {
        #expect(PDFSignFastArguments.parse(["pdf", "sign"] + arguments) == nil)
    }

    @Test("Only `pdf sign` is read")
    func otherCommands() {
        #expect(PDFSignFastArguments.parse(["pdf", "verify"] + Self.required) == nil)
        #expect(PDFSignFastArguments.parse(["cms", "sign"] + Self.required) == nil)
        #expect(PDFSignFastArguments.parse(["sign", "pdf"] + Self.required) == nil)
    }
}
