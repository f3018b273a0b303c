import CMSCore
import Foundation
import X509
import _CryptoExtras

/// The RSA-2048 signer both we and pyHanko use: the interop PKI's `signer-party` when
/// ../shared is present, else one issued by a fresh sandbox PKI.
struct KeyFiles {
    var key: String
    var certificate: String
    var chain: String
    var origin: String

    static func prepare(in directory: URL) throws -> KeyFiles {
        let interop = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("../shared/interop/pki").standardized
        let files: KeyFiles
        if FileManager.default.fileExists(atPath: interop.appendingPathComponent("keys/signer-party.key.pem").path) {
            files = KeyFiles(
                key: interop.appendingPathComponent("keys/signer-party.key.pem").path,
                certificate: interop.appendingPathComponent("certs/signer-party.cert.pem").path,
                chain: interop.appendingPathComponent("certs/interm.cert.pem").path, origin: "../shared/interop/pki signer-party (RSA-2048)")
        } else {
            let pki = try SandboxPKI.openOrCreate(at: directory.appendingPathComponent("sandbox"))
            let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let certificate = try pki.issueLeaf(publicKey: .init(rsa.publicKey), commonName: "Benchmark RSA-2048")
            let keyPath = directory.appendingPathComponent("bench.key.pem").path
            let certificatePath = directory.appendingPathComponent("bench.cert.pem").path
            try rsa.pemRepresentation.write(toFile: keyPath, atomically: true, encoding: .utf8)
            try certificate.serializeAsPEM().pemString.write(toFile: certificatePath, atomically: true, encoding: .utf8)
            files = KeyFiles(key: keyPath, certificate: certificatePath, chain: pki.directory.appendingPathComponent("sandbox-issuing-ca.pem").path,
                             origin: "sandbox PKI (RSA-2048)")
        }
        let record = [files.key, files.certificate, files.chain].joined(separator: "\n")
        try record.write(to: directory.appendingPathComponent("keys.txt"), atomically: true, encoding: .utf8)
        return files
    }

    static func existing(in directory: URL) throws -> KeyFiles {
        let lines = try String(contentsOf: directory.appendingPathComponent("keys.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        guard lines.count == 3 else { throw CMSError(.invalidArgument, "keys.txt is incomplete") }
        return KeyFiles(key: lines[0], certificate: lines[1], chain: lines[2], origin: "")
    }
}
