"""portal-validate.py ROOT.pem FILE.pdf... — reads every signed PDF of the portal's load run with
pyHanko against the sandbox root and prints one JSON line per file.

A file is good when it has at least one signature and one document time-stamp, every signature
and time-stamp is intact, valid and trusted, and the newest one covers the entire file (nothing
was appended after the archive time-stamp). Revocation fetching is off: the portal embeds what
B-LT/B-LTA need, and validate-pdf checks the level on the browser test's file.
"""
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext

root = load_cert_from_pemder(sys.argv[1])


def check(path):
    with open(path, "rb") as handle:
        reader = PdfFileReader(handle, strict=True)
        embedded = reader.embedded_signatures
        if not embedded:
            return "no signature"
        kinds = []
        for signature in embedded:
            context = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
            if signature.sig_object_type == "/DocTimeStamp":
                status = validate_pdf_timestamp(signature, validation_context=context)
                kinds.append("timestamp")
            else:
                status = validate_pdf_signature(signature, context)
                kinds.append("signature")
            if not (status.intact and status.valid and status.trusted):
                return f"{signature.field_name}: intact={status.intact} valid={status.valid} trusted={status.trusted}"
        coverage = getattr(embedded[-1].evaluate_signature_coverage(), "name", "?")
        if coverage != "ENTIRE_FILE":
            return f"the newest signature covers {coverage}"
        if "signature" not in kinds or "timestamp" not in kinds:
            return f"expected signatures and a document time-stamp, found {kinds}"
        return ""


for path in sys.argv[2:]:
    try:
        why = check(path)
    except Exception as error:  # noqa: BLE001 — every failure is reported
        why = f"{type(error).__name__}: {error}"[:300]
    print(json.dumps({"file": path, "ok": not why, "why": why}), flush=True)
