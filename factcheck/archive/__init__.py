"""Our own stored copies of sources' pages (issue 14): capture through the guarded fetcher,
a WARC plus the extracted text and a checksum, kept in an object store."""
