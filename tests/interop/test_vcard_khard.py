"""Exported vCards are read by vobject and by the khard address book without error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from crm.contacts.service import Channel, ContactFields, create_contact
from crm.exporting import contact_card, load_contacts
from crm.store.db import Database
from tests.people import TRICKY, TRICKY_CHANNELS

_BESIDE = Path(sys.executable).with_name("khard")  # installed in the same environment
KHARD = str(_BESIDE) if _BESIDE.exists() else shutil.which("khard")


def khard(config: Path, *args: str) -> str:
    done = subprocess.run(
        [str(KHARD), "-c", str(config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(KHARD is None, reason="khard is not installed")
@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_khard_lists_and_shows_exported_cards(db: Database, tmp_path: Path, version: str) -> None:
    create_contact(db, TRICKY, channels=TRICKY_CHANNELS, tags=["Mentors"])
    create_contact(db, ContactFields(first_name="Bo", last_name="Ek", birthday="--03-14"))
    # What the audit found losing or injecting cards: a lone CR, a link that ends the card.
    create_contact(
        db,
        ContactFields(first_name="Cy", last_name="Odd", notes="one\rtwo", location="A\nB"),
        channels=[Channel("url", "https://x.example/\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Intruder")],
        tags=["Paris, France"],
    )
    book = tmp_path / "book"
    book.mkdir()
    for contact in load_contacts(db):
        text = contact_card(contact, version)
        vobject.readOne(text)  # vobject reads it back
        (book / f"{contact.uid}.vcf").write_bytes(text.encode("utf-8"))
    config = tmp_path / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[rapport]]\npath = {book}\n\n[general]\neditor = true\n"
        "merge_editor = true\ndefault_action = list\n\n[contact table]\n"
        "display = first_name\n\n[vcard]\npreferred_version = 3.0\n",
        encoding="utf-8",
    )
    listing = khard(config, "list")
    assert "Renée O'Neil; Jr, III" in listing and "Bo Ek" in listing and "Cy Odd" in listing
    assert "Intruder" not in listing
    shown = khard(config, "show", "Renée")
    assert "renee@example.com" in shown and "+33 4 00 00 00 00" in shown and "Acme, Inc." in shown
