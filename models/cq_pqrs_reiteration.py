import logging

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date, html2plaintext, is_html_empty

from .cq_pqrs import DONE_STATES

_logger = logging.getLogger(__name__)

# subjects at least this similar (pg_trgm similarity, or the share of common
# words without pg_trgm) make an earlier case of the same filer and type a
# possible reiteration
REITERATION_SIMILARITY = 0.4
# without pg_trgm: the words of a subject, without accents nor case
FTS_CONFIG = "simple"
# the most recent earlier cases of the filer and type compared with a new one: a customer with
# thousands of cases costs the same as one with a few (an index serves them in order)
REITERATION_REACH = 100


class CqPqrs(models.Model):
    """Reiterative requests: a new case of the
    same filer (commercial partner, else normalized email) and type as an
    earlier one with a similar subject is suggested to staff as a reiteration,
    for the whole batch in one SQL query (pg_trgm similarity, else full-text
    words). Staff link it or dismiss it; a linked case whose earlier case is
    answered can be answered by reference to that answer, when the type's
    legal steps have the reiteration step (whose legal basis the answer cites)."""

    _inherit = "cq.pqrs"

    reiteration_of_id = fields.Many2one(
        "cq.pqrs", string="Reiteration Of", readonly=True, copy=False, index="btree_not_null",
        groups="base.group_user",
        help="An earlier case of the same filer and type with a similar subject: this case may repeat it. "
        "Link it to answer by reference (when the type's legal steps allow it), or dismiss it.",
    )
    reiteration_confirmed = fields.Boolean(
        string="Linked as Reiteration", readonly=True, copy=False, groups="base.group_user",
    )
    reiteration_dismissed_ids = fields.Many2many(
        "cq.pqrs", "cq_pqrs_reiteration_dismissed_rel", "pqrs_id", "earlier_id",
        string="Dismissed Earlier Cases", readonly=True, copy=False, groups="base.group_user",
    )
    reiteration_answerable = fields.Boolean(
        compute="_compute_reiteration_answerable", groups="base.group_user",
    )

    def _cq_index_reiterations(self):
        """An index of this feature, created by init() (cq_pqrs.py)."""
        cr = self.env.cr
        if not self.env.registry.has_trigram:
            try:
                with cr.savepoint(flush=False):
                    cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                self.env.registry.has_trigram = True
            except psycopg2.Error:
                _logger.warning("pg_trgm cannot be created: reiterations are found by full-text search")
        # the earlier cases of a filer and type, most recent first: by customer, and by normalised
        # email for filers without a contact (the same expression as _cq_email_key)
        cr.execute(
            "CREATE INDEX IF NOT EXISTS cq_pqrs_filer_type_date_idx "
            "ON cq_pqrs (commercial_partner_id, type_id, date_received DESC, id DESC)"
        )
        cr.execute(SQL(
            "CREATE INDEX IF NOT EXISTS cq_pqrs_email_type_date_idx ON cq_pqrs (%s, type_id, date_received DESC, id DESC)",
            self._cq_email_key(None),
        ))

    @api.depends("reiteration_confirmed", "reiteration_of_id.state", "state")
    def _compute_reiteration_answerable(self):
        for case in self:
            case.reiteration_answerable = (
                case.reiteration_confirmed
                and case.state in ("new", "analysis", "waiting")
                and case.reiteration_of_id.state in DONE_STATES
                and bool(case.reiteration_of_id.date_answered)
                and bool(case.type_id._cq_step("reiteration"))
            )

    def _cq_send_acknowledgement(self):
        """The search for an earlier case this one repeats runs after filing,
        in the acknowledgement job (cq_pqrs_acknowledgement.py, or at once for
        verbal filings): the filer on the public form, the portal or the mail
        gateway waits for neither; staff see the suggestion with the receipt."""
        self.sudo()._cq_suggest_reiterations()
        return super()._cq_send_acknowledgement()

    # ------------------------------------------------------------------
    # Suggestion: one query for the batch
    # ------------------------------------------------------------------
    @api.model
    def _cq_email_key(self, alias):
        """SQL: the normalized address of `alias`.email_from ('Name <a@b>' -> 'a@b');
        without alias, of the column itself (the index expression)."""
        column = SQL.identifier(alias, "email_from") if alias else SQL.identifier("email_from")
        return SQL("lower(btrim(COALESCE(substring(%s from '<([^>]+)>'), %s)))", column, column)

    @api.model
    def _cq_subject_similarity(self):
        """SQL: the similarity of the subjects of c (new) and e (earlier)."""
        if self.env.registry.has_trigram:
            return SQL("similarity(e.subject, c.subject)")

        def words(alias):
            return SQL(
                "unnest(tsvector_to_array(to_tsvector(%s, %s)))", FTS_CONFIG, SQL.identifier(alias, "subject")
            )
        # the share of the words of both subjects that they have in common
        similarity = SQL(
            "(cardinality(ARRAY(SELECT %s INTERSECT SELECT %s))::float"
            " / GREATEST(cardinality(ARRAY(SELECT %s UNION SELECT %s)), 1))",
            words("e"), words("c"), words("e"), words("c"),
        )
        return similarity

    def _cq_suggest_reiterations(self):
        """Suggest, for each case of self not linked yet, its most similar
        earlier case of the same company, filer and type (not cancelled nor
        dismissed): one UPDATE for the whole batch, then one chatter note per
        suggested case, logged in one batch. Returns the cases suggested."""
        cases = self.filtered(lambda case: not case.reiteration_confirmed and case.id)
        if not cases:
            return self.browse()
        self.flush_model()
        similarity = self._cq_subject_similarity()

        def earlier_of_filer(same_filer):
            # the earlier cases of c's filer, type and company, most recent first (served by an index)
            return SQL(
                """(SELECT e.id, e.subject, e.date_received FROM cq_pqrs e
                     WHERE %s AND e.type_id = c.type_id AND e.company_id = c.company_id
                       AND (e.date_received, e.id) < (c.date_received, c.id) AND e.state != 'cancelled'
                     ORDER BY e.date_received DESC, e.id DESC LIMIT %s)""",
                same_filer, REITERATION_REACH,
            )

        # the candidates: the REITERATION_REACH most recent earlier cases of the same filer (customer,
        # else normalised email), type and company, read in index order for each new case
        self.env.cr.execute(SQL(
            """
            UPDATE cq_pqrs SET reiteration_of_id = found.earlier_id
              FROM (
                SELECT DISTINCT ON (c.id) c.id, e.id AS earlier_id
                  FROM cq_pqrs c
                  CROSS JOIN LATERAL (%(by_customer)s UNION ALL %(by_email)s) e
                 WHERE c.id IN %(ids)s
                   AND %(similarity)s >= %(threshold)s
                   AND NOT EXISTS (SELECT 1 FROM cq_pqrs_reiteration_dismissed_rel d
                                    WHERE d.pqrs_id = c.id AND d.earlier_id = e.id)
                 ORDER BY c.id, %(similarity)s DESC, e.date_received DESC, e.id DESC
              ) found
             WHERE cq_pqrs.id = found.id AND cq_pqrs.reiteration_of_id IS DISTINCT FROM found.earlier_id
            RETURNING cq_pqrs.id, found.earlier_id
            """,
            ids=tuple(cases.ids),
            by_customer=earlier_of_filer(SQL(
                "c.commercial_partner_id IS NOT NULL AND e.commercial_partner_id = c.commercial_partner_id"
            )),
            by_email=earlier_of_filer(SQL(
                "c.commercial_partner_id IS NULL AND %(c_email)s != '' AND %(e_email)s = %(c_email)s",
                c_email=self._cq_email_key("c"), e_email=self._cq_email_key("e"),
            )),
            similarity=similarity, threshold=REITERATION_SIMILARITY,
        ))
        pairs = dict(self.env.cr.fetchall())
        if not pairs:
            return self.browse()
        suggested = self.browse(pairs)
        suggested.invalidate_recordset(["reiteration_of_id"])
        earlier = self.browse(set(pairs.values()))
        earlier.fetch(["name", "subject"])
        suggested._message_log_batch(
            bodies={
                case_id: Markup("%s %s") % (
                    self.env._("Possible reiteration: same filer, same type and a similar subject as"),
                    self.browse(earlier_id)._get_html_link(),
                )
                for case_id, earlier_id in pairs.items()
            },
            author_id=self.env.ref("base.partner_root").id,
        )
        return suggested

    def action_find_reiterations(self):
        self.check_access("write")
        self._check_open()
        cases = self.sudo()._cq_suggest_reiterations()
        if not cases and len(self) == 1 and not self.reiteration_of_id:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._("No earlier case of the same filer and type has a similar subject."),
                },
            }
        return True

    def action_link_reiteration(self):
        for case in self:
            if not case.reiteration_of_id:
                raise UserError(self.env._("%(case)s has no earlier case to link.", case=case.name))
            case.reiteration_confirmed = True
            case.message_post(
                body=Markup("%s %s") % (
                    self.env._("Linked as a reiteration of"), case.reiteration_of_id._get_html_link()
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_dismiss_reiteration(self):
        for case in self:
            earlier = case.reiteration_of_id
            if not earlier:
                continue
            case.write({
                "reiteration_of_id": False,
                "reiteration_confirmed": False,
                "reiteration_dismissed_ids": [fields.Command.link(earlier.id)],
            })
            case.message_post(
                body=Markup("%s %s") % (self.env._("Not a reiteration of"), earlier._get_html_link()),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Answer by reference
    # ------------------------------------------------------------------
    def _cq_reference_answer(self):
        """The answer of a reiteration: it cites the earlier case's number,
        filing date, answer date and answer, in the filer's language."""
        self.ensure_one()
        earlier = self.reiteration_of_id.sudo()
        case = self.with_context(lang=self._cq_filer_lang())
        env = case.env
        tz = self.company_id.resource_calendar_id.tz or self.env.user.tz or "UTC"
        answered = fields.Datetime.context_timestamp(self.with_context(tz=tz), earlier.date_answered).date()
        intro = env._(
            "Your request repeats your earlier request %(number)s, filed on %(filed)s, which we answered on "
            "%(answered)s. As %(basis)s allows, we answer it by reference to that answer, reproduced below.",
            basis=case.type_id._cq_step("reiteration").legal_basis,
            number=earlier.name,
            filed=format_date(env, earlier.date_radicated),
            answered=format_date(env, answered),
        )
        earlier_answer = earlier.answer if not is_html_empty(earlier.answer) else Markup("<p>%s</p>") % (
            html2plaintext(earlier.answer or "") or "-"
        )
        return Markup("<p>%s</p><blockquote>%s</blockquote>") % (intro, earlier_answer)

    def action_answer_by_reference(self):
        """Fill the answer of linked reiterations; staff review it and send
        it with Send Answer, as any answer (the letter prints it)."""
        for case in self:
            if not case.reiteration_answerable:
                raise UserError(
                    self.env._(
                        "%(case)s can be answered by reference only when it is open, linked as a reiteration, "
                        "its earlier case is answered and its type's legal steps allow it.",
                        case=case.name,
                    )
                )
            case.answer = case._cq_reference_answer()
        return True
