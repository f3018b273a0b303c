import Foundation

extension URL {
    /// The URL for logs and messages: without user name, password or query, which may hold
    /// credentials or API keys.
    package var redactedForLogging: String {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return "(unparseable URL)" }
        let hadQuery = components.query != nil
        components.user = nil
        components.password = nil
        components.query = nil
        let text = components.string ?? "(unparseable URL)"
        return hadQuery ? text + "?…" : text
    }
}
