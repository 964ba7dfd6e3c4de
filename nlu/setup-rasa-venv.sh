#!/usr/bin/env bash
# Builds Rasa's own Python 3.10 venv once per content of requirements-rasa.txt, in the shared cache,
# and links it as .venv-rasa. Rasa pins SQLAlchemy 1.4 and APScheduler < 3.10, so it can't share .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${CACHE_DIR:-$HOME/.cache/frontline-coach}"
hash=$(sha256sum nlu/requirements-rasa.txt | cut -c1-16)
venv="$cache/rasa-venv-$hash"

find_python310() {
  if command -v pyenv >/dev/null 2>&1 && prefix=$(pyenv prefix 3.10.13 2>/dev/null) && [ -x "$prefix/bin/python3.10" ]; then
    echo "$prefix/bin/python3.10"; return
  fi
  for candidate in python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
    if "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
      command -v "$candidate"; return
    fi
  done
  echo "Python 3.10 is needed for Rasa 3.6 and was not found (tried pyenv 3.10.13 and python3.10)." >&2
  exit 1
}

mkdir -p "$cache"
exec 9>"$cache/rasa-venv.lock"
flock 9
if [ ! -f "$venv/.complete" ]; then
  rm -rf "$venv"
  python310=$(find_python310)
  echo "Installing Rasa 3.6.21 into $venv (first time only, about 2-3 minutes)..."
  start=$(date +%s)
  "$python310" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r nlu/requirements-rasa.txt 2>&1 \
    | grep -v "is ignored: it is neither a file nor a directory" || true
  SQLALCHEMY_SILENCE_UBER_WARNING=1 "$venv/bin/rasa" --version >/dev/null 2>&1
  touch "$venv/.complete"
  echo "Rasa installed in $(( $(date +%s) - start ))s."
fi
ln -sfn "$venv" .venv-rasa
