import Foundation

/// The validation report in the XML form of ETSI TS 119 102-2 (v1.4.1, namespace
/// `http://uri.etsi.org/19102/v1.4.1#`), the format EU DSS and other validators exchange.
///
/// Each signature becomes a `SignatureValidationReport`: its field (`DAIdentifier`), the
/// validation time and the best signature time (the proof of existence it was judged at), the
/// signature attributes the dictionary and CMS carry (claimed signing time, signature
/// timestamp, /SubFilter, /ByteRange), the signer, the validation process (`Basic`, or `LTA`
/// for B-LT and B-LTA), and the status with its `urn:etsi:019102:` indication and
/// sub-indication. Findings, the PAdES level, coverage and modifications go into
/// `AdditionalValidationReportData` as typed `ReportData` (`urn:econtractkit:…`). Document
/// timestamps are validation objects of type timestamp with their own report, and so are the
/// signer certificates (base64).
extension PDFValidationReport {
    /// The namespace of ETSI TS 119 102-2 v1.4.1 validation reports.
    public static let etsiNamespace = "http://uri.etsi.org/19102/v1.4.1#"

    /// The report as ETSI TS 119 102-2 XML (UTF-8).
    public func etsiXML() -> Data {
        Data(PDFETSIReportWriter(report: self).write().utf8)
    }
}

/// Builds the ETSI TS 119 102-2 document for one ``PDFValidationReport``.
struct PDFETSIReportWriter {
    let report: PDFValidationReport

    static let urn = "urn:etsi:019102:"
    static let ours = "urn:econtractkit:"

    func write() -> String {
        var xml = XMLBuilder()
        xml.element("vr:ValidationReport", ["xmlns:vr": PDFValidationReport.etsiNamespace,
                                            "xmlns:ds": "http://www.w3.org/2000/09/xmldsig#"]) { xml in
            if report.signatures.isEmpty {
                documentOnly(&xml)
            }
            for (index, signature) in report.signatures.enumerated() {
                xml.element("vr:SignatureValidationReport") { xml in
                    signatureReport(signature, id: "S-\(index + 1)", certificate: "C-S-\(index + 1)", into: &xml)
                }
            }
            let timestamps = Array(report.documentTimestamps.enumerated())
            let certificates = (report.signatures.enumerated().map { ("C-S-\($0.offset + 1)", $0.element) }
                + timestamps.map { ("C-T-\($0.offset + 1)", $0.element) }).filter { $0.1.signerCertificate != nil }
            guard !report.documentTimestamps.isEmpty || !certificates.isEmpty else { return }
            xml.element("vr:SignatureValidationObjects") { xml in
                for (id, item) in certificates {
                    xml.element("vr:ValidationObject", ["id": id]) { xml in
                        xml.element("vr:ObjectType", text: Self.urn + "validationObject:certificate")
                        xml.element("vr:ValidationObjectRepresentation") { xml in
                            xml.element("vr:base64", text: Data(item.signerCertificate ?? []).base64EncodedString())
                        }
                    }
                }
                for (index, timestamp) in timestamps {
                    xml.element("vr:ValidationObject", ["id": "T-\(index + 1)"]) { xml in
                        xml.element("vr:ObjectType", text: Self.urn + "validationObject:timestamp")
                        xml.element("vr:ValidationObjectRepresentation") { xml in
                            xml.element("vr:URI", text: Self.ours + "pdf-field:" + Self.uriComponent(timestamp.field))
                        }
                        if let time = timestamp.timestampTime { poe(time, into: &xml) }
                        xml.element("vr:ValidationReport") { xml in
                            signatureReport(timestamp, id: "T-\(index + 1)-report", certificate: "C-T-\(index + 1)", into: &xml)
                        }
                    }
                }
            }
        }
        return xml.text
    }

    /// A document without signatures (or one that cannot be read) still needs one report.
    private func documentOnly(_ xml: inout XMLBuilder) {
        xml.element("vr:SignatureValidationReport") { xml in
            xml.element("vr:SignatureValidationStatus") { xml in
                xml.element("vr:MainIndication", text: Self.urn + "mainindication:total-failed")
                xml.element("vr:SubIndication", text: Self.urn + "subindication:FORMAT_FAILURE")
                additionalData(findings: [], into: &xml, extra: [])
            }
        }
    }

    private func signatureReport(_ signature: PDFSignatureReport, id: String, certificate: String, into xml: inout XMLBuilder) {
        xml.element("vr:SignatureIdentifier", ["id": id]) { xml in
            xml.element("vr:HashOnly", text: "false")
            xml.element("vr:DocHashOnly", text: "false")
            xml.element("vr:DAIdentifier", text: signature.field)
        }
        xml.element("vr:ValidationTimeInfo") { xml in
            xml.element("vr:ValidationTime", text: Self.dateTime(report.validationTime))
            xml.element("vr:BestSignatureTime") { xml in
                xml.element("vr:POETime", text: Self.dateTime(signature.validationTime ?? report.validationTime))
                xml.element("vr:TypeOfProof", text: Self.urn + "poetype:validation")
            }
        }
        attributes(signature, into: &xml)
        if signature.signerCertificate != nil {
            xml.element("vr:SignerInformation") { xml in
                xml.element("vr:SignerCertificate", ["VOReference": certificate])
                if let signer = signature.signer { xml.element("vr:Signer", text: signer) }
            }
        }
        xml.element("vr:SignatureValidationProcess") { xml in
            let longTerm = signature.level == .lt || signature.level == .lta
            xml.element("vr:SignatureValidationProcessID", text: Self.urn + "validationprocess:" + (longTerm ? "LTA" : "Basic"))
        }
        xml.element("vr:SignatureValidationStatus") { xml in
            xml.element("vr:MainIndication", text: Self.urn + "mainindication:" + signature.indication.rawValue.lowercased())
            if let sub = signature.subIndication { xml.element("vr:SubIndication", text: Self.urn + "subindication:" + sub.rawValue) }
            additionalData(findings: signature.findings, into: &xml, extra: [
                ("pades-level", signature.level?.rawValue ?? "none"), ("coverage", signature.coverage.rawValue),
                ("modifications", signature.modifications.rawValue), ("intact", String(signature.intact)),
            ])
        }
    }

    private func attributes(_ signature: PDFSignatureReport, into xml: inout XMLBuilder) {
        guard signature.claimedSigningTime != nil || signature.subFilter != nil || signature.byteRange.count == 4
                || signature.timestampTime != nil else { return }
        xml.element("vr:SignatureAttributes") { xml in
            if let claimed = signature.claimedSigningTime {
                xml.element("vr:SigningTime", ["Signed": "true"]) { xml in xml.element("vr:Time", text: Self.dateTime(claimed)) }
            }
            if let time = signature.timestampTime, signature.subFilter != PDFSignatureSubFilter.rfc3161.rawValue {
                xml.element("vr:SignatureTimeStamp", ["Signed": "false"]) { xml in
                    xml.element("vr:TimeStampValue", text: Self.dateTime(time))
                }
            }
            if let subFilter = signature.subFilter {
                xml.element("vr:SubFilter", ["Signed": "true"]) { xml in xml.element("vr:SubFilterElement", text: subFilter) }
            }
            if signature.byteRange.count == 4 {
                xml.element("vr:ByteRange", text: signature.byteRange.map(String.init).joined(separator: " "))
            }
        }
    }

    /// Findings (document findings first) and our own verdict fields as typed report data.
    private func additionalData(findings: [PDFValidationFinding], into xml: inout XMLBuilder, extra: [(String, String)]) {
        let all = report.findings.map { ("document-finding:" + $0.code.rawValue, $0.message) }
            + findings.map { ("finding:" + $0.code.rawValue, $0.message) } + extra
        guard !all.isEmpty else { return }
        xml.element("vr:AssociatedValidationReportData") { xml in
            xml.element("vr:AdditionalValidationReportData") { xml in
                for (type, value) in all {
                    xml.element("vr:ReportData") { xml in
                        xml.element("vr:Type", text: Self.ours + type)
                        xml.element("vr:Value", text: value)
                    }
                }
            }
        }
    }

    private func poe(_ time: Date, into xml: inout XMLBuilder) {
        xml.element("vr:POE") { xml in
            xml.element("vr:POETime", text: Self.dateTime(time))
            xml.element("vr:TypeOfProof", text: Self.urn + "poetype:validation")
        }
    }

    static func dateTime(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Letters, digits and `-._~` kept; everything else percent-encoded (UTF-8).
    static func uriComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)))) || "-._~".utf8.contains(byte) {
                out.unicodeScalars.append(scalar)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
