import CMSCore
import Foundation
@testable import PDFSign
import Testing

/// Pins the JSON schema of ``PDFValidationReport/jsonData()``: the keys at each level, the
/// values the enumerated fields may take, ISO 8601 dates, and a lossless decode. Renaming a key
/// or a value is a breaking change for every program that reads the report, so it fails here.
@Suite("Validation report JSON schema")
struct ReportSchemaTests {
    static let reportKeys: Set<String> = ["signatures", "documentTimestamps", "findings", "trustJudged", "validationTime", "valid"]
    /// Keys every signature report has.
    static let signatureRequiredKeys: Set<String> = [
        "field", "intact", "coverage", "modifications", "findings", "level", "indication", "byteRange",
    ]
    /// Keys a signature report has when the value is known.
    static let signatureOptionalKeys: Set<String> = [
        "subIndication", "subFilter", "signer", "claimedSigningTime", "timestampTime", "validationTime",
    ]
    /// Keys a signature report has only when the signature carries the signed attribute:
    /// commitment-type-indication, signer-attributes-v2 claimed roles, other signed attributes.
    static let signatureAttributeKeys: Set<String> = ["commitmentType", "claimedRoles", "otherSignedAttributes"]
    static let findingKeys: Set<String> = ["code", "message", "objects"]

    static let coverages: Set<String> = ["entireFile", "entireRevision", "partial"]
    static let modificationLevels: Set<String> = ["none", "allowed", "disallowed"]
    static let levels: Set<String> = ["B-B", "B-T", "B-LT", "B-LTA", "none"]
    static let indications: Set<String> = ["TOTAL-PASSED", "TOTAL-FAILED", "INDETERMINATE"]
    static let subIndications: Set<String> = [
        "FORMAT_FAILURE", "HASH_FAILURE", "SIG_CRYPTO_FAILURE", "REVOKED", "NO_SIGNING_CERTIFICATE_FOUND",
        "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_CONSTRAINTS_FAILURE", "SIG_CONSTRAINTS_FAILURE", "OUT_OF_BOUNDS_NO_POE",
        "NOT_YET_VALID", "REVOKED_NO_POE", "REVOKED_CA_NO_POE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
        "CRYPTO_CONSTRAINTS_FAILURE", "TRY_LATER", "CERTIFICATE_CHAIN_GENERAL_FAILURE", "SIGNED_DATA_NOT_FOUND",
    ]
    static let dateKeys: Set<String> = ["validationTime", "claimedSigningTime", "timestampTime"]

    /// A B-LTA file we sign, and the same file with one signed byte changed.
    static func files() async throws -> (signed: [UInt8], forged: [UInt8]) {
        let signed = try await PDFSignatureValidatorTests.signed(level: .lta)
        var forged = signed
        let marker = Array("(Contract)".utf8)
        let position = try #require((0..<(forged.count - marker.count)).first { forged[$0..<$0 + marker.count].elementsEqual(marker) })
        forged[position + 1] = UInt8(ascii: "D")
        return (signed, forged)
    }

    static func validate(_ bytes: [UInt8]) async throws -> (PDFValidationReport, Data, [String: Any]) {
        let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root]))
            .validate(try PDFDocument(bytes: bytes))
        let data = try report.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (report, data, object)
    }

    /// Checks one signature or document timestamp object against the schema; returns its keys.
    @discardableResult
    static func checkSignature(_ signature: [String: Any]) throws -> Set<String> {
        let keys = Set(signature.keys)
        #expect(signatureRequiredKeys.isSubset(of: keys), "missing \(signatureRequiredKeys.subtracting(keys))")
        let known = signatureRequiredKeys.union(signatureOptionalKeys).union(signatureAttributeKeys)
        #expect(keys.isSubset(of: known), "unknown \(keys.subtracting(known))")
        if let commitment = signature["commitmentType"] { #expect(commitment is String) }
        if let roles = signature["claimedRoles"] { #expect((roles as? [String])?.isEmpty == false) }
        if let others = signature["otherSignedAttributes"] {
            for other in try #require(others as? [[String: Any]]) {
                #expect(Set(other.keys) == ["type", "value"] && other["type"] is String && other["value"] is String)
            }
        }
        #expect(signature["field"] is String && signature["intact"] is Bool)
        #expect((signature["byteRange"] as? [Int])?.count == 4)
        #expect(coverages.contains(signature["coverage"] as? String ?? "?"), "\(signature["coverage"] ?? "nil")")
        #expect(modificationLevels.contains(signature["modifications"] as? String ?? "?"), "\(signature["modifications"] ?? "nil")")
        #expect(levels.contains(signature["level"] as? String ?? "?"), "\(signature["level"] ?? "nil")")
        #expect(indications.contains(signature["indication"] as? String ?? "?"), "\(signature["indication"] ?? "nil")")
        if let sub = signature["subIndication"] { #expect(subIndications.contains(sub as? String ?? "?"), "\(sub)") }
        if let subFilter = signature["subFilter"] { #expect(subFilter is String) }
        if let signer = signature["signer"] { #expect(signer is String) }
        for key in dateKeys { if let date = signature[key] { try checkDate(date, key) } }
        for finding in try #require(signature["findings"] as? [[String: Any]]) { checkFinding(finding) }
        return keys
    }

    static func checkFinding(_ finding: [String: Any]) {
        #expect(Set(finding.keys) == findingKeys, "finding keys \(finding.keys.sorted())")
        #expect(finding["code"] is String && finding["message"] is String)
        #expect((finding["objects"] as? [String])?.allSatisfy { $0.hasSuffix(" R") } == true)
    }

    static func checkDate(_ value: Any, _ key: String) throws {
        let text = try #require(value as? String, "\(key) is not a string")
        #expect(ISO8601DateFormatter().date(from: text) != nil, "\(key) \(text) is not ISO 8601")
    }

    static func checkReport(_ object: [String: Any]) throws -> (signatures: [[String: Any]], timestamps: [[String: Any]]) {
        #expect(Set(object.keys) == reportKeys, "report keys \(object.keys.sorted())")
        #expect(object["trustJudged"] is Bool && object["valid"] is Bool)
        try checkDate(object["validationTime"] as Any, "validationTime")
        for finding in try #require(object["findings"] as? [[String: Any]]) { checkFinding(finding) }
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        let timestamps = try #require(object["documentTimestamps"] as? [[String: Any]])
        for signature in signatures + timestamps { try checkSignature(signature) }
        return (signatures, timestamps)
    }

    /// Decoding the JSON gives back the same report: the same typed values, and the same JSON again.
    static func checkRoundTrip(_ report: PDFValidationReport, _ data: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(PDFValidationReport.self, from: data)
        #expect(try decoded.jsonData() == data)
        #expect(decoded.valid == report.valid && decoded.trustJudged == report.trustJudged && decoded.findings == report.findings)
        for (mine, theirs) in zip(report.signatures + report.documentTimestamps, decoded.signatures + decoded.documentTimestamps) {
            #expect(mine.level == theirs.level && mine.indication == theirs.indication && mine.subIndication == theirs.subIndication)
            #expect(mine.coverage == theirs.coverage && mine.modifications == theirs.modifications && mine.intact == theirs.intact)
            #expect(mine.field == theirs.field && mine.byteRange == theirs.byteRange && mine.findings == theirs.findings)
            #expect(mine.subFilter == theirs.subFilter && mine.signer == theirs.signer)
        }
        #expect(decoded.signatures.count == report.signatures.count && decoded.documentTimestamps.count == report.documentTimestamps.count)
    }

    @Test("a B-LTA signature we made and its forged copy: keys, value sets, ISO 8601 dates, lossless decode")
    func schema() async throws {
        let (signedBytes, forgedBytes) = try await Self.files()

        let (signedReport, signedData, signedObject) = try await Self.validate(signedBytes)
        let signed = try Self.checkReport(signedObject)
        #expect(signedObject["valid"] as? Bool == true)
        let signature = try #require(signed.signatures.first)
        #expect(try Self.checkSignature(signature) == Self.signatureRequiredKeys.union(Self.signatureOptionalKeys).subtracting(["subIndication"]))
        #expect(signature["level"] as? String == "B-LTA" && signature["indication"] as? String == "TOTAL-PASSED")
        #expect(signature["subFilter"] as? String == "ETSI.CAdES.detached")
        #expect(signature["coverage"] as? String == "entireRevision" && signature["modifications"] as? String == "allowed")
        let timestamp = try #require(signed.timestamps.first)
        #expect(timestamp["level"] as? String == "none" && timestamp["indication"] as? String == "TOTAL-PASSED")
        #expect(timestamp["coverage"] as? String == "entireFile" && timestamp["modifications"] as? String == "none")
        try Self.checkRoundTrip(signedReport, signedData)

        let (forgedReport, forgedData, forgedObject) = try await Self.validate(forgedBytes)
        let forged = try Self.checkReport(forgedObject)
        #expect(forgedObject["valid"] as? Bool == false)
        let broken = try #require(forged.signatures.first)
        #expect(broken["indication"] as? String == "TOTAL-FAILED" && broken["subIndication"] as? String == "HASH_FAILURE", "\(broken)")
        #expect(broken["intact"] as? Bool == false)
        try Self.checkRoundTrip(forgedReport, forgedData)
    }

    @Test("level: none and the PAdES levels encode as their strings, and anything else does not decode")
    func levelValues() throws {
        let base = PDFSignatureReport(
            field: "Signature1", intact: true, coverage: .entireFile, modifications: .none, findings: [], level: nil,
            indication: .totalPassed, subIndication: nil, subFilter: nil, byteRange: [0, 1, 2, 3], signer: nil,
            claimedSigningTime: nil, timestampTime: nil, validationTime: nil)
        for level in [nil] + PAdESLevel.allCases.map(Optional.some) {
            var report = base
            report.level = level
            let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
            #expect(object["level"] as? String == (level?.rawValue ?? "none"))
            #expect(Set(object.keys) == Self.signatureRequiredKeys)
            #expect(try JSONDecoder().decode(PDFSignatureReport.self, from: JSONEncoder().encode(report)) == report)
        }
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(base)) as? [String: Any])
        object["level"] = "B-X"
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PDFSignatureReport.self, from: JSONSerialization.data(withJSONObject: object)) }
    }
}
