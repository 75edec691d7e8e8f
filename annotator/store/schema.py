"""The project file's schema, as sqlite-utils migrations.

Every migration is appended, never edited. ``SCHEMA_VERSION`` is the number of migrations and is
written to ``PRAGMA user_version`` so a newer file can be refused before anything touches it.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

#: PRAGMA application_id of an annotator project: "ANNO" in ASCII.
APPLICATION_ID = 0x414E4E4F

migrations = Migrations("annotator")


_M001 = (
    """
    CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )
    """,
    """
    CREATE TABLE labels (
                name TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
                color TEXT NOT NULL,
                hotkey TEXT UNIQUE,
                description TEXT NOT NULL DEFAULT '',
                position INTEGER NOT NULL DEFAULT 0
            )
    """,
    """
    CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                uid TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL DEFAULT '',
                url TEXT NOT NULL DEFAULT '',
                published TEXT NOT NULL DEFAULT '',
                language TEXT NOT NULL DEFAULT '',
                text TEXT NOT NULL,
                sha256 TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL DEFAULT 'todo'
                    CHECK (status IN ('todo', 'in-progress', 'done')),
                original_file TEXT NOT NULL DEFAULT '',
                external_id TEXT NOT NULL DEFAULT '',
                imported_at TEXT NOT NULL,
                meta TEXT NOT NULL DEFAULT '{}'
            )
    """,
    """
    CREATE TABLE spans (
                id TEXT PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id),
                label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
                start INTEGER NOT NULL CHECK (start >= 0),
                "end" INTEGER NOT NULL CHECK ("end" > start),
                text TEXT NOT NULL,
                annotator TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                origin TEXT NOT NULL DEFAULT 'manual'
                    CHECK (origin IN ('manual', 'imported', 'suggested', 'adjudicated')),
                provenance TEXT NOT NULL DEFAULT '{}',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
    """,
    """
    CREATE INDEX spans_article_start ON spans(article_id, start)
    """,
    """
    CREATE INDEX spans_label ON spans(label)
    """,
    """
    CREATE TABLE relations (
                id TEXT PRIMARY KEY,
                from_span TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
                to_span TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
                type TEXT NOT NULL,
                annotator TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
    """,
    """
    CREATE INDEX relations_from ON relations(from_span)
    """,
    """
    CREATE INDEX relations_to ON relations(to_span)
    """,
    """
    CREATE TABLE changes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                who TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                data TEXT NOT NULL DEFAULT '{}'
            )
    """,
    """
    CREATE INDEX changes_entity ON changes(entity, entity_id)
    """,
    """
    CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes
                BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END
    """,
    """
    CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
                BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END
    """,
)


@migrations()
def m001_initial(db: Database) -> None:
    # executescript() would COMMIT the migration's transaction first: run one by one.
    for statement in _M001:
        db.execute(statement)


@migrations()
def m002_article_status_index(db: Database) -> None:
    # An article's status sits after its text in the row: reading it through the table walks a
    # 20 MB text's overflow pages (33 ms per label key). Through this index it never does.
    db.execute("CREATE INDEX articles_id_status ON articles(id, status)")


_M002 = (
    """
    CREATE TABLE span_counts (
                article_id INTEGER PRIMARY KEY REFERENCES articles(id),
                spans INTEGER NOT NULL DEFAULT 0
            )
    """,
    """
    INSERT INTO span_counts(article_id, spans)
    SELECT article_id, count(*) FROM spans GROUP BY article_id
    """,
    """
    CREATE INDEX articles_listing ON articles(status, id)
    """,
    """
    CREATE INDEX spans_annotator ON spans(annotator)
    """,
    """
    CREATE TABLE status_counts (
                status TEXT PRIMARY KEY,
                articles INTEGER NOT NULL DEFAULT 0
            )
    """,
    """
    INSERT INTO status_counts(status, articles)
    SELECT status, count(*) FROM articles GROUP BY status
    """,
    """
    CREATE TRIGGER status_counts_insert AFTER INSERT ON articles
                BEGIN INSERT INTO status_counts(status, articles) VALUES (new.status, 1)
                ON CONFLICT(status) DO UPDATE SET articles = articles + 1; END
    """,
    """
    CREATE TRIGGER status_counts_update AFTER UPDATE OF status ON articles
                WHEN new.status IS NOT old.status
                BEGIN UPDATE status_counts SET articles = articles - 1 WHERE status = old.status;
                INSERT INTO status_counts(status, articles) VALUES (new.status, 1)
                ON CONFLICT(status) DO UPDATE SET articles = articles + 1; END
    """,
    """
    CREATE TRIGGER status_counts_delete AFTER DELETE ON articles
                BEGIN UPDATE status_counts SET articles = articles - 1
                WHERE status = old.status; END
    """,
    """
    CREATE TRIGGER span_counts_insert AFTER INSERT ON spans
                BEGIN INSERT INTO span_counts(article_id, spans) VALUES (new.article_id, 1)
                ON CONFLICT(article_id) DO UPDATE SET spans = spans + 1; END
    """,
    """
    CREATE TRIGGER span_counts_delete AFTER DELETE ON spans
                BEGIN UPDATE span_counts SET spans = spans - 1
                WHERE article_id = old.article_id; END
    """,
    """
    CREATE TRIGGER span_counts_move AFTER UPDATE OF article_id ON spans
                WHEN new.article_id IS NOT old.article_id
                BEGIN UPDATE span_counts SET spans = spans - 1 WHERE article_id = old.article_id;
                INSERT INTO span_counts(article_id, spans) VALUES (new.article_id, 1)
                ON CONFLICT(article_id) DO UPDATE SET spans = spans + 1; END
    """,
)


@migrations()
def m003_article_listing(db: Database) -> None:
    """Span counts per article kept by the store (triggers: every write path, import and merge
    included; existing files are counted once here) in a narrow table of their own (updating a
    column of ``articles`` would re-read a long article's whole row on every label key), and
    an index that lists ids by status without reading the texts (the window lists 100k
    articles at start); the annotators of 1M spans are read from an index too; articles per
    status (the progress in the status bar, and the list's row count) are kept like the span
    counts."""
    for statement in _M002:
        db.execute(statement)


_M004 = (
    """
    CREATE TABLE article_statuses (
                article_id INTEGER NOT NULL REFERENCES articles(id),
                annotator TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('todo', 'in-progress', 'done')),
                changed_at TEXT NOT NULL,
                PRIMARY KEY (article_id, annotator)
            ) WITHOUT ROWID
    """,
    """
    CREATE INDEX article_statuses_listing ON article_statuses(annotator, status, article_id)
    """,
    """
    CREATE TABLE status_progress (
                annotator TEXT NOT NULL,
                status TEXT NOT NULL,
                articles INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (annotator, status)
            ) WITHOUT ROWID
    """,
    """
    CREATE TRIGGER status_progress_insert AFTER INSERT ON article_statuses
                BEGIN INSERT INTO status_progress(annotator, status, articles)
                VALUES (new.annotator, new.status, 1)
                ON CONFLICT(annotator, status) DO UPDATE SET articles = articles + 1; END
    """,
    """
    CREATE TRIGGER status_progress_update AFTER UPDATE OF status, annotator ON article_statuses
                WHEN new.status IS NOT old.status OR new.annotator IS NOT old.annotator
                BEGIN UPDATE status_progress SET articles = articles - 1
                WHERE annotator = old.annotator AND status = old.status;
                INSERT INTO status_progress(annotator, status, articles)
                VALUES (new.annotator, new.status, 1)
                ON CONFLICT(annotator, status) DO UPDATE SET articles = articles + 1; END
    """,
    """
    CREATE TRIGGER status_progress_delete AFTER DELETE ON article_statuses
                BEGIN UPDATE status_progress SET articles = articles - 1
                WHERE annotator = old.annotator AND status = old.status; END
    """,
    # Who set each article's one status: the last 'article.status' entry of the change log,
    # else the annotator with most spans in the article (ties: the first name), else the
    # project's creator as the log names them, else "unknown".
    """
    INSERT INTO article_statuses(article_id, annotator, status, changed_at)
    SELECT a.id,
           coalesce(
               (SELECT nullif(c.who, '') FROM changes c WHERE c.entity = 'article'
                AND c.action = 'article.status' AND c.entity_id = CAST(a.id AS TEXT)
                ORDER BY c.id DESC LIMIT 1),
               (SELECT s.annotator FROM spans s WHERE s.article_id = a.id
                GROUP BY s.annotator ORDER BY count(*) DESC, s.annotator LIMIT 1),
               (SELECT nullif(c.who, '') FROM changes c WHERE c.action = 'project.create'
                ORDER BY c.id LIMIT 1),
               'unknown'),
           a.status,
           coalesce(
               (SELECT c.at FROM changes c WHERE c.entity = 'article'
                AND c.action = 'article.status' AND c.entity_id = CAST(a.id AS TEXT)
                ORDER BY c.id DESC LIMIT 1),
               a.imported_at)
    FROM articles a INDEXED BY articles_listing WHERE a.status != 'todo'
    """,
    # articles.status is retired: every article is 'todo' there (status_counts then counts the
    # articles, kept by its triggers); statuses live in article_statuses
    """
    UPDATE articles SET status = 'todo' WHERE status != 'todo'
    """,
)


@migrations()
def m004_article_statuses(db: Database) -> None:
    """Each annotator's own status per article (todo / in-progress / done), with when it last
    changed (merge: the later change wins). Articles per annotator and status are kept by
    triggers in ``status_progress`` (the status bar, the list's row counts). Existing statuses
    move to whoever set them (see the INSERT's comment); ``articles.status`` stays as a column
    (dropping it would rewrite every text) but is always 'todo' and read by nobody."""
    for statement in _M004:
        db.execute(statement)


#: What a read-only open of a file from before m004 reads instead (reading never writes, so
#: the file is not migrated): the same statuses m004 would make, in an in-memory database
#: attached as ``compat`` (SQLite finds an unqualified table in attached databases too).
_COMPAT_M004 = (
    """
    CREATE TABLE compat.article_statuses (article_id INTEGER NOT NULL, annotator TEXT NOT NULL,
        status TEXT NOT NULL, changed_at TEXT NOT NULL, PRIMARY KEY (article_id, annotator)
        ) WITHOUT ROWID
    """,
    "CREATE INDEX compat.article_statuses_listing ON article_statuses(annotator, status, "
    "article_id)",
    _M004[6].replace("INSERT INTO article_statuses", "INSERT INTO compat.article_statuses")
            .replace("INDEXED BY articles_listing ", ""),
    """
    CREATE TABLE compat.status_progress (annotator TEXT NOT NULL, status TEXT NOT NULL,
        articles INTEGER NOT NULL, PRIMARY KEY (annotator, status)) WITHOUT ROWID
    """,
    "INSERT INTO compat.status_progress SELECT annotator, status, count(*) "
    "FROM compat.article_statuses GROUP BY annotator, status",
)


def attach_compat_statuses(conn: sqlite3.Connection) -> None:
    """For a file from before m004 opened read-only: its statuses as m004 would move them, in
    memory (nothing is written to the file)."""
    query_only = conn.execute("PRAGMA query_only").fetchone()[0]
    conn.execute("PRAGMA query_only=OFF")  # the in-memory database only
    try:
        conn.execute("ATTACH DATABASE ':memory:' AS compat")
        for statement in _COMPAT_M004:
            conn.execute(statement)
        if conn.in_transaction:
            conn.execute("COMMIT")
    finally:
        conn.execute(f"PRAGMA query_only={int(query_only)}")


@migrations()
def m005_gold_layer(db: Database) -> None:
    """Gold is a layer, not a person: every adjudicated span's annotator becomes ``@gold`` and
    the person who adjudicated it moves to its provenance's ``adjudicator`` (issue 9, item 4).
    The file is backed up before (as for every migration)."""
    db.execute(
        """
        UPDATE spans SET annotator = '@gold',
            provenance = json_set(CASE WHEN json_valid(provenance)
                                       AND json_type(provenance) = 'object'
                                  THEN provenance ELSE '{}' END,
                                  '$.adjudicator', annotator)
        WHERE origin = 'adjudicated' AND annotator != '@gold'
        """)


_M006 = (
    """
    CREATE TABLE assignment_plans (
                id TEXT PRIMARY KEY,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                overlap REAL NOT NULL CHECK (overlap >= 0 AND overlap <= 1),
                folder TEXT NOT NULL DEFAULT ''
            )
    """,
    """
    CREATE TABLE assignment_packages (
                plan TEXT NOT NULL REFERENCES assignment_plans(id),
                annotator TEXT NOT NULL,
                file TEXT NOT NULL,
                token TEXT NOT NULL,
                PRIMARY KEY (plan, annotator)
            )
    """,
    """
    CREATE TABLE assignments (
                plan TEXT NOT NULL,
                annotator TEXT NOT NULL,
                article_id INTEGER NOT NULL REFERENCES articles(id),
                shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
                PRIMARY KEY (plan, annotator, article_id),
                FOREIGN KEY (plan, annotator) REFERENCES assignment_packages(plan, annotator)
            )
    """,
    """
    CREATE INDEX assignments_article ON assignments(article_id)
    """,
)


@migrations()
def m006_assignments(db: Database) -> None:
    """Work handed out without a server (``annotator assign``): a plan (who made it, when, the
    overlap share), one package per annotator (the file written and a random token that only
    that file carries: merging it back proves the file is the one handed to that person), and
    which articles went to whom (``shared``: the overlap every annotator gets). The guidelines
    live in ``meta`` under ``guidelines``."""
    for statement in _M006:
        db.execute(statement)


@migrations()
def m007_deleted_articles(db: Database) -> None:
    """Deleted articles are remembered by the sha256 of their text, so a later import or merge
    of the same text reports it instead of bringing it back silently; ``saved`` holds the
    article's row and the rows that hang on it (spans, relations...) as JSON, so undo and
    ``annotator article --restore`` bring it back with the same id and spans. Article ids are
    never reused (new ones start above the deleted ones too)."""
    db.execute("""
    CREATE TABLE deleted_articles (
                sha256 TEXT PRIMARY KEY,
                article_id INTEGER NOT NULL UNIQUE,
                title TEXT NOT NULL DEFAULT '',
                deleted_at TEXT NOT NULL,
                deleted_by TEXT NOT NULL,
                saved TEXT NOT NULL DEFAULT '{}'
            )
    """)



@migrations()
def m008_spans_by_annotator_and_article(db: Database) -> None:
    """The articles an annotator has spans in ("Mine" in the article list, agreement's
    touched units) are read from the index alone: ``spans_annotator`` (annotator) becomes
    (annotator, article_id), which also serves everything the old one did. A DISTINCT over
    one annotator's 336k spans took 2.0 s through the old index (a table read per span) and
    0.07 s through this one."""
    db.execute("DROP INDEX IF EXISTS spans_annotator")
    db.execute("CREATE INDEX spans_annotator_article ON spans(annotator, article_id)")

_M009 = (
    """
    CREATE TABLE label_attributes (
                label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE ON DELETE CASCADE,
                name TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('choice', 'multi', 'boolean', 'number', 'text')),
                spec TEXT NOT NULL DEFAULT '{}',
                position INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (label, name)
            )
    """,
    """
    CREATE TABLE article_attribute_defs (
                name TEXT PRIMARY KEY,
                type TEXT NOT NULL CHECK (type IN ('choice', 'multi', 'boolean', 'number', 'text')),
                spec TEXT NOT NULL DEFAULT '{}',
                position INTEGER NOT NULL DEFAULT 0
            )
    """,
    """
    CREATE TABLE relation_types (
                name TEXT PRIMARY KEY,
                spec TEXT NOT NULL DEFAULT '{}',
                position INTEGER NOT NULL DEFAULT 0
            )
    """,
    """
    CREATE TABLE relation_ends (
                type TEXT NOT NULL REFERENCES relation_types(name)
                    ON UPDATE CASCADE ON DELETE CASCADE,
                side TEXT NOT NULL CHECK (side IN ('from', 'to')),
                label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE ON DELETE CASCADE,
                position INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (type, side, label)
            )
    """,
    """
    CREATE TABLE span_attributes (
                span_id TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                value TEXT NOT NULL,
                source TEXT NOT NULL DEFAULT 'person'
                    CHECK (source IN ('person', 'parsed', 'suggested', 'imported')),
                updated_at TEXT NOT NULL,
                PRIMARY KEY (span_id, name)
            ) WITHOUT ROWID
    """,
    """
    CREATE TABLE article_attributes (
                article_id INTEGER NOT NULL REFERENCES articles(id),
                annotator TEXT NOT NULL,
                name TEXT NOT NULL,
                value TEXT NOT NULL,
                source TEXT NOT NULL DEFAULT 'person'
                    CHECK (source IN ('person', 'parsed', 'suggested', 'imported')),
                updated_at TEXT NOT NULL,
                PRIMARY KEY (article_id, annotator, name)
            ) WITHOUT ROWID
    """,
    """
    CREATE INDEX relations_type ON relations(type)
    """,
)


@migrations()
def m009_claims_with_structure(db: Database) -> None:
    """Claims with structure (issue 10): typed attributes per label (``label_attributes``,
    following renames of the label) and per article (``article_attribute_defs``), relation
    types with their allowed ``from``/``to`` labels (``relation_ends``), and the values:
    ``span_attributes`` (gone with their span) and ``article_attributes`` (per article and
    annotator). A value is JSON (str, bool, number, list of str) and records how it was set
    (``source``), so a filler never overwrites a person's value.

    An existing file keeps its relations: each relation type already used is defined with the
    label pairs it joins. A label named like one of the default scheme's gets the default
    attributes, and default relation types whose labels all exist are added: definitions only,
    no value is written."""
    for statement in _M009:
        db.execute(statement)
    from annotator.store.scheme_store import install_m009_definitions

    install_m009_definitions(db.conn)


_M010 = (
    """
    CREATE TABLE companies (
                name TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
                note TEXT NOT NULL DEFAULT '',
                updated_at TEXT NOT NULL
            )
    """,
    """
    CREATE TABLE company_aliases (
                alias TEXT PRIMARY KEY CHECK (length(trim(alias)) > 0),
                company TEXT NOT NULL REFERENCES companies(name)
                    ON UPDATE CASCADE ON DELETE CASCADE
            ) WITHOUT ROWID
    """,
    """
    CREATE TABLE company_tickers (
                company TEXT NOT NULL REFERENCES companies(name)
                    ON UPDATE CASCADE ON DELETE CASCADE,
                ticker TEXT NOT NULL CHECK (length(trim(ticker)) > 0),
                PRIMARY KEY (company, ticker)
            ) WITHOUT ROWID
    """,
    """
    CREATE TABLE suggestion_rejections (
                annotator TEXT NOT NULL,
                article_id INTEGER NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                label TEXT NOT NULL,
                text TEXT NOT NULL,
                rejected_at TEXT NOT NULL,
                PRIMARY KEY (annotator, article_id, start, "end", label)
            ) WITHOUT ROWID
    """,
)


@migrations()
def m010_company_registry(db: Database) -> None:
    """The company registry (issue 12): canonical names with a note, their aliases (an alias
    names one company only: the primary key) and tickers; and the suggestions a person
    rejected (annotator, article, offsets, label, text), never suggested to them again."""
    for statement in _M010:
        db.execute(statement)


@migrations()
def m011_attribute_value_index(db: Database) -> None:
    """span_attributes(name, value): the spans with a given value of an attribute, read from
    the index alone. The Registry dock counts each entry's company spans (``entity``) and
    finds an entry's next span through it: 2.4 s -> a few ms for 120k linked spans, where a
    join from the spans looked up every company span's values."""
    db.execute("CREATE INDEX span_attributes_name_value ON span_attributes(name, value)")


_M012 = (
    "DROP TRIGGER span_counts_insert",
    "DROP TRIGGER span_counts_delete",
    "DROP TRIGGER span_counts_move",
    """
    CREATE TRIGGER span_counts_insert AFTER INSERT ON spans
                WHEN new.origin != 'suggested'
                BEGIN INSERT INTO span_counts(article_id, spans) VALUES (new.article_id, 1)
                ON CONFLICT(article_id) DO UPDATE SET spans = spans + 1; END
    """,
    """
    CREATE TRIGGER span_counts_delete AFTER DELETE ON spans
                WHEN old.origin != 'suggested'
                BEGIN UPDATE span_counts SET spans = spans - 1
                WHERE article_id = old.article_id; END
    """,
    """
    CREATE TRIGGER span_counts_move AFTER UPDATE OF article_id, origin ON spans
                WHEN new.article_id IS NOT old.article_id OR new.origin IS NOT old.origin
                BEGIN UPDATE span_counts SET spans = spans - 1
                WHERE article_id = old.article_id AND old.origin != 'suggested';
                INSERT INTO span_counts(article_id, spans)
                SELECT new.article_id, 1 WHERE new.origin != 'suggested'
                ON CONFLICT(article_id) DO UPDATE SET spans = spans + 1; END
    """,
    "DELETE FROM span_counts",
    """
    INSERT INTO span_counts(article_id, spans)
    SELECT article_id, count(*) FROM spans WHERE origin != 'suggested' GROUP BY article_id
    """,
)


@migrations()
def m012_suggestions_not_counted(db: Database) -> None:
    """The article list's span counts (``span_counts``) leave suggestions out (issue 12): a
    suggestion is not work done until it is accepted. Accepting one (origin ``suggested`` ->
    ``manual``) counts it, undoing that uncounts it; existing files are counted again."""
    for statement in _M012:
        db.execute(statement)


SCHEMA_VERSION = len(migrations._migrations)

#: The exact set of schema objects (type, name) a valid project file has; anything else in a
#: teammate's file (views, extra triggers, unknown tables) makes it untrusted.
EXPECTED_OBJECTS = frozenset(
    {
        ("table", "meta"),
        ("table", "labels"),
        ("table", "articles"),
        ("table", "spans"),
        ("table", "relations"),
        ("table", "changes"),
        ("table", "_sqlite_migrations"),
        ("table", "sqlite_sequence"),
        ("index", "idx__sqlite_migrations_migration_set_name"),
        ("index", "spans_article_start"),
        ("index", "spans_label"),
        ("index", "relations_from"),
        ("index", "relations_to"),
        ("index", "changes_entity"),
        ("index", "articles_id_status"),
        ("trigger", "changes_append_only_update"),
        ("trigger", "changes_append_only_delete"),
        ("table", "span_counts"),
        ("index", "articles_listing"),
        ("index", "spans_annotator_article"),
        ("table", "status_counts"),
        ("trigger", "status_counts_insert"),
        ("trigger", "status_counts_update"),
        ("trigger", "status_counts_delete"),
        ("trigger", "span_counts_insert"),
        ("trigger", "span_counts_delete"),
        ("trigger", "span_counts_move"),
        ("table", "assignment_plans"),
        ("table", "assignment_packages"),
        ("table", "assignments"),
        ("index", "assignments_article"),
        ("table", "deleted_articles"),
        ("table", "article_statuses"),
        ("index", "article_statuses_listing"),
        ("table", "status_progress"),
        ("trigger", "status_progress_insert"),
        ("trigger", "status_progress_update"),
        ("trigger", "status_progress_delete"),
        ("table", "label_attributes"),
        ("table", "article_attribute_defs"),
        ("table", "relation_types"),
        ("table", "relation_ends"),
        ("table", "span_attributes"),
        ("table", "article_attributes"),
        ("index", "relations_type"),
        ("table", "companies"),
        ("table", "company_aliases"),
        ("table", "company_tickers"),
        ("table", "suggestion_rejections"),
        ("index", "span_attributes_name_value"),
    }
)
