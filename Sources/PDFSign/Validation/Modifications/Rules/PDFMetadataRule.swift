/// The document's XMP metadata, which signers update (as pyHanko's `MetadataUpdateRule`
/// allows): the catalog's /Metadata may point at a new XMP stream, and the stream present when
/// signed may be rewritten while it stays a /Metadata stream.
struct PDFMetadataRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard change.number == revision.catalogEntry("Metadata"),
              revision.new.dictionary(change.new)?.name("Type") == "Metadata" else { return nil }
        return .approving(change.new)
    }

    /// The catalog's /Metadata entry changed to `entry`.
    static func reviewCatalogEntry(_ entry: PDFObject?, catalog number: Int, in revision: PDFRevisionJudge, into verdict: inout PDFRuleVerdict) {
        let stream = revision.new.resolve(entry)?.streamValue
        if let stream, stream.dictionary.name("Type") == "Metadata", stream.dictionary.name("Subtype") == "XML" {
            verdict.approve(entry)
        } else {
            verdict.disallow(.disallowedModification, "catalog /Metadata replaced by something that is not an XMP stream", [number], covering: entry)
        }
    }
}
