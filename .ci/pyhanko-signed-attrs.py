"""Prints, as JSON, what pyHanko reads from each signature's signed attributes: the
commitment-type-indication (ETSI EN 319 122-1 §5.2.3) and the claimed attributes of
signer-attributes-v2 (§5.2.6.1), through pyHanko's own status object and ASN.1 definitions.
Usage: python pyhanko-signed-attrs.py FILE.pdf ROOT.pem"""
import asyncio
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades import cades_asn1  # noqa: F401  registers the ETSI attribute types with asn1crypto
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


async def main(path, root):
    context = ValidationContext(trust_roots=[load_cert_from_pemder(root)], allow_fetching=False)
    result = []
    with open(path, "rb") as handle:
        reader = PdfFileReader(handle)
        for signature in reader.embedded_regular_signatures:
            signed_attrs = signature.signer_info["signed_attrs"]
            commitments = [a["values"][0]["commitment_type_id"].native for a in signed_attrs
                           if a["type"].native == "commitment_type"]
            status = await async_validate_pdf_signature(signature, signer_validation_context=context)
            claimed = {}
            if status.cades_signer_attrs is not None:
                for attribute in status.cades_signer_attrs.claimed_attrs:
                    claimed[attribute.attr_type.native] = [str(v.native) for v in attribute.attr_values]
            result.append({"field": signature.field_name, "intact": status.intact, "commitmentTypes": commitments,
                           "claimedAttributes": claimed})
    print(json.dumps(result, ensure_ascii=False))


asyncio.run(main(sys.argv[1], sys.argv[2]))
