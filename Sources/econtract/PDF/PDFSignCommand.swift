import ArgumentParser
import CMSCore
import Foundation
import PDFSign

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

    /// The values the options hold, for ``PDFSignJob``.
    var job: PDFSignJob {
        PDFSignJob(input: `in`, output: out, key: keyOptions.source, level: level, tsa: tsa, field: field, reason: reason,
                   location: location, contact: contact, certify: certify, lock: lock, commitment: commitment,
                   claimedRoles: claimedRole, pkcs7: pkcs7, dssCertificates: dssCert, appearance: appearanceOptions.request,
                   pdfPassword: password.input)
    }

    func run() async throws {
        try await job.run()
    }
}
