/// An error thrown by PDFSign.
///
/// Like `CMSError` in CMSCore, errors are a struct holding an opaque ``Code`` and a
/// human-readable reason: new codes can be added without breaking callers, and
/// equality compares the code only. Every malformed input is reported with one of these;
/// the reader never traps on input-derived data.
public struct PDFError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, comparable code.
    public let code: Code
    /// A readable explanation of this particular failure (may name byte offsets and objects).
    public let reason: String

    /// Creates an error with a code and a reason.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `PDFError.<code>: <reason>`.
    public var description: String { "PDFError.\(code): \(reason)" }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: PDFError, rhs: PDFError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code. Compare with `==` or `switch` on the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The bytes do not follow PDF syntax (ISO 32000-2 §7.2–7.3) where an object was expected.
        public static let malformedSyntax = Code("malformedSyntax")
        /// The cross-reference information is missing or unusable and could not be repaired.
        public static let brokenXref = Code("brokenXref")
        /// A stream uses a filter (or filter parameters) this reader does not implement.
        public static let unsupportedFilter = Code("unsupportedFilter")
        /// Encoded stream data is corrupt (bad zlib data, bad ASCII85 group, …).
        public static let corruptStreamData = Code("corruptStreamData")
        /// The input exceeds a safety limit (size, count, nesting depth, decompressed size).
        public static let limitExceeded = Code("limitExceeded")
        /// The document is encrypted and the operation needs decrypted data.
        public static let encrypted = Code("encrypted")
        /// The document is encrypted with a user password and none was given (ISO 32000-2 §7.6.4).
        public static let passwordRequired = Code("passwordRequired")
        /// The given password is neither the document's user nor its owner password.
        public static let wrongPassword = Code("wrongPassword")
        /// The password cannot be used: SASLprep (RFC 4013) prohibits one of its characters
        /// or its mix of text directions (revision 5 and 6 handlers).
        public static let invalidPassword = Code("invalidPassword")
        /// The /Encrypt dictionary names a security handler, version, revision or crypt filter
        /// method this reader does not implement (for example /Adobe.PubSec); the reason names it.
        public static let unsupportedSecurityHandler = Code("unsupportedSecurityHandler")
        /// The document's permissions (/P) forbid the operation for the user password; open it
        /// with the owner password.
        public static let permissionDenied = Code("permissionDenied")
        /// An indirect object does not exist (free, missing or not where the xref says).
        public static let objectNotFound = Code("objectNotFound")
        /// Resolving references or walking a tree came back to an object already being visited.
        public static let referenceCycle = Code("referenceCycle")
        /// Reading the underlying bytes failed (I/O error, file vanished, range out of bounds).
        public static let ioFailure = Code("ioFailure")
        /// A caller-supplied value is out of range or inconsistent (a page that does not exist, an empty rectangle, …).
        public static let invalidArgument = Code("invalidArgument")
        /// A font program cannot be parsed or embedded, or lacks a glyph for some text.
        public static let unsupportedFont = Code("unsupportedFont")
        /// A stamp image cannot be decoded (not PNG/JPEG, interlaced, corrupt, …).
        public static let unsupportedImage = Code("unsupportedImage")
        /// The document cannot be signed as asked (field already signed, certification not first, locked by DocMDP, …).
        public static let notSignable = Code("notSignable")
        /// The CMS signature is larger than the space reserved for /Contents.
        public static let signatureTooLarge = Code("signatureTooLarge")
        /// Long-term validation data (OCSP responses, CRLs) could not be obtained for a certificate.
        public static let validationDataUnavailable = Code("validationDataUnavailable")
        /// Making the signature failed (key provider, TSA, CMS encoding).
        public static let signingFailed = Code("signingFailed")
    }
}
