"""The object stores behind captures: the folder store, and the S3 store against moto's server
mode on 127.0.0.1 (skipped when moto is not installed)."""

from __future__ import annotations

import socket

import pytest

from factcheck.archive.store import LocalStore, S3Store, StoredObjectMissing, store_from

WARC = b"WARC/1.1\r\n" + bytes(range(256))


def round_trip(store) -> None:
    store.put("captures/7/abc.warc.gz", WARC, "application/warc")
    store.put("captures/7/abc.txt", "Café".encode(), "text/plain; charset=utf-8")
    assert store.get("captures/7/abc.warc.gz") == WARC
    assert store.get("captures/7/abc.txt").decode() == "Café"
    store.delete("captures/7/abc.warc.gz")
    with pytest.raises(StoredObjectMissing):
        store.get("captures/7/abc.warc.gz")


def test_the_folder_store_round_trips_and_keeps_keys_inside_its_folder(tmp_path):
    store = LocalStore(tmp_path / "archive")
    round_trip(store)
    for key in ("../outside", "/etc/passwd", "captures/../../x", "Captures/X", ""):
        with pytest.raises(ValueError):
            store.put(key, b"x", "text/plain")
    assert not (tmp_path / "outside").exists()


def test_the_config_picks_the_folder_by_default(tmp_path):
    store = store_from({}, str(tmp_path))
    assert isinstance(store, LocalStore)
    assert store.root == tmp_path / "archive"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def moto_endpoint(monkeypatch):
    server_module = pytest.importorskip("moto.server")
    pytest.importorskip("boto3")
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port())
    server.start()
    host, port = server.get_host_and_port()
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",  # moto accepts any key
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def test_the_s3_store_round_trips_against_a_local_s3_server(moto_endpoint, tmp_path):
    import boto3

    boto3.client("s3", endpoint_url=moto_endpoint).create_bucket(Bucket="captures-test")
    config = {
        "ARCHIVE_S3_BUCKET": "captures-test",
        "ARCHIVE_S3_ENDPOINT_URL": moto_endpoint,
        "ARCHIVE_S3_PREFIX": "desk/",
    }
    store = store_from(config, str(tmp_path))
    assert isinstance(store, S3Store)
    round_trip(store)
    store.put("captures/8/k.txt", b"kept", "text/plain; charset=utf-8")
    listed = boto3.client("s3", endpoint_url=moto_endpoint).list_objects_v2(Bucket="captures-test")
    assert [o["Key"] for o in listed["Contents"]] == [
        "desk/captures/7/abc.txt",
        "desk/captures/8/k.txt",
    ]
    head = boto3.client("s3", endpoint_url=moto_endpoint).head_object(
        Bucket="captures-test", Key="desk/captures/8/k.txt"
    )
    assert head["ContentType"] == "text/plain; charset=utf-8"
    assert not (tmp_path / "archive").exists()
