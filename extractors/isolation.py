"""External programs that read untrusted files (LibreOffice, qpdf) run under bubblewrap.

Inside: their own user namespace (uid nobody), no network, an empty environment, a
read-only view of /usr and the few /etc files they need, a private /tmp, and only the
directories of the call bound in. GUICHET_SANDBOX=off turns confinement off for
development, with a loud warning; never in production.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence

log = logging.getLogger(__name__)

SYSTEM_DIRS = ("/bin", "/lib", "/lib32", "/lib64", "/libx32", "/sbin")  # symlinks into /usr on merged-/usr systems
SYSTEM_FILES = ("/etc/fonts", "/etc/ld.so.cache", "/etc/alternatives", "/etc/libreoffice",
                "/etc/localtime", "/etc/ImageMagick-6", "/etc/ghostscript",
                "/var/cache/fontconfig")  # without the font cache each start rescans every font
SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"
# No secret in these; GUICHET_SANDBOX so that a child started with it off keeps it off.
KEPT_VARIABLES = ("LANG", "LC_ALL", "OMP_THREAD_LIMIT", "TESSDATA_PREFIX", "GUICHET_SANDBOX")

MISSING = (
    "Guichet isole la lecture des fichiers reçus avec bubblewrap (bwrap), introuvable ou "
    "inutilisable ici ({detail}). Installez-le (apt-get install bubblewrap, ou scripts/setup.sh) "
    "et autorisez les espaces de noms utilisateur ; pour le seul développement, "
    "GUICHET_SANDBOX=off lit les fichiers sans isolement. / Guichet confines its file parsers "
    "with bubblewrap, which is missing or unusable here ({detail}). Install it, or set "
    "GUICHET_SANDBOX=off for development only."
)


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces; Guichet refuses to read files."""


def enabled() -> bool:
    """False only when GUICHET_SANDBOX=off (development)."""
    return os.environ.get("GUICHET_SANDBOX", "on").strip().lower() not in ("off", "0", "no", "non")


def clean_environment(home: str) -> dict[str, str]:
    """The only variables a parser or a tool gets: no database URL, password or key."""
    env = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    env.setdefault("LANG", "C.UTF-8")
    env.update(PATH=SAFE_PATH, HOME=home, TMPDIR=home)
    return env


def wrap(command: Sequence[str], readable: Iterable[str] = (), writable: Iterable[str] = ()) -> list[str]:
    """`command` run under bubblewrap, seeing only /usr, some /etc files and the given paths."""
    if not enabled():
        return list(command)
    args = [_bwrap(), "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--uid", "65534", "--gid", "65534",
            "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in SYSTEM_FILES:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    for path in readable:
        args += ["--ro-bind", os.path.realpath(path), os.path.realpath(path)]
    for path in writable:
        args += ["--bind", os.path.realpath(path), os.path.realpath(path)]
    for name, value in clean_environment("/tmp").items():
        args += ["--setenv", name, value]
    return [*args, "--", *command]


def _bwrap() -> str:
    found = shutil.which("bwrap", path=SAFE_PATH)
    if not found:
        raise SandboxUnavailable(MISSING.format(detail="bwrap introuvable / not found"))
    return found


@functools.cache
def check() -> None:
    """Raise SandboxUnavailable with a French/English message unless bubblewrap works here."""
    if not enabled():
        log.warning("GUICHET_SANDBOX=off : les fichiers reçus sont lus SANS isolement (réseau, "
                    "environnement, système de fichiers). Réservé au développement. / Parsers run "
                    "UNCONFINED: development only.")
        return
    try:
        done = subprocess.run(wrap(["/usr/bin/true"]), capture_output=True, timeout=30, env={})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SandboxUnavailable(MISSING.format(detail=str(exc)[:200])) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[:200] or f"code {done.returncode}"
        raise SandboxUnavailable(MISSING.format(detail=detail))
