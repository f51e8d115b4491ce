"""Reading vCards: every edge case of the issue, one fixture each, and the real-world corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm.contacts.service import Channel
from crm.errors import ImportRefused
from crm.importing import read_import_file, read_import_text
from tests.conftest import CORPUS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def read(name: str):  # type: ignore[no-untyped-def]
    return read_import_file(FIXTURES / name)


def test_quoted_printable_with_charsets_and_soft_line_breaks() -> None:
    result = read("vcard21_quoted_printable.vcf")
    joerg, renee = result.contacts
    assert (joerg.first_name, joerg.last_name, joerg.company) == ("Jörg", "Müller", "Büro Schmidt")
    assert joerg.notes == "First line\nSecond line is long and wraps with a soft break"
    assert Channel("phone", "+49 170 1234567", "mobile") in joerg.channels
    assert Channel("email", "joerg@example.de", "work") in joerg.channels
    assert (renee.first_name, renee.last_name) == ("Renée", "François")
    assert renee.company == "Café Ltd"
    assert renee.title == "Cuisinière – chef"  # windows-1252's en dash


def test_apple_groups_labels_photo_and_cr_cr_lf_endings() -> None:
    (card,) = read("vcard30_apple.vcf").contacts
    assert (card.first_name, card.last_name) == ("Ngozi", "Okafor")
    assert (card.company, card.title) == ("Skyline Bank", "Branch Manager")
    assert Channel("email", "ngozi@skyline.example", "other") in card.channels
    assert Channel("url", "https://skyline.example", "home page") in card.channels
    assert Channel("phone", "+234 1 555 0100", "Assistant") in card.channels
    assert Channel("phone", "+234 803 555 0101", "mobile") in card.channels
    assert card.location == "Lagos, Lagos State, Nigeria"
    assert "Address (work): 12 Marina" in card.notes
    assert card.notes.startswith("Introduced by Tunde.\nLikes chess.")
    assert card.tags == ("Banking", "Lagos trip")
    assert card.birthday == "1985-07-14"
    assert card.uid == "5F1E4C2A-APPLE-UID"


def test_vcard_4_birthdays_impp_linkedin_and_data_uri_photo() -> None:
    simone, text_birthday = read("vcard40_features.vcf").contacts
    assert simone.birthday == "--02-03"
    assert simone.linkedin_url == "https://www.linkedin.com/in/simoneperrin"
    assert Channel("social", "xmpp:simone@chat.example", "work") in simone.channels
    assert Channel("phone", "+1-418-656-9254", "work") in simone.channels
    assert simone.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert text_birthday.birthday == "circa 1800"
    assert text_birthday.company == "Old Times"


def test_lower_case_names_folding_and_cr_line_endings() -> None:
    (card,) = read("vcard_lowercase_folded.vcf").contacts
    assert (card.first_name, card.last_name, card.company) == ("Lower", "Case", "Small Letters Inc")
    assert card.notes == "This note is folded over two lines."


def test_n_or_fn_missing() -> None:
    only_fn, only_n, nameless = read("vcard_no_names.vcf").contacts
    assert (only_fn.first_name, only_fn.last_name) == ("Only Display", "Name")
    assert (only_n.first_name, only_n.last_name) == ("Firstonly", "Lastonly")
    assert nameless.name == "" and nameless.emails == ("nameless@example.com",)


def test_one_bad_card_is_reported_and_the_others_are_read() -> None:
    result = read("vcard_one_bad_card.vcf")
    assert [c.emails for c in result.contacts] == [
        ("good.before@example.com",),
        ("good.after@example.com",),
    ]
    lines = {p.line: p.reason for p in result.problems}
    assert set(lines) == {10, 18, 22}
    assert "not a vCard property" in lines[10]
    assert "no name" in lines[18]
    assert "END:VCARD" in lines[22]


@pytest.mark.parametrize(
    ("name", "message"),
    [("empty.vcf", "empty"), ("binary.vcf", "not a text file")],
)
def test_unreadable_files_get_one_clear_message(name: str, message: str) -> None:
    with pytest.raises(ImportRefused, match=message):
        read(name)


def test_a_file_of_only_broken_cards_is_refused() -> None:
    with pytest.raises(ImportRefused, match="No contact"):
        read_import_text("BEGIN:VCARD\nVERSION:3.0\nnonsense\nEND:VCARD\n")


def test_a_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.vcf"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ImportRefused, match="50 MB"):
        read_import_file(big)


# The corpus: name, organisation and a channel expected of one card per file.
EXPECTED = {
    "John_Doe_BLACK_BERRY.vcf": ("john", "Doe", "Acme Solutions", "+96123456789"),
    "John_Doe_EVOLUTION.vcf": ("John", "Doe", "IBM", "john.doe@ibm.com"),
    "John_Doe_GMAIL.vcf": ("John", "Doe", "IBM", "http://www.ibm.com"),
    "John_Doe_IPHONE.vcf": ("John", "Doe", "IBM", "905-222-1234"),
    "John_Doe_LOTUS_NOTES.vcf": ("John", "Doe", "IBM", "billy_bob@gmail.com"),
    "John_Doe_MAC_ADDRESS_BOOK.vcf": ("John", "Doe", "IBM", "905-111-1234"),
    "John_Doe_MS_OUTLOOK.vcf": ("John", "Doe", "IBM", "john.doe@ibm.cm"),
    "fullcontact.vcf": ("FirstName", "LastName", "Organization1", "custom@example.com"),
    "gmail-single.vcf": ("Greg", "Dartmouth", "TheCompany", "gdartmouth@hotmail.com"),
    "gmail-single2.vcf": ("VCard", "Test", "TheCompany", "customcategory@example.com"),
    "issue114.vcf": ("Dummy", "Dummy", "Dummy GmbH", "dummy.dummy@dummy.com"),
    "outlook-2003.vcf": ("John", "Doe", "Company, The", "jdoe@hotmail.com"),
    "outlook-2007.vcf": ("Michael", "Angstadt", "TheCompany", "mike.angstadt@gmail.com"),
    "rfc6350-example.vcf": ("Simon", "Perreault", "Viagenie", "simon.perreault@viagenie.ca"),
    "thunderbird-MoreFunctionsForAddressBook-extension.vcf": (
        "John",
        "Doe",
        "TheOrganization",
        "additional-email3@company.com",
    ),
}
CARDS = {"John_Doe_ANDROID.vcf": 6, "gmail-list.vcf": 3, "rfc2426-example.vcf": 2}


def test_every_card_of_the_real_world_corpus_is_read() -> None:
    # No skip: CI has the corpus beside the checkout, and a missing corpus must fail.
    files = sorted((CORPUS / "vcard").glob("*.vcf"))
    assert files, f"the shared corpus is missing: {CORPUS}"
    total = 0
    for path in files:
        result = read_import_file(path)
        assert result.problems == (), path.name
        assert len(result.contacts) == CARDS.get(path.name, 1), path.name
        total += len(result.contacts)
        if path.name in EXPECTED:
            first, last, company, channel = EXPECTED[path.name]
            card = result.contacts[0]
            assert (card.first_name, card.last_name, card.company) == (first, last, company)
            assert channel in {c.value for c in card.channels}, path.name
    assert total == 26
    android = read_import_file(CORPUS / "vcard" / "John_Doe_ANDROID.vcf").contacts
    assert android[4].emails[0] == "bob@company.com"
    assert android[4].company == "ÑÑÑÑÑÑÑÑÑÑÑÑ"  # quoted-printable UTF-8 across soft breaks
    rfc = read_import_file(CORPUS / "vcard" / "rfc2426-example.vcf").contacts
    assert [(c.first_name, c.last_name) for c in rfc] == [("Frank", "Dawson"), ("Tim", "Howes")]
