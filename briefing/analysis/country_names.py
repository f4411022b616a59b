"""Which country a name stands for, however a text writes it: name, demonym, capital, acronym.

Sources name one state differently ("Russia", "Russian", "Moscow"; "the United Arab Emirates",
"the UAE"), and comparing them needs one key per country. The table comes from the countryinfo
package, built once per process.
"""

from __future__ import annotations

from functools import cache, lru_cache


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())


@cache
def table() -> dict[str, str]:
    """Lower-cased name form -> ISO alpha-2 code. Two-letter forms only where they are the
    initials of the name ("US", "UK"), so that words such as "IN" or "NO" are not countries."""
    from countryinfo import all_countries

    out: dict[str, str] = {}
    for c in all_countries():
        try:
            name, code = c.name(), c.iso()["alpha2"]
        except (KeyError, TypeError, AttributeError):
            continue
        forms = [name, c.capital(), c.demonym()]
        for alt in c.alt_spellings() or []:
            if len(alt) > 3 or (alt.isupper() and alt == _initials(name)) or (len(alt) == 3 and alt.isupper() and alt == _initials(name)):
                forms.append(alt)
        for form in forms:
            if form and isinstance(form, str):
                out.setdefault(form.lower().replace(".", ""), code)
    return out


@lru_cache(maxsize=65536)
def code(name: str) -> str | None:
    """ISO code for a name as written ("the U.S.", "Emirati", "Kabul"), or None."""
    key = name.strip().replace(".", "").replace("\u2019", "'")
    if key.lower().startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    if len(key) <= 3 and not key.isupper():
        return None
    return table().get(key.lower())
