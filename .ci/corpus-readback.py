"""Reads back every signed PDF listed on stdin (`OUTPUT<TAB>INPUT` lines) with pyHanko and
prints one JSON line each.

For the newest signature: whether pyHanko can read the file (strictly, or only with
strict=False), whether the signature is intact and valid (the CMS over the byte range),
and whether it covers the entire file. When the output cannot be read, the input is tried too: "input_readable": false means
pyHanko cannot read the original file either. Trust is not judged here (revocation fetching is off);
validate-pdf does that for the interop matrix.
"""
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

root = load_cert_from_pemder(sys.argv[1])


def check(path, strict):
    with open(path, "rb") as handle:
        reader = PdfFileReader(handle, strict=strict)
        if reader.encrypted:
            reader.decrypt("")  # the corpus files signed are the ones with an empty user password
        signatures = reader.embedded_signatures
        if not signatures:
            return {"ok": False, "why": "pyHanko finds no signature"}
        context = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
        status = validate_pdf_signature(signatures[-1], context)
        coverage = getattr(status.coverage, "name", str(status.coverage))
        ok = status.intact and status.valid and coverage == "ENTIRE_FILE"
        return {"ok": ok, "why": "" if ok else f"intact={status.intact} valid={status.valid} coverage={coverage}"}


def readable(path):
    try:
        with open(path, "rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            if reader.encrypted and reader.decrypt("").status.name == "FAILED":
                return False  # pyHanko cannot open the input with its empty user password either
            reader.root
            reader.embedded_signatures
        return True
    except Exception:  # noqa: BLE001
        return False


for line in sys.stdin:
    if not line.strip():
        continue
    path, _, original = line.rstrip("\n").partition("\t")
    result = {"file": path, "input": original}
    for strict in (True, False):
        try:
            result.update(check(path, strict))
            result["strict"] = strict
            break
        except Exception as error:  # noqa: BLE001 — every failure is reported
            result.update({"ok": False, "why": f"{type(error).__name__}: {error}"[:200], "strict": strict})
    if not result["ok"] and original:
        result["input_readable"] = readable(original)
    print(json.dumps(result), flush=True)
