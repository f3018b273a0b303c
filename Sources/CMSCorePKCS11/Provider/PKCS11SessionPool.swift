import CPKCS11

/// The sessions of one provider: at most `maximumSessions` open, each used by one signature
/// at a time, reused afterwards. Logging in and finding the key happen once per connection;
/// ``invalidate(_:)`` drops a connection whose token logged out or went away, and the next
/// ``acquire()`` connects (and logs in) again.
actor PKCS11SessionPool {
    /// A session lent to one signature, with the connection it belongs to.
    struct Lease: Sendable {
        var session: CK_SESSION_HANDLE
        var connection: PKCS11Connection
    }

    let module: PKCS11Module
    let configuration: PKCS11KeyConfiguration
    private let pinSource: PKCS11PINSource
    private var connection: PKCS11Connection?
    private var connecting: Task<(PKCS11Connection, CK_SESSION_HANDLE), Error>?
    private var generation = 0
    private var idle: [CK_SESSION_HANDLE] = []
    private var lent = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// How many times the pool has logged in (for diagnostics and tests).
    private(set) var logins = 0

    init(module: PKCS11Module, configuration: PKCS11KeyConfiguration, pinSource: @escaping PKCS11PINSource) {
        self.module = module
        self.configuration = configuration
        self.pinSource = pinSource
    }

    deinit {
        // Lent sessions keep the pool alive, so only idle ones are left here.
        for session in idle { module.closeSession(session) }
    }

    /// A session of the current connection, connecting first if needed; waits while
    /// `maximumSessions` are lent.
    func acquire() async throws -> Lease {
        while true {
            let current = try await currentConnection()
            if let session = idle.popLast() {
                lent += 1
                return Lease(session: session, connection: current)
            }
            if lent + idle.count < max(configuration.maximumSessions, 1) {
                lent += 1
                let module = module, slot = current.token.slot
                do {
                    let session = try await module.blocking { try module.openSession(slot: slot) }
                    return Lease(session: session, connection: current)
                } catch {
                    lent -= 1
                    resumeOneWaiter()
                    throw error
                }
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    /// Returns a lent session; it is closed instead of kept when `discard` is set or its
    /// connection has been replaced.
    func release(_ lease: Lease, discard: Bool = false) {
        lent -= 1
        if discard || lease.connection.generation != generation {
            module.closeSession(lease.session)
        } else {
            idle.append(lease.session)
        }
        resumeOneWaiter()
    }

    /// Drops the connection of `generation` (if still current) and closes its idle sessions.
    func invalidate(_ generation: Int) {
        guard generation == self.generation else { return }
        self.generation += 1
        connection = nil
        for session in idle { module.closeSession(session) }
        idle = []
    }

    /// Logs the token out (`C_Logout` on an idle or new session). Sessions stay open; the next
    /// signature meets `CKR_USER_NOT_LOGGED_IN` (or an invalidated key handle) and logs in again.
    func logOut() async throws {
        let lease = try await acquire()
        let module = module
        let rv = try await module.blocking { module.functions.pointee.C_Logout?(lease.session) }
        release(lease)
        if let rv, rv != CKR_OK, rv != CKR_USER_NOT_LOGGED_IN { try module.check(rv, "C_Logout") }
    }

    private func currentConnection() async throws -> PKCS11Connection {
        if let connection { return connection }
        if let connecting { return try await connecting.value.0 }
        let module = module, configuration = configuration, pinSource = pinSource
        let generation = generation, isRelogin = logins > 0
        let task = Task {
            try await PKCS11Connection.connect(module: module, configuration: configuration, pinSource: pinSource,
                                               generation: generation, isRelogin: isRelogin)
        }
        connecting = task
        let connected: PKCS11Connection, session: CK_SESSION_HANDLE
        do {
            (connected, session) = try await task.value
            connecting = nil
        } catch {
            connecting = nil
            throw error
        }
        logins += 1
        guard connected.generation == self.generation else {
            module.closeSession(session)
            return try await currentConnection()
        }
        connection = connected
        idle.append(session)
        return connected
    }

    private func resumeOneWaiter() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
