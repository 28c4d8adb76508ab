import logging

from odoo import api, fields, models
from odoo.tools import SQL

from .cron_claim import CONCURRENCY_ERRORS, run_queue

_logger = logging.getLogger(__name__)

ANSWER_CRON = "customer_quality.ir_cron_cq_pqrs_send_answers"


class CqPqrs(models.Model):
    """The answer email and its letter: Send Answer records the answer (stage,
    answer date, on time) and queues the email; a job renders the answer
    letter (PDF) and sends it, one case per transaction, as the
    acknowledgement of receipt is sent, so that the click returns at once."""

    _inherit = "cq.pqrs"

    answer_pending = fields.Boolean(
        string="Answer Being Sent", readonly=True, copy=False, groups="base.group_user",
        help="The answer is recorded; its email with the answer letter is being prepared and sent.",
    )
    answer_author_id = fields.Many2one(
        "res.partner", string="Answered By", readonly=True, copy=False, groups="base.group_user",
        help="The employee who sent the answer: the author of the answer email sent by the job.",
    )

    def _cq_index_answer_queue(self):
        """An index of this feature, created by init() (cq_pqrs.py)."""
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS cq_pqrs_answer_pending_idx ON cq_pqrs (id) WHERE answer_pending")

    def _cq_queue_answer(self):
        """Queue the answer email of these cases and wake the job; while
        modules load (demo data) it is sent at once, without its letter."""
        if not self.env.registry.ready:
            for case in self:
                case._cq_send_answer()
            return
        self.write({"answer_pending": True, "answer_author_id": self.env.user.partner_id.id})
        self.env.ref(ANSWER_CRON)._trigger()

    @api.model
    def _cq_answer_claimable(self):
        return SQL("answer_pending")

    @api.model
    def _cq_answer_queue_size(self):
        self.flush_model(["answer_pending"])
        self.env.cr.execute(SQL("SELECT COUNT(*) FROM cq_pqrs WHERE %s", self._cq_answer_claimable()))
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_send_answers(self):
        """Send the queued answer emails with their letters, one case per
        transaction (see cron_claim.run_queue), within the acknowledgement
        job's time budget."""
        run_queue(
            self, self._cq_answer_queue_size, self._cq_answer_claimable,
            lambda case: case._cq_answer_claimed(), ANSWER_CRON, self._cq_ack_time_budget(),
        )

    def _cq_answer_claimed(self):
        """The job's step for one claimed case: the answer email, written by
        the employee who answered; a failure is noted for the responsible (the
        answer stays recorded, the email can be sent again from the chatter)."""
        self.ensure_one()
        author = self.answer_author_id
        try:
            with self.env.cr.savepoint():
                self.with_context(cq_answer_author_id=author.id)._cq_send_answer()
        except CONCURRENCY_ERRORS:
            raise
        except Exception as error:  # noqa: BLE001 - one broken letter must not block the queue
            _logger.error("Answer email of PQRS case %s failed", self.id, exc_info=error)
            responsible = self.user_id or self.team_id.leader_id
            translated = self.with_context(lang=responsible.lang or self.env.lang).env
            self._cq_note_failure(translated._(
                "The answer email could not be sent: %(error)s. The answer is recorded; send it to the "
                "filer from the chatter.", error=str(error) or type(error).__name__,
            ))
        self.write({"answer_pending": False})
