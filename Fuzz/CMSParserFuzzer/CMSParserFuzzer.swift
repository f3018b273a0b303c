// libFuzzer entry point for the CMS parser: parse, re-serialize, read every view, and run
// the verifier's parsing steps. Built only with ECONTRACT_FUZZ=1 and -sanitize=fuzzer
// (see .ci/fuzz); it is not part of normal builds.
import CMSCore
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCMSParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let signature = try? CMSSignature(berEncoded: bytes) else { return 0 }
    if let der = try? signature.derEncoded() {
        // What we write must parse again and be stable.
        guard let again = try? CMSSignature(berEncoded: der), (try? again.derEncoded()) == der else {
            fatalError("re-serialized SignedData does not round-trip")
        }
    }
    _ = signature.certificates
    _ = signature.crls
    _ = signature.encapsulatedContent
    for signer in signature.signers {
        _ = signer.signatureAlgorithm
        _ = signer.unsignedAttributeTypes
    }
    let semaphore = DispatchSemaphore(value: 0)
    Task {
        let verifier = CMSSignatureVerifier(policy: CMSVerificationPolicy(trustAnchors: signature.certificates))
        _ = await verifier.verify(signature, content: .bytes(Array(bytes.prefix(16))))
        semaphore.signal()
    }
    semaphore.wait()
    return 0
}
