/// One thing a validator found wrong or noteworthy about a signature or the document, with a
/// stable code (for programs) and a message (for people).
public struct PDFValidationFinding: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable, extensible finding code. Compare with the static members.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // Byte ranges and /Contents (ISO 32000-2 §12.8.1; PDF Insecurity 2019: USF and SWA).
        /// /ByteRange is not four non-negative integers starting at 0, or lies outside the file.
        public static let byteRangeMalformed = Code(rawValue: "byteRangeMalformed")
        /// The gap between the two ranges is not exactly this signature's /Contents hex string
        /// (Signature Wrapping Attack).
        public static let signatureWrapping = Code(rawValue: "signatureWrapping")
        /// /Contents or /ByteRange is missing, empty or of the wrong type (Universal Signature Forgery).
        public static let universalSignatureForgery = Code(rawValue: "universalSignatureForgery")
        /// A dictionary repeats a key — spelled alike or through `#xx` escapes — in a signature
        /// dictionary or in an object or trailer added or changed after the signed revision.
        /// Readers disagree on which occurrence counts (this library and most viewers take the
        /// last), so the signer and the viewer can see different documents (a shadow attack
        /// through the parser). Fails the signature.
        public static let duplicateKey = Code(rawValue: "duplicateKey")
        /// The signed bytes do not end at an `%%EOF` (a revision boundary).
        public static let signedRevisionNotAtEOF = Code(rawValue: "signedRevisionNotAtEOF")
        /// The digest of the byte ranges differs from the CMS message-digest.
        public static let digestMismatch = Code(rawValue: "digestMismatch")
        /// The CMS structure, its signature value or its certificate binding is invalid.
        public static let cmsInvalid = Code(rawValue: "cmsInvalid")
        /// /Type and /SubFilter, or /Contents, say different things about what a signature
        /// dictionary is: a timestamp token in a /Sig dictionary, /ETSI.RFC3161 without /Type
        /// /DocTimeStamp, or a document timestamp with another /SubFilter.
        public static let typeConfusion = Code(rawValue: "typeConfusion")
        /// The signature (or document timestamp) is intact but was not validated: no chain to a
        /// trust anchor, no usable revocation data, an algorithm that cannot be checked, or no
        /// trust anchors given — INDETERMINATE. The message names the check and why.
        public static let signatureIndeterminate = Code(rawValue: "signatureIndeterminate")
        /// The signature (or document timestamp) is intact but rejected: a revoked or expired
        /// certificate, a certificate unfit for the purpose — TOTAL-FAILED. The message names the check.
        public static let signatureFailed = Code(rawValue: "signatureFailed")
        /// The CMS object does not hold exactly one SignerInfo (ISO 32000-2 §12.8.3.3) — TOTAL-FAILED FORMAT_FAILURE.
        public static let signerInfoCount = Code(rawValue: "signerInfoCount")
        /// An algorithm this library cannot compute (SHA-3, brainpool, Ed448, DSA…): the
        /// signature could not be checked — INDETERMINATE. The message names the algorithm.
        public static let unsupportedAlgorithm = Code(rawValue: "unsupportedAlgorithm")
        /// An algorithm below the policy (SHA-1, RSA below 2048 bits), including the SHA-1
        /// document digest of /adbe.pkcs7.sha1.
        public static let weakAlgorithm = Code(rawValue: "weakAlgorithm")
        /// A warning: the signature algorithm is written in a non-standard way that is tolerated
        /// (ECDSA named by its curve or by id-ecPublicKey instead of ecdsa-with-SHAx).
        public static let nonStandardAlgorithmIdentifier = Code(rawValue: "nonStandardAlgorithmIdentifier")
        /// The signer's certificate cannot be parsed as X.509 (negative serial number, BER…):
        /// the signature was checked with its key, but no chain can be built — INDETERMINATE.
        public static let unparseableCertificate = Code(rawValue: "unparseableCertificate")
        /// The signer's certificate is not meant for signing documents (a CA, a TSA or OCSP
        /// responder certificate, a key usage without digitalSignature or nonRepudiation) —
        /// INDETERMINATE CHAIN_CONSTRAINTS_FAILURE.
        public static let signerCertificatePurpose = Code(rawValue: "signerCertificatePurpose")
        /// A signature timestamp is broken (imprint, signature) — TOTAL-FAILED.
        public static let timestampInvalid = Code(rawValue: "timestampInvalid")
        /// A signature timestamp could not be validated (chain, revocation) — INDETERMINATE.
        public static let timestampIndeterminate = Code(rawValue: "timestampIndeterminate")

        // Modifications after signing (reject by default).
        /// Bytes after the signed revision that are not a well-formed incremental update
        /// (Incremental Saving Attack).
        public static let incrementalSavingAttack = Code(rawValue: "incrementalSavingAttack")
        /// A change the signer's permissions do not allow (the message names the objects and why).
        public static let disallowedModification = Code(rawValue: "disallowedModification")
        /// Shadow attack, hide variant: content present when signed is hidden by a later update.
        public static let shadowAttackHide = Code(rawValue: "shadowAttackHide")
        /// Shadow attack, replace variant: a later update replaces signed content (fonts, streams, form values).
        public static let shadowAttackReplace = Code(rawValue: "shadowAttackReplace")
        /// Shadow attack, hide-and-replace variant: an object is re-pointed to content prepared before signing.
        public static let shadowAttackHideAndReplace = Code(rawValue: "shadowAttackHideAndReplace")
        /// Evil Annotation Attack: annotations that change what a certified document shows.
        public static let evilAnnotation = Code(rawValue: "evilAnnotation")
        /// Sneaky Signature Attack: a signature widget or form update whose appearance overlays content.
        public static let sneakySignature = Code(rawValue: "sneakySignature")
        /// The file holds a signature dictionary (a `/ByteRange` ending at a revision's `%%EOF`)
        /// that the document as read no longer reaches: a signature was stripped by a later
        /// update, or a trailing `startxref` points back at a revision before it. Fails the document.
        public static let signatureRemoved = Code(rawValue: "signatureRemoved")
        /// Warning, not a failure: the cross-reference structure is broken and readers repair it,
        /// but only inside bytes a signature covers — the signer signed them as they are, so
        /// nothing was added that way after signing.
        public static let structureRepaired = Code(rawValue: "structureRepaired")
        /// The document holds no signature or document timestamp.
        public static let noSignatures = Code(rawValue: "noSignatures")
        /// The document could not be parsed well enough to judge it.
        public static let unparseable = Code(rawValue: "unparseable")

        /// Codes that inform without failing a signature or the document.
        static let warnings: Set<Code> = [.structureRepaired, .nonStandardAlgorithmIdentifier]

        /// Whether the finding only informs (a warning): it fails neither a signature nor the document.
        public var isWarning: Bool { Self.warnings.contains(self) }
    }

    /// What was found.
    public let code: Code
    /// A readable explanation naming objects and offsets.
    public let message: String
    /// The objects involved, if any.
    public let objects: [PDFObjectReference]

    /// A finding.
    public init(_ code: Code, _ message: String, objects: [PDFObjectReference] = []) {
        self.code = code
        self.message = message
        self.objects = objects
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}

extension PDFObjectReference: Codable {
    /// Decodes `"n g R"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: " ")
        guard parts.count == 3, let number = Int(parts[0]), let generation = Int(parts[1]), parts[2] == "R" else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an object reference: \(text)"))
        }
        self.init(number, generation)
    }

    /// Encodes as `"n g R"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
