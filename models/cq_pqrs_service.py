from datetime import timedelta

from odoo import Command, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.rating.models.rating_data import RATING_LIMIT_MIN, RATING_LIMIT_SATISFIED

from .cq_indicator import customer_key_sql


class CqPqrs(models.Model):
    """Technical service (warranty claims and technical support): diagnosis,
    interventions, parts, the outcome recorded before the answer and the credit
    note or replacement order it leads to; the post-sale rating facts."""

    _inherit = "cq.pqrs"

    technical_service = fields.Boolean(related="type_id.technical_service")
    diagnosis = fields.Html(string="Diagnosis", copy=False, groups="base.group_user")
    intervention_ids = fields.One2many(
        "cq.pqrs.intervention", "pqrs_id", string="Interventions", copy=False,
        groups="base.group_user",
    )
    intervention_hours = fields.Float(
        string="Time Spent (hours)", compute="_compute_intervention_hours", store=True, precompute=True,
        help="Hours spent by technicians on the interventions of the case.",
        groups="base.group_user",
    )
    part_ids = fields.One2many(
        "cq.pqrs.part", "pqrs_id", string="Parts and Products", copy=False,
        groups="base.group_user",
    )
    outcome = fields.Selection(
        [("repaired", "Repaired"), ("replaced", "Replaced"), ("refunded", "Refunded"), ("rejected", "Rejected")],
        string="Outcome", tracking=True, copy=False,
        help="How the technical service ended; recorded before the answer is sent.",
        groups="base.group_user",
    )
    outcome_reason = fields.Text(
        string="Outcome Reason", copy=False, help="Why the claim is rejected (required), or notes on the outcome.",
        groups="base.group_user",
    )
    outcome_quantity = fields.Float(
        string="Quantity Concerned", default=1.0, copy=False, digits="Product Unit of Measure",
        help="Units replaced or refunded from the order or invoice line.",
        groups="base.group_user",
    )
    refund_move_ids = fields.One2many(
        "account.move", "cq_pqrs_id", string="Credit Notes",
        groups="base.group_user",
    )
    refund_count = fields.Integer(
        compute="_compute_outcome_documents", string="Credit Note Count",
        groups="base.group_user",
    )
    replacement_order_ids = fields.One2many(
        "sale.order", "cq_pqrs_id", string="Replacement Orders",
        groups="base.group_user",
    )
    replacement_count = fields.Integer(
        compute="_compute_outcome_documents", string="Replacement Count",
        groups="base.group_user",
    )

    @api.depends("intervention_ids.duration")
    def _compute_intervention_hours(self):
        saved = self.filtered(lambda case: isinstance(case.id, int))
        hours = dict(
            self.env["cq.pqrs.intervention"]._read_group(
                [("pqrs_id", "in", saved.ids)], ["pqrs_id"], ["duration:sum"]
            )
        )
        for case in self:
            if case in saved:
                case.intervention_hours = hours.get(case, 0.0)
            else:  # a case being edited in a form, not yet saved
                case.intervention_hours = sum(case.intervention_ids.mapped("duration"))

    def _compute_outcome_documents(self):
        # counts only: the buttons that open them need billing or sales rights
        refunds = dict(
            self.env["account.move"].sudo()._read_group(
                [("cq_pqrs_id", "in", self.ids), ("state", "!=", "cancel")], ["cq_pqrs_id"], ["__count"]
            )
        )
        orders = dict(
            self.env["sale.order"].sudo()._read_group(
                [("cq_pqrs_id", "in", self.ids), ("state", "!=", "cancel")], ["cq_pqrs_id"], ["__count"]
            )
        )
        for case in self:
            case.refund_count = refunds.get(case.sudo(), 0)
            case.replacement_count = orders.get(case.sudo(), 0)

    @api.constrains("outcome", "outcome_reason")
    def _check_outcome_reason(self):
        for case in self:
            if case.outcome == "rejected" and not case.date_anonymized and not (case.outcome_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason why %(case)s is rejected: the customer reads it in the answer.",
                        case=case.name,
                    )
                )

    @api.constrains("outcome_quantity")
    def _check_outcome_quantity(self):
        if any(case.outcome_quantity < 0 for case in self):
            raise ValidationError(self.env._("The quantity concerned cannot be negative."))

    def _cq_check_service_lines_deletable(self):
        for case in self:
            if case.state in ("answered", "closed", "cancelled"):
                raise UserError(
                    self.env._(
                        "The interventions, parts and products of %(case)s are part of its answered record and "
                        "cannot be deleted.",
                        case=case.name,
                    )
                )

    def _cq_check_before_answer(self):
        res = super()._cq_check_before_answer()
        for case in self.filtered("technical_service"):
            if not case.outcome:
                raise UserError(
                    self.env._(
                        "Record the outcome of %(case)s (repaired, replaced, refunded or rejected) before "
                        "sending the answer.",
                        case=case.name,
                    )
                )
        return res

    def _cq_refunded_invoice_line(self):
        """The customer-invoice line to refund: the case's own, or the latest
        posted invoice line of its order line."""
        self.ensure_one()
        if self.invoice_line_id:
            return self.invoice_line_id
        return self.sale_line_id.invoice_lines.filtered(
            lambda line: line.move_id.state == "posted" and line.move_id.move_type == "out_invoice"
        ).sorted(lambda line: (line.move_id.invoice_date or fields.Date.today(), line.id))[-1:]

    def _cq_check_outcome_quantity(self, limit, document):
        self.ensure_one()
        if self.outcome_quantity <= 0 or tools.float_compare(self.outcome_quantity, limit, precision_digits=6) > 0:
            raise UserError(
                self.env._(
                    "The quantity concerned by %(case)s must be more than 0 and at most the %(limit)s units of "
                    "%(document)s.",
                    case=self.name,
                    limit=tools.float_repr(limit, 2),
                    document=document,
                )
            )

    def _cq_documents_action(self, xmlid, records, default_type=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False, **({"default_move_type": default_type} if default_type else {})}
        if len(records) == 1:
            form = [(view_id, mode) for view_id, mode in action.get("views", []) if mode == "form"]
            action.update({"res_id": records.id, "view_mode": "form", "views": form or [(False, "form")]})
        return action

    def action_create_credit_note(self):
        """Refund outcome: a draft credit note of the refunded invoice line
        (or of the whole invoice when the case names no line), linked to the
        case. Opens the existing one instead of issuing a second."""
        self.ensure_one()
        if self.outcome != "refunded":
            raise UserError(
                self.env._("Set the outcome of %(case)s to Refunded before issuing its credit note.", case=self.name)
            )
        Move = self.env["account.move"]
        if not Move.has_access("create"):
            raise UserError(
                self.env._("Only billing users issue credit notes: ask your accounting team to refund %(case)s.",
                           case=self.name)
            )
        existing = self.refund_move_ids.filtered(lambda move: move.state != "cancel")
        if existing:
            return self._cq_documents_action("account.action_move_out_refund_type", existing, "out_refund")
        line = self._cq_refunded_invoice_line()
        invoice = line.move_id or self.invoice_id
        if not invoice or invoice.state != "posted" or invoice.move_type != "out_invoice":
            raise UserError(
                self.env._(
                    "%(case)s names no posted customer invoice to refund: link its invoice or invoice line first.",
                    case=self.name,
                )
            )
        reference = self.env._("Reversal of: %(invoice)s, %(case)s", invoice=invoice.name, case=self.name)
        if not line:
            refund = invoice._reverse_moves([{"ref": reference, "cq_pqrs_id": self.id}], cancel=False)
        else:
            self._cq_check_outcome_quantity(line.quantity, invoice.name)
            refund = Move.create(
                {
                    "move_type": "out_refund",
                    "partner_id": invoice.partner_id.id,
                    "company_id": invoice.company_id.id,
                    "journal_id": invoice.journal_id.id,
                    "currency_id": invoice.currency_id.id,
                    "fiscal_position_id": invoice.fiscal_position_id.id,
                    "invoice_user_id": invoice.invoice_user_id.id,
                    "partner_bank_id": invoice.partner_bank_id.id,
                    "reversed_entry_id": invoice.id,
                    "ref": reference,
                    "invoice_origin": self.name,
                    "cq_contract_id": invoice.cq_contract_id.id,
                    "cq_pqrs_id": self.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": line.product_id.id,
                                "name": line.name,
                                "quantity": self.outcome_quantity,
                                "product_uom_id": line.product_uom_id.id,
                                "price_unit": line.price_unit,
                                "discount": line.discount,
                                "tax_ids": [Command.set(line.tax_ids.ids)],
                                "account_id": line.account_id.id,
                                "analytic_distribution": line.analytic_distribution,
                                "sale_line_ids": [Command.set(line.sale_line_ids.ids)],
                            }
                        )
                    ],
                }
            )
        self.message_post(
            body=self.env._("Credit note %(refund)s drafted for the refund.", refund=refund._get_html_link()),
            subtype_xmlid="mail.mt_note",
        )
        return self._cq_documents_action("account.action_move_out_refund_type", refund, "out_refund")

    def action_create_replacement(self):
        """Replacement outcome: a draft order of the replaced product at no
        charge (100 % discount) for the customer, linked to the case; with
        Inventory installed its confirmation ships the replacement."""
        self.ensure_one()
        if self.outcome != "replaced":
            raise UserError(
                self.env._("Set the outcome of %(case)s to Replaced before ordering the replacement.", case=self.name)
            )
        Order = self.env["sale.order"]
        if not Order.has_access("create"):
            raise UserError(
                self.env._("Only sales users create orders: ask your sales team to replace %(case)s.", case=self.name)
            )
        existing = self.replacement_order_ids.filtered(lambda order: order.state != "cancel")
        if existing:
            return self._cq_documents_action("sale.action_quotations_with_onboarding", existing)
        line = self.sale_line_id or self.invoice_line_id
        product = line.product_id or self.product_id
        if not product:
            raise UserError(
                self.env._("Name the product of %(case)s, or its order or invoice line, to replace it.", case=self.name)
            )
        if self.sale_line_id:
            self._cq_check_outcome_quantity(self.sale_line_id.product_uom_qty, self.sale_line_id.order_id.name)
        elif self.invoice_line_id:
            self._cq_check_outcome_quantity(self.invoice_line_id.quantity, self.invoice_line_id.move_id.name)
        elif self.outcome_quantity <= 0:
            raise UserError(self.env._("The quantity concerned by %(case)s must be more than 0.", case=self.name))
        original = self.sale_line_id.order_id
        partner = original.partner_id or self.invoice_line_id.move_id.partner_id or self.partner_id
        if not partner:
            raise UserError(self.env._("%(case)s has no customer to deliver the replacement to.", case=self.name))
        order = Order.create(
            {
                "partner_id": partner.id,
                "partner_shipping_id": (original.partner_shipping_id or partner).id,
                "company_id": self.company_id.id,
                "origin": self.name,
                "client_order_ref": self.name,
                "cq_pqrs_id": self.id,
                "cq_contract_id": original.cq_contract_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": self.outcome_quantity,
                            "product_uom": (self.sale_line_id.product_uom or product.uom_id).id,
                            "discount": 100.0,
                        }
                    )
                ],
            }
        )
        self.message_post(
            body=self.env._("Replacement order %(order)s drafted.", order=order._get_html_link()),
            subtype_xmlid="mail.mt_note",
        )
        return self._cq_documents_action("sale.action_quotations_with_onboarding", order)

    def action_open_credit_notes(self):
        self.ensure_one()
        return self._cq_documents_action(
            "account.action_move_out_refund_type",
            self.refund_move_ids.filtered(lambda move: move.state != "cancel"),
            "out_refund",
        )

    def action_open_replacements(self):
        self.ensure_one()
        return self._cq_documents_action(
            "sale.action_quotations_with_onboarding",
            self.replacement_order_ids.filtered(lambda order: order.state != "cancel"),
        )

    @api.model
    def _cq_post_sale_rating_domain(self, date_from, date_to, companies=None):
        """Post-sale cases answered in the period whose customer rated the
        answer (of `companies`, or of every company)."""
        domain = [
            ("type_id.is_post_sale", "=", True),
            ("date_answered", ">=", fields.Datetime.to_datetime(date_from)),
            ("date_answered", "<", fields.Datetime.to_datetime(date_to) + timedelta(days=1)),
            ("rating_last_value", ">=", RATING_LIMIT_MIN),
        ]
        if companies:
            domain.append(("company_id", "in", companies.ids))
        return domain

    @api.model
    def _cq_post_sale_rating_opinions(self, date_from, date_to, companies=None, figure="post_sale"):
        """SQL of the opinions the customers gave by rating post-sale cases,
        as rows of cq.indicator._cq_satisfied_customers() counting in
        `figure`: one per case, its last rating (the one Odoo shows as the
        case's rating), given when the customer submitted it (the rating's
        last write); satisfied from 4 of 5 up, like Odoo's rating. The
        customer is the commercial partner of the case, else the filer's
        email, else the case alone."""
        Case = self.sudo()
        query = Case._search(self._cq_post_sale_rating_domain(date_from, date_to, companies))
        case_id = Case._field_to_sql(query.table, "id", query)
        Rating = self.env["rating.rating"].sudo()
        rated_on = SQL(
            """(SELECT %(write_date)s FROM rating_rating AS rating
                 WHERE %(res_model)s = %(model)s AND %(res_id)s = %(case_id)s AND %(consumed)s
              ORDER BY %(write_date)s DESC, %(rating_id)s DESC
                 LIMIT 1)""",
            write_date=Rating._field_to_sql("rating", "write_date"),
            res_model=Rating._field_to_sql("rating", "res_model"),
            res_id=Rating._field_to_sql("rating", "res_id"),
            consumed=Rating._field_to_sql("rating", "consumed"),
            rating_id=Rating._field_to_sql("rating", "id"),
            model=self._name,
            case_id=case_id,
        )
        customer = customer_key_sql(
            Case._field_to_sql(query.table, "commercial_partner_id", query),
            Case._field_to_sql(query.table, "email_from", query),
            # an anonymised case keeps its customer's pseudonym (cq_pqrs_retention.py)
            SQL("COALESCE(%s, 'case ' || %s)", Case._field_to_sql(query.table, "customer_key", query), case_id),
        )
        return query.select(
            SQL("%s AS figure", figure),
            SQL("%s AS customer", customer),
            SQL("%s AS moment", rated_on),
            SQL("1 AS source"),
            SQL("%s AS record", case_id),
            SQL(
                "%s >= %s AS satisfied",
                Case._field_to_sql(query.table, "rating_last_value", query),
                RATING_LIMIT_SATISFIED,
            ),
        )

    @api.model
    def _cq_post_sale_rating_facts(self, date_from, date_to, company):
        """(satisfied, rated) customers who rated post-sale cases answered in
        the period, in one query: each customer's latest rating decides."""
        opinions = self._cq_post_sale_rating_opinions(date_from, date_to, company, "ratings")
        satisfied, rated, __ = self.env["cq.indicator"]._cq_satisfied_customers(opinions).get("ratings", (0, 0, None))
        return satisfied, rated
