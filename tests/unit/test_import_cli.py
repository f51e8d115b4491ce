"""`main.py import` and `main.py export` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from main import main
from tests.unit.test_import_csv import FIXTURES


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def test_import_prints_a_summary_and_export_writes_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(data, "import", str(FIXTURES / "linkedin_connections.csv"), "--stage", "Met") == 0
    out = capsys.readouterr().out
    assert "4 added, 0 merged, 0 skipped, 1 could not be read" in out
    assert "line 7: the row has no name" in out
    assert run(data, "import", str(FIXTURES / "linkedin_newer.csv")) == 0
    out = capsys.readouterr().out
    assert "1 added, 3 merged" in out and "1 job change" in out
    vcf, csv_file, json_file = tmp_path / "a.vcf", tmp_path / "a.csv", tmp_path / "a.json"
    code = run(
        data,
        "export",
        "--vcard",
        str(vcf),
        "--vcard-version",
        "3.0",
        "--csv",
        str(csv_file),
        "--json",
        str(json_file),
    )
    assert code == 0
    assert vcf.read_text("utf-8").count("BEGIN:VCARD") == 5
    assert "VERSION:3.0" in vcf.read_text("utf-8")
    assert csv_file.exists() and json_file.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.vcf", "empty"),
        ("binary.vcf", "not a text file"),
        ("no_known_columns.csv", "None of the columns"),
    ],
)
def test_bad_files_get_one_line_and_a_failure_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    assert run(tmp_path / "data", "import", str(FIXTURES / name)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_strict_refuses_the_file_and_an_unknown_stage_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(data, "import", str(FIXTURES / "linkedin_connections.csv"), "--strict") == 1
    assert "line 7" in capsys.readouterr().err
    assert run(data, "import", str(FIXTURES / "vcard30_apple.vcf"), "--stage", "Nowhere") == 1
    assert "no pipeline stage" in capsys.readouterr().err
    assert run(data, "export", "--vcard", str(tmp_path / "none.vcf")) == 0
    assert "Wrote 0 contacts" in capsys.readouterr().out


def test_format_can_be_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    path = str(FIXTURES / "linkedin_connections.csv")
    assert run(data, "import", path, "--format", "vcard") == 1
    assert "no vCards" in capsys.readouterr().err


def test_import_reports_values_that_look_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text(
        "First Name,Last Name,Email,Birthday\nAnna,Lee,not-an-email,not a date\n", encoding="utf-8"
    )
    assert run(tmp_path / "data", "import", str(odd), "--format", "csv") == 0
    out = capsys.readouterr().out
    assert "1 added" in out
    assert "1 row has values that look wrong, kept as written:" in out
    assert "line 2: “not-an-email” is not an email address; “not a date” is not a date" in out


@pytest.mark.parametrize("name", ["linkedin_connections.csv", "empty.vcf"])
def test_a_damaged_data_file_is_told_before_the_file_to_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """The data file is opened while the file to import is read: its trouble still comes
    first, whether the file to import can be read or not, and nothing is written."""
    data = tmp_path / "data"
    data.mkdir()
    damaged = data / "rapport.sqlite3"
    damaged.write_bytes(b"not a database at all" * 100)
    assert run(data, "import", str(FIXTURES / name)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "rapport.sqlite3" in err[0] and name not in err[0]
    assert damaged.read_bytes() == b"not a database at all" * 100


def test_the_data_file_is_closed_when_the_file_to_import_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(data, "import", str(FIXTURES / "empty.vcf")) == 1
    assert "empty" in capsys.readouterr().err
    # Closed cleanly: the log was folded into the file and the next command opens it.
    assert not (data / "rapport.sqlite3-wal").exists()
    assert run(data, "import", str(FIXTURES / "linkedin_connections.csv")) == 0
    assert "4 added" in capsys.readouterr().out
