import Foundation
import SwiftASN1
import X509

/// Reading certificates and keys from files, with typed errors that name the file.
public enum PEMFiles {
    /// Reads a file as UTF-8 text.
    public static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CMSError(.invalidArgument, "cannot read file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CMSError(.invalidArgument, "file \(path) is not text")
        }
        return text
    }

    /// Every certificate in a PEM file (in order), or the one certificate of a DER file.
    public static func certificates(inFile path: String) throws -> [Certificate] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CMSError(.invalidArgument, "cannot read certificate file \(path)")
        }
        do {
            return try certificates(in: Array(data))
        } catch let error as CMSError {
            throw CMSError(error.code, "\(path): \(error.reason)")
        }
    }

    /// Every certificate in PEM text, or the one certificate of DER bytes.
    public static func certificates(in bytes: [UInt8]) throws -> [Certificate] {
        if bytes.first == 0x30 {
            do { return [try Certificate(derEncoded: bytes)] } catch {
                throw CMSError(.invalidCertificate, "DER certificate cannot be parsed: \(error)")
            }
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw CMSError(.invalidCertificate, "neither PEM nor DER")
        }
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw CMSError(.invalidCertificate, "PEM cannot be parsed: \(error)")
        }
        let certificates = try documents.filter { $0.discriminator == "CERTIFICATE" }.map { document in
            do { return try Certificate(derEncoded: document.derBytes) } catch {
                throw CMSError(.invalidCertificate, "certificate cannot be parsed: \(error)")
            }
        }
        guard !certificates.isEmpty else {
            throw CMSError(.invalidCertificate, "no CERTIFICATE block found")
        }
        return certificates
    }
}
