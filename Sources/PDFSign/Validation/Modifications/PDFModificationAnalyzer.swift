/// Judges what was written after a signed revision (ISO 32000-2 §12.8.2: DocMDP and FieldMDP),
/// rejecting by default, and names known attack classes: the Incremental Saving Attack (PDF
/// Insecurity 2019), the Shadow Attacks hide, replace and hide-and-replace (2021) and the
/// certification attacks Evil Annotation and Sneaky Signature (2021).
///
/// Each later revision is compared with the one before it, object by object: every object the
/// revision's cross-reference section lists is either identical to its previous version, a new
/// object reached only from allowed changes (or not reached at all), or a change one of the rules
/// below explains. Everything else is `disallowed`.
///
/// Allowed: new signature fields and widgets (with their appearance streams and resources) and
/// signature values in empty signature fields; catalog /AcroForm, /DSS, /Extensions, /MarkInfo,
/// /Metadata (an XMP stream) and a higher /Version; /AcroForm /Fields growing by signature fields,
/// /SigFlags and /DR additions; page /Annots growing by signature widgets; the /Info dictionary;
/// DSS/VRI updates and document timestamps; form filling (/V, /AP, /AS…) when DocMDP allows it
/// (uncertified or P ≥ 2) and no FieldMDP lock covers the field; other annotations only after a
/// certification with P = 3. After a certification, new *visible* signature widgets are refused
/// (Sneaky Signature) and, unless P = 3, new or changed annotations (Evil Annotation).
///
/// Each of these is a small rule (see the rule list in the PDFSign overview) in a policy that
/// mirrors pyHanko's diff analysis: a rewritten object goes to the first rule whose role it
/// plays, and what no rule claims is disallowed.
///
/// The analyzer never throws: what cannot be read becomes an `.unparseable` finding.
public struct PDFModificationAnalyzer: Sendable {
    /// The document examined.
    public let document: PDFDocument
    /// The rules applied, in order.
    let policy: PDFModificationPolicy

    /// An analyzer for `document`, with the default rules.
    public init(document: PDFDocument) {
        self.document = document
        self.policy = .standard
    }

    /// Everything written after revision `signedRevision` (index into document.revisions), judged for the
    /// signature in field `signatureField` (its merged field/widget reference), given the permissions of all
    /// signatures: the DocMDP P of the certification signature if any (nil = not certified) and the FieldMDP
    /// locks of every signature whose revision is ≤ the revision being examined.
    public func analyze(signedRevision: Int, signatureField: PDFObjectReference?) -> PDFModificationReport {
        let run = PDFModificationRun(document: document, signedRevision: signedRevision, signatureField: signatureField, policy: policy)
        return run.report()
    }
}
