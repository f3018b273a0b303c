/// Writes validation data into the document security store (ETSI EN 319 142-1 §5.4.2,
/// ISO 32000-2 §12.8.4.3): catalog /DSS with /Certs, /OCSPs, /CRLs (one stream per item) and
/// /VRI entries per signature. An existing DSS is extended: its items are kept, items
/// already present (same bytes) are not written again, and existing /VRI entries are left as
/// they are (new ones are added beside them).
struct PDFDSSWriter {
    let update: PDFIncrementalUpdate

    private var document: PDFDocument { update.document }

    func write(_ data: PDFValidationData) throws {
        try PDFEncryptionPermissionRule.checkAddingValidationData(document)
        guard let rootReference = document.trailer["Root"]?.referenceValue,
              case .dictionary(var catalog) = try update.current(rootReference)
        else { throw PDFError(.notSignable, "the catalog is not an indirect dictionary") }
        let existingReference = catalog["DSS"]?.referenceValue
        var dss = try catalog["DSS"].flatMap { try update.resolve($0).dictionaryValue } ?? PDFDictionary()

        let certificates = try merge(data.certificates, into: &dss, key: "Certs")
        let ocsps = try merge(data.ocspResponses, into: &dss, key: "OCSPs")
        let crls = try merge(data.crls, into: &dss, key: "CRLs")

        var vri = try dss["VRI"].flatMap { try update.resolve($0).dictionaryValue } ?? PDFDictionary()
        let vriCount = vri.entries.count
        // VRI entries are added, never rewritten: an entry written earlier (by us or another
        // producer) is covered by later signatures and document timestamps, and validators
        // such as pyHanko treat its change as a disallowed modification.
        for (key, entry) in data.perSignature.sorted(by: { $0.key < $1.key }) where vri[PDFName(key)] == nil {
            var item = PDFDictionary()
            func union(_ name: PDFName, _ indices: Set<Int>, _ references: [PDFObjectReference]) throws {
                guard !indices.isEmpty else { return }
                var values = try item[name].flatMap { try update.resolve($0).arrayValue } ?? []
                for index in indices.sorted() where !values.contains(.reference(references[index])) {
                    values.append(.reference(references[index]))
                }
                item[name] = .array(values)
            }
            try union("Cert", entry.certificates, certificates)
            try union("OCSP", entry.ocspResponses, ocsps)
            try union("CRL", entry.crls, crls)
            vri[PDFName(key)] = .dictionary(item)
        }
        if vri.entries.count > vriCount {
            if let vriReference = dss["VRI"]?.referenceValue {
                update.set(vriReference, .object(.dictionary(vri)))
            } else {
                dss["VRI"] = .dictionary(vri)
            }
        }
        let dssReference = existingReference ?? update.reserve()
        update.set(dssReference, .object(.dictionary(dss)))
        if existingReference == nil {
            catalog["DSS"] = .reference(dssReference)
            update.set(rootReference, .object(.dictionary(catalog)))
        }
    }

    /// Appends a stream for each item not already in `dss[key]`; returns the stream of every item, in order.
    private func merge(_ items: [[UInt8]], into dss: inout PDFDictionary, key: PDFName) throws -> [PDFObjectReference] {
        let arrayReference = dss[key]?.referenceValue
        var values = try dss[key].flatMap { try update.resolve($0).arrayValue } ?? []
        var existing: [[UInt8]: PDFObjectReference] = [:]
        for value in values {
            guard let reference = value.referenceValue, case .stream(let stream)? = try? document.object(for: reference),
                  let decoded = try? document.decodedData(of: stream), decoded.isFullyDecoded else { continue }
            existing[decoded.bytes] = reference
        }
        var result: [PDFObjectReference] = []
        for item in items {
            if let reference = existing[item] {
                result.append(reference)
                continue
            }
            let reference = update.addStream(PDFDictionary(["Filter": .name("FlateDecode")]), data: try FlateEncoder.encode(item))
            existing[item] = reference
            values.append(.reference(reference))
            result.append(reference)
        }
        if let arrayReference {
            update.set(arrayReference, .object(.array(values)))
        } else if !values.isEmpty {
            dss[key] = .array(values)
        }
        return result
    }
}
