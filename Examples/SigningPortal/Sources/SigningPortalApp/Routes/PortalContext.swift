import ContractModel
import Hummingbird
import NIOCore

/// The request context: the client's address (for the audit trail and rate limits) and an upload
/// limit a little above the PDF limit (the multipart framing); the PDF itself is checked after.
public struct PortalContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address (`unknown` in in-process tests).
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    public var maxUploadSize: Int { 20 * 1024 * 1024 + 256 * 1024 }
}

extension Request {
    /// The cookie's value, if sent.
    func cookie(_ name: String) -> String? { cookies[name]?.value }

    /// The page language: `?lang=` first, then the `lang` cookie, else Japanese.
    var lang: Lang {
        if let value = uri.queryParameters.get("lang"), let lang = Lang(rawValue: value) { return lang }
        return cookie("lang").flatMap(Lang.init(rawValue:)) ?? .ja
    }

    /// The audit trail's view of the client.
    func info(_ context: PortalContext) -> RequestInfo {
        RequestInfo(ipAddress: context.clientAddress, userAgent: headers[.userAgent].map { String($0.prefix(200)) })
    }
}
