import CMSCore

/// Loads a PKCS#12 key file (pending the PKCS#12 reader in CMSCore).
func loadPKCS12(path: String, password: String) throws -> SoftwareSigningKey {
    throw CMSError(.unsupportedAlgorithm, "PKCS#12 files are not supported yet; use --key and --cert")
}
