import Foundation
import PDFSign

/// A file attached to a contract (not signed).
public struct ContractAttachment: Sendable {
    /// The file name.
    public var fileName: String
    /// The media type.
    public var mediaType: String
    /// The bytes.
    public var bytes: [UInt8]
    /// An attachment.
    public init(fileName: String, mediaType: String = "application/pdf", bytes: [UInt8]) {
        self.fileName = fileName
        self.mediaType = mediaType
        self.bytes = bytes
    }
}

/// An invitation link issued to a participant (deliver it; it is a secret).
public struct IssuedInvitation: Hashable, Sendable {
    /// The participant.
    public var participantID: ParticipantID
    /// The link.
    public var link: InvitationLink
}

extension ContractWorkflow {
    /// Creates a draft contract.
    ///
    /// - Parameters:
    ///   - draft: title, organisation, folder, deadline, metadata and participants.
    ///   - pdf: the primary document (must parse as PDF).
    ///   - fileName: the primary document's file name.
    ///   - attachments: further files (not signed).
    ///   - accessCodes: the access codes shared out of band, by participant (required for
    ///     participants whose policy includes ``AuthenticationFactor/accessCode``); only salted hashes are kept.
    ///   - id: the new contract's identifier (default: a random UUID).
    ///   - caller: the member creating it (needs `create` in the folder).
    public func create(_ draft: ContractDraft, pdf: [UInt8], fileName: String = "contract.pdf", attachments: [ContractAttachment] = [],
                       accessCodes: [ParticipantID: String] = [:], id: ContractID = ContractID(UUID().uuidString.lowercased()),
                       by caller: AuthenticationContext) async throws -> Contract {
        let decision = await dependencies.accessPolicy.decide(AccessRequest(
            caller: .member(caller), permission: .create, organisationID: draft.organisationID, folderID: draft.folderID, contractID: nil, ownerID: nil))
        if case .deny(let denial) = decision {
            logger.notice("access denied", metadata: ["permission": "create", "denial": "\(denial.rawValue)"])
            throw ContractError(.accessDenied, "create in organisation \(draft.organisationID) denied: \(denial.rawValue)")
        }
        try draft.validate()
        for participant in draft.participants where participant.witnessPolicy?.requiredFactors.contains(.accessCode) == true {
            guard let code = accessCodes[participant.id], code.count >= 4 else {
                throw ContractError(.invalidArgument, "participant \(participant.id) needs an access code of at least 4 characters")
            }
        }
        do { _ = try PDFDocument(bytes: pdf) } catch {
            throw ContractError(.invalidArgument, "the primary document is not a readable PDF: \(error)")
        }
        let documentHash = try await storeDocument(pdf)
        let reference = DocumentReference(sha256: documentHash, fileName: fileName, byteCount: pdf.count)
        var attachmentReferences: [DocumentReference] = []
        for attachment in attachments {
            let hash = try await dependencies.documents.put(attachment.bytes)
            attachmentReferences.append(DocumentReference(sha256: hash, fileName: attachment.fileName, mediaType: attachment.mediaType,
                                                          byteCount: attachment.bytes.count))
        }
        let now = dependencies.clock.now()
        let participants = draft.participants.map { participant -> Participant in
            var fresh = Participant(id: participant.id, name: participant.name, email: participant.email, phone: participant.phone,
                                    organisation: participant.organisation, role: participant.role, orderGroup: participant.orderGroup,
                                    signingMethod: participant.signingMethod)
            fresh.state = .pending
            return fresh
        }
        let contract = Contract(id: id, version: 1, title: draft.title, document: reference, latestRevision: reference,
                                attachments: attachmentReferences, organisationID: draft.organisationID, folderID: draft.folderID,
                                ownerID: caller.userID, deadline: draft.deadline, metadata: draft.metadata, participants: participants,
                                state: .draft, history: [], createdAt: now, sentAt: nil, completedAt: nil)
        var authentication: [ParticipantID: ParticipantAuthentication] = [:]
        for participant in participants {
            var state = ParticipantAuthentication()
            if let code = accessCodes[participant.id] { state.accessCode = SecretHash(secret: code, random: dependencies.random) }
            authentication[participant.id] = state
        }
        var mutation = Mutation(record: ContractRecord(contract: contract, authentication: authentication), now: now)
        mutation.emit(.created, actor: .member(caller.userID), request: caller.request,
                      details: ["documentSHA256": documentHash, "title": draft.title])
        try await dependencies.store.create(mutation.record, events: mutation.events)
        remember(StoredContract(record: mutation.record, version: 1))
        logger.debug("contract created", metadata: ["contract": "\(id)"])
        return contract
    }

    /// Changes a draft (title, deadline, metadata, participants).
    public func edit(_ id: ContractID, _ change: @Sendable (inout ContractDraft) -> Void, by caller: AuthenticationContext) async throws -> Contract {
        try await mutate(id) { mutation in
            try await authorize(&mutation, .member(caller), .edit, action: .edit)
            try transition(&mutation, .edit)
            let contract = mutation.contract
            var draft = ContractDraft(title: contract.title, organisationID: contract.organisationID, folderID: contract.folderID,
                                      deadline: contract.deadline, metadata: contract.metadata, participants: contract.participants)
            change(&draft)
            guard draft.organisationID == contract.organisationID else {
                throw ContractError(.invalidArgument, "a contract cannot move to another organisation")
            }
            try draft.validate()
            mutation.contract.title = draft.title
            mutation.contract.folderID = draft.folderID
            mutation.contract.deadline = draft.deadline
            mutation.contract.metadata = draft.metadata
            mutation.contract.participants = draft.participants.map { var p = $0; p.state = .pending; return p }
            for participant in draft.participants where mutation.record.authentication[participant.id] == nil {
                mutation.record.authentication[participant.id] = ParticipantAuthentication()
            }
            mutation.emit(.edited, actor: .member(caller.userID), request: caller.request)
            return mutation.contract
        }
    }

    /// Sends the invitations to the first order group (and viewers); returns the links issued.
    public func send(_ id: ContractID, by caller: AuthenticationContext) async throws -> [IssuedInvitation] {
        try await mutate(id) { mutation in
            try await authorize(&mutation, .member(caller), .send, action: .send)
            try transition(&mutation, .send)
            mutation.contract.sentAt = mutation.now
            mutation.emit(.sent, actor: .member(caller.userID), request: caller.request,
                          details: ["documentSHA256": mutation.contract.document.sha256])
            return inviteActiveGroup(&mutation, includeViewers: true)
        }
    }

    /// Withdraws a draft or sent contract; every link stops working.
    public func cancel(_ id: ContractID, reason: String, by caller: AuthenticationContext) async throws -> Contract {
        try await mutate(id) { mutation in
            try await authorize(&mutation, .member(caller), .cancel, action: .cancel)
            let wasSent = mutation.contract.state.kind != .draft
            try transition(&mutation, .cancel, reason: reason)
            revokeLinks(&mutation)
            mutation.emit(.cancelled, actor: .member(caller.userID), request: caller.request, details: ["reason": reason])
            if wasSent {
                for participant in mutation.contract.participants where participant.state != .pending {
                    mutation.notify(.cancelled, participant, text: "The contract was withdrawn: \(reason)")
                }
            }
            return mutation.contract
        }
    }

    /// Corrects a sent contract: the new PDF becomes a new version, every signature so far is
    /// set aside (kept in ``Contract/history``), every link is revoked and the first group is re-invited.
    public func correct(_ id: ContractID, pdf: [UInt8], fileName: String = "contract.pdf", reason: String,
                        by caller: AuthenticationContext) async throws -> [IssuedInvitation] {
        do { _ = try PDFDocument(bytes: pdf) } catch {
            throw ContractError(.invalidArgument, "the corrected document is not a readable PDF: \(error)")
        }
        let hash = try await storeDocument(pdf)
        return try await mutate(id) { mutation in
            try await authorize(&mutation, .member(caller), .edit, action: .correct)
            try transition(&mutation, .correct)
            var contract = mutation.contract
            contract.history.append(ContractVersion(version: contract.version, document: contract.document, latestRevision: contract.latestRevision,
                                                    replacedAt: mutation.now, reason: reason))
            contract.version += 1
            contract.document = DocumentReference(sha256: hash, fileName: fileName, byteCount: pdf.count)
            contract.latestRevision = contract.document
            contract.sentAt = mutation.now
            contract.participants = contract.participants.map { old in
                var fresh = Participant(id: old.id, name: old.name, email: old.email, phone: old.phone, organisation: old.organisation,
                                        role: old.role, orderGroup: old.orderGroup, signingMethod: old.signingMethod)
                fresh.state = .pending
                return fresh
            }
            mutation.contract = contract
            revokeLinks(&mutation)
            for key in Array(mutation.record.authentication.keys) {
                let accessCode = mutation.record.authentication[key]?.accessCode
                var fresh = ParticipantAuthentication()
                fresh.accessCode = accessCode
                fresh.previousInvitations = (mutation.record.authentication[key]?.previousInvitations ?? [])
                    + [mutation.record.authentication[key]?.invitation].compactMap { $0 }
                mutation.record.authentication[key] = fresh
            }
            mutation.emit(.corrected, actor: .member(caller.userID), request: caller.request,
                          details: ["reason": reason, "documentSHA256": hash, "version": String(contract.version)])
            return inviteActiveGroup(&mutation, includeViewers: true, kind: .corrected)
        }
    }

    /// The contract, for a member with `read`.
    public func contract(_ id: ContractID, by caller: AuthenticationContext) async throws -> Contract {
        try await mutate(id) { mutation in
            try await authorize(&mutation, .member(caller), .read)
            return mutation.contract
        }
    }

    /// The latest revision of the PDF, for a member with `download` (audited as `downloaded`).
    public func document(_ id: ContractID, by caller: AuthenticationContext) async throws -> [UInt8] {
        let sha256 = try await mutate(id) { mutation in
            try await authorize(&mutation, .member(caller), .download)
            mutation.emit(.downloaded, actor: .member(caller.userID), request: caller.request,
                          details: ["documentSHA256": mutation.contract.latestRevision.sha256])
            return mutation.contract.latestRevision.sha256
        }
        return try await dependencies.documents.get(sha256)
    }

    /// The audit trail, for a member with `audit`.
    public func auditTrail(_ id: ContractID, by caller: AuthenticationContext) async throws -> (events: [AuditEvent], anchors: [AuditAnchor]) {
        let anchors = try await mutate(id) { mutation in
            try await authorize(&mutation, .member(caller), .audit)
            return mutation.record.anchors
        }
        return (try await dependencies.store.events(of: id), anchors)
    }

    /// Verifies the stored trail: the hash chain, the anchors (tokens checked with the
    /// workflow's ``Dependencies/anchoring``) and the head recorded with the contract.
    public func verifyAuditTrail(_ id: ContractID, by caller: AuthenticationContext) async throws -> AuditVerificationResult {
        let trail = try await auditTrail(id, by: caller)
        let record = try await dependencies.store.load(id).record
        return await Self.verify(events: trail.events, record: record, anchoring: dependencies.anchoring)
    }

    /// Verifies `events` against a record's anchors and its recorded head (catches truncation even before the first anchor).
    public static func verify(events: [AuditEvent], record: ContractRecord, anchoring: (any AuditAnchoring)?) async -> AuditVerificationResult {
        let result = await AuditTrailVerifier(anchoring: anchoring).verify(events, anchors: record.anchors, contractID: record.contract.id)
        guard case .intact(let count, let head, _) = result else { return result }
        if count < record.headSequence {
            return .broken(.init(kind: .truncated, sequence: count + 1, reason: "the trail ends at event \(count) but the contract records event \(record.headSequence)"))
        }
        if count == record.headSequence, head != record.headHash {
            return .broken(.init(kind: .anchorMismatch, sequence: count, reason: "event \(count) differs from the head recorded with the contract"))
        }
        return result
    }

    // MARK: - Helpers

    /// Issues links to the active group's participants who are still pending (and viewers), notifying them.
    func inviteActiveGroup(_ mutation: inout Mutation, includeViewers: Bool, kind: NotificationKind = .invitation) -> [IssuedInvitation] {
        let group = mutation.contract.activeOrderGroup
        var issued: [IssuedInvitation] = []
        for participant in mutation.contract.participants where participant.state == .pending {
            let invite = (participant.role.mustAct && participant.orderGroup == group) || (includeViewers && participant.role == .viewer)
            guard invite else { continue }
            let link = issueLink(&mutation, to: participant.id)
            mutation.updateParticipant(participant.id) { p, now in p.state = .invited; p.invitedAt = now }
            // A party signer acts in the host's app, but still gets the link to view.
            mutation.notify(kind, participant, text: "Please review \(participant.role == .viewer ? "" : "and act on ")the contract.", link: link)
            issued.append(IssuedInvitation(participantID: participant.id, link: link))
        }
        return issued
    }

    /// Issues a fresh link to `participant`: the current one (if any) is revoked and kept in
    /// ``ParticipantAuthentication/previousInvitations``, so it is refused as revoked; the
    /// factors satisfied under it no longer count (they belong to that invitation).
    func issueLink(_ mutation: inout Mutation, to participant: ParticipantID) -> InvitationLink {
        let link = InvitationLink.generate(for: mutation.contract.id, random: dependencies.random)
        var auth = mutation.record.authentication[participant] ?? ParticipantAuthentication()
        if var previous = auth.invitation {
            previous.revokedAt = previous.revokedAt ?? mutation.now
            auth.previousInvitations.append(previous)
        }
        auth.invitation = InvitationRecord(tokenHash: link.tokenHash, participantID: participant, contractVersion: mutation.contract.version,
                                           issuedAt: mutation.now, expiresAt: mutation.now.addingTimeInterval(configuration.linkLifetime))
        auth.satisfied = []
        mutation.record.authentication[participant] = auth
        mutation.recordChanged = true
        return link
    }

    func revokeLinks(_ mutation: inout Mutation) {
        for key in Array(mutation.record.authentication.keys) where mutation.record.authentication[key]?.invitation != nil {
            if mutation.record.authentication[key]?.invitation?.revokedAt == nil {
                mutation.record.authentication[key]?.invitation?.revokedAt = mutation.now
            }
        }
        mutation.recordChanged = true
    }
}
