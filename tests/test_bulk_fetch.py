"""`fetch bulk`: resumable downloads from a local HTTP server, then loading."""

from __future__ import annotations

import http.server
import threading
import zipfile

import pytest
from click.testing import CliRunner

from fecscreen.bulk.fetch import NOT_FOUND, bulk_url, download_bulk, fetch_bulk
from fecscreen.cli import main
from fecscreen.download import download
from fecscreen.errors import DownloadError, InputError


class _Handler(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}
    honour_range = True
    requests: list[tuple[str, str | None]] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.requests.append((self.path, self.headers.get("Range")))
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        rng = self.headers.get("Range")
        if rng and self.honour_range:
            start = int(rng.split("=")[1].split("-")[0])
            if start >= len(body):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            chunk = body[start:]
        else:
            self.send_response(200)
            chunk = body
        self.send_header("Content-Length", str(len(chunk)))
        self.end_headers()
        self.wfile.write(chunk)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Handler.files, _Handler.requests, _Handler.honour_range = {}, [], True
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def indiv_zip(tmp_path, fixtures_dir) -> bytes:
    z = tmp_path / "src.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(fixtures_dir / "bulk" / "indiv" / "itcont_sample_a.txt", "itcont.txt")
    return z.read_bytes()


def test_url_template(monkeypatch):
    monkeypatch.delenv("FECSCREEN_BULK_URL", raising=False)
    assert bulk_url("indiv", 2024) == "https://www.fec.gov/files/bulk-downloads/2024/indiv24.zip"
    monkeypatch.setenv("FECSCREEN_BULK_URL", "http://mirror/{year}/{name}{yy}.zip")
    assert bulk_url("cm", 2000) == "http://mirror/2000/cm00.zip"
    with pytest.raises(InputError, match="unknown bulk file 'bogus'"):
        bulk_url("bogus", 2024)
    monkeypatch.setenv("FECSCREEN_BULK_URL", "http://mirror/{cycle}.zip")
    with pytest.raises(InputError, match="not a usable URL template"):
        bulk_url("cm", 2024)


def test_download_resumes_a_partial_file(server, tmp_path):
    base, handler = server
    body = bytes(range(256)) * 4000
    handler.files["/f.zip"] = body
    dest = tmp_path / "f.zip"
    (tmp_path / "f.zip.part").write_bytes(body[:300_000])
    seen = []
    got = download(f"{base}/f.zip", dest, progress=lambda d, t: seen.append((d, t)))
    assert dest.read_bytes() == body and not (tmp_path / "f.zip.part").exists()
    assert (got.resumed_from, got.bytes, got.reused) == (300_000, len(body), False)
    assert handler.requests == [("/f.zip", "bytes=300000-")]
    assert seen[-1] == (len(body), len(body)) and seen[0][0] > 300_000
    # a complete file is reused unless refresh is asked for
    assert download(f"{base}/f.zip", dest).reused
    assert not download(f"{base}/f.zip", dest, refresh=True).reused
    assert len(handler.requests) == 2


def test_download_restarts_when_server_ignores_range(server, tmp_path):
    base, handler = server
    handler.honour_range = False
    body = b"x" * 50_000
    handler.files["/f.zip"] = body
    (tmp_path / "f.zip.part").write_bytes(b"garbage")
    got = download(f"{base}/f.zip", tmp_path / "f.zip")
    assert (tmp_path / "f.zip").read_bytes() == body and got.resumed_from == 0


def test_complete_part_file_is_finished(server, tmp_path):
    base, handler = server
    handler.files["/f.zip"] = b"abc"
    (tmp_path / "f.zip.part").write_bytes(b"abc")
    download(f"{base}/f.zip", tmp_path / "f.zip")
    assert (tmp_path / "f.zip").read_bytes() == b"abc"


def test_missing_file_and_no_server_are_download_errors(server, tmp_path):
    base, _ = server
    with pytest.raises(DownloadError, match="404") as err:
        download(f"{base}/nope.zip", tmp_path / "n.zip", not_found=NOT_FOUND)
    assert "cycle" in err.value.hint
    with pytest.raises(DownloadError, match="cannot reach"):
        download("http://127.0.0.1:9/x.zip", tmp_path / "x.zip", timeout=5)


def test_cli_fetch_bulk_downloads_and_loads(server, tmp_path, monkeypatch, indiv_zip):
    base, handler = server
    handler.files["/2018/indiv18.zip"] = indiv_zip
    monkeypatch.setenv("FECSCREEN_BULK_URL", base + "/{year}/{name}{yy}.zip")
    db = tmp_path / "fec.duckdb"
    dest = tmp_path / "dl"
    (dest).mkdir()
    (dest / "indiv18.zip.part").write_bytes(indiv_zip[:1000])
    result = CliRunner().invoke(
        main, ["fetch", "bulk", "--cycle", "2018", "indiv", "--dir", str(dest), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "resumed at 1,000 bytes" in result.output
    assert "bulk_receipts: 5,000 rows stored, 0 in load_issues (cycle 2018" in result.output
    assert (dest / "indiv18.zip").read_bytes() == indiv_zip
    from fecscreen.store import open_store

    with open_store(db) as s:
        assert s.scalar("SELECT count(*) FROM receipts WHERE source = 'bulk'") == 5000


def test_cli_fetch_bulk_bad_name_is_an_error(tmp_path):
    result = CliRunner().invoke(
        main, ["fetch", "bulk", "--cycle", "2018", "bogus", "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 2
    assert "unknown bulk file 'bogus'" in result.output
    assert "Traceback" not in result.output


def test_fetch_bulk_names_files_as_the_fec_does(server, tmp_path, monkeypatch):
    base, handler = server
    handler.files["/2018/cm18.zip"] = b"cm"
    handler.files["/2018/cn18.zip"] = b"cn"
    monkeypatch.setenv("FECSCREEN_BULK_URL", base + "/{year}/{name}{yy}.zip")
    got = fetch_bulk(["cm", "cn"], 2018, tmp_path)
    assert [(g.path.name, g.path.read_bytes()) for g in got] == [("cm18.zip", b"cm"), ("cn18.zip", b"cn")]


def test_a_bulk_file_the_server_does_not_have_names_the_cycle_in_its_hint(server, tmp_path, monkeypatch):
    base, _ = server
    monkeypatch.setenv("FECSCREEN_BULK_URL", base + "/{year}/{name}{yy}.zip")
    with pytest.raises(DownloadError, match="404") as err:
        download_bulk("cn", 2018, tmp_path)
    assert err.value.where == f"{base}/2018/cn18.zip" and err.value.hint == NOT_FOUND
