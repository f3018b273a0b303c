import Foundation

/// What a participant sees when opening an invitation.
public struct ParticipantInvitationView: Hashable, Sendable {
    /// The contract.
    public var contractID: ContractID
    /// Its title.
    public var title: String
    /// Its version.
    public var contractVersion: Int
    /// The participant (their own record).
    public var participant: Participant
    /// Hex SHA-256 of the document to show (the current version's).
    public var documentSHA256: String
    /// The factors still to satisfy before signing.
    public var missingFactors: [AuthenticationFactor]
}

extension ContractWorkflow {
    /// Checks `link` inside a mutation: returns the participant it is bound to.
    ///
    /// - Parameter forSigning: also refuse a link already used to sign.
    /// - Throws: ``ContractError/Code/invalidLink``, ``ContractError/Code/linkRevoked``,
    ///   ``ContractError/Code/linkExpired``, ``ContractError/Code/linkAlreadyUsed`` (each audited as `accessDenied`).
    func participant(for link: InvitationLink, in mutation: inout Mutation, request: RequestInfo, action: ContractAction) throws -> Participant {
        let hash = Array(link.tokenHash.utf8)
        func matches(_ record: InvitationRecord) -> Bool { ConstantTime.equal(Array(record.tokenHash.utf8), hash) }
        var match: (ParticipantID, InvitationRecord)?
        for (id, auth) in mutation.record.authentication {
            if let current = auth.invitation, matches(current) { match = (id, current) }
            if let earlier = auth.previousInvitations.first(where: matches) { match = (id, earlier) }
        }
        let state = mutation.contract.state.kind
        func refuse(_ code: ContractError.Code, _ reason: String, _ participant: ParticipantID?) -> ContractError {
            mutation.emit(.accessDenied, actor: participant.map { .participant($0) } ?? .system, participant: participant, request: request,
                          details: ["denial": code.description, "action": action.rawValue])
            return mutation.fail(ContractError(code, reason, state: state, action: action))
        }
        guard let (participantID, invitation) = match, let participant = mutation.contract.participant(participantID) else {
            throw refuse(.invalidLink, "the link does not belong to this contract", nil)
        }
        if invitation.revokedAt != nil { throw refuse(.linkRevoked, "the link was revoked", participantID) }
        if invitation.usedAt != nil { throw refuse(.linkAlreadyUsed, "the link was already used to sign", participantID) }
        if mutation.now >= invitation.expiresAt { throw refuse(.linkExpired, "the link expired", participantID) }
        return participant
    }

    /// Loads the contract named by `link`, checks the link and the access policy, then runs `body`.
    func withParticipant<T: Sendable>(_ link: InvitationLink, _ request: RequestInfo, action: ContractAction,
                                      _ body: (inout Mutation, Participant) async throws -> T) async throws -> T {
        try await mutate(link.contractID) { mutation in
            let participant = try participant(for: link, in: &mutation, request: request, action: action)
            try await authorize(&mutation, .participant(participant.id, request), .participate, action: action)
            guard ContractTransitions.isLegal(action, in: mutation.contract.state.kind) else {
                throw ContractError(.illegalTransition, "cannot \(action.rawValue) a contract that is \(mutation.contract.state.kind.rawValue)",
                                    state: mutation.contract.state.kind, action: action)
            }
            return try await body(&mutation, participant)
        }
    }

    /// Opens an invitation: marks the participant as having viewed the contract.
    public func openInvitation(_ link: InvitationLink, request: RequestInfo = .init()) async throws -> ParticipantInvitationView {
        try await withParticipant(link, request, action: .view) { mutation, participant in
            if participant.state == .invited { mutation.updateParticipant(participant.id) { p, now in p.state = .viewed; p.viewedAt = now } }
            mutation.emit(.viewed, actor: .participant(participant.id), participant: participant.id, request: request,
                          details: ["documentSHA256": mutation.contract.document.sha256])
            return view(of: mutation, participant.id)
        }
    }

    /// The current version's PDF for the participant holding `link` (audited as `downloaded`).
    public func participantDocument(_ link: InvitationLink, request: RequestInfo = .init()) async throws -> [UInt8] {
        let hash = try await withParticipant(link, request, action: .view) { mutation, participant in
            mutation.emit(.downloaded, actor: .participant(participant.id), participant: participant.id, request: request,
                          details: ["documentSHA256": mutation.contract.document.sha256])
            return mutation.contract.document.sha256
        }
        return try await dependencies.documents.get(hash)
    }

    /// Sends a one-time password by e-mail or SMS (``AuthenticationFactor/emailOTP`` or ``AuthenticationFactor/smsOTP``).
    ///
    /// - Throws: ``ContractError/Code/rateLimited`` within ``Configuration/otpResendInterval`` of the last;
    ///   ``ContractError/Code/lockedOut`` while locked; ``ContractError/Code/invalidArgument`` for a factor the policy does not use.
    public func requestOTP(_ link: InvitationLink, factor: AuthenticationFactor, request: RequestInfo = .init()) async throws {
        try await withParticipant(link, request, action: .authenticate) { mutation, participant in
            guard factor == .emailOTP || factor == .smsOTP else { throw ContractError(.invalidArgument, "\(factor.rawValue) is not sent by message") }
            guard policy(of: participant)?.requiredFactors.contains(factor) == true else {
                throw ContractError(.invalidArgument, "the participant's policy does not use \(factor.rawValue)")
            }
            var auth = mutation.record.authentication[participant.id] ?? ParticipantAuthentication()
            if let until = auth.lockedUntil[factor.rawValue], mutation.now < until {
                throw ContractError(.lockedOut, "\(factor.rawValue) is locked after too many wrong codes", state: mutation.contract.state.kind, action: .authenticate)
            }
            if let last = auth.challenge(factor), mutation.now < last.sentAt.addingTimeInterval(configuration.otpResendInterval) {
                throw ContractError(.rateLimited, "a code was sent less than \(Int(configuration.otpResendInterval)) s ago")
            }
            let code = dependencies.random.decimalCode(digits: 6)
            auth.setChallenge(OTPChallenge(factor: factor, codeHash: SecretHash(secret: code, random: dependencies.random), sentAt: mutation.now,
                                           expiresAt: mutation.now.addingTimeInterval(configuration.otpLifetime), failedAttempts: 0), for: factor)
            mutation.record.authentication[participant.id] = auth
            let channel: NotificationChannel = factor == .smsOTP ? .sms : .email
            mutation.notify(.oneTimePassword, participant, text: "Your code is valid for \(Int(configuration.otpLifetime / 60)) minutes.",
                            code: code, channel: channel)
            mutation.emit(.otpSent, actor: .system, participant: participant.id, request: request,
                          details: ["factor": factor.rawValue, "destination": Self.mask(channel == .sms ? participant.phone ?? "" : participant.email)])
        }
    }

    /// Checks an e-mail or SMS one-time password. Five wrong codes lock the factor.
    public func verifyOTP(_ link: InvitationLink, factor: AuthenticationFactor, code: String, request: RequestInfo = .init()) async throws {
        try await withParticipant(link, request, action: .authenticate) { mutation, participant in
            var auth = mutation.record.authentication[participant.id] ?? ParticipantAuthentication()
            try checkNotLocked(auth, factor, mutation)
            guard var challenge = auth.challenge(factor), challenge.consumedAt == nil else {
                throw ContractError(.authenticationFailed, "no \(factor.rawValue) code is outstanding", state: mutation.contract.state.kind, action: .authenticate)
            }
            if mutation.now >= challenge.expiresAt {
                throw ContractError(.otpExpired, "the code expired; request a new one", state: mutation.contract.state.kind, action: .authenticate)
            }
            let wellFormed = code.utf8.count == 6 && code.utf8.allSatisfy { (0x30...0x39).contains($0) }
            let matches = challenge.codeHash.matches(code)
            if wellFormed && matches {
                challenge.consumedAt = mutation.now
                auth.setChallenge(challenge, for: factor)
                mutation.record.authentication[participant.id] = auth
                satisfy(&mutation, participant, factor, detail: "code sent to " + Self.mask(factor == .smsOTP ? participant.phone ?? "" : participant.email), request: request)
                return
            }
            challenge.failedAttempts += 1
            auth.setChallenge(challenge, for: factor)
            mutation.record.authentication[participant.id] = auth
            mutation.emit(.otpFailed, actor: .participant(participant.id), participant: participant.id, request: request,
                          details: ["factor": factor.rawValue, "attempt": String(challenge.failedAttempts)])
            if challenge.failedAttempts >= configuration.maximumAttempts {
                mutation.record.authentication[participant.id]?.lockedUntil[factor.rawValue] = mutation.now.addingTimeInterval(configuration.lockoutDuration)
                throw mutation.fail(ContractError(.lockedOut, "\(factor.rawValue) is locked after \(challenge.failedAttempts) wrong codes",
                                                  state: mutation.contract.state.kind, action: .authenticate))
            }
            throw mutation.fail(ContractError(.authenticationFailed, "wrong code", state: mutation.contract.state.kind, action: .authenticate))
        }
    }

    /// Checks a TOTP code from the participant's authenticator (a code is accepted once).
    public func verifyTOTP(_ link: InvitationLink, code: String, request: RequestInfo = .init()) async throws {
        try await withParticipant(link, request, action: .authenticate) { mutation, participant in
            let auth = mutation.record.authentication[participant.id] ?? ParticipantAuthentication()
            try checkNotLocked(auth, .totp, mutation)
            guard let source = dependencies.totpSecrets, let totp = try await source.totp(for: participant, contractID: mutation.contract.id) else {
                throw ContractError(.authenticationFailed, "the participant has no TOTP enrolled", state: mutation.contract.state.kind, action: .authenticate)
            }
            if let step = totp.matchingStep(code, at: mutation.now, window: configuration.totpWindow), step > (auth.lastTOTPStep ?? .min) {
                mutation.record.authentication[participant.id]?.lastTOTPStep = step
                satisfy(&mutation, participant, .totp, detail: "time step \(step)", request: request)
                return
            }
            try recordFailure(&mutation, participant, .totp, request: request)
        }
    }

    /// Checks the access code shared out of band.
    public func verifyAccessCode(_ link: InvitationLink, code: String, request: RequestInfo = .init()) async throws {
        try await withParticipant(link, request, action: .authenticate) { mutation, participant in
            let auth = mutation.record.authentication[participant.id] ?? ParticipantAuthentication()
            try checkNotLocked(auth, .accessCode, mutation)
            if let stored = auth.accessCode, stored.matches(code) {
                satisfy(&mutation, participant, .accessCode, detail: "access code", request: request)
                return
            }
            try recordFailure(&mutation, participant, .accessCode, request: request)
        }
    }

    /// Checks an external identity assertion through the ``Dependencies/identityProvider``.
    /// An e-mail address in the verified identity must match the participant's.
    public func verifyIdentity(_ link: InvitationLink, assertion: IdentityAssertion, request: RequestInfo = .init()) async throws {
        try await withParticipant(link, request, action: .authenticate) { mutation, participant in
            let auth = mutation.record.authentication[participant.id] ?? ParticipantAuthentication()
            try checkNotLocked(auth, .identityProvider, mutation)
            guard let provider = dependencies.identityProvider else {
                throw ContractError(.authenticationFailed, "no identity provider is configured", state: mutation.contract.state.kind, action: .authenticate)
            }
            let identity: VerifiedIdentity
            do { identity = try await provider.verify(assertion, for: participant, at: mutation.now) } catch {
                return try recordFailure(&mutation, participant, .identityProvider, request: request)
            }
            if let email = identity.email, email.lowercased() != participant.email.lowercased() {
                return try recordFailure(&mutation, participant, .identityProvider, request: request)
            }
            satisfy(&mutation, participant, .identityProvider, detail: "\(identity.issuer) subject \(identity.subject)", request: request)
        }
    }

    /// Declines: the contract ends as ``ContractState/declined(reason:)`` and every link is revoked.
    public func decline(_ link: InvitationLink, reason: String, request: RequestInfo = .init()) async throws -> Contract {
        try await withParticipant(link, request, action: .decline) { mutation, participant in
            guard participant.role.mustAct, participant.state != .signed else {
                throw ContractError(.callerNotAllowed, "only a signer or approver who has not acted may decline",
                                    state: mutation.contract.state.kind, action: .decline)
            }
            try transition(&mutation, .decline, reason: reason)
            mutation.updateParticipant(participant.id) { p, now in p.state = .declined; p.declinedAt = now }
            revokeLinks(&mutation)
            mutation.emit(.declined, actor: .participant(participant.id), participant: participant.id, request: request, details: ["reason": reason])
            for other in mutation.contract.participants where other.id != participant.id && other.state != .pending {
                mutation.notify(.declined, other, text: "\(participant.name) declined the contract.")
            }
            return mutation.contract
        }
    }

    // MARK: - Helpers

    func policy(of participant: Participant) -> AuthenticationPolicy? { participant.witnessPolicy }

    func view(of mutation: Mutation, _ id: ParticipantID) -> ParticipantInvitationView {
        let participant = mutation.contract.participant(id)!
        return ParticipantInvitationView(contractID: mutation.contract.id, title: mutation.contract.title, contractVersion: mutation.contract.version,
                                         participant: participant, documentSHA256: mutation.contract.document.sha256,
                                         missingFactors: missingFactors(participant, mutation.record.authentication[id], at: mutation.now))
    }

    /// The policy's factors not (or no longer) satisfied at `time`.
    func missingFactors(_ participant: Participant, _ auth: ParticipantAuthentication?, at time: Date) -> [AuthenticationFactor] {
        guard let policy = policy(of: participant) else { return [] }
        let fresh = (auth?.satisfied ?? []).filter { time.timeIntervalSince($0.verifiedAt) <= policy.maximumAge }.map(\.factor)
        return policy.requiredFactors.filter { !fresh.contains($0) }
    }

    func checkNotLocked(_ auth: ParticipantAuthentication, _ factor: AuthenticationFactor, _ mutation: Mutation) throws {
        if let until = auth.lockedUntil[factor.rawValue], mutation.now < until {
            throw ContractError(.lockedOut, "\(factor.rawValue) is locked after too many wrong answers", state: mutation.contract.state.kind, action: .authenticate)
        }
    }

    func satisfy(_ mutation: inout Mutation, _ participant: Participant, _ factor: AuthenticationFactor, detail: String, request: RequestInfo) {
        var auth = mutation.record.authentication[participant.id] ?? ParticipantAuthentication()
        auth.satisfied.removeAll { $0.factor == factor }
        auth.satisfied.append(SatisfiedFactor(factor: factor, verifiedAt: mutation.now, detail: detail))
        auth.failures[factor.rawValue] = 0
        mutation.record.authentication[participant.id] = auth
        mutation.emit(.authenticated, actor: .participant(participant.id), participant: participant.id, request: request,
                      details: ["factor": factor.rawValue, "detail": detail])
        if missingFactors(participant, auth, at: mutation.now).isEmpty, [.invited, .viewed].contains(participant.state) {
            mutation.updateParticipant(participant.id) { p, now in p.state = .authenticated; p.authenticatedAt = now }
        }
    }

    func recordFailure(_ mutation: inout Mutation, _ participant: Participant, _ factor: AuthenticationFactor, request: RequestInfo) throws {
        let failures = (mutation.record.authentication[participant.id]?.failures[factor.rawValue] ?? 0) + 1
        mutation.record.authentication[participant.id]?.failures[factor.rawValue] = failures
        mutation.emit(.authenticationFailed, actor: .participant(participant.id), participant: participant.id, request: request,
                      details: ["factor": factor.rawValue, "attempt": String(failures)])
        if failures >= configuration.maximumAttempts {
            mutation.record.authentication[participant.id]?.lockedUntil[factor.rawValue] = mutation.now.addingTimeInterval(configuration.lockoutDuration)
            throw mutation.fail(ContractError(.lockedOut, "\(factor.rawValue) is locked after \(failures) wrong answers",
                                              state: mutation.contract.state.kind, action: .authenticate))
        }
        throw mutation.fail(ContractError(.authenticationFailed, "\(factor.rawValue) was not accepted", state: mutation.contract.state.kind, action: .authenticate))
    }

    /// `ya…@example.jp`, `+81…78`: enough to recognise, not enough to reuse.
    static func mask(_ destination: String) -> String {
        if let at = destination.firstIndex(of: "@") {
            return String(destination.prefix(2)) + "…" + String(destination[at...])
        }
        return destination.count > 5 ? String(destination.prefix(3)) + "…" + String(destination.suffix(2)) : "…"
    }
}
