import Foundation
import X509

extension Certificate {
    /// The `http:` URLs of the Authority Information Access `caIssuers` method (RFC 5280
    /// §4.2.2.1): where the certificates of this certificate's issuer are published.
    package var caIssuersURLs: [URL] {
        guard let aia = try? extensions.authorityInformationAccess else { return [] }
        var urls: [URL] = []
        for description in aia where description.method == .issuingCA {
            if case .uniformResourceIdentifier(let string) = description.location,
               let url = URL(string: string), url.scheme?.lowercased() == "http", !urls.contains(url) {
                urls.append(url)
            }
        }
        return Array(urls.prefix(RevocationLimits.maxDistributionPoints))
    }
}
