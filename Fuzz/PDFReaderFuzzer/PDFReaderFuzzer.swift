// libFuzzer entry point for the PDF reader: open (with repair), walk every cross-reference
// entry of every revision, resolve every object, decode every stream, count the pages.
// Built only with ECONTRACT_FUZZ=1 and -sanitize=fuzzer (see .ci/fuzz).
import PDFSign

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // A smaller decode cap than the default (256 MiB) keeps each input within libFuzzer's
    // memory limit; every other limit is the default.
    var limits = PDFParsingLimits()
    limits.decode.maxDecodedBytes = 64 * 1024 * 1024
    guard let document = try? PDFDocument(bytes: bytes, limits: limits) else { return 0 }
    for revision in document.revisions {
        for number in revision.entries.keys.prefix(2_000) {
            _ = try? document.indirectObject(number: number, asOf: revision)
        }
    }
    for number in document.objectNumbers.prefix(2_000) {
        guard let object = try? document.indirectObject(number: number) else { continue }
        if case .stream(let stream) = object.object {
            _ = try? document.decodedData(of: stream)
        }
    }
    _ = try? document.catalog()
    _ = try? document.info()
    _ = try? document.pageCount()
    return 0
}
