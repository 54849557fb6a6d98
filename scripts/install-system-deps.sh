#!/usr/bin/env bash
# Installs the system packages saraban needs on Debian/Ubuntu: Tesseract with the Thai and
# English models, its headers and a compiler (tesserocr is built against this Tesseract, see
# ingest/ocr/tesseract_api.py), Thai fonts (used by the synthetic-scan generator and the tests),
# python3-venv (Debian splits it out of python3), and for the tests and benchmarks: Chromium
# (prints the browser-laid-out test reports to PDF), Noto Thai (one of their fonts) and
# LibreOffice Writer without its GUI (lays out the word-processor test memos, synth/office/)
# and PostgreSQL's server (the tests of the --db sink start one of their own; none is left running).
# Idempotent: does nothing when everything is already there.
set -euo pipefail

packages=(tesseract-ocr tesseract-ocr-tha tesseract-ocr-eng libtesseract-dev libleptonica-dev pkg-config g++
          python3-dev fonts-thai-tlwg fontconfig python3-venv chromium fonts-noto-core
          libreoffice-writer-nogui postgresql)

# Outputs are captured before grepping: `cmd | grep -q` under pipefail fails at random when grep
# exits on the first match and the writer dies of SIGPIPE (CI stop 7 failed that way).
have_all() {
    command -v tesseract >/dev/null 2>&1 || return 1
    local langs fonts
    langs=$(tesseract --list-langs 2>/dev/null) || return 1
    grep -qx tha <<<"$langs" || return 1
    grep -qx eng <<<"$langs" || return 1
    pkg-config --exists tesseract lept 2>/dev/null || return 1
    command -v g++ >/dev/null 2>&1 || return 1
    python3 -c "import os, sysconfig; assert os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h'))" \
        >/dev/null 2>&1 || return 1
    fonts=$(fc-list 2>/dev/null) || return 1
    grep -qi laksaman <<<"$fonts" || return 1
    grep -qi NotoSansThai <<<"$fonts" || return 1
    command -v chromium >/dev/null 2>&1 || return 1
    command -v soffice >/dev/null 2>&1 || return 1
    python3 -c "import venv, ensurepip" >/dev/null 2>&1 || return 1
    # Debian keeps the server's programs off PATH, in /usr/lib/postgresql/VERSION/bin.
    command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || return 1
}

if have_all; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "saraban: please install ${packages[*]} with your system's package manager" >&2
    exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "saraban: run as root or install sudo to install ${packages[*]}" >&2
        exit 1
    fi
fi

echo "saraban: installing ${packages[*]} (apt-get)"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
have_all || { echo "saraban: system packages still missing after install" >&2; exit 1; }
