import SwiftASN1

/// Text for `ASN1Identifier.TagClass`, which swift-asn1 leaves without a description.
///
/// swift-crypto parses every RSA public key by first trying the RSASSA-PSS form, and a plain
/// RSA key makes that attempt throw `ASN1Error.unexpectedFieldType`, whose reason interpolates
/// the identifier, tag class included. Without a description the tag class is printed through
/// `Mirror`, whose first use costs several scans of all the protocol conformances in this
/// binary: about 4 M instructions, an eighth of a whole `pdf sign` with an RSA certificate.
/// The text is the one `Mirror` prints (the case name). Only this executable has the
/// conformance; the libraries do not impose it on apps. (Upstream fix: a description in
/// swift-asn1, or a lazily built reason.)
extension ASN1Identifier.TagClass: @retroactive CustomStringConvertible {
    public var description: String {
        switch self {
        case .universal: "universal"
        case .application: "application"
        case .contextSpecific: "contextSpecific"
        case .private: "private"
        }
    }
}
