"""Backups of the database and the uploaded files, and restoring them.

A backup is one directory:
- the database: PostgreSQL as a pg_dump archive (custom format), SQLite as a copy made with
  SQLite's own backup API;
- media/: a copy of MEDIA_ROOT;
- manifest.json, written last (a directory without it is an unfinished backup): when, from
  which engine and app version, the latest migration of each app, every table's row count and
  the sha256 of every file, so that a restore can prove it brought back exactly what was saved.

Every function works on the Django connection it is given, i.e. on the database that connection
really uses (`connection.settings_dict`), which under tests is test_<name>, not the configured one.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
FORMAT = 1
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Tables whose rows mean an office already works in this database: every record hangs off a
# county's township, and every change is made by a user. Migrations seed other tables
# (permissions, roles, default rules), so "no rows anywhere" would never hold.
OFFICE_DATA_TABLES = ("registry_county", "registry_user")
# How long a restore waits for a table still used by the running app before it gives up.
LOCK_TIMEOUT = "15s"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Chinese."""


@dataclass
class Manifest:
    created_at: str
    engine: str
    app_version: str
    database: dict
    migrations: dict[str, str]
    tables: dict[str, int]
    media: dict[str, dict] = field(default_factory=dict)
    format: int = FORMAT

    def write(self, directory: Path):
        path = directory / MANIFEST_NAME
        path.write_text(json.dumps(self.__dict__, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        path.chmod(0o600)

    @classmethod
    def read(cls, directory: Path):
        path = directory / MANIFEST_NAME
        if not path.is_file():
            raise BackupError(f"{directory} 不是完整的备份：找不到 {MANIFEST_NAME}（备份未完成或目录有误）")
        try:
            data = json.loads(path.read_text())
            manifest = cls(**data)
        except (ValueError, TypeError) as exc:
            raise BackupError(f"{path} 已损坏，无法读取：{exc}") from None
        if manifest.format != FORMAT:
            raise BackupError(f"不支持的备份格式 {manifest.format}（本程序读取格式 {FORMAT}）")
        return manifest

    @property
    def database_file(self):
        return self.database["file"]


# ---------------------------------------------------------------------------------------------
# What is in a database and a media folder
# ---------------------------------------------------------------------------------------------


def table_counts(connection, cursor) -> dict[str, int]:
    """Rows of every table the connection sees."""
    quote = connection.ops.quote_name
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def latest_migrations(connection, cursor) -> dict[str, str]:
    """The latest applied migration of each app (names start with a zero-padded number)."""
    if "django_migrations" not in connection.introspection.table_names(cursor):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations")
    latest = {}
    for app, name in cursor.fetchall():
        latest[app] = max(latest.get(app, name), name)
    return latest


def office_data(connection) -> dict[str, int]:
    """{table: rows} of the tables that show an office already works in this database."""
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        counts = {}
        for table in OFFICE_DATA_TABLES:
            if table in present:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
    return {table: rows for table, rows in counts.items() if rows}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, dict]:
    """{relative path: {sha256, size}} of every regular file under root."""
    files = {}
    if not root.is_dir():
        return files
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                files[path.relative_to(root).as_posix()] = {"sha256": sha256_of(path), "size": path.stat().st_size}
    return dict(sorted(files.items()))


def app_version() -> str:
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


# ---------------------------------------------------------------------------------------------
# The two engines
# ---------------------------------------------------------------------------------------------


def _tool_major(tool: str) -> tuple[int, str]:
    """(major version, version line) of a PostgreSQL client program."""
    try:
        line = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except FileNotFoundError:
        raise BackupError(f"找不到 {tool}：请安装 PostgreSQL 客户端（apt-get install postgresql-client）") from None
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{tool} --version 运行失败：{exc.stderr.strip()}") from None
    match = re.search(r"(\d+)(?:\.\d+)*", line)
    if not match:
        raise BackupError(f"无法识别 {tool} 的版本：{line}")
    return int(match.group(1)), line


class PostgresEngine:
    """pg_dump/pg_restore, with the connection's own host, port, user, password and SSL options."""

    def __init__(self, connection):
        self.connection = connection

    def command(self, program, parameters):
        args, env = self.connection.client.settings_to_cmd_args_env(self.connection.settings_dict, parameters)
        return [program, *args[1:]], {**os.environ, **(env or {})}

    def server_major(self):
        self.connection.ensure_connection()
        return self.connection.pg_version // 10000

    def check_client(self, tool, needed_major, why):
        major, line = _tool_major(tool)
        if major < needed_major:
            raise BackupError(
                f"{tool} 版本过旧（{line}），{why}为 {needed_major}：请安装 postgresql-client-{needed_major}"
            )
        return major, line

    def dump(self, path: Path):
        """Dump the database to path; return (database info, row counts, migrations) of that same snapshot."""
        server = self.server_major()
        tool_major, tool = self.check_client("pg_dump", server, "数据库服务器版本")
        connection = self.connection
        if connection.in_atomic_block:
            raise BackupError("备份不能在事务中进行")
        # One snapshot for the dump and the counts: the manifest describes exactly what was dumped,
        # even while people keep working.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            args, env = self.command("pg_dump", ["--format=custom", f"--snapshot={snapshot}", f"--file={path}"])
            finished = subprocess.run(args, env=env, capture_output=True, text=True)
            if finished.returncode:
                raise BackupError(f"pg_dump 失败：{finished.stderr.strip()}")
            counts = table_counts(connection, cursor)
            migrations = latest_migrations(connection, cursor)
        info = {
            "name": connection.settings_dict["NAME"],
            "server_version": f"{connection.pg_version // 10000}.{connection.pg_version % 10000}",
            "dump_tool": tool,
            "dump_major": tool_major,
        }
        return info, counts, migrations

    def restore(self, path: Path, manifest: Manifest):
        """Replace every table by the archive's, in one transaction: all of it or nothing."""
        needed = manifest.database.get("dump_major", 0)
        self.check_client("pg_restore", needed, "备份所用 pg_dump 的版本")
        self.check_client("psql", needed, "备份所用 pg_dump 的版本")
        connection = self.connection
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        quote = connection.ops.quote_name
        drop = f"DROP TABLE IF EXISTS {', '.join(quote(t) for t in tables)} CASCADE;" if tables else ""
        restore_args = ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(path)]
        psql_args, env = self.command(
            "psql",
            [
                "--no-psqlrc",
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                "--single-transaction",
                f"--command=SET lock_timeout = '{LOCK_TIMEOUT}'; {drop}",
                "--file=-",
            ],
        )
        with subprocess.Popen(restore_args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as restore:
            loaded = subprocess.run(psql_args, env=env, stdin=restore.stdout, capture_output=True, text=True)
            restore.stdout.close()
            restore_errors = restore.stderr.read().decode(errors="replace").strip()
        if restore.returncode:
            raise BackupError(f"pg_restore 读取备份失败，数据库未改动：{restore_errors}")
        if loaded.returncode:
            message = loaded.stderr.strip()
            if "lock timeout" in message:
                message += "\n数据库正被使用：请先停止食安台账服务（systemctl stop foodsafe）再恢复。"
            raise BackupError(f"恢复数据库失败，数据库未改动：{message}")


class SqliteEngine:
    """SQLite's online backup API, in both directions, on the connection's own database."""

    def __init__(self, connection):
        self.connection = connection

    def dump(self, path: Path):
        connection = self.connection
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
            counts, migrations = _sqlite_contents(connection, target)
        finally:
            target.close()
        info = {"name": str(connection.settings_dict["NAME"]), "sqlite_version": sqlite3.sqlite_version}
        return info, counts, migrations

    def restore(self, path: Path, manifest: Manifest):
        connection = self.connection
        if connection.in_atomic_block:
            raise BackupError("恢复不能在事务中进行")
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        except sqlite3.Error as exc:
            raise BackupError(f"恢复数据库失败：{exc}") from None
        finally:
            source.close()


def _sqlite_contents(connection, target):
    """Row counts and latest migrations of the SQLite copy itself."""
    quote = connection.ops.quote_name
    rows = target.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    counts = {name: target.execute(f"SELECT COUNT(*) FROM {quote(name)}").fetchone()[0] for (name,) in rows}
    migrations = {}
    if "django_migrations" in counts:
        for app, name in target.execute("SELECT app, name FROM django_migrations"):
            migrations[app] = max(migrations.get(app, name), name)
    return counts, migrations


ENGINES = {"postgresql": PostgresEngine, "sqlite": SqliteEngine}


def engine_for(connection):
    try:
        return ENGINES[connection.vendor](connection)
    except KeyError:
        raise BackupError(f"不支持备份 {connection.vendor} 数据库（支持 PostgreSQL 和 SQLite）") from None


# ---------------------------------------------------------------------------------------------
# Backup
# ---------------------------------------------------------------------------------------------


def create_backup(directory: Path, connection, media_root: Path) -> Manifest:
    """Write the database and media_root into a new (or empty) directory, the manifest last."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"目录 {directory} 不是空的：每次备份请用一个新目录（如按日期命名）")
    # Backups hold personal data (ID numbers, phones): readable by their owner only.
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    engine = engine_for(connection)
    database_file = directory / DATABASE_FILES[connection.vendor]
    info, counts, migrations = engine.dump(database_file)
    database_file.chmod(0o600)
    info.update(file=database_file.name, sha256=sha256_of(database_file), size=database_file.stat().st_size)

    media_root = Path(media_root)
    copy = directory / MEDIA_DIR
    copy.mkdir()
    if media_root.is_dir():
        shutil.copytree(media_root, copy, symlinks=False, dirs_exist_ok=True)
    manifest = Manifest(
        created_at=timezone.localtime().isoformat(timespec="seconds"),
        engine=connection.vendor,
        app_version=app_version(),
        database=info,
        migrations=migrations,
        tables=counts,
        # Hashed from the copy: the manifest vouches for what the backup holds.
        media=media_files(copy),
    )
    manifest.write(directory)
    return manifest


# ---------------------------------------------------------------------------------------------
# Restore
# ---------------------------------------------------------------------------------------------


def check_backup(directory: Path) -> Manifest:
    """The manifest, once every file it names is found intact; else BackupError listing what is not."""
    directory = Path(directory)
    manifest = Manifest.read(directory)
    problems = []
    database_file = directory / manifest.database_file
    if not database_file.is_file():
        problems.append(f"缺少数据库文件 {manifest.database_file}")
    elif sha256_of(database_file) != manifest.database["sha256"]:
        problems.append(f"数据库文件 {manifest.database_file} 的校验值不符（文件已损坏或被改动）")
    problems += _media_problems(manifest.media, directory / MEDIA_DIR)
    if problems:
        raise BackupError("备份不完整，未恢复任何内容：\n" + "\n".join(f"  - {p}" for p in problems))
    return manifest


def _media_problems(expected: dict, root: Path, limit=20):
    problems = []
    for name, meta in expected.items():
        path = root / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            problems.append(f"文件名 {name} 指向上传目录以外")
        elif not path.is_file():
            problems.append(f"缺少文件 media/{name}")
        elif sha256_of(path) != meta["sha256"]:
            problems.append(f"文件 media/{name} 的校验值不符")
    if len(problems) > limit:
        problems = [*problems[:limit], f"……另有 {len(problems) - limit} 处"]
    return problems


def unknown_migrations(manifest: Manifest, connection) -> list[str]:
    """Migrations of the backup that this version of the code does not have."""
    from django.db.migrations.loader import MigrationLoader

    known = MigrationLoader(connection, ignore_no_migrations=True).disk_migrations
    return [f"{app}.{name}" for app, name in sorted(manifest.migrations.items()) if (app, name) not in known]


def pending_migrations(connection) -> list[str]:
    """Migrations of this code not yet applied: a restored older backup needs `migrate`."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())]


def restore_backup(directory: Path, manifest: Manifest, connection, media_root: Path):
    """Put the backup's database and files in place. The caller has checked the backup first."""
    directory = Path(directory)
    engine_for(connection).restore(directory / manifest.database_file, manifest)
    media_root = Path(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    source = directory / MEDIA_DIR
    for name in manifest.media:
        target = media_root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)


def verify_restore(manifest: Manifest, connection, media_root: Path) -> list[str]:
    """Differences between the manifest and what the database and media_root now hold."""
    with connection.cursor() as cursor:
        counts = table_counts(connection, cursor)
        migrations = latest_migrations(connection, cursor)
    problems = []
    for table in sorted(set(manifest.tables) | set(counts)):
        expected, found = manifest.tables.get(table), counts.get(table)
        if expected != found:
            problems.append(f"表 {table}：备份中 {_rows(expected)}，恢复后 {_rows(found)}")
    if migrations != manifest.migrations:
        problems.append(f"迁移记录不符：备份中 {manifest.migrations}，恢复后 {migrations}")
    problems += _media_problems(manifest.media, Path(media_root))
    return problems


def _rows(count):
    return "无此表" if count is None else f"{count} 行"


def extra_media(manifest: Manifest, media_root: Path) -> list[str]:
    """Files in media_root the backup does not know: kept, never deleted by a restore."""
    root = Path(media_root)
    if not root.is_dir():
        return []
    present = (path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
    return sorted(name for name in present if name not in manifest.media)
