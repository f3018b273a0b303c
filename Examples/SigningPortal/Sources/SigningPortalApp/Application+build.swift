import Foundation
import Hummingbird
import Logging
import NIOCore

/// Builds the portal's router: static files, the sender's and the counterparty's pages, the API.
public func buildRouter(_ portal: Portal) -> Router<PortalContext> {
    let router = Router(context: PortalContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.get("/") { request, _ in
        let session = await portal.sessions.session(request.cookie(Respond.sessionCookie))
        if session?.isSender == true { return Respond.redirect("/contracts", request: request) }
        let l = request.lang
        return Respond.html(Layout.page("SigningPortal", lang: l, path: "/", body: """
            <p>\(l.t("送信者は起動時に発行されたログインリンク(outbox.jsonl)から開いてください。署名をお願いされた方は、招待メールのリンクから開いてください。",
                     "Senders: open the login link issued at start-up (outbox.jsonl). Signers: open the link in your invitation e-mail."))</p>
            """), request: request)
    }
    router.get("/static/portal.css") { _, _ in
        guard let url = Bundle.module.url(forResource: "portal", withExtension: "css"), let data = FileManager.default.contents(atPath: url.path) else {
            return Response(status: .notFound)
        }
        return Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
    SenderRoutes(portal: portal).register(on: router)
    SignerRoutes(portal: portal).register(on: router)
    APIRoutes(portal: portal).register(on: router)
    return router
}

/// Builds the application (logging at info unless `logger` says more). When listening, it sets the base URL (if not given), issues the
/// sender's login link (outbox and stdout), then prints `SigningPortal listening on http://HOST:PORT`.
public func buildApplication(_ portal: Portal, logger: Logger? = nil, announce: Bool = true) -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "SigningPortal")
    if logger.logLevel > .info { logger.logLevel = .info }
    let configuration = portal.configuration
    return Application(
        router: buildRouter(portal),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "SigningPortal"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            let url = "http://\(configuration.host):\(port)"
            if configuration.baseURL == nil { await portal.base.set(url) }
            guard announce else { return }
            do {
                let login = try await portal.issueSenderLogin()
                print("Sender login (one-time): \(login)")
            } catch {
                print("cannot issue the sender login link: \(error)")
            }
            print("SigningPortal listening on \(url)")
            fflush(nil)
        },
        logger: logger
    )
}
