// RemoteSigning — two-phase signing: the server prepares the PDF and the data to be signed,
// the key holder (a phone, an HSM, a remote signing service) signs only a digest, and the
// server finishes later. Both intermediate states are plain JSON.
//
//   swift run RemoteSigning IN.pdf OUT.pdf        # the "remote" key is a sandbox key here
import CMSCore
import Foundation
import PDFSign

@main
struct RemoteSigning {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            print("usage: RemoteSigning IN.pdf OUT.pdf")
            exit(2)
        }
        do {
            let sandbox = try SandboxPKI.openOrCreate(at: URL(fileURLWithPath: ".remotesigning-sandbox"))
            let remoteKey = try sandbox.signer(named: "remote", subject: try DistinguishedName { CommonName("Remote Signer") })

            // Server, phase 1: the signer's certificates are known; the key is not here.
            let certificatesOnly = ExternalSigningKey(certificateChain: remoteKey.certificateChain) { _ in
                throw CMSError(.signingFailed, "the server never signs")
            }
            let (prepared, state) = try PDFSignaturePreparer().prepare(PDFDocument(contentsOfFile: arguments[1]), contentsCapacity: 8_192)
            let cms = try await CAdESSigner(key: certificatesOnly).prepare(digest: state.documentDigest)
            let stored = (pdf: try JSONEncoder().encode(state), cms: try JSONEncoder().encode(cms))
            print("phase 1: prepared \(prepared.count) bytes; the key holder must sign \(cms.signatureRequest.digest.count)-byte digest "
                + "\(cms.signatureRequest.digest.prefix(8).map { String(format: "%02x", $0) }.joined())… with \(cms.signatureRequest.algorithm)")

            // Key holder: signs the request (only the digest leaves the server).
            let value = try await remoteKey.sign(cms.signatureRequest)

            // Server, phase 2: restore the states, complete the CMS, embed it.
            let restoredCMS = try JSONDecoder().decode(PreparedCMSSignature.self, from: stored.cms)
            let restoredPDF = try JSONDecoder().decode(PreparedPDFSignature.self, from: stored.pdf)
            var file = prepared
            try restoredPDF.embed(try restoredCMS.completed(signatureValue: value), into: &file)
            try Data(file).write(to: URL(fileURLWithPath: arguments[2]))

            let report = await PDFSignatureValidator(policy: .init(trustAnchors: [sandbox.root], revocation: .none))
                .validate(try PDFDocument(bytes: file))
            print("phase 2: wrote \(arguments[2]): \(report.signatures.map(\.indication.rawValue).joined(separator: ", "))")
            exit(report.valid ? 0 : 1)
        } catch {
            print("error: \(error)")
            exit(2)
        }
    }
}
