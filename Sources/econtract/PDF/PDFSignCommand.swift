import ArgumentParser
import CMSCore
import Foundation
import PDFSign
import TimestampClient

/// `econtract pdf sign`: a PAdES B-B or B-T signature as an incremental update.
struct PDFSignCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a PDF (PAdES B-B, or B-T with --tsa) as an incremental update."
    )

    @Option(name: .long, help: "The PDF to sign.")
    var `in`: String

    @Option(name: .long, help: "Where to write the signed PDF (not the input).")
    var out: String

    @OptionGroup var keyOptions: SigningKeyOptions

    @Option(name: .long, help: "B-B, B-T, B-LT or B-LTA (default: B-T with --tsa, else B-B). B-LT and B-LTA fetch OCSP/CRLs.")
    var level: String?

    @Option(name: .long, help: "RFC 3161 TSA URL for the signature timestamp.")
    var tsa: String?

    @Option(name: .long, help: "Signature field: an existing empty one, or the name of a new one.")
    var field: String?

    @OptionGroup var appearanceOptions: PDFAppearanceOptions

    @Option(name: .long, help: "/Reason.")
    var reason: String?

    @Option(name: .long, help: "/Location.")
    var location: String?

    @Option(name: .long, help: "/ContactInfo.")
    var contact: String?

    @Option(name: .long, help: "Certify the document: 1 no changes, 2 form filling and signing, 3 also annotations.")
    var certify: Int?

    @Option(name: .long, help: "Lock fields with this signature: 'all', or field names separated by commas.")
    var lock: String?

    @Option(name: .long, help: "Commitment type (ETSI EN 319 122-1 §5.2.3): proof-of-origin, proof-of-receipt, proof-of-delivery, proof-of-sender, proof-of-approval, proof-of-creation, or a dotted OID.")
    var commitment: String?

    @Option(name: .customLong("claimed-role"), help: "A role the signer claims, e.g. 代表取締役 (signer-attributes-v2, id-at-role; repeatable).")
    var claimedRole: [String] = []

    @Flag(name: .long, help: "Use /SubFilter /adbe.pkcs7.detached instead of /ETSI.CAdES.detached.")
    var pkcs7 = false

    @Option(name: .long, help: "Certificates to add to the DSS for B-LT/B-LTA (repeatable). Issuers missing from a chain are otherwise fetched from the AIA caIssuers URL when the certificate names one.")
    var dssCert: [String] = []

    @OptionGroup var password: PDFPasswordOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let commitment, CMSCommitmentType(name: commitment) == nil {
            throw ValidationError("unknown --commitment \(commitment): use proof-of-approval, proof-of-origin, … or a dotted OID")
        }
        if claimedRole.contains(where: \.isEmpty) { throw ValidationError("--claimed-role must not be empty") }
    }

    func run() async throws {
        try await runReportingErrors {
            let key = try await keyOptions.loadKey()
            var options = PDFSignatureOptions()
            options.fieldName = field
            options.reason = reason
            options.location = location
            options.contactInfo = contact
            options.subFilter = pkcs7 ? .pkcs7Detached : .cadesDetached
            options.commitmentType = commitment.flatMap(CMSCommitmentType.init(name:))
            options.claimedRoles = claimedRole
            if let certify {
                guard let level = PDFCertificationLevel(rawValue: certify) else {
                    throw PDFError(.invalidArgument, "--certify takes 1, 2 or 3")
                }
                options.certification = level
            }
            if let lock { options.fieldLock = lock == "all" ? .all : .include(lock.split(separator: ",").map(String.init)) }
            options.appearance = try appearanceOptions.appearance(signer: try await key.signerCertificate, reason: reason, location: location)
            let authority = try tsa.map { HTTPTimestampAuthority(url: try parseHTTPURL($0, option: "--tsa")) }
            var pades: PAdESLevel?
            if let level {
                guard let parsed = PAdESLevel(rawValue: level.uppercased()) else {
                    throw PDFError(.invalidArgument, "--level takes B-B, B-T, B-LT or B-LTA")
                }
                pades = parsed
            }
            let document = try password.open(`in`)
            var signer = PDFSigner(key: key, options: options, level: pades, timestampAuthority: authority)
            signer.extraCertificates = try dssCert.flatMap { try PEMFiles.certificates(inFile: $0) }
            let issuers = NotingIssuerSource()
            signer.issuerSource = issuers
            try await signer.sign(document, writingTo: out)
            print("signed \(`in`) → \(out) (PAdES \(signer.level.rawValue), \(options.subFilter.rawValue)\(certify.map { ", certified P=\($0)" } ?? ""))")
            for note in issuers.notes { print(note) }
        }
    }
}
