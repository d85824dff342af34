"""backup and restore: a round trip gives back every table's rows and every uploaded file.

Each engine is tested on the database the tests really use (test_<name>): the PostgreSQL round
trip runs in CI (.ci/run sets DATABASE_URL), the SQLite one in a plain local `pytest`.
"""

import hashlib
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from inspections.models import InspectionAttachment
from operations.backup import _tool_major
from registry.models import County, Operator
from registry.roles import INSPECTOR
from tests.factories import CountyFactory, OperatorFactory, TownshipFactory, UserFactory, VillageFactory
from tests.inspections.factories import InspectionFactory, RectificationFactory

# Real transactions: pg_dump and psql read committed data through their own connections.
pytestmark = pytest.mark.django_db(transaction=True)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL round trip: the tests run on SQLite here; set DATABASE_URL=postgres://… (as .ci/run does)",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite round trip: the tests run on PostgreSQL here; a plain local `pytest` runs it",
)
either_engine = pytest.mark.parametrize(
    "engine", [pytest.param("postgresql", marks=on_postgresql), pytest.param("sqlite", marks=on_sqlite)]
)


def backup(directory):
    call_command("backup", "-o", directory, stdout=io.StringIO())


def restore(directory, *args):
    out = io.StringIO()
    call_command("restore", directory, *args, stdout=out)
    return out.getvalue()


def every_table_count():
    """Rows of every table, counted here independently of the backup module."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def media_checksum():
    """One sha256 over every file's path and bytes under MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def office():
    """A small office: a county, two townships, operators, users, inspections with photos."""
    county = CountyFactory()
    towns = [TownshipFactory(county=county), TownshipFactory(county=county)]
    for town in towns:
        VillageFactory(township=town)
    UserFactory(username="jgy", townships=towns[:1], role=INSPECTOR)
    operators = [OperatorFactory(township=towns[index % 2]) for index in range(6)]
    for index, operator in enumerate(operators[:3]):
        inspection = InspectionFactory(operator=operator)
        InspectionAttachment.objects.create(
            inspection=inspection,
            file=ContentFile(b"\xff\xd8photo" + bytes([index]) * 500, name=f"门头{index}.jpg"),
            caption=f"门头{index}.jpg",
        )
    rectification = RectificationFactory(operator=operators[4], deadline="2026-04-01")
    rectification.evidence.save("佐证.pdf", ContentFile(b"%PDF-1.4 evidence"))
    return county


def assert_manifest_describes(directory, rows):
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"] == rows
    applied = MigrationRecorder(connection).applied_migrations()
    assert manifest["migrations"] == {app: max(n for a, n in applied if a == app) for app, _ in applied}
    assert manifest["app_version"] == "0.1.0"
    assert len(manifest["media"]) == 4
    for name, meta in manifest["media"].items():
        data = (Path(settings.MEDIA_ROOT) / name).read_bytes()
        assert meta == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    # The database the connection really uses (test_<name> under tests), not the one configured.
    assert manifest["database"]["name"] == str(connection.settings_dict["NAME"])
    if connection.vendor == "postgresql":
        assert manifest["database"]["name"].startswith("test_")
    # Backups hold personal data: only their owner may read them.
    assert directory.stat().st_mode & 0o077 == 0


def wipe():
    """What a lost server leaves: a freshly migrated, empty database and no uploaded files."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)


@either_engine
def test_round_trip_gives_back_every_row_and_file(engine, office, tmp_path):
    rows, files = every_table_count(), media_checksum()
    assert rows["registry_operator"] == 6 and rows["inspections_inspectionattachment"] == 3

    backup(tmp_path / "backup")
    assert_manifest_describes(tmp_path / "backup", rows)
    wipe()
    assert every_table_count() != rows
    assert not Path(settings.MEDIA_ROOT).exists()

    output = restore(tmp_path / "backup")

    assert "恢复完成并已核对" in output
    assert every_table_count() == rows
    assert media_checksum() == files
    assert Operator.objects.count() == 6
    attachment = InspectionAttachment.objects.order_by("pk").first()
    assert attachment.file.read().startswith(b"\xff\xd8photo")


@on_postgresql
def test_postgresql_client_matches_the_server_version():
    server_major = connection.pg_version // 10000
    assert _tool_major("pg_dump")[0] == server_major
    assert _tool_major("pg_restore")[0] == server_major


@on_postgresql
def test_backup_refuses_a_pg_dump_older_than_the_server(tmp_path, monkeypatch):
    old = tmp_path / "bin" / "pg_dump"
    old.parent.mkdir()
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 11.22'\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", f"{old.parent}:{os.environ['PATH']}")

    with pytest.raises(CommandError, match=r"pg_dump 版本过旧.*11\.22.*postgresql-client-1"):
        backup(tmp_path / "backup")


@either_engine
def test_restore_refuses_a_database_with_data_unless_forced(engine, office, tmp_path):
    backup(tmp_path / "backup")
    OperatorFactory(township=office.townships.first(), name="备份之后登记的")

    with pytest.raises(CommandError, match=r"已有数据.*--force"):
        call_command("restore", tmp_path / "backup")
    assert Operator.objects.filter(name="备份之后登记的").exists()

    restore(tmp_path / "backup", "--force")
    assert not Operator.objects.filter(name="备份之后登记的").exists()
    assert Operator.objects.count() == 6


@either_engine
def test_a_damaged_backup_restores_nothing(engine, office, tmp_path):
    backup(tmp_path / "backup")
    # Stored under a random name (registry.ledgers.uploads); the caption keeps what the user called it.
    stored = InspectionAttachment.objects.get(caption="门头1.jpg").file.name
    photo = tmp_path / "backup" / "media" / stored
    photo.write_bytes(b"changed")
    wipe()

    with pytest.raises(CommandError, match=rf"(?s)备份不完整.*{re.escape(stored)}.*校验值不符"):
        call_command("restore", tmp_path / "backup")
    assert not County.objects.exists()


@either_engine
def test_restore_reports_a_table_that_does_not_match_the_manifest(engine, office, tmp_path):
    backup(tmp_path / "backup")
    path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["tables"]["registry_operator"] = 7
    path.write_text(json.dumps(manifest))
    wipe()

    with pytest.raises(CommandError, match=r"(?s)恢复后核对不符.*registry_operator：备份中 7 行，恢复后 6 行"):
        call_command("restore", tmp_path / "backup")


def test_restore_never_writes_outside_the_media_folder(tmp_path):
    backup(tmp_path / "backup")
    path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["media"]["../../evil.sh"] = {"sha256": "0" * 64, "size": 1}
    path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match=r"(?s)备份不完整.*\.\./\.\./evil\.sh 指向上传目录以外"):
        restore(tmp_path / "backup")
    assert not (tmp_path / "evil.sh").exists()


def test_backup_never_writes_into_a_used_directory(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="不是空的"):
        call_command("backup", "-o", tmp_path / "old")


def test_restore_refuses_a_directory_without_manifest(tmp_path):
    with pytest.raises(CommandError, match=r"找不到 manifest\.json"):
        call_command("restore", tmp_path)


def test_restore_refuses_a_backup_from_a_newer_version(tmp_path):
    backup(tmp_path / "backup")
    path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["migrations"]["registry"] = "9999_from_the_future"
    path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match=r"较新版本.*registry\.9999_from_the_future.*请先升级"):
        call_command("restore", tmp_path / "backup")
