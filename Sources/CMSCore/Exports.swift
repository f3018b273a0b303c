// Certificates (swift-certificates' `Certificate`, `DistinguishedName`, …) appear throughout
// CMSCore's public API, so apps that import CMSCore get them without a second import.
@_exported import X509
