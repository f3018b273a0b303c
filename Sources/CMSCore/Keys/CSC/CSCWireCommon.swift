import Foundation
import SwiftASN1
import X509

/// Shapes shared by CSC API v1 and v2 (`info`, the `key` and `cert` objects, `authorize` and
/// `signHash` responses). Field names are the specification's.
enum CSCWire {
    struct InfoRequest: Encodable { var lang: String? }

    struct InfoResponse: Decodable {
        var specs: String
        var name: String?
        var description: String?
        var authType: [String]?
        var methods: [String]?

        var model: CSCServiceInfo {
            CSCServiceInfo(specs: specs, name: name, serviceDescription: description, authTypes: authType ?? [], methods: methods ?? [])
        }
    }

    struct Key: Decodable {
        var status: String?
        var algo: [String]?
        var len: FlexibleInt?
    }

    struct Cert: Decodable {
        var status: String?
        var certificates: [String]?
    }

    struct AuthorizeResponse: Decodable {
        var SAD: String
        var expiresIn: FlexibleInt?

        var model: CSCSignatureActivationData { CSCSignatureActivationData(value: SAD, expiresIn: expiresIn?.value ?? 3600) }
    }

    struct SignHashResponse: Decodable {
        var signatures: [String]?
    }

    /// A number some services send as a JSON string (`"SCAL": "2"` in v1) and others as a number.
    struct FlexibleInt: Decodable {
        var value: Int
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = number
            } else if let text = try? container.decode(String.self), let number = Int(text) {
                value = number
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number")
            }
        }
    }

    /// The key and certificate part of a `credentials/info` answer, as the model.
    static func credential(id: String, key: Key, cert: Cert?, description: String?, scal: FlexibleInt?, multisign: FlexibleInt?,
                           mode: CSCAuthorizationMode, factors: [CSCAuthenticationFactor], otpIsSentByService: Bool) throws -> CSCCredentialInfo {
        let certificates = try (cert?.certificates ?? []).enumerated().map { index, base64 in
            guard let der = Data(base64Encoded: base64) else {
                throw CSCError(.badResponse, "credentials/info: certificate \(index) is not base64", method: CSCMethod.credentialsInfo)
            }
            do {
                return try Certificate(derEncoded: Array(der))
            } catch {
                throw CSCError(.badResponse, "credentials/info: certificate \(index) cannot be read: \(error)", method: CSCMethod.credentialsInfo)
            }
        }
        let algorithms = (key.algo ?? []).compactMap { try? ASN1ObjectIdentifier(dotRepresentation: $0) }
        return CSCCredentialInfo(
            credentialID: id, isKeyEnabled: (key.status ?? "enabled").lowercased() == "enabled", signatureAlgorithms: algorithms,
            keyLength: key.len?.value, certificateStatus: cert?.status, certificates: certificates, authorizationMode: mode,
            factors: factors, soleControlAssuranceLevel: scal?.value, multisign: multisign?.value,
            credentialDescription: description, otpIsSentByService: otpIsSentByService)
    }
}
