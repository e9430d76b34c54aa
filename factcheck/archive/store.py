"""Where stored copies live: a folder by default, any S3-compatible store in production.

Both hold opaque keys chosen by the archive (`captures/<source id>/<capture hash>.warc.gz`),
never a path or name from outside, so a key cannot reach out of its folder or bucket.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

_KEY = re.compile(r"^[a-z0-9][a-z0-9/._-]{0,250}$")


class StoredObjectMissing(LookupError):
    pass


def _checked(key: str) -> str:
    if not _KEY.match(key) or ".." in key or "//" in key:
        raise ValueError(f"not an archive key: {key!r}")
    return key


class ObjectStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes:
        """The stored bytes; raises StoredObjectMissing."""
        ...

    def delete(self, key: str) -> None: ...


class LocalStore:
    """Files under one folder (instance/archive by default)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / _checked(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)  # readers never see half a file

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as exc:
            raise StoredObjectMissing(key) from exc

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Store:
    """One bucket (and key prefix) of an S3-compatible store, through boto3."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    def _key(self, key: str) -> str:
        return self.prefix + _checked(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(
            Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type
        )

    def get(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except self.client.exceptions.NoSuchKey as exc:
            raise StoredObjectMissing(key) from exc
        return bytes(answer["Body"].read())

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))


def store_from(config: Any, instance_path: str) -> ObjectStore:
    """The store the config names: S3 when ARCHIVE_S3_BUCKET is set, else a folder."""
    bucket = config.get("ARCHIVE_S3_BUCKET")
    if bucket:
        import boto3  # only servers that use S3 pay for importing it

        client = boto3.client(
            "s3",
            endpoint_url=config.get("ARCHIVE_S3_ENDPOINT_URL") or None,
            region_name=config.get("ARCHIVE_S3_REGION") or None,
        )
        return S3Store(client, bucket, config.get("ARCHIVE_S3_PREFIX") or "")
    return LocalStore(config.get("ARCHIVE_DIR") or Path(instance_path) / "archive")
