"""Reading records of another tool's export (or of `vigie export`) as feed items."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from listener.errors import VigieError
from listener.importer import ImportRowError, detect_format, item_from_record, read_records

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_csv_columns_are_found_by_their_usual_names_whatever_the_delimiter() -> None:
    """A semicolon-separated export with 'Date', 'Mention Content', 'Author', 'URL':
    each record comes back under Vigie's field names, with its line number."""
    text = ("Date;Author;Mention Content;URL;Followers\n"
            "2026-12-01T08:00:00Z;lea;Panne chez Bleuet Mobile;https://ex.org/1;120\n"
            "\n"
            '2026-12-01 09:30;marc;"Deux lignes\nBleuet Mobile";https://ex.org/2;\n')
    records = list(read_records(io.StringIO(text), "csv", "h.csv"))
    assert [n for n, _ in records] == [2, 5]
    first = records[0][1]
    assert first == {"published_at": "2026-12-01T08:00:00Z", "text": "Panne chez Bleuet Mobile",
                     "url": "https://ex.org/1", "author": "lea", "reach": "120"}
    assert records[1][1]["text"] == "Deux lignes\nBleuet Mobile"


def test_vigie_exports_read_back() -> None:
    """`vigie export` JSON lines and CSV (whose formula-looking cells start with ')."""
    line = ('{"id":7,"published_at":"2026-12-01T08:00:00Z","brands":["Colibri"],'
            '"source":"News","kind":"review","rating":1,"reach":null,"author":"=cmd",'
            '"title":"","text":"Colibri arnaque","url":"https://ex.org/7"}\n')
    ((n, rec),) = read_records(io.StringIO(line), "jsonl", "e.jsonl")
    assert n == 1 and rec["kind"] == "review" and rec["rating"] == 1 and rec["author"] == "=cmd"
    csv_text = ("published_at,author,text,url\n"
                "2026-12-01T08:00:00Z,'=cmd,'=HYPERLINK(\"x\") Colibri,https://ex.org/8\n"
                "2026-12-01T08:00:00Z,'ok,it's fine,https://ex.org/9\n")
    recs = [r for _, r in read_records(io.StringIO(csv_text), "csv", "e.csv")]
    assert recs[0]["author"] == "=cmd" and recs[0]["text"] == '=HYPERLINK("x") Colibri'
    assert recs[1]["author"] == "'ok"  # a quote before ordinary text is the text's own


def test_a_file_without_date_or_text_column_says_which_names_work() -> None:
    with pytest.raises(VigieError) as err:
        list(read_records(io.StringIO("when,who,what\nx,y,z\n"), "csv", "bad.csv"))
    message = str(err.value)
    assert "bad.csv: no column for published_at and text among when, who, what" in message
    assert "date" in message and "content" in message
    with pytest.raises(VigieError, match="empty file"):
        list(read_records(io.StringIO(""), "csv", "empty.csv"))
    # JSON lines: a bad line stands in for its record, and the next lines are read.
    lines = ('{"date": "2026-12-01", "text": "a"}\n[1]\n{"when": 1}\n{"date": \n'
             '{"date": "2026-12-02", "text": "b"}\n')
    got = list(read_records(io.StringIO(lines), "jsonl", "j.jsonl"))
    assert [n for n, _ in got] == [1, 2, 3, 4, 5]
    assert [str(r) for _, r in got if isinstance(r, ImportRowError)] == [
        "j.jsonl:2: expected a JSON object, got list",
        "j.jsonl:3: no column for published_at and text among when (accepted names: "
        "published_at: publishedat, published, date, datetime, createdat, created...; "
        "text: text, content, body, message, mentioncontent, snippet...)",
        "j.jsonl:4: not a JSON object (Expecting value, column 10)"]
    assert got[-1][1] == {"published_at": "2026-12-02", "text": "b"}


def test_records_become_items_normalised_like_polled_ones() -> None:
    """HTML stripped, tracking parameters dropped from the link, dates in UTC, a rating
    written '4/5' or '4,0' read as 4 stars (a review), reach as a number."""
    item = item_from_record({"published_at": "2026-12-01T09:00:00+01:00",
                             "text": "<p>Super <b>Colibri</b> !</p>",
                             "url": "https://ex.org/a?utm_source=x&id=3", "author": " léa\n",
                             "rating": "4/5", "reach": "1200"}, where="f.csv:2", now=NOW)
    assert item.published_at == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert item.text == "Super Colibri !" and item.author == "léa"
    assert item.url == "https://ex.org/a?id=3"
    assert (item.rating, item.kind, item.reach) == (4, "review", 1200)
    assert item_from_record({"published_at": 1764576000, "text": "x", "rating": "4,0"},
                            where="f", now=NOW).rating == 4
    titled = item_from_record({"published_at": "2026-12-01", "text": "x", "title": "Une"},
                              where="f", now=NOW)
    assert titled.kind == "article" and titled.rating is None


@pytest.mark.parametrize(("record", "words"), [
    ({"published_at": "01/12/2026", "text": "x"}, "f.csv:9: published_at: '01/12/2026' is not"),
    ({"published_at": "", "text": "x"}, "published_at: empty is not a date"),
    ({"published_at": "2031-01-01", "text": "x"}, "nor in the future"),
    ({"published_at": "2026-12-01", "text": "<p> </p>"}, "f.csv:9: text: empty"),
    ({"published_at": "2026-12-01", "text": "x", "rating": "9"}, "rating: '9' is out of range"),
    ({"published_at": "2026-12-01", "text": "x", "reach": "many"},
     "reach: expected a number, got 'many'"),
])
def test_an_unusable_record_names_its_line_and_column(record: dict[str, object],
                                                      words: str) -> None:
    with pytest.raises(ImportRowError) as err:
        item_from_record(record, where="f.csv:9", now=NOW)
    assert words in str(err.value)


def test_the_format_comes_from_the_name_or_the_option() -> None:
    assert detect_format(Path("a.CSV"), None) == "csv"
    assert detect_format(Path("a.ndjson"), None) == "jsonl"
    assert detect_format(Path("a.dat"), "jsonl") == "jsonl"
    with pytest.raises(VigieError, match="--format csv or --format jsonl"):
        detect_format(Path("a.dat"), None)
