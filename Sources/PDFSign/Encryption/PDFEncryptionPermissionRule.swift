/// What an encrypted document opened with its user password must allow before it is
/// updated (ISO 32000-2 §7.6.4.2, Table 22). Opened with the owner password, everything is.
///
/// - Filling an existing empty signature field: bit 9 (fill in form fields) or bit 6
///   (annotations and form fields).
/// - Creating a signature field (a new signature, a document timestamp): bit 6 with bit 4.
/// - Adding validation data (the /DSS): bit 4 (modify) or bit 6.
enum PDFEncryptionPermissionRule {
    /// - Throws: ``PDFError/Code/permissionDenied`` naming the missing bits.
    static func checkSigning(_ document: PDFDocument, fillsExistingField: Bool) throws {
        guard let encryption = document.encryption else { return }
        if fillsExistingField {
            guard encryption.allows(.fillForms) || encryption.allows(.annotate) else {
                throw denied("filling a signature field needs permission bit 9 (fill forms) or 6 (annotate)", encryption)
            }
        } else {
            guard encryption.allows([.annotate, .modify]) else {
                throw denied("creating a signature field needs permission bits 4 (modify) and 6 (annotate, form fields)", encryption)
            }
        }
    }

    /// - Throws: ``PDFError/Code/permissionDenied`` when neither bit 4 nor bit 6 is set.
    static func checkAddingValidationData(_ document: PDFDocument) throws {
        guard let encryption = document.encryption else { return }
        guard encryption.allows(.modify) || encryption.allows(.annotate) else {
            throw denied("adding validation data (/DSS) needs permission bit 4 (modify) or 6 (annotate)", encryption)
        }
    }

    private static func denied(_ what: String, _ encryption: PDFEncryptionInfo) -> PDFError {
        PDFError(.permissionDenied, "\(what); the user password allows only: \(encryption.permissions). Open the document with the owner password to sign it")
    }
}
