#!/usr/bin/env python3
"""portal-sample-pdf.py OUT.pdf — a one-page A4 service agreement (Helvetica, classic xref table):
the document the portal checks upload, sign and download."""
import sys

lines = [
    (18, "SERVICE AGREEMENT"),
    (11, "between Example Corporation (the Client) and Browser Test Co., Ltd. (the Contractor)"),
    (11, ""),
    (11, "1. Services. The Contractor shall build and maintain the Client's signing portal."),
    (11, "2. Term. This agreement runs from 1 December 2026 to 30 November 2027."),
    (11, "3. Fee. The Client shall pay JPY 880,000 (tax excluded) within 30 days of invoice."),
    (11, "4. Confidentiality. Each party keeps the other's information confidential."),
    (11, "5. Governing law. The laws of Japan; the Tokyo District Court has jurisdiction."),
    (11, ""),
    (11, "Signed electronically through the EContractKit SigningPortal."),
]
content = b"BT /F1 11 Tf 72 770 Td 16 TL\n"
for size, text in lines:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content += b"/F1 %d Tf (%s) Tj T*\n" % (size, escaped.encode("latin-1"))
content += b"ET\n0.6 w 72 560 m 260 560 l S 330 560 m 520 560 l S\n"
content += b"BT /F1 9 Tf 72 548 Td (Client) Tj 258 0 Td (Contractor) Tj ET"
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
]
out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for number, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for offset in offsets:
    out += b"%010d 00000 n \n" % offset
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
with open(sys.argv[1], "wb") as handle:
    handle.write(out)
