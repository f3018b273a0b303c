import CMSCore
import Foundation
import X509

extension ContractWorkflow {
    /// 立会人型: the participant holding `link` instructs the platform to sign. Refused unless the
    /// link is valid and unused, the caller's IP is allowed, it is the participant's turn, every
    /// factor of their ``AuthenticationPolicy`` is satisfied and `instruction` names the current
    /// version's document. The link is used up by the signature.
    ///
    /// - Returns: the evidence recorded in the trail and passed to the signing engine.
    public func signAsWitness(_ link: InvitationLink, instruction: WitnessSigningInstruction) async throws -> WitnessEvidence {
        try await withParticipant(link, instruction.request, action: .sign) { mutation, participant in
            try checkTurn(mutation, participant, role: .signer, action: .sign)
            guard let policy = participant.witnessPolicy else {
                throw ContractError(.callerNotAllowed, "participant \(participant.id) signs with their own certificate", state: mutation.contract.state.kind, action: .sign)
            }
            let auth = mutation.record.authentication[participant.id] ?? ParticipantAuthentication()
            let missing = missingFactors(participant, auth, at: mutation.now)
            guard missing.isEmpty else {
                mutation.emit(.accessDenied, actor: .participant(participant.id), participant: participant.id, request: instruction.request,
                              details: ["denial": ContractError.Code.authenticationRequired.description, "action": "sign",
                                        "missing": missing.map(\.rawValue).joined(separator: ",")])
                throw mutation.fail(ContractError(.authenticationRequired, "missing factors: \(missing.map(\.rawValue).joined(separator: ", "))",
                                                  state: mutation.contract.state.kind, action: .sign))
            }
            guard instruction.documentSHA256.lowercased() == mutation.contract.document.sha256 else {
                throw ContractError(.invalidArgument, "the document shown is not the contract's current version", state: mutation.contract.state.kind, action: .sign)
            }
            let fresh = auth.satisfied.filter { policy.requiredFactors.contains($0.factor) }
            let evidence = WitnessEvidence(contractID: mutation.contract.id, contractVersion: mutation.contract.version, participantID: participant.id,
                                           participantName: participant.name, participantEmail: participant.email,
                                           invitationIssuedAt: auth.invitation?.issuedAt ?? mutation.now, factors: fresh, instructedAt: mutation.now,
                                           ipAddress: instruction.request.ipAddress, userAgent: instruction.request.userAgent,
                                           documentSHA256: mutation.contract.document.sha256, consentText: instruction.consentText)
            try await applySignature(&mutation, participant, kind: .witness(evidence), request: instruction.request, evidenceDigest: evidence.digestHex,
                                     details: ["method": "witness",
                                               "factors": fresh.map(\.factor.rawValue).joined(separator: ",")])
            mutation.record.authentication[participant.id]?.invitation?.usedAt = mutation.now
            return evidence
        }
    }

    /// 当事者型: signs with the participant's own key. `caller` must be the participant, as
    /// authenticated by the host, and the key's certificate must be bound to the participant by
    /// ``Dependencies/partyCertificatePolicy`` (refused with ``ContractError/Code/certificateNotBound``
    /// otherwise, recorded as `accessDenied`).
    public func signAsParty(_ id: ContractID, participant participantID: ParticipantID, key: any SigningKeyProvider,
                            request: RequestInfo = .init()) async throws -> Contract {
        try await mutate(id) { mutation in
            guard let participant = mutation.contract.participant(participantID) else {
                throw ContractError(.notFound, "no participant \(participantID)", state: mutation.contract.state.kind, action: .sign)
            }
            try await authorize(&mutation, .participant(participantID, request), .participate, action: .sign)
            guard ContractTransitions.isLegal(.sign, in: mutation.contract.state.kind) else {
                throw ContractError(.illegalTransition, "cannot sign a contract that is \(mutation.contract.state.kind.rawValue)",
                                    state: mutation.contract.state.kind, action: .sign)
            }
            try checkTurn(mutation, participant, role: .signer, action: .sign)
            guard participant.signingMethod == .partyCertificate else {
                throw ContractError(.callerNotAllowed, "participant \(participantID) signs through the witness", state: mutation.contract.state.kind, action: .sign)
            }
            let certificate: Certificate
            do { certificate = try await key.signerCertificate } catch {
                throw ContractError(.signingFailed, "the signing key has no certificate: \(error)", state: mutation.contract.state.kind, action: .sign)
            }
            let subject = certificate.subject.description
            if let refusal = await dependencies.partyCertificatePolicy.refusal(of: certificate, for: participant) {
                mutation.emit(.accessDenied, actor: .participant(participantID), participant: participantID, request: request,
                              details: ["denial": ContractError.Code.certificateNotBound.description, "action": "sign",
                                        "refusal": refusal.rawValue, "certificate": subject])
                throw mutation.fail(ContractError(.certificateNotBound, "the certificate \(subject) is not bound to \(participant.email): \(refusal.rawValue)",
                                                  state: mutation.contract.state.kind, action: .sign))
            }
            try await applySignature(&mutation, participant, kind: .party(key), request: request, details: ["method": "party", "certificate": subject])
            return mutation.contract
        }
    }

    /// An approver holding `link` approves (after satisfying their policy, if they have one).
    public func approve(_ link: InvitationLink, request: RequestInfo = .init()) async throws -> Contract {
        try await withParticipant(link, request, action: .approve) { mutation, participant in
            try checkTurn(mutation, participant, role: .approver, action: .approve)
            let missing = missingFactors(participant, mutation.record.authentication[participant.id], at: mutation.now)
            guard missing.isEmpty else {
                throw ContractError(.authenticationRequired, "missing factors: \(missing.map(\.rawValue).joined(separator: ", "))",
                                    state: mutation.contract.state.kind, action: .approve)
            }
            try transition(&mutation, .approve)
            mutation.updateParticipant(participant.id) { p, now in p.state = .signed; p.signedAt = now }
            mutation.record.authentication[participant.id]?.invitation?.usedAt = mutation.now
            mutation.emit(.approved, actor: .participant(participant.id), participant: participant.id, request: request)
            advance(&mutation)
            return mutation.contract
        }
    }

    // MARK: - Helpers

    func checkTurn(_ mutation: Mutation, _ participant: Participant, role: ParticipantRole, action: ContractAction) throws {
        let state = mutation.contract.state.kind
        guard participant.role == role else {
            throw ContractError(.callerNotAllowed, "a \(participant.role.rawValue) cannot \(action.rawValue)", state: state, action: action)
        }
        guard participant.state != .signed, participant.state != .declined else {
            throw ContractError(.callerNotAllowed, "participant \(participant.id) has already acted", state: state, action: action)
        }
        guard participant.orderGroup == mutation.contract.activeOrderGroup, participant.state != .pending else {
            throw ContractError(.callerNotAllowed, "it is not yet the turn of order group \(participant.orderGroup)", state: state, action: action)
        }
    }

    /// Signs the latest revision, stores it, records the event and moves the contract on.
    /// `evidenceDigest` (a witness signature's ``WitnessEvidence/digestHex``, computed once by
    /// the caller) goes into the participant and the `signed` event.
    func applySignature(_ mutation: inout Mutation, _ participant: Participant, kind: ContractSignatureKind, request: RequestInfo,
                        evidenceDigest: String? = nil, details: [String: String]) async throws {
        try transition(&mutation, .sign)
        let latest = try await revision(mutation.contract.latestRevision.sha256)
        let signingRequest = ContractSigningRequest(contractID: mutation.contract.id, contractVersion: mutation.contract.version,
                                                    title: mutation.contract.title, participant: participant, kind: kind,
                                                    signingTime: mutation.now, fieldName: "Signature-v\(mutation.contract.version)-\(participant.id.rawValue)")
        let signed: (pdf: [UInt8], info: ContractSignatureInfo)
        do { signed = try await dependencies.signingEngine.sign(document: latest, request: signingRequest) } catch let error as ContractError {
            throw error
        } catch {
            throw ContractError(.signingFailed, "signing for \(participant.id) failed: \(error)", state: mutation.contract.state.kind, action: .sign)
        }
        // The new revision is on disk before the record names it: a crash leaves at most an unreferenced file.
        let hash = try await storeDocument(signed.pdf)
        mutation.contract.latestRevision = DocumentReference(sha256: hash, fileName: mutation.contract.document.fileName, byteCount: signed.pdf.count)
        mutation.updateParticipant(participant.id) { p, now in
            p.state = .signed
            p.signedAt = now
            if let evidenceDigest { p.evidenceDigest = evidenceDigest }
        }
        var eventDetails = details
        eventDetails["evidenceDigest"] = evidenceDigest
        eventDetails["documentSHA256"] = hash
        eventDetails["field"] = signed.info.fieldName
        mutation.emit(.signed, actor: .participant(participant.id), participant: participant.id, request: request, details: eventDetails)
        logger.debug("signed", metadata: ["contract": "\(mutation.contract.id)", "participant": "\(participant.id)"])
        advance(&mutation)
    }

    /// After an act: completes the contract, or invites the next order group.
    func advance(_ mutation: inout Mutation) {
        if mutation.contract.allRequiredDone {
            mutation.contract.state = .completed
            mutation.contract.completedAt = mutation.now
            revokeLinks(&mutation)
            mutation.emit(.completed, actor: .system, details: ["documentSHA256": mutation.contract.latestRevision.sha256])
            mutation.anchorRequested = true
            mutation.completed = mutation.contract
            for participant in mutation.contract.participants {
                mutation.notify(.completed, participant, text: "The contract is complete.")
            }
            logger.debug("completed", metadata: ["contract": "\(mutation.contract.id)"])
        } else {
            _ = inviteActiveGroup(&mutation, includeViewers: false)
        }
    }
}
