import ContractDefaults
import ArgumentParser
import Foundation
import PDFSign
import X509

/// The visible-signature options of `pdf sign`.
struct PDFAppearanceOptions: ParsableArguments {
    @Option(name: .long, help: "Visible signature: PAGE,X,Y,W,H (page from 1, points from the lower-left corner).")
    var visible: String?

    @Option(name: .long, help: "Stamp image (PNG with transparency, or JPEG), e.g. a seal.")
    var stamp: String?

    @Option(name: .long, help: "Font file for the text: .ttf, .otf or .ttc (default: a Japanese system font such as IPAex Gothic or Noto Sans CJK JP, else the predefined HeiseiKakuGo-W5, not embedded).")
    var font: String?

    @Option(name: .long, help: "Text lines, separated by '\\n' (default: signer, date, reason, location).")
    var text: String?

    /// The values the options hold.
    var request: PDFAppearanceRequest { PDFAppearanceRequest(visible: visible, stamp: stamp, font: font, text: text) }
}

/// The visible-signature options of `pdf sign` as plain values (all `nil`: invisible).
struct PDFAppearanceRequest: Equatable {
    var visible: String?
    var stamp: String?
    var font: String?
    var text: String?

    /// The appearance asked for, or `nil` for an invisible signature.
    func appearance(signer: Certificate, reason: String?, location: String?) throws -> PDFSignatureAppearance? {
        guard let visible else {
            if stamp != nil || font != nil || text != nil {
                throw PDFError(.invalidArgument, "--stamp, --font and --text need --visible PAGE,X,Y,W,H")
            }
            return nil
        }
        let parts = visible.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 5, let page = parts[0], let x = parts[1], let y = parts[2], let w = parts[3], let h = parts[4],
              page >= 1, page == page.rounded()
        else {
            throw PDFError(.invalidArgument, "--visible takes PAGE,X,Y,W,H with PAGE ≥ 1, e.g. 1,350,50,200,60")
        }
        let lines = text.map { $0.components(separatedBy: "\\n") } ?? defaultLines(signer: signer, reason: reason, location: location)
        return try PDFSignatureAppearance(
            pageIndex: Int(page) - 1, rectangle: try PDFRectangle(x: x, y: y, width: w, height: h), textLines: lines,
            font: lines.contains { !$0.isEmpty } ? try FontChoice.japanese(file: font) : nil, stamp: try stamp.map { try PDFStampImage(data: readFile($0)) })
    }

    private func defaultLines(signer: Certificate, reason: String?, location: String?) -> [String] {
        let name = signer.subject.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }.map { String(describing: $0.value) }
        var lines = ["署名者: " + (name ?? String(describing: signer.subject))]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withSpaceBetweenDateAndTime]
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        lines.append("日時: " + formatter.string(from: Date()) + " JST")
        if let reason { lines.append("理由: " + reason) }
        if let location { lines.append("場所: " + location) }
        return lines
    }
}
