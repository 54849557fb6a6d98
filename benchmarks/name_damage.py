"""The labelled set of benchmarks/names.py: registry names damaged the way Tesseract damages
them, printed the way bundles print them, with made-up names and the seed bundle's variants.

The confusions are the benchmark's own (the issue's list), independent of the matcher's folding.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pythainlp.tokenize import subword_tokenize
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from saraban.normalize.gazetteer import MUNICIPAL_TYPES, LaoEntry
from saraban.normalize.org_match import MatchContext
from saraban.normalize.org_printed import name_key

CONFUSED_PAIRS = ("ดต", "บป", "ถภ", "ชซ", "ผพ", "ฝฟ", "มน", "ขช")
CONFUSED = {a: b for pair in CONFUSED_PAIRS for a, b in (pair, pair[::-1])}
MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
CONSONANTS = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศสหอฮ"
# (kind, weight) of one damage to a name.
DAMAGES = (("confusable", 35), ("drop_mark", 15), ("double_mark", 4), ("stray_mark", 4),
           ("other_letter", 10), ("lost_letter", 5), ("cut_short", 10), ("ra_sara_a", 5), ("space", 12))
EDITS = ((1, 50), (2, 35), (3, 15))  # damages per name, at most one per three characters
# (form, weight) the name is printed in.
FORMS = (("full", 45), ("abbreviation", 25), ("garbled_type", 10), ("old_type", 5), ("bare", 15))
ABBREVIATION = {"subdistrict_admin_org": "อบต.", "subdistrict_municipality": "ทต.",
                "town_municipality": "ทม.", "city_municipality": "ทน.", "provincial_admin_org": "อบจ."}
OLD_TYPE = {"town_municipality": ("subdistrict_municipality", "เทศบาลตำบล"),
            "city_municipality": ("town_municipality", "เทศบาลเมือง")}
PROVINCE_SHARE = 0.9
# The seed bundle's real garbles of เทศบาลเมืองสะเตงนอก (data/samples, ยะลา).
SEED_VARIANTS = ("เทศบาลเมืองสะเตงนอก", "เทศบาลเมืองสระเดงนอก", "เทศบาลเมืองสระเตงนอก", "สระเดงนอก")
SEED_CODE = "4950103"


@dataclass(frozen=True, slots=True)
class Query:
    mentions: tuple[str, ...]  # the name as printed, once per mention in the bundle
    context: MatchContext
    code: str  # '' for a made-up name
    form: str  # full, abbreviation, garbled_type, old_type, bare; made_up; seed
    edits: int  # damages applied to the name
    unique: bool = True  # no namesake of a compatible type in the context (else abstaining is right)


def weighted(rng: random.Random, table: tuple[tuple, ...]):
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def damage_once(name: list[str], kind: str, rng: random.Random) -> None:
    spots = lambda test: [i for i, c in enumerate(name) if test(c)]  # noqa: E731
    if kind == "confusable" and (at := spots(lambda c: c in CONFUSED)):
        i = rng.choice(at)
        name[i] = CONFUSED[name[i]]
    elif kind == "drop_mark" and (at := spots(lambda c: c in MARKS)):
        name[rng.choice(at)] = ""
    elif kind == "double_mark" and (at := spots(lambda c: c in MARKS)):
        i = rng.choice(at)
        name[i] *= 2
    elif kind == "stray_mark" and (at := spots(lambda c: c in CONSONANTS)):
        name[rng.choice(at)] += rng.choice("\u0e48\u0e49\u0e34\u0e38")
    elif kind == "other_letter" and (at := spots(lambda c: c in CONSONANTS)):
        i = rng.choice(at)
        name[i] = rng.choice([c for c in CONSONANTS if c != name[i] and CONFUSED.get(c) != name[i]])
    elif kind == "lost_letter" and len(name) > 4:
        del name[rng.randrange(1, len(name) - 1)]
    elif kind == "cut_short" and len(name) > 4:
        del name[-(2 if len(name) > 6 and rng.random() < 0.3 else 1):]
    elif kind == "ra_sara_a" and (at := spots(lambda c: c == "ร")):
        name[rng.choice(at)] = "ระ"
    elif kind == "ra_sara_a":
        name.insert(rng.randrange(1, len(name)), "ะ")
    elif kind == "space":
        name.insert(rng.randrange(1, len(name)), " ")
    else:  # nothing of that kind in this name: a confusable-free misread instead
        damage_once(name, "other_letter", rng)


def damage(name: str, rng: random.Random) -> tuple[str, int]:
    edits = min(weighted(rng, EDITS), max(1, len(name) // 3))
    letters = list(name)
    for _ in range(edits):
        damage_once(letters, weighted(rng, DAMAGES), rng)
    return "".join(letters), edits


def printed(entry: LaoEntry, text: str, form: str, rng: random.Random) -> str:
    prefix = entry.full_name.removesuffix(entry.name)
    if form == "abbreviation" and entry.type_code in ABBREVIATION:
        abbreviation = ABBREVIATION[entry.type_code]
        return (abbreviation if rng.random() < 0.85 else abbreviation.rstrip(".")) + rng.choice(("", " ")) + text
    if form == "garbled_type" and prefix:
        garbled, _ = damage(prefix, rng)
        return garbled.replace(" ", "") + text
    if form == "old_type" and entry.type_code in OLD_TYPE:
        return OLD_TYPE[entry.type_code][1] + text
    if form == "bare":
        return text
    return prefix + text


def is_unique(entry: LaoEntry, printed_types: list[str], province: str, namesakes: dict[str, list[LaoEntry]]) -> bool:
    """Whether the truth is the only organization the printed types and the province allow."""
    others = [e for e in namesakes[entry.name] if e.code != entry.code and (not province or e.province == province)]
    for printed_type in filter(None, printed_types):
        others = [e for e in others if e.type_code == printed_type
                  or (e.type_code in MUNICIPAL_TYPES and printed_type in MUNICIPAL_TYPES)]
    return not others


def made_up(entries: list[LaoEntry], keys: list[str], rng: random.Random) -> str:
    """Two registry names recombined at character-cluster boundaries, ≥ 3 edits from all."""
    while True:
        a, b = rng.sample(entries, 2)
        head, tail = subword_tokenize(a.name, engine="tcc"), subword_tokenize(b.name, engine="tcc")
        name = "".join(head[: rng.randint(1, max(1, len(head) - 1))] + tail[rng.randint(1, max(1, len(tail) - 1)):])
        nearest = process.extractOne(name_key(name), keys, scorer=Levenshtein.distance)
        if len(name) >= 3 and nearest[1] >= 3:
            return name


def damaged_mention(entry: LaoEntry, namesakes: dict[str, list[LaoEntry]],
                    rng: random.Random) -> tuple[str, str, int, str]:
    """One printing of ``entry``'s name, damaged: (text, form, damages, the type it shows)."""
    form = weighted(rng, FORMS)
    if form == "old_type" and (entry.type_code not in OLD_TYPE or any(
            e.type_code == OLD_TYPE[entry.type_code][0] and e.province == entry.province
            for e in namesakes[entry.name])):
        form = "full"  # no older type, or an LAO of the old type and name: the label is unknowable
    if form in ("abbreviation", "garbled_type") and entry.type_code not in ABBREVIATION:
        form = "full"  # เมืองพัทยา
    text, edits = damage(entry.name, rng)
    shown_type = {"full": entry.type_code, "abbreviation": entry.type_code, "garbled_type": entry.type_code,
                  "old_type": OLD_TYPE.get(entry.type_code, ("",))[0], "bare": ""}[form]
    return printed(entry, text, form, rng), form, edits, shown_type


def labelled_set(entries: list[LaoEntry], count: int, seed: int, mentions: int = 1) -> list[Query]:
    """``count`` bundles of a registry LAO, each naming it ``mentions`` times, every mention
    damaged on its own and printed in a form of its own; ``count // 10`` bundles of a made-up
    name (printed in varied forms, not damaged: nearer the registry, harder to refuse); the
    seed bundle's variants. With ``mentions=1`` a bundle is one name alone."""
    rng = random.Random(seed)
    namesakes: dict[str, list[LaoEntry]] = {}
    for entry in entries:
        namesakes.setdefault(entry.name, []).append(entry)
    queries = []
    for _ in range(count):
        entry = rng.choice(entries)
        province = entry.province if rng.random() < PROVINCE_SHARE else ""
        texts, forms, edits, shown = zip(*(damaged_mention(entry, namesakes, rng) for _ in range(mentions)))
        queries.append(Query(texts, MatchContext(province), entry.code, forms[0], max(edits),
                             is_unique(entry, list(shown), province, namesakes)))
    keys = [name_key(e.name) for e in entries]
    made_up_forms = ("full", "full", "abbreviation", "bare")
    for _ in range(count // 10):
        entry = rng.choice(entries)
        form = rng.choice(made_up_forms)
        province = entry.province if rng.random() < PROVINCE_SHARE else ""
        name = made_up(entries, keys, rng)
        forms = [form] + [rng.choice(made_up_forms) for _ in range(mentions - 1)]
        queries.append(Query(tuple(printed(entry, name, f, rng) for f in forms), MatchContext(province), "",
                             "made_up", 0))
    for province in ("ยะลา", ""):
        if mentions == 1:
            queries += [Query((v,), MatchContext(province), SEED_CODE, "seed", 0) for v in SEED_VARIANTS]
        else:  # the seed bundle itself: its four printings together
            queries.append(Query(SEED_VARIANTS, MatchContext(province), SEED_CODE, "seed", 0))
    return queries
