import TestSupport

/// A one-page PDF with a classic cross-reference table, to be signed by the tests.
enum MinimalPDF {
    static func bytes(text: String = "Contract signed with a key in a PKCS#11 token") -> [UInt8] {
        let content = "BT /F1 14 Tf 72 720 Td (\(text)) Tj ET"
        return ClassicPDF.file(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ])
    }
}
