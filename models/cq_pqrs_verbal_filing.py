import logging

from odoo import api, fields, models

from .cron_claim import CONCURRENCY_ERRORS

_logger = logging.getLogger(__name__)

# filings made by staff for a filer who speaks
VERBAL_CHANNELS = ("phone", "in_person")


class CqPqrs(models.Model):
    """Verbal and phone filings: a case that staff file
    on the phone or in person gets its filing record (constancia de
    radicación) at once: the form shows Print Filing Record as soon as it is
    saved, and the acknowledgement email is queued for the filer in the same
    transaction instead of waiting for the acknowledgement cron."""

    _inherit = "cq.pqrs"

    is_verbal_filing = fields.Boolean(
        string="Verbal Filing", compute="_compute_is_verbal_filing", groups="base.group_user",
        help="Filed on the phone or in person: the filing record is printed or emailed at once.",
    )

    @api.depends("channel")
    def _compute_is_verbal_filing(self):
        for case in self:
            case.is_verbal_filing = case.channel in VERBAL_CHANNELS

    def _cq_acknowledge_verbal_filings(self, vals_list):
        """A hook of the filing (cq_pqrs.py create): staff filing for a filer
        in front of them (an internal user, not a sudo path: public form,
        portal, mail gateway), naming the channel, acknowledge it at once."""
        if not self.env.su and self.env.user._is_internal():
            verbal = self.browse(
                case.id for case, vals in zip(self, vals_list) if vals.get("channel") in VERBAL_CHANNELS
            )
            verbal._cq_acknowledge_now()

    def _cq_acknowledge_now(self):
        """Send the acknowledgement of these cases now (the cron's per-case
        method); a failure leaves the case queued for the cron, which retries
        and reports it."""
        sent = self.browse()
        for case in self.sudo().filtered(lambda c: c.ack_pending and (c.partner_id or c.email_from)):
            try:
                with self.env.cr.savepoint():
                    case._cq_send_acknowledgement()
                sent |= case
            except CONCURRENCY_ERRORS:
                raise  # Odoo retries the request
            except Exception:  # noqa: BLE001 - the cron tries again and tells the responsible
                _logger.warning("Immediate acknowledgement of PQRS case %s failed, left to the cron",
                                case.id, exc_info=True)
        if sent:
            mail_queue = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
            if mail_queue:
                mail_queue.sudo()._trigger()
        return sent
