"""Defaults, thresholds and model names, in one place.

A setting resolves flag → ``[tool.claim-compare]`` in a config file → the default here, and the
resolved settings are recorded in every run's ``run.json``.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from compare.errors import CompareError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_MODEL = "multilingual-e5-small"
PROMPT = "query: "
# Where `claim-compare train` reads its data: the shared data folder beside a checkout.
DEFAULT_TRAINING_DATA = Path("../shared/data")


def cache_dir() -> Path:
    """Where built models live: ``$CLAIM_COMPARE_CACHE``, else ``~/.cache/claim-compare``."""
    env = os.environ.get("CLAIM_COMPARE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claim-compare"


@dataclass(frozen=True)
class DetectorSettings:
    """Thresholds of the typed detectors (``compare.relate.detectors``).

    A denial or an opposite outcome counts only when ``shared_denial`` / ``shared_outcome`` of
    the shorter claim's content words are found in the other claim; two claims naming different
    parties are different events when ``shared_actors`` of the rest is shared. Exact counts
    within ``rounding`` of each other, one of them round, are one figure rounded (1,480 and
    1,500); an approximation given as a point stands for anything within ``approx`` of it; ranges
    must miss each other by the factor ``margin`` to differ (bounds of approximations are
    conventions: "أكثر من 100" is taken as 100–150, and 160 is not held against it). Articles
    published more than ``max_days`` apart report different events.
    """

    shared_denial: float = 0.6
    shared_outcome: float = 0.6
    shared_actors: float = 0.5
    rounding: float = 0.05
    approx: float = 0.10
    margin: float = 1.15
    max_days: int = 3


DEFAULT_DETECTORS = DetectorSettings()


@dataclass(frozen=True)
class Settings:
    """Every knob of a run. Thresholds are cosine similarities of ``query:``-prompted e5 vectors.

    Alignment keeps a pair when the cosine is at least ``align_threshold`` and each claim ranks
    the other among its ``per_outlet`` best matches in that outlet, within ``align_slack`` of its
    best (``bench/calibrate_baly.py`` measures the trade-off on real articles). Claims in two
    languages need ``align_threshold_across`` instead: their cosines run about 0.07 lower, and
    at 0.87 only 72 % of same-event pairs across languages in the corpus's dev split would
    align, against 96 % at 0.84 (``bench/calibrate_languages.py``).
    ``first_threshold`` is the stricter cosine a claim needs to an earlier, dated claim of
    another outlet to be reported as "first reported by" it. ``align_margin`` > 0 switches to
    ratio-margin scoring (measured worse on that benchmark).

    An aligned pair is only called a contradiction when the two claims are recognisably the same
    assertion: they share at least ``contradict_min_overlap`` of their words (rapidfuzz token-set
    ratio on normalised text) or their cosine reaches ``contradict_min_similarity`` (which is how
    a near-paraphrase qualifies). Claims in two languages share no words, so for them the
    cosine alone decides, at ``contradict_min_similarity_across`` (the alignment threshold;
    Arabic↔English translations average 0.92 under the default model). With
    ``contradict_needs_finding`` (the default) it also needs a typed finding — a differing
    number, a denial, an opposite outcome — and not the pair classifier's view alone, unless the
    classifier is at least ``contradict_untyped_confidence`` sure. That is off (1.0) by default:
    on dev splits any threshold from 0.70 kept precision ≥ 0.90 (``bench/tune_untyped.py``), but
    on 200 real articles every pair it added at 0.90 was wrong. Otherwise it is ``related``, with
    the classifier's view kept as a reason: topically close claims, and paraphrases where one
    outlet says more, are not contradictions.

    ``relate_fast`` decides first the pairs whose relation the rules fix whatever the pair
    classifier reads (the same words, a different event); the cross-encoder reads only the
    others, each distinct pair of texts once (``compare.relate.fast``, ``bench/relate_fast.py``).
    """

    model: str = DEFAULT_MODEL
    prompt: str = PROMPT
    precision: str = "auto"
    batch_size: int = 64
    neighbours: int = 32
    align_threshold: float = 0.87
    align_threshold_across: float = 0.84
    align_margin: float = 0.0
    margin_k: int = 4
    per_outlet: int = 3
    first_threshold: float = 0.92
    align_slack: float = 0.02
    contradict_min_overlap: float = 0.6
    contradict_min_similarity: float = 0.93
    contradict_min_similarity_across: float = 0.87
    contradict_needs_finding: bool = True
    contradict_untyped_confidence: float = 1.0
    max_claim_chars: int = 400
    min_claim_chars: int = 25
    search_block: int = 4096
    relate_fast: bool = True
    detectors: DetectorSettings = field(default_factory=DetectorSettings)
    extra: dict = field(default_factory=dict)

    def replace(self, **changes) -> Settings:
        """A copy with the given fields changed; ``None`` values are ignored."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


# The flag that sets a setting, where there is one: flags are checked like the config file.
FLAGS = {"align_threshold": "--threshold", "model": "--model"}


def load_settings(config_file: Path | None = None, **overrides) -> Settings:
    """Resolve settings: ``overrides`` (flags) over the config file over the defaults; every
    value is type- and range-checked, and the claim lengths against each other."""
    settings = Settings()
    if config_file is not None:
        settings = settings.replace(**_read_config(Path(config_file)))
    defaults = Settings()
    for name, value in overrides.items():
        if value is not None:
            _check_value(name, value, getattr(defaults, name), None, None,
                         label=FLAGS.get(name, name))
    settings = settings.replace(**overrides)
    if settings.max_claim_chars < settings.min_claim_chars:
        raise CompareError(
            f"max_claim_chars = {settings.max_claim_chars} is below min_claim_chars = "
            f"{settings.min_claim_chars}: no claim could be kept", path=config_file,
            hint=f"the defaults are {defaults.min_claim_chars} and {defaults.max_claim_chars}")
    return settings


def _read_config(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompareError("config file not found", path=path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CompareError(f"not valid TOML: {exc}", path=path) from None
    section = dict(data.get("tool", {}).get("claim-compare", data))
    lines = path.read_text(encoding="utf-8").splitlines()
    detectors = section.pop("detectors", None)
    values = _checked(section, Settings(), {"extra", "detectors"}, path, lines)
    if detectors is not None:
        if not isinstance(detectors, dict):
            raise CompareError("detectors should be a table of detector thresholds", path=path,
                               line=_line_of(lines, "detectors"),
                               hint="write them under [tool.claim-compare.detectors]")
        values["detectors"] = DetectorSettings(
            **_checked(detectors, DetectorSettings(), set(), path, lines))
    return values


def _checked(section: dict, defaults, hidden: set[str], path: Path, lines: list[str]) -> dict:
    known = {f.name for f in dataclasses.fields(defaults)} - hidden
    unknown = sorted(set(section) - known)
    if unknown:
        raise CompareError(f"unknown setting(s) {', '.join(unknown)}", path=path,
                           hint=f"known settings: {', '.join(sorted(known))}")
    for name, value in section.items():
        _check_value(name, value, getattr(defaults, name), path, _line_of(lines, name))
    return dict(section)


def _line_of(lines: list[str], name: str) -> int | None:
    return next((k for k, text in enumerate(lines, 1)
                 if text.split("=", 1)[0].strip().strip('"') == name), None)


# Settings that are cosines or shares of words: they must lie in [0, 1].
FRACTIONS = {"align_threshold", "align_threshold_across", "first_threshold", "align_slack",
             "contradict_min_overlap", "contradict_min_similarity",
             "contradict_min_similarity_across", "contradict_untyped_confidence", "shared_denial",
             "shared_outcome", "shared_actors", "rounding", "approx"}


# Whole-number settings with a sensible range: a claim of one character, or a batch of a
# million texts, is a typo, not a choice.
INT_RANGES = {"max_claim_chars": (40, 100_000), "min_claim_chars": (1, 10_000),
              "batch_size": (1, 4096), "neighbours": (1, 1000), "margin_k": (1, 1000),
              "per_outlet": (1, 1000), "search_block": (1, 10_000_000), "max_days": (0, 36_500)}


def _check_value(name: str, value, default, path: Path | None, line: int | None, *,
                 label: str | None = None) -> None:
    """A value must have its default's type (an integer may stand for a float); a cosine or a
    share lies in [0, 1]; a whole number lies in its range (``INT_RANGES``, else at least 1).
    ``label`` names a flag instead of a config-file setting."""
    shown = f"{label} {value!r}" if label else f"setting {name} = {value!r}"
    hint = f"the default is {default!r}" if label else f"the default is {name} = {default!r}"
    kind = type(default)
    fits = (isinstance(value, (int, float)) and not isinstance(value, bool)) if kind is float \
        else (isinstance(value, kind) and not (kind is int and isinstance(value, bool)))
    if not fits:
        article = "an" if kind is int else "a"
        raise CompareError(f"{shown} should be {article} {kind.__name__}", path=path, line=line,
                           hint=hint)
    if name in FRACTIONS and not 0.0 <= value <= 1.0:
        raise CompareError(f"{shown} is outside 0…1", path=path, line=line, hint=hint)
    if kind is int:
        low, high = INT_RANGES.get(name, (1, None))
        if value < low or (high is not None and value > high):
            span = f"at least {low}" if high is None else f"between {low} and {high:,}"
            raise CompareError(f"{shown} should be {span}", path=path, line=line, hint=hint)
