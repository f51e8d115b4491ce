"""The fast paths of the matching keys give exactly what the general rules give."""

from __future__ import annotations

import re
import unicodedata
import uuid

from hypothesis import example, given, settings
from hypothesis import strategies as st

from crm.importing.fields import linkedin_key, linkedin_url
from crm.importing.keys import name_key, plain
from crm.store.models import new_uids

_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(in|pub)/([^/?#\s]+)", re.I)


def general_plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def general_linkedin_key(url: str) -> str:
    m = _LINKEDIN.match(url.strip())
    return f"{m[1].lower()}/{m[2].lower()}" if m else ""


NAMES = st.text(
    alphabet=st.sampled_from("aZé É-' .,_0\u0301\u00a0\tßİΣς\u2163ﬁ"), max_size=12
) | st.text(max_size=12)


@settings(max_examples=400, deadline=None)
@given(NAMES, NAMES)
@example("Anna", "Lee")
@example("", "O'Neil")
@example("Renée", "")
@example("-", "-")
def test_name_key_is_plain_of_the_whole_name(first: str, last: str) -> None:
    assert plain(first) == general_plain(first)
    assert name_key(first, last) == general_plain(f"{first} {last}")


LINK_TAILS = st.text(alphabet=st.sampled_from("aZ09-_é/?# \t\u00a0\u2028\x1c%.İǅ"), max_size=10)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(
        ["https://www.linkedin.com/", "http://linkedin.com/", " https://www.linkedin.com/"]
    ),
    st.sampled_from(["in/", "pub/", "In/", "company/", "in", ""]),
    LINK_TAILS,
)
@example("https://www.linkedin.com/", "in/", "anna-lee-4a1b2c")
@example("https://www.linkedin.com/", "in/", "Anna-Lee")
@example("https://www.linkedin.com/", "in/", "anna/")
@example("https://www.linkedin.com/", "in/", "anna ")
@example("https://www.linkedin.com/", "in/", "")
def test_linkedin_key_of_canonical_looking_links(prefix: str, kind: str, tail: str) -> None:
    url = f"{prefix}{kind}{tail}"
    key = general_linkedin_key(url)
    assert linkedin_key(url) == key
    assert linkedin_url(url) == (f"https://www.linkedin.com/{key}" if key else "")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_linkedin_key_of_any_text(text: str) -> None:
    assert linkedin_key(text) == general_linkedin_key(text)


def test_new_uids_are_distinct_random_uuids_spelled_like_uuid4() -> None:
    assert new_uids(0) == []
    uids = new_uids(2000)
    assert len(set(uids)) == 2000
    for uid in uids:
        parsed = uuid.UUID(uid)
        assert (parsed.version, parsed.variant, str(parsed)) == (4, uuid.RFC_4122, uid)
