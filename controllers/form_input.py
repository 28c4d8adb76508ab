"""One cleaning step for everything a visitor or a portal user posts.

Every public and portal route of the addon reads its input through these
functions, so that odd input gets a clear message (a 400 page) instead of a
server error: control characters (NUL first) are stripped, markup-only values
are empty, ids are parsed safely, a file posted where text is expected is
refused, and every uploaded file passes the same policy (count, size,
extension, type by content, images that decode) before anything is written.
The same file policy guards the chatter upload of the cases.
"""

import io
import re

from PIL import Image

from odoo.tools import html2plaintext
from odoo.tools.image import ImageProcess
from odoo.tools.mimetypes import guess_mimetype

from ..models.cq_pqrs_submission import DEFAULTS, PARAM

# the maxlength of the form inputs and the checks of the controllers come from here
MAX_LENGTHS = {
    "name": 120,
    "document": 30,
    "email": 254,
    "phone": 30,
    "subject": 200,
    "description": 10000,
    "remedy": 2000,
}
TRACK_MAX_LENGTH = 40
FORBIDDEN_MIMETYPES = (
    "application/x-msdownload",
    "application/x-dosexec",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-sh",
    "application/x-msi",
    "application/java-archive",
    "text/x-shellscript",
)
# extensions whose content Odoo recognises for sure: the content must say the same
CONTENT_TYPES = {
    "pdf": ("application/pdf",),
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "gif": ("image/gif",),
    "webp": ("image/webp",),
}
MAX_ID = 2**31 - 1
# C0 controls but tab, line feed and carriage return; DEL and C1 controls; lone surrogates (they
# cannot be stored); the non-characters U+FFFE and U+FFFF
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
TAG_RE = re.compile(r"<!--.*?(-->|$)|<!\[CDATA\[.*?(\]\]>|$)|<[a-zA-Z/!?][^>]*(>|$)", re.DOTALL)
ID_RE = re.compile(r"[0-9]{1,10}")


def strip_controls(value):
    return CONTROL_RE.sub("", value)


def clean_text(value):
    """The text of a posted value: (text, ok). A file or any non-text value is not ok; control
    characters are stripped; markup becomes its text (markup alone becomes empty)."""
    if value is None:
        return "", True
    if not isinstance(value, str):
        return "", False
    value = strip_controls(value)
    if "<" in value:
        try:
            value = html2plaintext(value)
        except Exception:  # noqa: BLE001 - lxml finds no document in comment/CDATA-only markup
            value = ""
        # what the parser kept of a broken tag is still markup
        value = TAG_RE.sub("", value)
    return value.strip(), True


def parse_id(value):
    """A posted record id: (id, ok). Empty is (0, True); anything but 1 to 10 ASCII digits within
    PostgreSQL's integer range is (0, False)."""
    if value is None or value == "":
        return 0, True
    if not isinstance(value, str) or not ID_RE.fullmatch(value.strip()):
        return 0, False
    number = int(value.strip())
    return (number, True) if 0 < number <= MAX_ID else (0, False)


def form_limits(env):
    """The limits of the public and portal forms, from Settings."""
    get = env["ir.config_parameter"].sudo().get_param
    limits = {}
    for key, default in DEFAULTS.items():
        value = get(PARAM + key, default)
        if isinstance(default, str):
            limits[key] = value
        else:
            number, ok = parse_id(str(value))
            limits[key] = number if ok and number else default
    limits["extensions"] = [
        ext.strip().lower().lstrip(".") for ext in str(limits["extensions"]).split(",") if ext.strip()
    ]
    return limits


def clean_filename(name):
    name = strip_controls(str(name or "")).replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200]


def _image_decodes(content):
    try:
        image = ImageProcess(content, verify_resolution=True)
        if image.image:
            image.image.load()
        else:  # SVG and WEBP are not processed by Odoo: PIL still has to read them
            with Image.open(io.BytesIO(content)) as opened:
                opened.load()
    except Exception:  # noqa: BLE001 - PIL raises many kinds of errors on broken images
        return False
    return True


def check_file(env, name, content, limits):
    """(mimetype, None) when the file passes the policy, else (None, message)."""
    _ = env._
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not name or extension not in limits["extensions"]:
        return None, _(
            "%(file)s: this type of file is not accepted (allowed: %(allowed)s).",
            file=name or _("A file without a name"),
            allowed=", ".join(limits["extensions"]),
        )
    if len(content) > limits["max_file_mb"] * 1024 * 1024:
        return None, _("%(file)s is larger than %(size)s MB.", file=name, size=limits["max_file_mb"])
    mimetype = guess_mimetype(content)
    if mimetype in FORBIDDEN_MIMETYPES or content[:2] == b"MZ" or content[:4] == b"\x7fELF":
        return None, _("%(file)s looks like a program and is refused.", file=name)
    expected = CONTENT_TYPES.get(extension)
    if expected and mimetype not in expected:
        return None, _("%(file)s is not a %(type)s file.", file=name, type=extension.upper())
    if mimetype.startswith("image/") and not _image_decodes(content):
        return None, _("%(file)s cannot be read as an image.", file=name)
    return mimetype, None


def read_uploads(env, uploads, limits):
    """Read the uploaded files within the limits: ([(name, content, mimetype)], message or None).
    Nothing is kept when one file is refused."""
    uploads = [upload for upload in uploads if upload and upload.filename]
    if len(uploads) > limits["max_files"]:
        return [], env._("Attach at most %(count)s files.", count=limits["max_files"])
    files = []
    for upload in uploads:
        name = clean_filename(upload.filename)
        content = upload.read(limits["max_file_mb"] * 1024 * 1024 + 1)
        mimetype, error = check_file(env, name, content, limits)
        if error:
            return [], error
        files.append((name, content, mimetype))
    return files, None
