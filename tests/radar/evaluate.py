"""Precision and recall of the radar's detector on every labelled set, with the messages it gets
wrong. Run: `.venv/bin/python -m tests.radar.evaluate` (add `-q` to print only the figures).

The sets: `labelled.txt` (every fourth line held out), `unseen.txt`, `data/blind_v3.jsonl` (written
blind: before its author read the detector or the other sets) and `data/fresh_v4.jsonl` (written after
the first round of rules, before the detector was run on it). All of them have been looked at and
tuned on since; docs/adr/0017-conversation-radar.md keeps the first-look figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ripple.radar import detection

HERE = Path(__file__).parent
Row = tuple[bool, str, str]  # label, text, note


def load_tsv(name: str) -> list[Row]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    pairs = (line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#"))
    return [(label == "1", text, "") for label, text in pairs]


def load_jsonl(name: str) -> list[Row]:
    lines = (HERE / "data" / name).read_text(encoding="utf-8").splitlines()
    return [
        (bool(d["ai"]), str(d["text"]), str(d.get("note", ""))) for d in map(json.loads, filter(None, lines))
    ]


def sets() -> dict[str, list[Row]]:
    labelled = load_tsv("labelled.txt")
    return {
        "labelled.txt tuning (3/4)": [r for i, r in enumerate(labelled) if i % 4 != 3],
        "labelled.txt held out (1/4)": [r for i, r in enumerate(labelled) if i % 4 == 3],
        "unseen.txt": load_tsv("unseen.txt"),
        "blind_v3.jsonl": load_jsonl("blind_v3.jsonl"),
        "fresh_v4.jsonl": load_jsonl("fresh_v4.jsonl"),
    }


def evaluate(rows: list[Row]) -> tuple[float, float, list[tuple[str, Row, detection.Score]]]:
    """Precision, recall and the misclassified rows ("FP" or "FN", the row, its score)."""
    tp = fp = fn = 0
    wrong = []
    for row in rows:
        label, text, _note = row
        result = detection.score(text)
        if result.is_ai and label:
            tp += 1
        elif result.is_ai:
            fp += 1
            wrong.append(("FP", row, result))
        elif label:
            fn += 1
            wrong.append(("FN", row, result))
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0), wrong


def main(argv: list[str]) -> None:
    quiet = "-q" in argv
    for name, rows in sets().items():
        precision, recall, wrong = evaluate(rows)
        positives = sum(label for label, _t, _n in rows)
        print(
            f"{name}: {len(rows)} messages, {positives} about AI — "
            f"precision {precision:.3f}, recall {recall:.3f}"
        )
        if not quiet:
            for kind, (_label, text, note), result in wrong:
                print(
                    f"  {kind} {result.score:.2f} {list(result.signals)} {text!r}"
                    + (f"  [{note}]" if note else "")
                )


if __name__ == "__main__":
    main(sys.argv[1:])
