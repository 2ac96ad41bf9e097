"""The entity index: what a store's entities are made of, kept beside it so that adding or removing
articles resolves only what they touch.

``DIR/index.sqlite`` holds, for the store's published set of outputs:

- articles: id, text hash, file name and identity (URL or name) of each article in the store;
- entities: each entity's kind and tally (kg.tally), and an event's merge key and place;
- members: each article's local entities, the entity each went to and its share of the tally;
- keys: the names an entity is found by (``name:``, ``org:``, and for people ``sur:``, ``first:``,
  ``handle:``; ``single:`` for a person known by one word only), with how many members give each;
- flags and roles: who an article reports dead or in a former role, and the current roles it
  states, so that a new article's "former" reaches the articles that state the role as current.

The index names the set it describes (``meta.set``). It is committed just before the set is
published; a build killed between the two leaves an index that names another set, and the next
build then resolves every article again (kg.pipeline), as a build without an index does.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from .tally import EventTally, Tally

FORMAT = "1"
NAME = "index.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles(id TEXT PRIMARY KEY, sha256 TEXT, name TEXT, ident TEXT);
CREATE INDEX IF NOT EXISTS articles_sha ON articles(sha256);
CREATE INDEX IF NOT EXISTS articles_ident ON articles(ident);
CREATE TABLE IF NOT EXISTS entities(id TEXT PRIMARY KEY, kind TEXT, tally TEXT, event_key TEXT, place TEXT);
CREATE INDEX IF NOT EXISTS entities_event ON entities(event_key);
CREATE INDEX IF NOT EXISTS entities_place ON entities(place);
CREATE TABLE IF NOT EXISTS members(article TEXT, key INTEGER, entity TEXT, share TEXT, keys TEXT,
                                   PRIMARY KEY(article, key));
CREATE INDEX IF NOT EXISTS members_entity ON members(entity);
CREATE TABLE IF NOT EXISTS keys(key TEXT, entity TEXT, n INTEGER, PRIMARY KEY(key, entity));
CREATE INDEX IF NOT EXISTS keys_entity ON keys(entity);
CREATE TABLE IF NOT EXISTS flags(article TEXT, kind TEXT, person TEXT, role TEXT, org TEXT);
CREATE INDEX IF NOT EXISTS flags_person ON flags(person);
CREATE INDEX IF NOT EXISTS flags_article ON flags(article);
CREATE TABLE IF NOT EXISTS roles(article TEXT, person TEXT, role TEXT, org TEXT);
CREATE INDEX IF NOT EXISTS roles_person ON roles(person);
CREATE INDEX IF NOT EXISTS roles_article ON roles(article);
CREATE TABLE IF NOT EXISTS figures(article TEXT, name TEXT, event TEXT, predicate TEXT, subject TEXT,
                                   value REAL, approx TEXT);
CREATE INDEX IF NOT EXISTS figures_event ON figures(event);
CREATE INDEX IF NOT EXISTS figures_article ON figures(article);
"""


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Index:
    """One open entity index. Changes are made in one transaction, ended by ``commit(set_name)``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(str(self.path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.execute("BEGIN")

    # ------------------------------------------------------------------ state

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES(?,?)", (key, value))

    def describes(self, set_name: str | None, base: str, model: str) -> bool:
        """Whether the index is the one of the published set ``set_name``, made with these IRIs and model."""
        return (set_name is not None and self.meta("set") == set_name and self.meta("format") == FORMAT
                and self.meta("base") == base and self.meta("model") == model)

    def clear(self) -> None:
        for table in ("meta", "articles", "entities", "members", "keys", "flags", "roles", "figures"):
            self.db.execute(f"DELETE FROM {table}")

    def commit(self, set_name: str, base: str, model: str) -> None:
        for key, value in (("set", set_name), ("format", FORMAT), ("base", base), ("model", model)):
            self.set_meta(key, value)
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.db.close()

    # ------------------------------------------------------------------ articles

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles_by(self, column: str, values: Iterable[str]) -> list[tuple[str, str, str, str]]:
        """(id, sha256, name, ident) of the articles whose ``column`` (sha256, ident or id) is one of ``values``."""
        assert column in ("sha256", "ident", "id", "name")
        out = []
        for v in dict.fromkeys(values):
            out += self.db.execute(f"SELECT id, sha256, name, ident FROM articles WHERE {column}=?", (v,)).fetchall()
        return out

    def add_article(self, aid: str, sha256: str, name: str, ident: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO articles VALUES(?,?,?,?)", (aid, sha256, name, ident))

    def remove_article(self, aid: str) -> list[tuple[int, str, str, list[str]]]:
        """Forget an article: its row, flags, roles and figures; returns its members (key, entity, share, keys),
        which the caller takes away from their entities."""
        members = [(k, e, s, json.loads(ks)) for k, e, s, ks in self.db.execute(
            "SELECT key, entity, share, keys FROM members WHERE article=?", (aid,))]
        for table, column in (("articles", "id"), ("members", "article"), ("flags", "article"),
                              ("roles", "article"), ("figures", "article")):
            self.db.execute(f"DELETE FROM {table} WHERE {column}=?", (aid,))
        return members

    # ------------------------------------------------------------------ entities

    def entity(self, eid: str) -> tuple[str, Tally | EventTally, tuple | None] | None:
        """(kind, tally, event key) of an entity."""
        row = self.db.execute("SELECT kind, tally, event_key FROM entities WHERE id=?", (eid,)).fetchone()
        if row is None:
            return None
        kind, tally, key = row
        data = json.loads(tally)
        if key is not None:
            return kind, EventTally.from_json(data), tuple(json.loads(key))
        return kind, Tally.from_json(data), None

    def has(self, eid: str) -> bool:
        return self.db.execute("SELECT 1 FROM entities WHERE id=?", (eid,)).fetchone() is not None

    def put_entity(self, eid: str, kind: str, tally: Tally | EventTally, event_key: tuple | None = None,
                   place: str | None = None) -> None:
        self.db.execute("INSERT OR REPLACE INTO entities VALUES(?,?,?,?,?)",
                        (eid, kind, dumps(tally.as_json()), None if event_key is None else dumps(list(event_key)), place))

    def drop_entity(self, eid: str) -> None:
        self.db.execute("DELETE FROM entities WHERE id=?", (eid,))
        self.db.execute("DELETE FROM keys WHERE entity=?", (eid,))

    def event_by_key(self, key: tuple) -> str | None:
        row = self.db.execute("SELECT id FROM entities WHERE event_key=?", (dumps(list(key)),)).fetchone()
        return row[0] if row else None

    def events_at(self, place: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM entities WHERE place=?", (place,))]

    # ------------------------------------------------------------------ members and keys

    def add_member(self, aid: str, key: int, eid: str, share, keys: list[str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO members VALUES(?,?,?,?,?)",
                        (aid, key, eid, dumps(share.as_json()), dumps(keys)))
        self.count_keys(keys, eid, 1)

    def count_keys(self, keys: Iterable[str], eid: str, sign: int) -> None:
        for k in keys:
            self.db.execute("INSERT INTO keys VALUES(?,?,?) ON CONFLICT(key, entity) DO UPDATE SET n=n+?",
                            (k, eid, sign, sign))
        self.db.execute("DELETE FROM keys WHERE entity=? AND n<=0", (eid,))

    def set_key(self, key: str, eid: str, present: bool) -> None:
        """A key the entity has or not as a whole (``single:``), not counted by members."""
        if present:
            self.db.execute("INSERT OR REPLACE INTO keys VALUES(?,?,1)", (key, eid))
        else:
            self.db.execute("DELETE FROM keys WHERE key=? AND entity=?", (key, eid))

    def lookup(self, key: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT entity FROM keys WHERE key=? ORDER BY entity", (key,))]

    def members_of(self, eid: str) -> list[str]:
        """The articles that name an entity."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT article FROM members WHERE entity=?", (eid,))]

    def assignment(self, aid: str) -> dict[int, str]:
        return dict(self.db.execute("SELECT key, entity FROM members WHERE article=?", (aid,)).fetchall())

    def rename(self, loser: str, winner: str) -> None:
        """Everything the index says of ``loser`` now says it of ``winner`` (their tallies are the caller's)."""
        self.db.execute("UPDATE members SET entity=? WHERE entity=?", (winner, loser))
        for key, n in self.db.execute("SELECT key, n FROM keys WHERE entity=?", (loser,)).fetchall():
            self.db.execute("INSERT INTO keys VALUES(?,?,?) ON CONFLICT(key, entity) DO UPDATE SET n=n+?",
                            (key, winner, n, n))
        self.db.execute("DELETE FROM keys WHERE entity=?", (loser,))
        self.db.execute("DELETE FROM keys WHERE entity=? AND key LIKE 'single:%'", (winner,))
        for table, columns in (("flags", ("person", "org")), ("roles", ("person", "org")),
                               ("figures", ("event", "subject"))):
            for c in columns:
                self.db.execute(f"UPDATE {table} SET {c}=? WHERE {c}=?", (winner, loser))
        self.db.execute("UPDATE entities SET place=? WHERE place=?", (winner, loser))
        self.db.execute("DELETE FROM entities WHERE id=?", (loser,))

    # ------------------------------------------------------------------ cross-article facts

    def add_flags(self, aid: str, rows: Iterable[tuple[str, str, str | None, str | None]]) -> None:
        self.db.executemany("INSERT INTO flags VALUES(?,?,?,?,?)", [(aid, *r) for r in rows])

    def add_roles(self, aid: str, rows: Iterable[tuple[str, str, str | None]]) -> None:
        self.db.executemany("INSERT INTO roles VALUES(?,?,?,?)", [(aid, *r) for r in rows])

    def flags_of(self, people: Iterable[str]) -> Iterator[tuple[str, str, str | None, str | None]]:
        for p in dict.fromkeys(people):
            yield from self.db.execute("SELECT kind, person, role, org FROM flags WHERE person=?", (p,))

    def roles_of(self, people: Iterable[str]) -> Iterator[tuple[str, str, str, str | None]]:
        """(article, person, role, organisation) of the current roles stated of these people."""
        for p in dict.fromkeys(people):
            yield from self.db.execute("SELECT article, person, role, org FROM roles WHERE person=?", (p,))

    def add_figures(self, aid: str, rows: Iterable[tuple]) -> None:
        self.db.executemany("INSERT INTO figures VALUES(?,?,?,?,?,?,?)", [(aid, *r) for r in rows])

    def figures_of(self, events: Iterable[str]) -> Iterator[tuple]:
        """(name, event, predicate, subject, value, approx) stated of these events."""
        for e in dict.fromkeys(events):
            yield from self.db.execute(
                "SELECT name, event, predicate, subject, value, approx FROM figures WHERE event=?", (e,))


def index_path(out: Path) -> Path:
    return Path(out) / NAME
