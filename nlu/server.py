"""The local Rasa server's lifecycle: train (cached by content hash), start, wait, stop. Runs Rasa as a subprocess."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.errors import NluSetupError

PROJECT_FILES = ("config.yml", "domain.yml", "requirements-rasa.txt")


@dataclass(frozen=True)
class NluPaths:
    """Where the Rasa project, its venv, the model cache and the server's pid and log live."""

    project_dir: Path
    rasa_venv: Path
    cache_dir: Path
    var_dir: Path

    @property
    def rasa(self) -> Path:
        return self.rasa_venv / "bin" / "rasa"

    @property
    def models_dir(self) -> Path:
        return self.cache_dir / "models"

    @property
    def pid_file(self) -> Path:
        return self.var_dir / "rasa.pid"

    @property
    def log_file(self) -> Path:
        return self.var_dir / "rasa.log"


def model_hash(project_dir: Path) -> str:
    """A hash of everything that shapes the model: config, domain, training data, our components, Rasa's version."""
    digest = hashlib.sha256()
    files = [project_dir / name for name in PROJECT_FILES]
    files += sorted((project_dir / "data").rglob("*.yml"))
    # The reply-level heads learn from the labelled tuning replies themselves (config.yml, `reply_labels: dev`).
    files += sorted((project_dir / "dev").glob("*.jsonl"))
    files += sorted((project_dir / "rasa_addons").glob("*.py"))
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(project_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_model(paths: NluPaths) -> Path:
    """The model file for the current training data (it may not exist yet)."""
    return paths.models_dir / f"nlu-{model_hash(paths.project_dir)}.tar.gz"


def train(paths: NluPaths, *, force: bool = False) -> tuple[Path, bool]:
    """Train the model unless one for this exact content is cached; returns (path, trained now)."""
    target = cached_model(paths)
    if target.exists() and not force:
        return target, False
    paths.models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=paths.models_dir) as out:
        args = ["train", "nlu", "--config", "config.yml", "--nlu", "data", "--out", out, "--fixed-model-name", "model"]
        _run_rasa(paths, args, what="Training the NLU model")
        # Atomic rename so that a killed training never leaves a half-written cached model.
        os.replace(Path(out) / "model.tar.gz", target)
    return target, True


def _rasa_env(paths: NluPaths) -> dict[str, str]:
    env = dict(os.environ)
    # The pipeline's own components (nlu/rasa_addons) are imported by Rasa as `nlu.rasa_addons...`.
    code_root = str(paths.project_dir.resolve().parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (code_root, env.get("PYTHONPATH", "")) if p)
    # Rasa's training cache would otherwise land in nlu/.rasa inside the checkout.
    env.setdefault("RASA_CACHE_DIRECTORY", str(paths.cache_dir / "rasa-training-cache"))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    return env


def is_up(url: str, *, timeout: float = 2.0) -> bool:
    """Whether a Rasa server answers `/status` with a loaded model."""
    try:
        response = httpx.get(url.rstrip("/") + "/status", timeout=timeout)
    except httpx.HTTPError:
        return False
    return response.status_code == 200 and bool(response.json().get("model_file"))


def start(paths: NluPaths, model: Path, url: str, *, wait_seconds: float = 180.0) -> int:
    """Start `rasa run --enable-api` in its own process group, bound to the URL's host and port; wait for it."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 5005
    if not port_is_free(host, port):
        raise NluSetupError(f"Port {port} on {host} is taken by another program; set RASA_URL to another port.")
    paths.var_dir.mkdir(parents=True, exist_ok=True)
    command = [
        str(paths.rasa),
        "run",
        "--enable-api",
        "-i",
        host,
        "-p",
        str(port),
        "-m",
        str(model),
        "--log-file",
        str(paths.log_file),
    ]
    with paths.log_file.open("ab") as log:
        process = subprocess.Popen(
            command,
            cwd=paths.project_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env=_rasa_env(paths),
        )
    paths.pid_file.write_text(str(process.pid))
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            paths.pid_file.unlink(missing_ok=True)
            raise NluSetupError(f"The Rasa server exited with code {process.returncode}; see {paths.log_file}.")
        if is_up(url):
            return process.pid
        time.sleep(0.5)
    stop(paths)
    raise NluSetupError(f"The Rasa server did not answer within {wait_seconds:.0f}s; see {paths.log_file}.")


def stop(paths: NluPaths, *, grace_seconds: float = 15.0) -> bool:
    """Stop the server recorded in the pid file, with its whole process group; False if none was running."""
    if not paths.pid_file.exists():
        return False
    pid = int(paths.pid_file.read_text().strip() or 0)
    paths.pid_file.unlink()
    # Rasa leaves a child server behind if only the parent is killed: signal the whole group.
    if not _signal_group(pid, signal.SIGTERM):
        return False
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline and _group_alive(pid):
        time.sleep(0.2)
    if _group_alive(pid):
        _signal_group(pid, signal.SIGKILL)
    return True


def _signal_group(pgid: int, sig: signal.Signals) -> bool:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    return True


def _group_alive(pgid: int) -> bool:
    # Reap our own child if it has exited, so that a zombie doesn't look alive.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pgid, os.WNOHANG)
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def port_is_free(host: str, port: int) -> bool:
    """Whether nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) != 0


def cross_validate(paths: NluPaths, *, folds: int = 5) -> dict[str, Any]:
    """Run `rasa test nlu --cross-validation` and return its intent report (the JSON, not the console)."""
    with tempfile.TemporaryDirectory() as out:
        args = ["test", "nlu", "--cross-validation", "--folds", str(folds), "--config", "config.yml"]
        _run_rasa(paths, [*args, "--nlu", "data", "--out", out], what="Cross-validation")
        report = Path(out) / "intent_report.json"
        loaded: dict[str, Any] = json.loads(report.read_text())
        return loaded


def run_rasa_python(paths: NluPaths, args: list[str], *, what: str) -> str:
    """Run Rasa's own Python (for nlu/rasa_tools) from the repository root; returns its output, raises on failure."""
    return _run_in_venv(paths, paths.rasa_venv / "bin" / "python", args, paths.project_dir.resolve().parent, what)


def _run_rasa(paths: NluPaths, args: list[str], *, what: str) -> None:
    """Run a Rasa command in the NLU project; a failure raises with the end of its output."""
    _run_in_venv(paths, paths.rasa, args, paths.project_dir, what)


def _run_in_venv(paths: NluPaths, program: Path, args: list[str], cwd: Path, what: str) -> str:
    if not program.exists():
        raise NluSetupError(f"Rasa is not installed at {paths.rasa_venv}. Run `make setup` first.")
    done = subprocess.run([str(program), *args], cwd=cwd, capture_output=True, text=True, env=_rasa_env(paths))
    if done.returncode != 0:
        raise NluSetupError(f"{what} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done.stdout
