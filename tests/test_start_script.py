"""README command 1 (tools/start.sh) on a machine where it cannot install:
it stops at the first missing piece with the command to run, and changes
nothing."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from odoo.tests import BaseCase, tagged

START = Path(__file__).resolve().parent.parent / "tools" / "start.sh"


@tagged("post_install", "-at_install")
class TestStartScript(BaseCase):
    def _run_unprivileged(self, **env):
        """tools/start.sh as a user who is not root and has no sudo (nobody,
        when the tests run as root), with the system's Python, where Odoo is
        not installed."""
        home = Path(tempfile.mkdtemp(prefix="cq_start_"))
        self.addCleanup(shutil.rmtree, home, ignore_errors=True)
        home.chmod(0o777)
        variables = {"PATH": "/usr/bin:/bin", "HOME": str(home), "ODOO_DIR": str(home / "odoo"),
                     "CQ_SCRATCH_DIR": str(home / "scratch"), "PYTHON": "/usr/bin/python3",
                     **{key: value.format(home=home) for key, value in env.items()}}
        command = ["env", "-i", *[f"{key}={value}" for key, value in variables.items()], "bash", str(START)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "nobody", "--", *command]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/", check=False)
        return proc, home

    def test_unreachable_repository_stops_before_anything_changes(self):
        self.assertTrue(Path("/usr/bin/python3").exists() and shutil.which("runuser") or os.geteuid() != 0)
        proc, home = self._run_unprivileged(ODOO_REPO="{home}/no-such-odoo.git", ODOO_REF="18.0")
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertIn("installing it from source", proc.stdout)
        self.assertIn("cannot be reached", proc.stderr)
        self.assertIn("ODOO_REPO=/path/to/a/mirror/of/odoo ODOO_REF=<branch, tag or commit> tools/start.sh",
                      proc.stderr, "the exact command to run")
        self.assertIn("then run tools/start.sh again.", proc.stderr)
        self.assertEqual(sorted(path.name for path in home.iterdir()), [],
                         "no clone, no virtual environment, no scratch folder: nothing half-installed")

    def test_no_apt_and_no_root_prints_the_packages_to_install(self):
        """A machine without the build headers, where this user may not
        install them: the packages are named in the apt command to run."""
        fake_bin = Path(tempfile.mkdtemp(prefix="cq_fake_bin_"))
        self.addCleanup(shutil.rmtree, fake_bin, ignore_errors=True)
        # dpkg says nothing is installed; git answers for the repository
        (fake_bin / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
        (fake_bin / "dpkg-query").chmod(0o755)
        fake_bin.chmod(0o755)
        # a reachable repository, owned by the user who reads it (git refuses others' repositories)
        repo = Path(tempfile.mkdtemp(prefix="cq_fake_odoo_"))
        self.addCleanup(shutil.rmtree, repo, ignore_errors=True)
        subprocess.run(["git", "init", "-q", "-b", "18.0", str(repo)], check=True)
        subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com",
                        "commit", "-q", "--allow-empty", "-m", "init"], check=True)
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "nobody", str(repo)], check=True)
        proc, home = self._run_unprivileged(PATH=f"{fake_bin}:/usr/bin:/bin", ODOO_REPO=str(repo))
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertIn("this user cannot install them", proc.stderr)
        self.assertIn("sudo apt-get update && sudo apt-get install -y git python3-dev", proc.stderr)
        self.assertIn("libpq-dev", proc.stderr)
        self.assertEqual(sorted(path.name for path in home.iterdir()), [])
