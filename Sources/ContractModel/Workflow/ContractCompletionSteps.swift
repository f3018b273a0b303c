/// A ``ContractCompletionHandler`` that runs other handlers one after the other, so that a host
/// composes its completion from small steps (B-LTA, then the completion certificate, then the
/// archive) and adds or removes one without touching the others.
///
/// Each step sees the same ``CompletedContract``. A step that throws stops the steps after it,
/// and the error reaches the workflow (which logs it; completion is not undone).
public struct ContractCompletionSteps: ContractCompletionHandler {
    /// The steps, in order.
    public var steps: [any ContractCompletionHandler]

    /// Steps run in the order given.
    public init(_ steps: [any ContractCompletionHandler]) { self.steps = steps }

    /// Runs every step in order.
    public func contractCompleted(_ completed: CompletedContract) async throws {
        for step in steps { try await step.contractCompleted(completed) }
    }
}
