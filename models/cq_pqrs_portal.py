from werkzeug.urls import url_encode

from odoo import fields, models
from odoo.tools import format_date

from .cq_pqrs import DONE_STATES


class CqPqrs(models.Model):
    """What the filer reads of a case outside the backend: the conversation of the portal case page
    (the messages and the letters sent to the filer, never a note), the address of the public
    tracking page and the steps of the case that page lists."""

    _inherit = "cq.pqrs"

    # Odoo's portal chatter lists website_message_ids with the Discussions subtype (mt_comment). The
    # letters the filer receives (acknowledgement, answer, extension, completion request, endings) are
    # posted as notifications of that subtype, as core posts its templates: they belong to the
    # conversation the filer sees, beside the comments and emails. Tracking and notes stay out (their
    # subtype is internal).
    website_message_ids = fields.One2many(
        domain=lambda self: [
            ("model", "=", self._name),
            ("message_type", "in", ("comment", "email", "email_outgoing", "notification")),
        ],
    )

    def _cq_track_url(self):
        """The tracking page with this case's number filled in (relative). Never the lookup code:
        a URL ends up in browser histories, proxies and server logs."""
        self.ensure_one()
        return "/pqrs/track?" + url_encode({"number": self.name})

    def _cq_timeline_tz(self):
        self.ensure_one()
        company = self.company_id
        return company.resource_calendar_id.tz or company.partner_id.tz or "UTC"

    def _cq_public_timeline(self):
        """The steps of the case as its filer may read them: filing, acknowledgement, the stage moves
        recorded by the stage tracking (analysis, waiting for the filer, answer, closing, reopening,
        cancellation) and the extensions of the term. Read from the stored dates and the tracking
        only: no note, no responsible, no reason written for staff.

        [{"key", "label", "date", "detail"}], oldest first; `date` is a day in the company's time
        zone, `detail` a short text or False."""
        self.ensure_one()
        case = self.sudo()
        _ = self.env._
        tz_case = case.with_context(tz=case._cq_timeline_tz())

        def local_day(moment):
            return fields.Datetime.context_timestamp(tz_case, moment).date() if moment else False

        steps = [{
            "key": "filed", "label": _("Request filed"), "date": case.date_radicated or local_day(case.date_received),
            "detail": False, "moment": case.date_received,
        }]
        ack = case._cq_timeline_acknowledgement()
        if ack:
            steps.append({"key": "acknowledged", "label": _("Acknowledgement of receipt sent"),
                          "date": local_day(ack.date), "detail": False, "moment": ack.date})

        labels = {
            "analysis": _("Analysis started"),
            "waiting": _("Waiting for information from you"),
            "answered": _("Answer sent"),
            "closed": _("Case closed"),
            "cancelled": _("Case cancelled"),
        }
        stage_field = self.env["ir.model.fields"]._get("cq.pqrs", "stage_id")
        due_field = self.env["ir.model.fields"]._get("cq.pqrs", "date_due")
        trackings = self.env["mail.tracking.value"].sudo().search(
            [("mail_message_id.model", "=", "cq.pqrs"), ("mail_message_id.res_id", "=", case.id),
             ("field_id", "in", [stage_field.id, due_field.id])],
            order="id",
        )
        stages = self.env["cq.pqrs.stage"].sudo().with_context(active_test=False).browse(
            trackings.filtered(lambda t: t.field_id == stage_field).mapped("new_value_integer")
        )
        stage_messages = trackings.filtered(lambda t: t.field_id == stage_field).mail_message_id
        seen = set()
        previous = None
        for tracking in trackings:
            moment = tracking.mail_message_id.date
            if tracking.field_id == stage_field:
                state = stages.browse(tracking.new_value_integer).state
                if state not in labels:
                    continue
                key, label = state, labels[state]
                if state == "analysis" and previous in DONE_STATES:
                    key, label = "reopened", _("Case reopened")
                elif state == "analysis" and previous == "waiting":
                    key, label = "resumed", _("Analysis resumed")
                steps.append({
                    "key": key, "label": label,
                    "date": local_day(moment), "detail": False, "moment": moment,
                })
                seen.add(state)
                previous = state
            elif case.extension_count and tracking.mail_message_id not in stage_messages \
                    and tracking.new_value_datetime:
                # a new due date without a stage move: an extension (leaving the wait moves the stage too)
                steps.append({
                    "key": "extended", "label": _("Term extended"), "date": local_day(moment),
                    "detail": _("New due date: %(date)s",
                                date=format_date(self.env, tracking.new_value_datetime.date())),
                    "moment": moment,
                })
        # the stored facts of cases whose stage moves were not tracked (imported, loaded as data)
        for state, moment in (("answered", case.date_answered), ("closed", case.date_closed)):
            if moment and state not in seen and (state != "closed" or case.state == "closed"):
                steps.append({"key": state, "label": labels[state], "date": local_day(moment), "detail": False,
                              "moment": moment})
        steps.sort(key=lambda step: step["moment"] or fields.Datetime.now())
        for step in steps:
            del step["moment"]
        return steps

    def _cq_timeline_acknowledgement(self):
        """The public message that carried the acknowledgement of receipt (the first public message
        of the case sent by the system after filing), or an empty recordset when none was sent."""
        self.ensure_one()
        case = self.sudo()
        if case.ack_pending or case.ack_failed or not case._cq_needs_acknowledgement():
            return self.env["mail.message"]
        comment = self.env.ref("mail.mt_comment")
        return self.env["mail.message"].sudo().search(
            [("model", "=", "cq.pqrs"), ("res_id", "=", case.id), ("message_type", "=", "notification"),
             ("subtype_id", "=", comment.id)],
            order="id", limit=1,
        )
