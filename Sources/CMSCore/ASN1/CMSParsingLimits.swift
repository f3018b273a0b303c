/// Safety limits applied while parsing CMS structures from untrusted input.
///
/// swift-asn1 already bounds nesting depth; these bound sizes and counts so that a
/// hostile input cannot make the parser allocate without limit.
package enum CMSParsingLimits {
    /// The largest encoded SignedData accepted (PDF /Contents are usually < 64 KiB;
    /// signatures with embedded revocation data may reach a few MiB).
    package static let maxEncodedSize = 16 * 1024 * 1024
    /// The most certificates in one SignedData.
    package static let maxCertificates = 256
    /// The most revocation-info entries in one SignedData.
    package static let maxRevocationInfos = 256
    /// The most SignerInfos in one SignedData.
    package static let maxSigners = 64
    /// The most attributes in one signed or unsigned attribute set.
    package static let maxAttributes = 128
}
