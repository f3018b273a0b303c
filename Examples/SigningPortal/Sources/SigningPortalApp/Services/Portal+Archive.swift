import ContractModel
import Foundation
import LegalRetention

extension Portal {
    /// Searches the archive by 取引年月日 (`from`, `to`: YYYY-MM-DD), 取引金額 in yen
    /// (`minAmount`, `maxAmount`) and 取引先 (`counterparty`, a substring).
    public func searchArchive(_ parameters: [String: String], limit: Int = 100, offset: Int = 0) async throws -> ArchiveSearchPage {
        func text(_ key: String) -> String? { parameters[key].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) } }
        func day(_ key: String) throws -> CivilDate? {
            guard let value = text(key) else { return nil }
            guard let day = try? CivilDate(value) else { throw PortalError(.invalidInput, "\(key) must be a date YYYY-MM-DD") }
            return day
        }
        func yen(_ key: String) throws -> Money? {
            guard let value = text(key) else { return nil }
            guard value.count <= 15, value.allSatisfy({ $0.isASCII && $0.isNumber }), let units = Int64(value) else {
                throw PortalError(.invalidInput, "\(key) must be a whole number of yen")
            }
            return Money(minorUnits: units, currency: try CurrencyCode("JPY"))
        }
        guard (1...1000).contains(limit), offset >= 0, offset <= 1_000_000 else { throw PortalError(.invalidInput, "limit must be 1…1000 and offset 0…1000000") }
        if let counterparty = text("counterparty"), counterparty.count > 200 { throw PortalError(.invalidInput, "counterparty is too long") }
        let query = ArchiveQuery(from: try day("from"), to: try day("to"), minimumAmount: try yen("minAmount"), maximumAmount: try yen("maxAmount"),
                                 counterparty: text("counterparty"), limit: limit, offset: offset)
        do {
            return try await archive.search(query)
        } catch let error as ArchiveError {
            throw PortalError(.invalidInput, "the search was refused (\(error.code))")
        }
    }
}
