import Foundation

/// The page language: Japanese by default, English through `?lang=en` (remembered in a cookie).
public enum Lang: String, Sendable {
    case ja, en

    /// The Japanese or the English text.
    func t(_ ja: String, _ en: String) -> String { self == .ja ? ja : en }
}

/// Escapes text for HTML element content and attribute values.
func esc(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}

/// The page layout: one stylesheet from `/static/portal.css`, no scripts.
enum Layout {
    static func page(_ title: String, lang: Lang, path: String, sender: Bool = false, body: String) -> String {
        let nav = sender ? """
            <nav><a id="nav-contracts" href="/contracts">\(lang.t("契約一覧", "Contracts"))</a> \
            <a id="nav-archive" href="/archive">\(lang.t("保管文書の検索", "Archive search"))</a></nav>
            """ : ""
        let other: Lang = lang == .ja ? .en : .ja
        return """
            <!doctype html>
            <html lang="\(lang.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title)) — SigningPortal</title>
            <link rel="stylesheet" href="/static/portal.css">
            </head>
            <body>
            <header><span class="brand">SigningPortal</span> \(nav)
            <a id="lang-switch" class="lang" href="\(esc(path))?lang=\(other.rawValue)">\(lang == .ja ? "English" : "日本語")</a></header>
            <main>
            <h1>\(esc(title))</h1>
            \(body)
            </main>
            </body>
            </html>
            """
    }

    /// A page that explains a refusal; `code` is machine-readable (`data-code`) for tests.
    static func message(_ title: String, _ text: String, code: String, lang: Lang, path: String, sender: Bool = false) -> String {
        page(title, lang: lang, path: path, sender: sender, body: """
            <p id="error-message" class="notice" data-code="\(esc(code))">\(esc(text))</p>
            """)
    }

    /// The hidden CSRF field.
    static func csrf(_ token: String) -> String { "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(token))\">" }
}
