import Foundation
import X509

/// The mutable part of a ``LocalRevocationAuthority``: its revocations and the last CRL
/// number, behind a lock so the authority is a `Sendable` value shared by all its copies.
final class RevocationAuthorityState: @unchecked Sendable {
    private let lock = NSLock()
    private var revocations: [LocalRevocationAuthority.Revocation]
    private var lastCRLNumber = 0

    init(revocations: [LocalRevocationAuthority.Revocation]) {
        self.revocations = []
        for revocation in revocations { add(revocation) }
    }

    /// Adds a revocation, replacing an earlier one of the same serial number.
    func add(_ revocation: LocalRevocationAuthority.Revocation) {
        let serial = RevocationSerial.normalized(revocation.serialNumber.bytes)
        lock.withLock {
            revocations.removeAll { RevocationSerial.normalized($0.serialNumber.bytes) == serial }
            revocations.append(revocation)
        }
    }

    var all: [LocalRevocationAuthority.Revocation] { lock.withLock { revocations } }

    /// The revocation of `serial` published at `now` (dated at or before it), if any.
    func revocation(of serial: ArraySlice<UInt8>, at now: Date) -> LocalRevocationAuthority.Revocation? {
        let normalized = RevocationSerial.normalized(serial)
        return lock.withLock {
            revocations.first { RevocationSerial.normalized($0.serialNumber.bytes) == normalized && $0.revocationTime <= now }
        }
    }

    /// The next CRL number (1, 2, …).
    func nextCRLNumber() -> Int {
        lock.withLock {
            lastCRLNumber += 1
            return lastCRLNumber
        }
    }
}
