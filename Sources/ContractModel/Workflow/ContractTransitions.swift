/// The contract state machine: which ``ContractAction`` is legal in which ``ContractState``,
/// and where it leads. The workflow consults it before every change; it knows nothing of
/// callers or participants (``ContractWorkflow`` checks those).
public enum ContractTransitions {
    /// The state after `action` in `state`.
    ///
    /// - Parameters:
    ///   - state: the current state.
    ///   - action: the action asked for.
    ///   - reason: the reason stored with ``ContractState/declined(reason:)`` and ``ContractState/cancelled(reason:)``.
    /// - Throws: ``ContractError/Code/illegalTransition`` naming the state and the action.
    public static func next(from state: ContractState, on action: ContractAction, reason: String = "") throws -> ContractState {
        if let next = destination(state.kind, action, reason: reason) { return next }
        throw ContractError(.illegalTransition, "cannot \(action.rawValue) a contract that is \(state.kind.rawValue)",
                            state: state.kind, action: action)
    }

    /// Whether `action` is legal in a state of kind `kind`.
    public static func isLegal(_ action: ContractAction, in kind: ContractState.Kind) -> Bool {
        destination(kind, action, reason: "") != nil
    }

    private static func destination(_ kind: ContractState.Kind, _ action: ContractAction, reason: String) -> ContractState? {
        switch (kind, action) {
        case (.draft, .edit): .draft
        case (.draft, .send): .sent
        case (.draft, .cancel): .cancelled(reason: reason)
        case (.sent, .view), (.sent, .authenticate), (.sent, .remind), (.sent, .correct): .sent
        case (.sent, .sign), (.sent, .approve): .inProgress
        case (.inProgress, .view), (.inProgress, .authenticate), (.inProgress, .remind),
             (.inProgress, .sign), (.inProgress, .approve): .inProgress
        case (.inProgress, .correct): .sent
        case (.sent, .decline), (.inProgress, .decline): .declined(reason: reason)
        case (.sent, .cancel), (.inProgress, .cancel): .cancelled(reason: reason)
        case (.sent, .expire), (.inProgress, .expire): .expired
        case (.inProgress, .complete): .completed
        default: nil
        }
    }
}
