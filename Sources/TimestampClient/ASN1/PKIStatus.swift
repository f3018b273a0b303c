/// `PKIStatus` (RFC 3161 §2.4.2, from RFC 4210).
///
/// ```
/// PKIStatus ::= INTEGER {
///      granted                (0),
///      grantedWithMods        (1),
///      rejection              (2),
///      waiting                (3),
///      revocationWarning      (4),
///      revocationNotification (5) }
/// ```
public struct PKIStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The INTEGER value.
    public let rawValue: Int
    /// Creates a status from its INTEGER value.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The token is present, as requested.
    public static let granted = PKIStatus(rawValue: 0)
    /// The token is present, with modifications.
    public static let grantedWithMods = PKIStatus(rawValue: 1)
    /// The request was rejected (see the failure information).
    public static let rejection = PKIStatus(rawValue: 2)
    /// The request is not yet processed; ask again later.
    public static let waiting = PKIStatus(rawValue: 3)
    /// A revocation is imminent.
    public static let revocationWarning = PKIStatus(rawValue: 4)
    /// A revocation has occurred.
    public static let revocationNotification = PKIStatus(rawValue: 5)

    /// Whether a token was granted (status 0 or 1).
    public var isGranted: Bool { self == .granted || self == .grantedWithMods }

    public var description: String {
        switch rawValue {
        case 0: "granted"
        case 1: "grantedWithMods"
        case 2: "rejection"
        case 3: "waiting"
        case 4: "revocationWarning"
        case 5: "revocationNotification"
        default: "status(\(rawValue))"
        }
    }
}
