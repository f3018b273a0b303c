import SwiftASN1
import X509

extension Certificate {
    /// The certificate's DER encoding (swift-certificates keeps the bytes it parsed, so this is
    /// the encoding as received).
    package var derBytes: [UInt8] {
        get throws {
            var serializer = DER.Serializer()
            try serializer.serialize(self)
            return serializer.serializedBytes
        }
    }
}
