from collections import defaultdict
from datetime import date

from odoo import api, fields, models

ACTIVE_STATES = ("active", "suspended", "closed")


class CqContractChecklistReport(models.AbstractModel):
    """Compliance checklist of contracts (lista de verificación de
    contratos): obligations, fulfilment so far, amounts and yearly reviews."""

    _name = "report.customer_quality.cq_contract_checklist_report"
    _description = "Contract Compliance Checklist"

    @api.model
    def _get_report_values(self, docids, data=None):
        contracts = self.env["cq.contract"].browse(docids)
        today = fields.Date.context_today(self)
        stats = defaultdict(lambda: {"due": 0, "fulfilled": 0})
        for contract, fulfilled, count in self.env["cq.contract.obligation"]._read_group(
            [("contract_id", "in", contracts.ids), ("date_due", "<=", today)],
            ["contract_id", "is_fulfilled"],
            ["__count"],
        ):
            stats[contract.id]["due"] += count
            if fulfilled:
                stats[contract.id]["fulfilled"] += count
        reviews = self.env["cq.contract.review"].search(
            [("contract_id", "in", contracts.ids)], order="anniversary, id"
        )
        return {
            "doc_ids": contracts.ids,
            "doc_model": "cq.contract",
            "docs": contracts,
            "today": today,
            "stats": {contract.id: stats[contract.id] for contract in contracts},
            "reviews": reviews.grouped("contract_id"),
        }


class CqContractChecklistYearReport(models.AbstractModel):
    """Compliance checklist of all the contracts active in a year, with the
    obligations due that year, the year's CCT and the amounts."""

    _name = "report.customer_quality.cq_contract_checklist_year_report"
    _description = "Contract Compliance Checklist of a Year"

    @api.model
    def _get_options(self, docids, data):
        """Year, company and customer: from `data` when given, else from the wizard."""
        data = data or {}
        if data.get("year"):
            company = self.env["res.company"].browse(data.get("company_id")) or self.env.company
            partner = self.env["res.partner"].browse(data.get("partner_id") or [])
            return int(data["year"]), company, partner
        wizard = self.env["cq.contract.checklist.wizard"].browse(docids)[:1]
        if not wizard:
            return fields.Date.context_today(self).year, self.env.company, self.env["res.partner"]
        return wizard.year, wizard.company_id, wizard.partner_id

    @api.model
    def _get_report_values(self, docids, data=None):
        year, company, partner = self._get_options(docids, data)
        date_from, date_to = date(year, 1, 1), date(year, 12, 31)
        domain = [
            ("company_id", "=", company.id),
            ("state", "in", ACTIVE_STATES),
            ("date_start", "<=", date_to),
            "|", ("date_end", "=", False), ("date_end", ">=", date_from),
        ]
        if partner:
            domain.append(("partner_id", "child_of", partner.commercial_partner_id.id))
        contracts = self.env["cq.contract"].search(domain, order="name, id")
        obligation_domain = [
            ("contract_id", "in", contracts.ids),
            ("date_due", ">=", date_from),
            ("date_due", "<=", date_to),
        ]
        Obligation = self.env["cq.contract.obligation"]
        obligations = Obligation.search(obligation_domain, order="date_due, id")
        stats = defaultdict(lambda: {"due": 0, "fulfilled": 0})
        for contract, fulfilled, count in Obligation._read_group(
            obligation_domain, ["contract_id", "is_fulfilled"], ["__count"]
        ):
            stats[contract.id]["due"] += count
            if fulfilled:
                stats[contract.id]["fulfilled"] += count
        with_due = [values for values in stats.values() if values["due"]]
        # totals per currency: the values from SQL; the invoiced and paid
        # amounts are the contracts' own fields, computed for all of them in
        # one query (they convert each invoice into the contract's currency)
        totals = {
            currency: {"amount": amount, "invoiced": 0.0, "paid": 0.0, "count": count}
            for currency, count, amount in self.env["cq.contract"]._read_group(
                [("id", "in", contracts.ids)], ["currency_id"], ["__count", "amount:sum"]
            )
        }
        for contract in contracts:
            totals[contract.currency_id]["invoiced"] += contract.amount_invoiced
            totals[contract.currency_id]["paid"] += contract.amount_paid
        return {
            "doc_ids": docids,
            "doc_model": "cq.contract.checklist.wizard",
            "docs": self.env["cq.contract.checklist.wizard"].browse(docids),
            "year": year,
            "company": company,
            "partner": partner,
            "date_from": date_from,
            "date_to": date_to,
            "contracts": contracts,
            "obligations": obligations.grouped("contract_id"),
            "stats": {contract.id: stats[contract.id] for contract in contracts},
            "cct": self.env["cq.contract"]._cq_cct(date_from, date_to, company),
            "customer_cct": {
                "contracts": len(with_due),
                "fulfilled": sum(1 for values in with_due if values["due"] == values["fulfilled"]),
            },
            "totals": sorted(totals.items(), key=lambda item: item[0].name),
        }
