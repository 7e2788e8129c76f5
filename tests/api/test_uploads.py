"""Uploads: limits with clear messages, filenames that never become paths, CLI rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosscheck.config import Settings
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


OTHER = (
    b"Fire crews in the valley town of Merrow reported that 3 people were injured when a "
    b"grain silo collapsed during a storm late on Friday."
)


def _doc(client: TestClient, doc_id: str) -> dict[str, Any]:
    return dict(client.get(f"/api/documents/{doc_id}").json())


def test_uploads_same_file_name_is_another_report_not_a_version(
    client: TestClient, auth: dict[str, str]
) -> None:
    """A file name is a label: an unrelated report under an earlier upload's name is new,
    and the earlier one keeps its place in the picture."""
    first = client.post(
        "/api/documents", headers=auth, files=[("files", ("report.txt", REPORT, "text/plain"))]
    ).json()
    second = client.post(
        "/api/documents", headers=auth, files=[("files", ("report.txt", OTHER, "text/plain"))]
    ).json()
    assert second["new"] == 1 and second["versions"] == 0
    (a,), (b,) = first["new_ids"], second["new_ids"]
    assert _doc(client, b)["supersedes"] is None
    grouped = {
        c
        for g in client.get("/api/groups", params={"limit": 1000}).json()["items"]
        for c in g["claims"]
    }
    claims_of_a = [c["id"] for c in _doc(client, a)["claims"]]
    assert claims_of_a and set(claims_of_a) <= grouped, "the first report left the picture"


def test_uploads_same_url_is_a_new_version(client: TestClient, auth: dict[str, str]) -> None:
    url = "https://news.example.org/korvel-fire"
    first = client.post(
        "/api/documents",
        headers=auth,
        files=[("files", ("a.txt", REPORT, "text/plain"))],
        data={"url": url},
    ).json()
    second = client.post(
        "/api/documents",
        headers=auth,
        files=[("files", ("b.txt", REPORT + b" Two more were found later.", "text/plain"))],
        data={"url": url},
    ).json()
    assert second["versions"] == 1
    assert _doc(client, second["new_ids"][0])["supersedes"] == first["new_ids"][0]


def test_uploads_jsonl_over_the_document_cap_is_refused_whole(
    api_settings: Settings, auth: dict[str, str]
) -> None:
    from crosscheck.api import create_app

    settings = api_settings.model_copy(update={"upload_max_documents": 3})
    lines = [
        json.dumps({"text": f"Report {i}: in the town of Vell {i + 2} people were detained."})
        for i in range(5)
    ]
    with TestClient(create_app(settings)) as c:
        before = c.get("/api/stats").json()["documents"]
        response = c.post(
            "/api/documents",
            headers=auth,
            files=[("files", ("many.jsonl", "\n".join(lines).encode(), "application/json"))],
        )
        assert response.status_code == 413
        assert "5 documents, over the limit of 3" in response.json()["error"]["message"]
        assert c.get("/api/stats").json()["documents"] == before
