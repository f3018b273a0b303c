import TestSupport

/// A one-page PDF with a classic cross-reference table, for the `pdf ltv` sample.
enum MinimalPDF {
    static func bytes(text: String) -> [UInt8] {
        let stream = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        return ClassicPDF.file(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ], binaryComment: false)
    }
}
