"""Shared helpers: the dln CLI as a subprocess (the dln.dll named by DLN_CLI_DLL, or the Release build beside the
repository), so that results can be compared with what the command line prints."""

import json
import os
import pathlib
import subprocess

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]


def _cli_dll():
    given = os.environ.get("DLN_CLI_DLL")
    path = pathlib.Path(given) if given else REPOSITORY / "src" / "DlnLab.Cli" / "bin" / "Release" / "net10.0" / "dln.dll"
    if not path.is_file():
        pytest.fail(f"the dln CLI {path} is missing: build it (dotnet build -c Release) or set DLN_CLI_DLL")
    return path


class Cli:
    """Runs ``dln ARGS`` and returns (exit code, stdout, stderr)."""

    def __init__(self, dll):
        self.dll = dll

    def run(self, *args, cwd=None):
        done = subprocess.run([os.environ.get("DOTNET_HOST_PATH", "dotnet"), str(self.dll), *map(str, args)],
                              capture_output=True, text=True, timeout=600, cwd=cwd)
        return done.returncode, done.stdout, done.stderr

    def json(self, *args):
        code, out, err = self.run(*args, "--json")
        assert code == 0, err
        return json.loads(out)

    def error(self, *args):
        """The one-line message of a refused command, without its 'dln: error: ' prefix."""
        code, out, err = self.run(*args)
        assert code == 2, (code, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("dln: error: "), err
        return lines[0][len("dln: error: "):]


@pytest.fixture(scope="session")
def cli():
    return Cli(_cli_dll())
