// libFuzzer entry point for the whole PDF validator: open (with repair), validate every
// signature and document timestamp (byte ranges, CMS, timestamps, modification analysis,
// level) offline, and encode the JSON report. Built only with ECONTRACT_FUZZ=1 and
// -sanitize=fuzzer (see .ci/fuzz).
import Dispatch
import Foundation
import PDFSign

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFValidator(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = PDFParsingLimits()
    limits.decode.maxDecodedBytes = 64 * 1024 * 1024
    guard let document = try? PDFDocument(bytes: bytes, limits: limits) else { return 0 }
    // The validator is `async`; libFuzzer calls synchronously, so each input waits for its task.
    let done = DispatchSemaphore(value: 0)
    Task {
        _ = try? await PDFSignatureValidator().validate(document).jsonData()
        done.signal()
    }
    done.wait()
    return 0
}
