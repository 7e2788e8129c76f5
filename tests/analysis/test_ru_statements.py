"""Russian statements: speaker, stance verb and what was said."""

from __future__ import annotations

from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.config import Settings
from crosscheck.model import Document


def _statements(text: str) -> list[tuple[str, str, str]]:
    doc = Document(id="d-ru", content_hash="x", text=text, published="2024-06-01", language="ru")
    out = RussianExtractor(Settings()).extract(doc).statements
    return [(s.speaker_key or "", s.stance, s.content) for s in out]


def test_ru_statements_stances_come_from_the_verb_list() -> None:
    found = _statements(
        "Киев опроверг причастность к нападению. "
        "ФСБ обвинила в организации теракта иностранные спецслужбы. "
        "Ответственность за взрыв взяло на себя ИГИЛ."
    )
    assert ("kyiv", "denies", "причастность к нападению") in found
    assert any(key == "fsb" and stance == "blames" for key, stance, _ in found)
    assert any(key == "islamic-state" and stance == "claims" for key, stance, _ in found)


def test_ru_statements_a_speaker_after_the_verb_is_found() -> None:
    found = _statements("В Новосибирске задержаны пять человек, сообщил Следственный комитет.")
    assert found == [
        ("investigative-committee-russia", "says", "В Новосибирске задержаны пять человек")
    ]
