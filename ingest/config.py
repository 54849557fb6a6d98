"""Explicit configuration and the reference data it points to (loaded on demand, never at import)."""

from __future__ import annotations

import importlib.util
import math
import os
from dataclasses import dataclass, field, replace
from collections.abc import Mapping
from pathlib import Path

from saraban.reconcile.build_report import BuildSettings
from saraban.ingest.corrections import Correction
from saraban.ingest.gazetteer_store import load_gazetteer, user_data_dir
from saraban.ingest.ocr.engine import OcrSettings
from saraban.normalize.gazetteer import Gazetteer
from saraban.normalize.org_match import MatchSettings, OrgMatcher
from saraban.normalize.vocab import VOCAB_FILES, Vocabulary


def _package_data_dir() -> Path:
    """The folder of the saraban.data package: saraban/data in a wheel, the checkout's data/
    otherwise (pyproject maps it; saraban/__init__.py explains the checkout)."""
    spec = importlib.util.find_spec("saraban.data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("saraban.data (the vocabularies) is not installed with saraban")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


DEFAULT_DATA_DIR = _package_data_dir()


@dataclass(frozen=True, slots=True)
class IngestConfig:
    data_dir: Path = DEFAULT_DATA_DIR
    build: BuildSettings = field(default_factory=BuildSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    jobs: int = 0  # worker processes; 0 means one per core
    gazetteer_path: Path | None = None  # a DLA registry file; None: the imported one, or place names
    data_home: Path | None = None  # where `saraban gazetteer import` stores it; None: user_data_dir()
    org_match: MatchSettings = field(default_factory=MatchSettings)
    # Address space a worker process may take (RLIMIT_AS), in MiB; 0 = no limit. A scanned A4
    # page at 300 dpi peaks at 1.2 GiB of it and the largest page the pixel budget lets through
    # (35 megapixels of text) at 1.4 GiB, so 4 GiB refuses only a file that runs away. With one
    # worker (--jobs 1) files are read in the main process, which is not limited.
    memory_limit_mb: int = 4096
    # Where files are read: "" a pool of this machine's processes (saraban.ingest.workers), "local" a
    # Dask LocalCluster, else a Dask scheduler's address (saraban.ingest.dask_engine).
    scheduler: str = ""

    def worker_count(self, files: int) -> int:
        wanted = self.jobs if self.jobs > 0 else (os.cpu_count() or 1)
        return max(1, min(wanted, files))


@dataclass(frozen=True, slots=True)
class Resources:
    """Reference data every file needs; built once per run and handed to each worker."""

    vocab: Vocabulary
    provinces: frozenset[str]
    gazetteer: Gazetteer
    matcher: OrgMatcher
    office_codes: frozenset[str] = frozenset()  # letter codes of document numbers: agencies', provinces'
    # A reviewer's decisions (corrections.csv, saraban.ingest.corrections) by the file's source_sha256.
    corrections: Mapping[str, tuple[Correction, ...]] = field(default_factory=dict)
    debug_dir: Path | None = None  # --debug: where each page's overlay of what the reader saw goes


def load_vocabulary(data_dir: Path) -> Vocabulary:
    vocab_dir = data_dir / "vocab"
    texts = {name: (vocab_dir / f"{name}.tsv").read_text(encoding="utf-8") for name in VOCAB_FILES}
    return Vocabulary.from_texts(texts)


def load_resources(config: IngestConfig) -> Resources:
    vocab = load_vocabulary(config.data_dir)
    gazetteer = load_gazetteer(config.gazetteer_path, config.data_home or user_data_dir(), vocab.org_types)
    matcher = org_matcher(gazetteer, vocab, config.org_match)
    provinces = _provinces()
    office_codes = vocab.agency_codes | {p["abbr_th"] for p in provinces if p["abbr_th"]}
    return Resources(vocab, frozenset(p["name_th"] for p in provinces), gazetteer, matcher, office_codes)


def org_matcher(gazetteer: Gazetteer, vocab: Vocabulary, settings: MatchSettings) -> OrgMatcher:
    """The matcher over ``gazetteer``: with ``settings`` for a registry, and stricter for the
    place-name stand-in (benchmarks/names.py --stand-in measures it)."""
    if not gazetteer.has_codes:
        # The stand-in pairs every place with every LAO type, so a ทต. and a ทม. of one name
        # always both exist: the printed type alone must choose, by the full type penalty. And
        # it lacks the LAOs not named after a tambon, so a loose match far from the rest is no
        # evidence (เทศบาลตำบลทุ่งทอง read as วังทอง): only close matches are taken. Measured on
        # the 7,849 registry names: 7,286 get their place and district, 25 another place's.
        settings = replace(settings, municipal_upgrade_penalty=settings.other_type_penalty, lone_accept=math.inf)
    return OrgMatcher(gazetteer.entries, vocab.org_types, settings)


def _provinces() -> list[dict[str, str]]:
    """PyThaiNLP's bundled province list: name_th, abbr_th (the code of its documents), …"""
    from pythainlp.corpus import provinces

    return list(provinces(details=True))
