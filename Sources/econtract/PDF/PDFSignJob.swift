import CMSCore
import Foundation
import PDFSign
import TimestampClient

/// What `econtract pdf sign` does once its arguments are read: plain values, whether
/// ArgumentParser read them (``PDFSignCommand``) or the start-up fast path did
/// (``PDFSignFastArguments``). Its values are checked here, not by the parser, so both ways
/// give the same errors.
struct PDFSignJob {
    var input: String
    var output: String
    var key: SigningKeySource
    var level: String?
    var tsa: String?
    var field: String?
    var reason: String?
    var location: String?
    var contact: String?
    var certify: Int?
    var lock: String?
    var commitment: String?
    var claimedRoles: [String] = []
    var pkcs7 = false
    var dssCertificates: [String] = []
    var appearance = PDFAppearanceRequest()
    var pdfPassword = PDFPasswordOptions.input(value: nil, file: nil)

    func run() async throws {
        try await runReportingErrors {
            let key = try await key.load()
            var options = PDFSignatureOptions()
            options.fieldName = field
            options.reason = reason
            options.location = location
            options.contactInfo = contact
            options.subFilter = pkcs7 ? .pkcs7Detached : .cadesDetached
            options.commitmentType = commitment.flatMap(CMSCommitmentType.init(name:))
            options.claimedRoles = claimedRoles
            if let certify {
                guard let level = PDFCertificationLevel(rawValue: certify) else {
                    throw PDFError(.invalidArgument, "--certify takes 1, 2 or 3")
                }
                options.certification = level
            }
            if let lock { options.fieldLock = lock == "all" ? .all : .include(lock.split(separator: ",").map(String.init)) }
            options.appearance = try appearance.appearance(signer: try await key.signerCertificate, reason: reason, location: location)
            let authority = try tsa.map { HTTPTimestampAuthority(url: try parseHTTPURL($0, option: "--tsa")) }
            var pades: PAdESLevel?
            if let level {
                guard let parsed = PAdESLevel(rawValue: level.uppercased()) else {
                    throw PDFError(.invalidArgument, "--level takes B-B, B-T, B-LT or B-LTA")
                }
                pades = parsed
            }
            let document = try PDFPasswordOptions.open(input, password: pdfPassword)
            var signer = PDFSigner(key: key, options: options, level: pades, timestampAuthority: authority)
            signer.extraCertificates = try dssCertificates.flatMap { try PEMFiles.certificates(inFile: $0) }
            let issuers = NotingIssuerSource()
            signer.issuerSource = issuers
            try await signer.sign(document, writingTo: output)
            print("signed \(input) → \(output) (PAdES \(signer.level.rawValue), \(options.subFilter.rawValue)\(certify.map { ", certified P=\($0)" } ?? ""))")
            for note in issuers.notes { print(note) }
        }
    }
}
