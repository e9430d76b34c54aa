"""The WARC file of one capture: the request we sent and the response we got (gzip)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..fetching.fetcher import Exchange

# urllib3 removes the chunked framing while reading, so the stored payload is the body itself
# and the framing header would no longer describe it.
_FRAMING = {"transfer-encoding"}


def warc_of(exchange: Exchange) -> bytes:
    """A gzipped WARC/1.1 file holding the request and response records of `exchange`."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    headers = [(k, v) for k, v in exchange.response_headers if k.lower() not in _FRAMING]
    response = writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.raw_body),
        length=len(exchange.raw_body),
        http_headers=StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".strip(), headers, protocol="HTTP/1.1"
        ),
        warc_headers_dict={"WARC-IP-Address": exchange.address},
    )
    path = exchange.url.split("://", 1)[-1].partition("/")[2]
    request = writer.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(
            f"GET /{path} HTTP/1.1", exchange.request_headers, is_http_request=True
        ),
        warc_headers_dict={
            "WARC-IP-Address": exchange.address,
            "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
        },
    )
    writer.write_record(response)
    writer.write_record(request)
    return buffer.getvalue()
