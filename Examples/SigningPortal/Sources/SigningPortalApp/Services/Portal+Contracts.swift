import ContractDefaults
import ContractModel
import Foundation
import PDFSign

/// The sender's operations, shared by the pages and the API.
extension Portal {
    /// A contract as the sender sees it: created in the workflow, or an upload still without participants.
    public enum SenderView: Sendable {
        case contract(Contract)
        case pending(PendingUpload)

        var id: ContractID {
            switch self {
            case .contract(let c): c.id
            case .pending(let p): p.id
            }
        }
    }

    /// Checks and keeps an upload: at most ``PortalConfiguration/maximumUploadBytes``, and a PDF
    /// that PDFSign's reader opens.
    public func createUpload(title: String, fileName: String, pdf: [UInt8], counterparty: String?, amount: String?, transactionDate: String?) async throws -> PendingUpload {
        guard pdf.count <= configuration.maximumUploadBytes else {
            throw PortalError(.tooLarge, "the file is larger than \(configuration.maximumUploadBytes / 1024 / 1024) MB")
        }
        guard pdf.starts(with: Array("%PDF-".utf8)), (try? PDFDocument(bytes: pdf)) != nil else {
            throw PortalError(.notPDF, "the file is not a PDF document")
        }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else { throw PortalError(.invalidInput, "a title of 1 to 200 characters is required") }
        var metadata = ArchiveMetadata()
        if let counterparty = counterparty?.trimmingCharacters(in: .whitespaces), !counterparty.isEmpty {
            guard counterparty.count <= 200 else { throw PortalError(.invalidInput, "the counterparty is too long") }
            metadata.counterparty = counterparty
        }
        if let amount = amount?.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces), !amount.isEmpty {
            guard amount.count <= 15, amount.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Decimal(string: amount),
                  let money = try? MonetaryAmount(value, currency: "JPY") else {
                throw PortalError(.invalidInput, "the amount must be a whole number of yen")
            }
            metadata.amount = money
        }
        if let date = transactionDate?.trimmingCharacters(in: .whitespaces), !date.isEmpty {
            guard let day = try? CivilDate(date) else { throw PortalError(.invalidInput, "the transaction date must be YYYY-MM-DD") }
            metadata.transactionDate = day
        }
        let upload = PendingUpload(id: ContractID(UUID().uuidString.lowercased()), title: title,
                                   fileName: fileName.isEmpty ? "contract.pdf" : String(fileName.suffix(100)), metadata: metadata, uploadedAt: Date())
        try await uploads.put(upload, pdf: pdf)
        return upload
    }

    /// The contract or pending upload `id`.
    public func senderView(_ id: ContractID, by caller: AuthenticationContext) async throws -> SenderView {
        if let pending = await uploads.get(id) { return .pending(pending.upload) }
        do {
            return .contract(try await workflow.contract(id, by: caller))
        } catch let error as ContractError where error.code == .notFound || error.code == .accessDenied {
            throw PortalError(.notFound, "no such contract")
        } catch is ContractError {
            throw PortalError(.notFound, "no such contract")
        }
    }

    /// Every contract and pending upload, newest first.
    public func allContracts(by caller: AuthenticationContext) async throws -> [SenderView] {
        var views = await uploads.all().map { SenderView.pending($0) }
        let ids = try await environment.database.contractIDs(in: Set(ContractState.Kind.allCases))
        for id in ids { if let contract = try? await workflow.contract(id, by: caller) { views.append(.contract(contract)) } }
        func date(_ view: SenderView) -> Date {
            switch view {
            case .contract(let c): c.createdAt
            case .pending(let p): p.uploadedAt
            }
        }
        return views.sorted { date($0) > date($1) }
    }

    /// Adds a participant: 立会人型 (`witness`, e-mail OTP, signs in the browser) or 当事者型
    /// (`party`, signs with their own certificate through the CLI or SDK). The first participant
    /// creates the contract in the workflow.
    public func addParticipant(to id: ContractID, name: String, email: String, method: String, organisation: String?,
                               by caller: AuthenticationContext) async throws -> Contract {
        let name = name.trimmingCharacters(in: .whitespaces), email = email.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else { throw PortalError(.invalidInput, "a name of 1 to 100 characters is required") }
        guard email.count <= 200, Self.looksLikeEmail(email) else { throw PortalError(.invalidInput, "a valid e-mail address is required") }
        let signing: SigningMethod
        switch method {
        case "witness", "": signing = .witness(.emailOTP)
        case "party": signing = .partyCertificate
        default: throw PortalError(.invalidInput, "the method must be witness or party")
        }
        let organisation = organisation.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : String($0.prefix(200)) }
        let participant = Participant(name: name, email: email, organisation: organisation, role: .signer, orderGroup: 1, signingMethod: signing)
        do {
            if let pending = await uploads.get(id) {
                let draft = ContractDraft(title: pending.upload.title, organisationID: ContractEnvironment.organisation,
                                          metadata: pending.upload.metadata, participants: [participant])
                let contract = try await workflow.create(draft, pdf: pending.pdf, fileName: pending.upload.fileName, id: id, by: caller)
                await uploads.remove(id)
                return contract
            }
            _ = try await senderView(id, by: caller)
            return try await workflow.edit(id, { $0.participants.append(participant) }, by: caller)
        } catch let error as ContractError {
            throw Self.translate(error)
        }
    }

    /// Sends the contract: invitations go to the outbox.
    public func send(_ id: ContractID, by caller: AuthenticationContext) async throws -> Contract {
        guard case .contract = try await senderView(id, by: caller) else {
            throw PortalError(.conflict, "add a participant before sending")
        }
        do {
            _ = try await workflow.send(id, by: caller)
            return try await workflow.contract(id, by: caller)
        } catch let error as ContractError {
            throw Self.translate(error)
        }
    }

    /// A workflow refusal as the sender sees it.
    static func translate(_ error: ContractError) -> PortalError {
        switch error.code {
        case .notFound, .accessDenied, .callerNotAllowed: PortalError(.notFound, "no such contract")
        case .illegalTransition: PortalError(.conflict, "the contract can no longer be changed in this way")
        case .invalidArgument, .invalidDate: PortalError(.invalidInput, "the input was refused: \(error.reason)")
        default: PortalError(.conflict, "the request could not be completed (\(error.code))")
        }
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}
