"""Encrypted backups of the whole database, and their restore (docs/decisions/0027).

A backup is taken with the database's own tool — SQLite's online backup API (a
consistent copy while the site runs), PostgreSQL's ``pg_dump`` (custom format) — and
written as an archive encrypted with AES-256-GCM under ``BACKUP_KEY``:

    MAGIC | header length (4 bytes) | header (JSON) | chunk*
    chunk = length (4 bytes) | nonce (12) | ciphertext+tag

Every chunk's authenticated data is the header, the chunk's number and whether it is
the last, so a changed header, a reordered, altered or cut-off archive does not
decrypt. The header carries, per table, the row count and a checksum of the rows;
``restore`` recomputes them afterwards and refuses to call a restore good unless
they match.

The encrypted fields stay encrypted inside the backup: their keys (``SENSITIVE_KEYS``)
are never in it. They are escrowed separately, so a stolen archive plus BACKUP_KEY
still reveals no personal details, and a restore needs both keys.
"""

import base64
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import struct
import subprocess  # noqa: S404 — pg_dump/pg_restore with fixed argument lists
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import connection

MAGIC = b"TSUNAGARI-BACKUP\x01"
CHUNK = 4 * 1024 * 1024
NONCE = 12


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, in Japanese."""


def backup_key(encoded: str | None = None) -> bytes:
    encoded = settings.BACKUP_KEY if encoded is None else encoded
    if not encoded:
        raise BackupError(
            "BACKUP_KEY が設定されていません。manage.py backup --new-key で作れます。"
        )
    try:
        key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except ValueError as exc:
        raise BackupError("BACKUP_KEY の形が正しくありません。") from exc
    if len(key) != 32:
        raise BackupError("BACKUP_KEY は32バイトの鍵（base64）にしてください。")
    return key


def new_backup_key() -> str:
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode().rstrip("=")


# --- what is in the database -------------------------------------------------------------


def fingerprint() -> dict[str, list[Any]]:
    """Per table: [row count, sha256 of every row in a fixed order]."""
    result: dict[str, list[Any]] = {}
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        for table in tables:
            columns = connection.introspection.get_table_description(cursor, table)
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            cursor.execute(
                f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY {order}"  # noqa: S608
            )
            digest = hashlib.sha256()
            count = 0
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    digest.update(repr(tuple(_plain(v) for v in row)).encode())
                    count += 1
            result[table] = [count, digest.hexdigest()]
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value


# --- archive format ----------------------------------------------------------------------


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">Q?", index, last)


def write_archive(plain: BinaryIO, out: BinaryIO, header: dict[str, Any], key: bytes) -> None:
    head = json.dumps(header, sort_keys=True, ensure_ascii=False).encode()
    out.write(MAGIC + struct.pack(">I", len(head)) + head)
    aes = AESGCM(key)
    index = 0
    chunk = plain.read(CHUNK)
    while True:
        following = plain.read(CHUNK)
        last = not following
        nonce = os.urandom(NONCE)
        sealed = aes.encrypt(nonce, chunk, _aad(head, index, last))
        out.write(struct.pack(">I", len(sealed)) + nonce + sealed)
        if last:
            return
        chunk, index = following, index + 1


def read_header(archive: BinaryIO) -> tuple[dict[str, Any], bytes]:
    if archive.read(len(MAGIC)) != MAGIC:
        raise BackupError("つながりのバックアップではありません。")
    (length,) = struct.unpack(">I", archive.read(4))
    head = archive.read(length)
    try:
        return json.loads(head), head
    except ValueError as exc:
        raise BackupError("バックアップの見出しが壊れています。") from exc


def _next_chunk(archive: BinaryIO) -> tuple[bytes, bytes] | None:
    size_bytes = archive.read(4)
    if not size_bytes:
        return None
    if len(size_bytes) < 4:
        raise BackupError("バックアップが途中で切れています。")
    (size,) = struct.unpack(">I", size_bytes)
    nonce = archive.read(NONCE)
    sealed = archive.read(size)
    if len(nonce) < NONCE or len(sealed) < size:
        raise BackupError("バックアップが途中で切れています。")
    return nonce, sealed


def read_archive(archive: BinaryIO, key: bytes) -> tuple[dict[str, Any], Iterator[bytes]]:
    header, head = read_header(archive)
    aes = AESGCM(key)

    def chunks() -> Iterator[bytes]:
        current = _next_chunk(archive)
        if current is None:
            raise BackupError("バックアップが途中で切れています。")
        index = 0
        while current is not None:
            following = _next_chunk(archive)
            nonce, sealed = current
            try:
                yield aes.decrypt(nonce, sealed, _aad(head, index, following is None))
            except InvalidTag as exc:
                raise BackupError(
                    "バックアップを復号できません。鍵が違うか、ファイルが書き換えられたか、途中で切れています。"
                ) from exc
            current, index = following, index + 1

    return header, chunks()


# --- taking a backup ---------------------------------------------------------------------


def backup(out_path: Path, *, key: bytes) -> dict[str, Any]:
    """Write an encrypted archive of the database to ``out_path``; return its header."""
    header = {
        "format": 1,
        "vendor": connection.vendor,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "tables": fingerprint(),
    }
    with tempfile.TemporaryDirectory(prefix="tsunagari-backup-") as tmp:
        raw = Path(tmp) / "db"
        _dump(raw)
        partial = out_path.with_name(out_path.name + ".partial")
        with raw.open("rb") as plain, partial.open("wb") as out:
            write_archive(plain, out, header, key)
        os.replace(partial, out_path)  # a half-written archive never has the real name
    return header


def _dump(target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)  # the online backup API
        finally:
            dest.close()
    elif connection.vendor == "postgresql":
        _pg("pg_dump", "--format=custom", "--file", str(target))
    else:
        raise BackupError(f"{connection.vendor} のバックアップには対応していません。")


# --- restoring ---------------------------------------------------------------------------


def restore(archive_path: Path, *, key: bytes) -> dict[str, Any]:
    """Replace the database's content with the archive's; return the header.

    The archive is decrypted completely (and so authenticated) before anything in the
    database changes. Afterwards the tables' counts and checksums are compared with
    the ones the archive recorded; a mismatch raises.
    """
    with tempfile.TemporaryDirectory(prefix="tsunagari-restore-") as tmp:
        raw = Path(tmp) / "db"
        with archive_path.open("rb") as archive, raw.open("wb") as plain:
            header, chunks = read_archive(archive, key)
            if header.get("vendor") != connection.vendor:
                raise BackupError(
                    f"{header.get('vendor')} のバックアップは {connection.vendor} に戻せません。"
                )
            for chunk in chunks:
                plain.write(chunk)
        _load(raw)
    restored = fingerprint()
    differ = sorted(
        t
        for t in set(restored) | set(header["tables"])
        if restored.get(t) != header["tables"].get(t)
    )
    if differ:
        raise BackupError(f"戻したデータが記録と一致しません: {', '.join(differ)}")
    return header


def _load(raw: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(raw)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        _pg("pg_restore", "--clean", "--if-exists", "--single-transaction", str(raw))


def _pg(tool: str, *args: str) -> None:
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} がありません（PostgreSQL のクライアントを入れてください）。")
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    command = [tool, "-h", str(db.get("HOST") or "localhost")]
    if db.get("PORT"):
        command += ["-p", str(db["PORT"])]
    if db.get("USER"):
        command += ["-U", str(db["USER"])]
    command += ["--dbname", str(db["NAME"]), *args]
    connection.close()  # pg_restore --clean drops tables: hold no locks on them
    done = subprocess.run(command, env=env, capture_output=True, timeout=3600)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{tool} が失敗しました: {done.stderr.decode(errors='replace')[-500:]}")
