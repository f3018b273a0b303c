import ContractModel
import Foundation
import Testing

/// RFC 6238 Appendix B test vectors (8 digits, 30 s steps; the seeds are the ASCII strings given there).
@Suite struct TOTPTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let time: Int64, step: Int64, algorithm: TOTP.Algorithm, code: String
        var testDescription: String { "\(time) \(algorithm.rawValue)" }
    }

    static let vectors: [Vector] = [
        .init(time: 59, step: 0x1, algorithm: .sha1, code: "94287082"),
        .init(time: 59, step: 0x1, algorithm: .sha256, code: "46119246"),
        .init(time: 59, step: 0x1, algorithm: .sha512, code: "90693936"),
        .init(time: 1111111109, step: 0x23523EC, algorithm: .sha1, code: "07081804"),
        .init(time: 1111111109, step: 0x23523EC, algorithm: .sha256, code: "68084774"),
        .init(time: 1111111109, step: 0x23523EC, algorithm: .sha512, code: "25091201"),
        .init(time: 1111111111, step: 0x23523ED, algorithm: .sha1, code: "14050471"),
        .init(time: 1111111111, step: 0x23523ED, algorithm: .sha256, code: "67062674"),
        .init(time: 1111111111, step: 0x23523ED, algorithm: .sha512, code: "99943326"),
        .init(time: 1234567890, step: 0x273EF07, algorithm: .sha1, code: "89005924"),
        .init(time: 1234567890, step: 0x273EF07, algorithm: .sha256, code: "91819424"),
        .init(time: 1234567890, step: 0x273EF07, algorithm: .sha512, code: "93441116"),
        .init(time: 2000000000, step: 0x3F940AA, algorithm: .sha1, code: "69279037"),
        .init(time: 2000000000, step: 0x3F940AA, algorithm: .sha256, code: "90698825"),
        .init(time: 2000000000, step: 0x3F940AA, algorithm: .sha512, code: "38618901"),
        .init(time: 20000000000, step: 0x27BC86AA, algorithm: .sha1, code: "65353130"),
        .init(time: 20000000000, step: 0x27BC86AA, algorithm: .sha256, code: "77737706"),
        .init(time: 20000000000, step: 0x27BC86AA, algorithm: .sha512, code: "47863826"),
    ]

    static func seed(_ algorithm: TOTP.Algorithm) -> [UInt8] {
        let base = Array("12345678901234567890".utf8)
        switch algorithm {
        case .sha1: return base
        case .sha256: return Array((base + base).prefix(32))
        case .sha512: return Array((base + base + base + base).prefix(64))
        }
    }

    @Test(arguments: vectors)
    func rfc6238(_ vector: Vector) throws {
        let totp = try TOTP(secret: Self.seed(vector.algorithm), algorithm: vector.algorithm, digits: 8)
        let date = Date(timeIntervalSince1970: TimeInterval(vector.time))
        #expect(totp.timeStep(at: date) == vector.step)
        #expect(totp.code(at: date) == vector.code)
        #expect(totp.matchingStep(vector.code, at: date) == vector.step)
        #expect(totp.matchingStep(vector.code, at: date.addingTimeInterval(90)) == nil)
    }

    @Test func rejectsBadParameters() {
        #expect(throws: ContractError.self) { try TOTP(secret: []) }
        #expect(throws: ContractError.self) { try TOTP(secret: [1], digits: 5) }
        #expect(throws: ContractError.self) { try TOTP(secret: [1], period: 0) }
    }
}
