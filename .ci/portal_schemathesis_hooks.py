"""schemathesis hooks for .ci/portal (SCHEMATHESIS_HOOKS=portal_schemathesis_hooks, PYTHONPATH=.ci).

The API takes a contract's PDF as the request body (application/pdf): it is sent as raw bytes
like application/octet-stream, and about half the uploads are replaced by a real PDF
(PORTAL_SAMPLE_PDF) so that the success path is tested as well as the refusals."""
import os
import zlib

import schemathesis

schemathesis.serializer.alias("application/pdf", "application/octet-stream")
PDF = open(os.environ["PORTAL_SAMPLE_PDF"], "rb").read()


@schemathesis.hook
def map_body(context, body):
    operation = context.operation
    if operation is not None and operation.method.upper() == "POST" and operation.path.endswith("/contracts"):
        raw = bytes(body) if isinstance(body, (bytes, bytearray)) else repr(body).encode()
        if zlib.crc32(raw) % 2:
            return PDF
    return body
