import Foundation
import SwiftASN1

/// `Accuracy` (RFC 3161 §2.4.2): the time deviation around `genTime`.
///
/// ```
/// Accuracy ::= SEQUENCE {
///      seconds        INTEGER              OPTIONAL,
///      millis     [0] INTEGER  (1..999)    OPTIONAL,
///      micros     [1] INTEGER  (1..999)    OPTIONAL  }
/// ```
public struct TimestampAccuracy: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }
    static let millisTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let microsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    /// Whole seconds.
    public var seconds: Int?
    /// Milliseconds, 1…999.
    public var millis: Int?
    /// Microseconds, 1…999.
    public var micros: Int?

    /// Creates an accuracy; `nil` or zero components are left out.
    public init(seconds: Int? = nil, millis: Int? = nil, micros: Int? = nil) {
        self.seconds = seconds == 0 ? nil : seconds
        self.millis = millis == 0 ? nil : millis
        self.micros = micros == 0 ? nil : micros
    }

    /// The accuracy as a time interval in seconds.
    public var timeInterval: TimeInterval {
        Double(seconds ?? 0) + Double(millis ?? 0) / 1e3 + Double(micros ?? 0) / 1e6
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let seconds: Int? = try DER.optionalImplicitlyTagged(&nodes, tag: .integer)
            let millis: Int? = try DER.optionalImplicitlyTagged(&nodes, tag: Self.millisTag)
            let micros: Int? = try DER.optionalImplicitlyTagged(&nodes, tag: Self.microsTag)
            for value in [millis, micros].compactMap({ $0 }) where !(1...999).contains(value) {
                throw ASN1Error.invalidASN1Object(reason: "Accuracy millis/micros \(value) outside 1..999")
            }
            return TimestampAccuracy(seconds: seconds, millis: millis, micros: micros)
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serializeOptionalImplicitlyTagged(seconds)
            try coder.serializeOptionalImplicitlyTagged(millis, withIdentifier: Self.millisTag)
            try coder.serializeOptionalImplicitlyTagged(micros, withIdentifier: Self.microsTag)
        }
    }
}
