"""pytest plugin of tools/test.sh: the rules of the suite, under pytest-odoo.

- A test during which Odoo logs an ERROR (or CRITICAL), or a WARNING that is not
  in ALLOWED_WARNINGS, fails (or errors, when it happened in its set-up or
  tear-down), as the log check of Odoo's own runner did: a browser error after a
  tour, a traceback swallowed by a handler, a failed email are defects. Loggers
  muted by the test (odoo.tools.mute_logger) are not heard.
- What Odoo logs outside any test (loading the registry) fails the session.
"""

import logging
import re

import pytest

# Known, harmless warnings of this environment. Keep short and commented.
ALLOWED_WARNINGS = [
    # Debian's wkhtmltopdf is not the patched-Qt build: it ignores header/footer switches.
    r"wkhtmltopdf",
    r"You need Wkhtmltopdf to print a pdf version of the reports",
    # Odoo warns when the server runs as root (containers, CI).
    r"Running as user 'root' is a security risk",
    # HttpCase: Chrome prints this on some kernels without user namespaces.
    r"Chrome headless.*(sandbox|namespace)",
    # Odoo's own test helpers warn when assets are rebuilt in tests.
    r"odoo\.addons\.base\.models\.assetsbundle: .*(deprecated|unsupported)",
]


# Errors that are no defect. Keep short and commented.
ALLOWED_ERRORS = [
    # In tests Odoo's HTTP server closes, after 5 s, the sockets Chrome headless opens ahead
    # ("preconnect") and never uses (odoo/service/server.py, RequestHandler.setup); werkzeug logs
    # each at error level. Seen on slower machines at the end of long tours.
    r"^ERROR werkzeug: .* Request timed out: TimeoutError\('timed out'\)",
]


def unexpected(line, levelno):
    """Whether a log line of level `levelno` breaks the suite."""
    if levelno >= logging.ERROR:
        return not any(re.search(pattern, line) for pattern in ALLOWED_ERRORS)
    return levelno >= logging.WARNING and not any(re.search(pattern, line) for pattern in ALLOWED_WARNINGS)


class UnexpectedLogs(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines = []

    def emit(self, record):
        try:
            line = f"{record.levelname} {record.name}: {record.getMessage()}"
        except Exception:  # noqa: BLE001 - a badly formatted record is still a record
            line = f"{record.levelname} {record.name}: {record.msg!r}"
        if record.exc_info and record.exc_info[1] is not None:
            line += f" [{type(record.exc_info[1]).__name__}: {record.exc_info[1]}]"
        if unexpected(line, record.levelno):
            self.lines.append(line)

    def pop(self):
        lines, self.lines = self.lines, []
        return lines


HANDLER = UnexpectedLogs()
# what Odoo logged between tests (collection, loading the registry): reported with the session
HANDLER_OUTSIDE = []


def pytest_configure(config):
    logging.getLogger().addHandler(HANDLER)
    # heard whatever --odoo-log-level says (pytest-odoo's default, critical, would silence them)
    for name in ("", "odoo", "werkzeug"):
        if logging.getLogger(name).getEffectiveLevel() > logging.WARNING:
            logging.getLogger(name).setLevel(logging.WARNING)


def pytest_unconfigure(config):
    logging.getLogger().removeHandler(HANDLER)


def pytest_runtest_logstart(nodeid, location):
    HANDLER_OUTSIDE.extend(HANDLER.pop())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    lines = HANDLER.pop()
    if lines and report.outcome != "failed":
        report.outcome = "failed"
        report.longrepr = f"Odoo logged during the {call.when} of this test:\n" + "\n".join(lines)
    elif lines:
        report.sections.append(("Odoo log", "\n".join(lines)))


def pytest_sessionfinish(session, exitstatus):
    HANDLER_OUTSIDE.extend(HANDLER.pop())
    if HANDLER_OUTSIDE:
        print("\nOdoo logged outside any test:")
        for line in HANDLER_OUTSIDE:
            print(f"  LOG   {line}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
