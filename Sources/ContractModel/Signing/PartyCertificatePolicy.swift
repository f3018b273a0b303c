import Crypto
import Foundation
import SwiftASN1
import X509

/// Decides whether a 当事者型 signing certificate belongs to the participant who signs with it,
/// so the workflow does not simply trust the host's word on who holds the key.
///
/// The workflow asks it before every party signature; a refusal throws
/// ``ContractError/Code/certificateNotBound`` and nothing is signed. The default,
/// ``EmailBoundPartyCertificates``, denies unless the certificate names the participant's e-mail address.
public protocol PartyCertificatePolicy: Sendable {
    /// `nil` when `certificate` may sign for `participant`, else why not.
    func refusal(of certificate: Certificate, for participant: Participant) async -> PartyCertificateRefusal?
}

/// Why a ``PartyCertificatePolicy`` refused a certificate.
public enum PartyCertificateRefusal: String, Hashable, Codable, Sendable {
    /// The certificate names no e-mail address (no rfc822Name in subjectAltName, no emailAddress in the subject).
    case noEmailInCertificate
    /// The certificate's e-mail addresses are not the participant's.
    case emailMismatch
    /// The certificate is not one pinned for the participant.
    case notPinned
}

/// The default binding: the participant's e-mail address must be an rfc822Name of the
/// certificate's subjectAltName or an emailAddress attribute of its subject (compared without
/// regard to case). Deny by default: a certificate naming no address is refused.
public struct EmailBoundPartyCertificates: PartyCertificatePolicy {
    /// The policy.
    public init() {}

    /// Refuses unless one of the certificate's addresses is the participant's.
    public func refusal(of certificate: Certificate, for participant: Participant) async -> PartyCertificateRefusal? {
        let addresses = Self.emailAddresses(of: certificate)
        guard !addresses.isEmpty else { return .noEmailInCertificate }
        return addresses.contains(participant.email.lowercased()) ? nil : .emailMismatch
    }

    /// The certificate's e-mail addresses, lower-cased: subjectAltName rfc822Names and subject emailAddress attributes.
    public static func emailAddresses(of certificate: Certificate) -> Set<String> {
        var found: Set<String> = []
        if let names = try? certificate.extensions.subjectAlternativeNames {
            for name in names {
                if case .rfc822Name(let address) = name { found.insert(address.lowercased()) }
            }
        }
        for rdn in certificate.subject {
            for attribute in rdn where attribute.type == .RDNAttributeType.emailAddress {
                if let value = String(attribute.value) { found.insert(value.lowercased()) }
            }
        }
        return found
    }
}

/// Certificates pinned per participant by the host (the SHA-256 of each certificate's DER), for
/// parties whose certificates name no e-mail address (e.g. a company seal). Deny by default.
public struct PinnedPartyCertificates: PartyCertificatePolicy {
    /// Lower-case hex SHA-256 fingerprints by participant.
    public var fingerprints: [ParticipantID: Set<String>]

    /// A policy accepting only the given certificates.
    public init(fingerprints: [ParticipantID: Set<String>]) { self.fingerprints = fingerprints }

    /// The lower-case hex SHA-256 of a certificate's DER, as ``fingerprints`` holds it.
    public static func fingerprint(of certificate: Certificate) throws -> String {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return SHA256.hash(data: serializer.serializedBytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Refuses unless the certificate is pinned for the participant.
    public func refusal(of certificate: Certificate, for participant: Participant) async -> PartyCertificateRefusal? {
        guard let pinned = fingerprints[participant.id], let fingerprint = try? Self.fingerprint(of: certificate), pinned.contains(fingerprint) else {
            return .notPinned
        }
        return nil
    }
}
