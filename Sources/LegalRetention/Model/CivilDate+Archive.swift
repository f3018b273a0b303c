import ContractModel

extension CivilDate {
    /// Parses a `YYYY-MM-DD` date given to the archive (command-line options, CSV columns,
    /// stored index columns), refusing bad text with the archive's own error so that callers
    /// handling ``ArchiveError`` see it (and report it as bad input).
    ///
    /// - Throws: ``ArchiveError`` with code ``ArchiveError/Code/invalidArgument``.
    package init(archiveInput text: String) throws {
        do {
            try self.init(text)
        } catch let error as ContractError {
            throw ArchiveError(.invalidArgument, error.reason)
        }
    }
}
