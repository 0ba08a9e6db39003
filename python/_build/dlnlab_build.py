"""A PEP 517 build backend for dlnlab that needs nothing but the standard library: it zips the package (with the
native library placed in dlnlab/_lib/ by the .NET publish) into a wheel, so ``pip install ./python`` works offline."""

import base64
import hashlib
import pathlib
import re
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dlnlab"
LIBRARY = PACKAGE / "_lib" / "libdlnlab.so"
TAG = "py3-none-linux_x86_64"  # the library is a linux-x64 build


def _project():
    text = (ROOT / "pyproject.toml").read_text()
    name = re.search(r'^name = "([^"]+)"', text, re.M).group(1)
    version = re.search(r'^version = "([^"]+)"', text, re.M).group(1)
    summary = re.search(r'^description = "([^"]+)"', text, re.M).group(1)
    return name, version, summary


def _metadata():
    name, version, summary = _project()
    return f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\nRequires-Python: >=3.9\nRequires-Dist: numpy\n"


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    name, version, _ = _project()
    info = pathlib.Path(metadata_directory) / f"{name}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(_metadata())
    return info.name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    if not LIBRARY.is_file():
        raise RuntimeError(f"{LIBRARY} is missing: build it first (dotnet publish src/DlnLab.Native -c Release -r linux-x64)")
    name, version, _ = _project()
    info = f"{name}-{version}.dist-info"
    wheel_name = f"{name}-{version}-{TAG}.whl"
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    records = []
    with zipfile.ZipFile(pathlib.Path(wheel_directory) / wheel_name, "w", zipfile.ZIP_DEFLATED) as wheel:
        def add(path, data):
            wheel.writestr(path, data)
            records.append(_record_line(path, data))
        for p in files:
            add(p.relative_to(ROOT).as_posix(), p.read_bytes())
        add(f"{info}/METADATA", _metadata().encode())
        add(f"{info}/WHEEL", f"Wheel-Version: 1.0\nGenerator: dlnlab_build\nRoot-Is-Purelib: false\nTag: {TAG}\n".encode())
        records.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(records) + "\n")
    return wheel_name
