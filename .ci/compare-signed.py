"""Compares our validator with pyHanko on every PDF of ../shared/corpus/signed: integrity (intact),
coverage and modification level, per signature. Prints counts of agreement and every disagreement.

Usage: compare-signed.py ECONTRACT CORPUS_DIR OUT.jsonl
Our side: `econtract pdf verify FILE --json` (trust not judged). pyHanko's side, also without
trust: the CMS signature over the byte ranges (validate_sig_integrity; for document timestamps the
token's imprint and the TSA's signature over the TSTInfo), coverage and the diff-analysis
modification level. Every disagreement gets a class; the classes are counted at the end.
"""
import hashlib
import json
import subprocess
import sys
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.generic_cms import validate_sig_integrity

econtract, corpus, out_path = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
COVERAGE = {"ENTIRE_FILE": "entireFile", "ENTIRE_REVISION": "entireRevision", "CONTIGUOUS_BLOCK_FROM_START": "partial"}
MODS = {"NONE": "none", "LTA_UPDATES": "allowed", "FORM_FILLING": "allowed", "ANNOTATIONS": "allowed", "OTHER": "disallowed"}


def pyhanko_side(path):
    """pyHanko's integrity (CMS over the byte ranges, no trust), coverage and diff-analysis level."""
    result = {}
    try:
        with open(path, "rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            for sig in reader.embedded_signatures:
                name = sig.field_name
                try:
                    sig.compute_integrity_info()
                    info = sig.summarise_integrity_info()
                    coverage = COVERAGE.get(getattr(info["coverage"], "name", ""), "partial")
                    diff = info["diff_result"]
                    level = getattr(getattr(diff, "modification_level", None), "name", None)
                    reason = str(diff)[:200] if isinstance(diff, Exception) else None
                    if diff is None:
                        modifications = "none" if coverage == "entireFile" else "disallowed"
                    else:
                        modifications = MODS.get(level, "disallowed")
                    if sig.sig_object_type == "/DocTimeStamp":
                        # The token's imprint over the byte ranges, and the TSA's signature over the TSTInfo.
                        content = sig.signed_data["encap_content_info"]["content"]
                        imprint = content.parsed["message_imprint"]["hashed_message"].native == sig.compute_digest()
                        algorithm = sig.signer_info["digest_algorithm"]["algorithm"].native
                        token_intact, token_valid = validate_sig_integrity(
                            sig.signer_info, sig.signer_cert, expected_content_type="tst_info",
                            actual_digest=hashlib.new(algorithm, bytes(content)).digest())
                        intact = bool(imprint and token_intact and token_valid)
                    else:
                        intact, valid = validate_sig_integrity(
                            sig.signer_info, sig.signer_cert, expected_content_type="data", actual_digest=sig.compute_digest())
                        intact = bool(intact and valid)
                    result[name] = {"intact": intact, "coverage": coverage, "modifications": modifications}
                    if reason:
                        result[name]["reason"] = reason
                except Exception as error:  # noqa: BLE001
                    result[name] = {"error": f"{type(error).__name__}: {error}"[:160]}
    except Exception as error:  # noqa: BLE001
        return {"__file__": {"error": f"{type(error).__name__}: {error}"[:160]}}
    return result


def our_side(path):
    run = subprocess.run([econtract, "pdf", "verify", str(path), "--json"], capture_output=True, text=True, timeout=60)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return {"__file__": {"error": (run.stderr or run.stdout)[:160]}}
    items = report["signatures"] + report["documentTimestamps"]
    result = {i["field"]: {"intact": i["intact"], "coverage": i["coverage"], "modifications": i["modifications"],
                           "indication": i["indication"], "findings": [f["code"] for f in i["findings"]],
                           "messages": [f["message"][:160] for f in i["findings"]]} for i in items}
    if not items and report["findings"]:
        result["__file__"] = {"error": "; ".join(f["code"] for f in report["findings"])}
    return result


def classify(t, o):
    """Why pyHanko (t) and we (o) differ, from our finding codes and pyHanko's diff message."""
    codes, reason = set(o.get("findings", [])), t.get("reason") or ""
    if not o["intact"] and t["intact"]:
        if "algorithmUnsupported" in codes or o.get("indication") == "INDETERMINATE":
            return "ours-cannot-check-algorithm (INDETERMINATE, needs libcrypto: issue 13)"
        return "we-say-not-intact: " + ",".join(sorted(codes))
    if o["coverage"] != t["coverage"] and codes & {"signatureWrapping", "signedRevisionNotAtEOF", "byteRangeMalformed"}:
        return "ours-stricter-byte-range: " + ",".join(sorted(codes & {"signatureWrapping", "signedRevisionNotAtEOF", "byteRangeMalformed"}))
    if t["modifications"] == "disallowed" and o["modifications"] != "disallowed":
        if "freed" in reason:
            return "pyhanko-refuses-freeing-objects"
        if "unexplained xrefs" in reason:
            return "pyhanko-refuses-unexplained-xrefs"
        if "VRI" in reason:
            return "pyhanko-refuses-changed-vri"
        return "pyhanko-stricter-modifications: " + reason[:80]
    if o["modifications"] == "disallowed" and t["modifications"] != "disallowed":
        return "ours-stricter-modifications: " + ",".join(sorted(codes))
    return "other: " + ",".join(sorted(codes))


classes = {}
totals = {"files": 0, "unsigned": 0, "signatures": 0, "agree": 0, "disagree": 0, "pyhanko_error": 0, "ours_only": 0}
with open(out_path, "w") as out:
    for path in sorted(corpus.rglob("*.pdf")):
        totals["files"] += 1
        theirs, ours = pyhanko_side(path), our_side(path)
        if not theirs and ours.get("__file__", {}).get("error") == "noSignatures":
            totals["unsigned"] += 1
            continue
        for name in sorted(set(theirs) | set(ours)):
            t, o = theirs.get(name), ours.get(name)
            row = {"file": str(path.relative_to(corpus)), "field": name, "pyhanko": t, "ours": o}
            if t is None or "error" in (t or {}):
                totals["pyhanko_error"] += 1
                row["verdict"] = "pyhanko-error"
            elif o is None or "error" in (o or {}):
                totals["disagree"] += 1
                row["verdict"] = "we-failed"
            else:
                totals["signatures"] += 1
                same = all(t[k] == o[k] for k in ("intact", "coverage", "modifications"))
                totals["agree" if same else "disagree"] += 1
                row["verdict"] = "agree" if same else "disagree"
                if not same:
                    row["class"] = classify(t, o)
                    classes[row["class"]] = classes.get(row["class"], 0) + 1
            out.write(json.dumps(row) + "\n")
print(json.dumps(totals))
print(json.dumps({"disagreement classes": dict(sorted(classes.items(), key=lambda item: -item[1]))}, indent=1))
