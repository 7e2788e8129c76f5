"""Uploads: limits with clear messages, filenames that never become paths, CLI rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosscheck.web.uploads import safe_name

REPORT = (
    b"Officials in the river town of Korvel said on Monday that 9 people were killed and "
    b"14 injured when a fuel depot caught fire after an explosion overnight."
)


@pytest.mark.parametrize(
    "given,expected",
    [
        ("../../etc/passwd", "passwd"),
        ("/etc/shadow.txt", "shadow.txt"),
        ("C:\\Users\\x\\report.txt", "report.txt"),
        ("..", "upload-0"),
        ("", "upload-0"),
        ("na me;rm -rf.txt", "na_me_rm_-rf.txt"),
        (".hidden.md", "hidden.md"),
        ("a" * 300 + ".txt", "a" * 116 + ".txt"),
    ],
)
def test_uploads_safe_name(given: str, expected: str) -> None:
    name = safe_name(given)
    assert name == expected
    assert "/" not in name and "\\" not in name and not name.startswith(".")


def test_uploads_ingest_a_file(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/api/documents",
        headers=auth,
        files=[("files", ("korvel.txt", REPORT, "text/plain"))],
        data={"outlet": "Test Wire", "published": "2024-05-06"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["new"] == 1 and body["ok"] is True
    doc = client.get(f"/api/documents/{body['new_ids'][0]}").json()
    assert doc["path"] == "upload:korvel.txt" and doc["outlet"] == "Test Wire"
    again = client.post(
        "/api/documents", headers=auth, files=[("files", ("copy.txt", REPORT, "text/plain"))]
    ).json()
    assert again["unchanged"] == 1 and again["new"] == 0


@pytest.mark.parametrize(
    "hostile", ["../../etc/passwd.txt", "/tmp/evil-absolute.txt", "..\\..\\windows\\x.txt"]
)
def test_uploads_filenames_never_reach_the_filesystem(
    client: TestClient, auth: dict[str, str], hostile: str, tmp_path: Path
) -> None:
    body = REPORT + hostile.encode()
    response = client.post(
        "/api/documents", headers=auth, files=[("files", (hostile, body, "text/plain"))]
    )
    assert response.status_code == 201, response.text
    doc = client.get(f"/api/documents/{response.json()['new_ids'][0]}").json()
    assert doc["path"].startswith("upload:")
    assert "/" not in doc["path"] and ".." not in doc["path"]
    assert not Path("/tmp/evil-absolute.txt").exists()


def test_uploads_too_many_files_is_400(client: TestClient, auth: dict[str, str]) -> None:
    files = [("files", (f"r{i}.txt", REPORT + bytes([65 + i]), "text/plain")) for i in range(4)]
    response = client.post("/api/documents", headers=auth, files=files)
    assert response.status_code == 400
    assert "over the limit of 3" in response.json()["error"]["message"]


def test_uploads_too_large_file_is_413(client: TestClient, auth: dict[str, str]) -> None:
    big = REPORT * 1000  # well over the 0.05 MB test limit
    response = client.post(
        "/api/documents", headers=auth, files=[("files", ("big.txt", big, "text/plain"))]
    )
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large" and "upload limit" in error["message"]


def test_uploads_unsupported_format_uses_the_cli_message(
    client: TestClient, auth: dict[str, str]
) -> None:
    response = client.post(
        "/api/documents",
        headers=auth,
        files=[("files", ("tool.exe", b"MZ\x90\x00", "application/x-binary"))],
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unsupported_format"
    assert error["message"].startswith("upload:tool.exe: no reader for .exe files")


def test_uploads_metadata_only_for_one_file(client: TestClient, auth: dict[str, str]) -> None:
    files = [
        ("files", ("a.txt", REPORT, "text/plain")),
        ("files", ("b.txt", REPORT + b"!", "text/plain")),
    ]
    response = client.post("/api/documents", headers=auth, files=files, data={"outlet": "X"})
    assert response.status_code == 400
    assert "single file" in response.json()["error"]["message"]


def test_uploads_mixed_batch_keeps_good_files(client: TestClient, auth: dict[str, str]) -> None:
    files = [
        ("files", ("ok.txt", REPORT + b" More.", "text/plain")),
        ("files", ("empty.txt", b"   \n", "text/plain")),
    ]
    response = client.post("/api/documents", headers=auth, files=files)
    assert response.status_code == 201
    body = response.json()
    assert body["new"] == 1 and body["failed"] == 1 and body["ok"] is False
    assert body["errors"][0].startswith("upload:empty.txt")
