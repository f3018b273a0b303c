/// Safety limits applied while parsing OCSP responses and CRLs from untrusted input.
package enum RevocationLimits {
    /// The largest encoded CRL accepted (32 MiB).
    package static let maxCRLSize = 32 * 1024 * 1024
    /// The largest encoded OCSP response accepted (1 MiB; real ones are a few KiB).
    package static let maxOCSPResponseSize = 1024 * 1024
    /// The most extensions in one extension list.
    package static let maxExtensions = 64
    /// The most SingleResponses in one OCSP response.
    package static let maxSingleResponses = 1024
    /// The most certificates carried in one OCSP response.
    package static let maxResponseCertificates = 32
    /// The most distribution points / access URLs considered per certificate.
    package static let maxDistributionPoints = 16
}
