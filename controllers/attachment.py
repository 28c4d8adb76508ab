"""The chatter upload of PQRS cases follows the file policy of the forms.

Portal users and visitors reach a case's chatter through Odoo's own
/mail/attachment/upload (they have no access to ir.attachment otherwise): a
file the form refuses is refused here too, with the same message, before
anything is stored.
"""

from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers.attachment import AttachmentController

from .form_input import clean_filename, check_file, form_limits


class CqAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(self, ufile, thread_id, thread_model, is_pending=False, **kwargs):
        if thread_model == "cq.pqrs" and not request.env.user._is_internal():
            limits = form_limits(request.env)
            content = ufile.read(limits["max_file_mb"] * 1024 * 1024 + 1)
            ufile.seek(0)
            _mimetype, error = check_file(request.env, clean_filename(ufile.filename), content, limits)
            if error:
                return request.make_json_response({"error": error})
        return super().mail_attachment_upload(ufile, thread_id, thread_model, is_pending=is_pending, **kwargs)
