import CMSCore
import Crypto
import Foundation
import PDFSign
import TimestampClient

/// The completion certificate (合意締結証明書) of a completed contract: a PDF, laid out with
/// PDFSign's composer, that states what was agreed, by whom, how each participant signed and
/// authenticated, the audit trail and its anchored head — and is itself signed by the platform.
///
/// What it shows:
/// - the contract's title, id and version, and the SHA-256 of the final signed PDF;
/// - each participant with role, signing method (当事者型 / 立会人型), the second factors of a
///   witness signature, and the times of invitation, authentication and signature;
/// - every audit event (sequence, time in UTC, action, actor), and the audit head with the
///   time its RFC 3161 anchor proves.
///
/// ```swift
/// let certificate = CompletionCertificate(completed: completed, issuer: "Example Sign",
///                                         fonts: PDFComposerFonts(regular: font))
/// let signed = try await certificate.signed(by: PDFSigner(key: platformKey, level: .lta, timestampAuthority: tsa))
/// ```
public struct CompletionCertificate: Sendable {
    /// The completed contract, its final PDF, trail and anchors.
    public var completed: CompletedContract
    /// The platform that issues the certificate (shown, and the /Author).
    public var issuer: String
    /// The fonts (Japanese names need a Japanese font: see `PDFFontDiscovery`).
    public var fonts: PDFComposerFonts
    /// When the certificate is issued (default: the contract's completion time), so the same
    /// contract gives the same PDF.
    public var issuedAt: Date

    /// A certificate for `completed`, issued by `issuer`.
    public init(completed: CompletedContract, issuer: String, fonts: PDFComposerFonts, issuedAt: Date? = nil) {
        self.completed = completed
        self.issuer = issuer
        self.fonts = fonts
        self.issuedAt = issuedAt ?? completed.contract.completedAt ?? Date(timeIntervalSince1970: 0)
    }

    /// The SHA-256 of the final signed PDF, lower-case hex.
    public var documentSHA256: String {
        SHA256.hash(data: completed.document).map { String(format: "%02x", $0) }.joined()
    }

    /// The unsigned certificate PDF.
    ///
    /// - Throws: `PDFError` when a character is missing from the font.
    public func pdfBytes() throws -> [UInt8] {
        let contract = completed.contract
        let metadata = PDFDocumentMetadata(
            title: "合意締結証明書 — \(contract.title)", author: issuer, subject: "Certificate of completion \(contract.id.rawValue)",
            creator: "EContractKit ContractModel", creationDate: issuedAt)
        var document = PDFComposedDocument(blocks: blocks(), fonts: fonts, metadata: metadata)
        document.header = PDFRunningText(left: issuer, right: "合意締結証明書 / Certificate of completion")
        document.footer = PDFRunningText(left: contract.id.rawValue, right: "{page} / {pages}")
        return try document.pdfBytes()
    }

    /// The certificate signed by `signer` — the platform's key, at the level and with the TSA
    /// and revocation sources it is configured with (B-T or better is what a certificate
    /// needs; B-LTA to keep it verifiable for decades). /Reason and /Name say what it
    /// certifies and who issues it unless the signer's options already set them.
    public func signed(by signer: PDFSigner) async throws -> [UInt8] {
        var signer = signer
        if signer.options.reason == nil {
            signer.options.reason = "合意締結証明書: \(completed.contract.title) (\(completed.contract.id.rawValue))"
        }
        if signer.options.signerName == nil { signer.options.signerName = issuer }
        return try await signer.sign(PDFDocument(bytes: pdfBytes()))
    }

    static func utc(_ date: Date?) -> String {
        guard let date else { return "—" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}
