from urllib.parse import quote

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import format_date, formatLang

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .form_input import MAX_LENGTHS, parse_id
from .pqrs_public import PqrsFormMixin

OPEN_STATES = ("new", "analysis", "waiting")
REQUIREMENT_OPEN_STATES = ("identified", "agreed")
REQUIREMENT_CLOSED_STATES = ("not_met", "withdrawn")


class CustomerQualityPortal(CustomerPortal, PqrsFormMixin):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "contract_count" in counters:
            Contract = request.env["cq.contract"]
            values["contract_count"] = (
                Contract.search_count(self._cq_contract_domain()) if Contract.has_access("read") else 0
            )
        if "pqrs_count" in counters:
            Pqrs = request.env["cq.pqrs"]
            values["pqrs_count"] = (
                Pqrs.search_count(self._cq_pqrs_domain()) if Pqrs.has_access("read") else 0
            )
        if "requirement_count" in counters:
            Requirement = request.env["cq.customer.requirement"]
            values["requirement_count"] = (
                Requirement.search_count(self._cq_requirement_domain()) if Requirement.has_access("read") else 0
            )
        return values

    def _cq_pqrs_domain(self):
        partner = request.env.user.partner_id
        return [("partner_id", "child_of", [partner.commercial_partner_id.id])]

    def _cq_pqrs_searchbar_sortings(self):
        return {
            # open emergencies come first, as in the backend
            "date": {"label": request.env._("Newest"), "order": "is_emergency desc, date_received desc, id desc"},
            "due": {"label": request.env._("Due Date"), "order": "is_emergency desc, date_due asc, id desc"},
            "name": {"label": request.env._("Number"), "order": "name desc"},
            "stage": {"label": request.env._("Stage"), "order": "stage_id, id desc"},
        }

    def _cq_pqrs_searchbar_filters(self):
        filters = {
            "all": {"label": request.env._("All"), "domain": []},
            "open": {"label": request.env._("Open"), "domain": [("state", "in", OPEN_STATES)]},
            "closed": {
                "label": request.env._("Answered or Closed"),
                "domain": [("state", "in", ("answered", "closed"))],
            },
        }
        for pqrs_type in request.env["cq.pqrs.type"].sudo().search([]):
            filters[f"type_{pqrs_type.id}"] = {
                "label": pqrs_type.name,
                "domain": [("type_id", "=", pqrs_type.id)],
            }
        return filters

    def _cq_portal_list(self, model, url, page, sortby, filterby, search, search_in, **spec):
        """A portal list with searchbar (sortings, filters, one search input), pager and the
        history of the records shown; returns (records, values for the template).

        spec: domain, sortings, filters, search_label, search_domain (a function of the searched
        text), history (session key)."""
        Model = request.env[model]
        values = self._prepare_portal_layout_values()
        sortings, filters = spec["sortings"], spec["filters"]
        sortby = sortby if sortby in sortings else next(iter(sortings))
        filterby = filterby if filterby in filters else "all"
        domain = spec["domain"] + filters[filterby]["domain"]
        if search:
            domain += spec["search_domain"](search)
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby, "search": search, "search_in": search_in},
            total=Model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = Model.search(
            domain, order=sortings[sortby]["order"], limit=self._items_per_page, offset=pager["offset"]
        )
        request.session[spec["history"]] = records.ids[:100]
        values.update(
            {
                "default_url": url,
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_inputs": {search_in: {"input": search_in, "label": spec["search_label"]}},
                "search_in": search_in,
                "search": search,
            }
        )
        return records, values

    @http.route(["/my/pqrs", "/my/pqrs/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_pqrs(self, page=1, sortby="date", filterby="all", search=None, search_in="all", **kw):
        cases, values = self._cq_portal_list(
            "cq.pqrs", "/my/pqrs", page, sortby, filterby, search, "all",
            domain=self._cq_pqrs_domain(),
            sortings=self._cq_pqrs_searchbar_sortings(),
            filters=self._cq_pqrs_searchbar_filters(),
            search_label=request.env._("Search in Number and Subject"),
            search_domain=lambda text: ["|", ("name", "ilike", text), ("subject", "ilike", text)],
            history="my_pqrs_history",
        )
        values.update({"cases": cases, "page_name": "pqrs"})
        return request.render("customer_quality.portal_my_pqrs", values)

    def _cq_case_or_404(self, pqrs_id, access_token=None):
        try:
            return self._document_check_access("cq.pqrs", pqrs_id, access_token=access_token)
        except (AccessError, MissingError):
            return None

    @http.route(["/my/pqrs/<int:pqrs_id>"], type="http", auth="public", website=True)
    def portal_pqrs_page(self, pqrs_id, access_token=None, message=None, **kw):
        case_sudo = self._cq_case_or_404(pqrs_id, access_token)
        if case_sudo is None:
            raise request.not_found()
        values = self._get_page_view_values(
            case_sudo, access_token, {"case": case_sudo, "page_name": "pqrs", "message": message},
            "my_pqrs_history", False,
        )
        values["rating_given"], values["rating_token"] = self._cq_answer_rating(case_sudo)
        values["can_reopen"] = case_sudo._cq_can_reopen()
        # only what the filer may see: files of public messages and of the answer
        public_messages = case_sudo.message_ids.filtered(
            lambda m: m.message_type in ("comment", "email") and not m.subtype_id.internal
        )
        attachments = public_messages.attachment_ids | (
            case_sudo.answer_attachment_ids if case_sudo.state in ("answered", "closed") else request.env["ir.attachment"]
        )
        # like core's portal chatter: the links carry each file's access token
        attachments.generate_access_token()
        values["attachments"] = attachments
        return request.render("customer_quality.portal_pqrs_page", values)

    def _cq_answer_rating(self, case_sudo):
        """(the rating the customer gave the answer, or None; the token to rate it, or False).

        One rating per answer: sending the answer asks for it (the answer letter's links create the
        rating request); rating it consumes that request, which then stays the answer's rating until
        a new answer asks again. Viewing the page reuses them and never opens a second request:
        rating.mixin's _rating_get_access_token() creates one whenever none is pending, so it is
        called only for an answered case with no rating request at all (answered before the
        customer was set)."""
        if case_sudo.state not in ("answered", "closed") or not case_sudo.partner_id:
            return None, False
        partner = case_sudo._rating_get_partner()
        rating = case_sudo.rating_ids.sudo().filtered(lambda r: r.partner_id == partner).sorted("id", reverse=True)[:1]
        if rating.consumed:
            return rating, False
        if rating:
            return None, rating.access_token
        return None, case_sudo._rating_get_access_token(partner)

    @http.route(["/my/pqrs/<int:pqrs_id>/reopen"], type="http", auth="user", methods=["POST"], website=True)
    def portal_pqrs_reopen(self, pqrs_id, access_token=None, **kw):
        case_sudo = self._cq_case_or_404(pqrs_id, access_token)
        if case_sudo is None:
            raise request.not_found()
        try:
            case_sudo.with_context(cq_portal_author=request.env.user.partner_id.id).action_reopen()
        except UserError as error:
            return request.redirect(f"/my/pqrs/{pqrs_id}?message={quote(error.args[0])}")
        return request.redirect(f"/my/pqrs/{pqrs_id}")

    def _cq_line_choices(self, orders, invoices):
        """The customer's lines a case can be about: product lines of the given confirmed orders, and
        product lines of the given posted invoices that no order line was invoiced from (those are
        offered with their order). Return ([{"label", "lines": [{"value", "product", "quantity",
        "uom", "warranty_until"}]}], {value: line}); everything is read in batch (prefetch), with the
        warranty rule of the cases (cq.pqrs._cq_warranty_dates)."""
        env = request.env
        Pqrs = env["cq.pqrs"]
        sale_lines = env["sale.order.line"].sudo().search(
            [("order_id", "in", orders.ids), ("display_type", "=", False), ("product_id", "!=", False)],
            order="order_id, sequence, id",
        )
        invoice_lines = env["account.move.line"].sudo().search(
            [("move_id", "in", invoices.filtered(lambda m: m.move_type == "out_invoice").ids),
             ("display_type", "=", "product"), ("product_id", "!=", False), ("sale_line_ids", "=", False)],
            order="move_id, sequence, id",
        )
        by_document = {}
        for line in sale_lines:
            by_document.setdefault(line.order_id, []).append(
                ("sale_line", line, line.product_uom_qty, line.product_uom)
            )
        for line in invoice_lines:
            by_document.setdefault(line.move_id, []).append(
                ("invoice_line", line, line.quantity, line.product_uom_id)
            )
        groups, offered = [], {}
        for document, date in [(o, o.date_order) for o in orders] + [(m, m.invoice_date) for m in invoices]:
            if document not in by_document:
                continue
            group = {"label": f"{document.name} – {format_date(env, date)}", "lines": []}
            for prefix, line, quantity, uom in by_document[document]:
                value = f"{prefix}-{line.id}"
                offered[value] = line
                expiry = Pqrs._cq_warranty_dates(line)[1]
                group["lines"].append({
                    "value": value,
                    "product": line.product_id.display_name,
                    "quantity": formatLang(env, quantity, digits=0 if quantity == int(quantity) else 2),
                    "uom": uom.name,
                    "warranty_until": expiry and format_date(env, expiry),
                })
            groups.append(group)
        return groups, offered

    @http.route(["/my/pqrs/new"], type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_pqrs_new(self, **post):
        partner = request.env.user.partner_id
        commercial = partner.commercial_partner_id
        orders = request.env["sale.order"].sudo().search(
            [("partner_id", "child_of", commercial.id), ("state", "=", "sale"),
             ("company_id", "in", request.env.user.company_ids.ids)], order="date_order desc", limit=50
        )
        invoices = request.env["account.move"].sudo().search(
            [("partner_id", "child_of", commercial.id), ("state", "=", "posted"),
             ("move_type", "in", ("out_invoice", "out_refund")),
             ("company_id", "in", request.env.user.company_ids.ids)], order="invoice_date desc", limit=50
        )
        types = self._cq_public_types(portal=True)
        line_groups, offered_lines = self._cq_line_choices(orders, invoices)
        type_id, _ok = parse_id(post.get("type_id"))
        chosen_type = types.filtered(lambda t: t.id == type_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {"page_name": "pqrs_new", "types": types, "orders": orders,
             "invoices": invoices, "post": self._cq_echo(post), "errors": {}, "limits": self._cq_limits(),
             "max_lengths": MAX_LENGTHS, "line_groups": line_groups, "chosen_type": chosen_type,
             "line_types": types.filtered("requires_warranty_link")}
        )
        if request.httprequest.method != "POST":
            return request.render("customer_quality.portal_pqrs_new", values)
        errors, case_values = self._cq_validate_form(post, portal=True)
        order_id, order_ok = parse_id(post.get("sale_order_id"))
        invoice_id, invoice_ok = parse_id(post.get("invoice_id"))
        if not order_ok or (order_id and order_id not in orders.ids):
            errors["sale_order_id"] = request.env._("Choose one of your orders.")
        if not invoice_ok or (invoice_id and invoice_id not in invoices.ids):
            errors["invoice_id"] = request.env._("Choose one of your invoices.")
        line_value = post.get("warranty_line") if isinstance(post.get("warranty_line"), str) else None
        line = offered_lines.get(line_value or "")
        if line_value is None and post.get("warranty_line") or line_value and not line:
            errors["warranty_line"] = request.env._("Choose one of your order or invoice lines.")
        elif not line and chosen_type.requires_warranty_link:
            errors["warranty_line"] = request.env._(
                "A %(type)s is about a product you bought: choose its order or invoice line.",
                type=chosen_type.name,
            )
        line_field = line and {"sale.order.line": "sale_line_id", "account.move.line": "invoice_line_id"}[line._name]
        # the case belongs to the company of the documents it is about
        documents = [
            (line.order_id if line_field == "sale_line_id" else line.move_id) if line else None,
            orders.browse(order_id) if order_id in orders.ids else None,
            invoices.browse(invoice_id) if invoice_id in invoices.ids else None,
        ]
        companies = {document.company_id for document in documents if document}
        if len(companies) > 1:
            errors["warranty_line"] = request.env._(
                "The order, invoice and line you chose belong to different companies of ours: file one case "
                "per company."
            )
        # the type must be one of the case's company (or of none)
        case_company = next(iter(companies)) if len(companies) == 1 else request.env.company
        if chosen_type.company_id and chosen_type.company_id != case_company:
            # the same kind of request as that company offers it, else refused
            equivalent = chosen_type._cq_equivalent_for(case_company, portal=True)
            if equivalent:
                chosen_type = equivalent
                case_values["type_id"] = equivalent.id
            else:
                errors["type_id"] = request.env._("This type of request is not handled for the documents you chose.")
        files, file_error = self._cq_read_files()
        if file_error:
            errors["attachments"] = file_error
        if errors:
            values["errors"] = errors
            response = request.render("customer_quality.portal_pqrs_new", values)
            response.status_code = 400
            return response
        # the line's order or invoice and product come with it (cq.pqrs computes them)
        if line:
            case_values[line_field] = line.id
        if order_id:
            case_values["sale_order_id"] = order_id
        if invoice_id:
            case_values["invoice_id"] = invoice_id
        if companies:
            case_values["company_id"] = companies.pop().id
        case_values.update(
            {
                "partner_id": partner.id,
                "channel": "portal",
                "email_from": partner.email,
                "filer_name": partner.name,
            }
        )
        case = self._cq_create_case(case_values, files, author=partner)
        return request.redirect(f"/my/pqrs/{case.id}?message=filed")

    # ------------------------------------------------------------------
    # Contracts
    # ------------------------------------------------------------------
    def _cq_contract_domain(self):
        partner = request.env.user.partner_id
        return [("partner_id", "child_of", [partner.commercial_partner_id.id]), ("state", "!=", "draft")]

    @http.route(["/my/contracts", "/my/contracts/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_contracts(self, page=1, **kw):
        Contract = request.env["cq.contract"]
        values = self._prepare_portal_layout_values()
        domain = self._cq_contract_domain()
        pager = portal_pager(url="/my/contracts", total=Contract.search_count(domain), page=page,
                             step=self._items_per_page)
        contracts = Contract.search(domain, order="date_start desc, id desc", limit=self._items_per_page,
                                    offset=pager["offset"])
        request.session["my_contracts_history"] = contracts.ids[:100]
        values.update({"contracts": contracts, "page_name": "contracts", "default_url": "/my/contracts",
                       "pager": pager})
        return request.render("customer_quality.portal_my_contracts", values)

    @http.route(["/my/contracts/<int:contract_id>"], type="http", auth="public", website=True)
    def portal_contract_page(self, contract_id, access_token=None, **kw):
        try:
            contract_sudo = self._document_check_access("cq.contract", contract_id, access_token=access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None
        values = self._get_page_view_values(
            contract_sudo, access_token, {"contract": contract_sudo, "page_name": "contracts"},
            "my_contracts_history", False,
        )
        values["invoices"] = contract_sudo.invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type in ("out_invoice", "out_refund")
        )
        values["requirements"] = contract_sudo.cq_requirement_ids.filtered("is_published")
        return request.render("customer_quality.portal_contract_page", values)

    # ------------------------------------------------------------------
    # Customer requirements
    # ------------------------------------------------------------------
    def _cq_requirement_domain(self):
        """The published requirements of the user's company. The portal record rule says the same; the
        explicit domain also holds for internal users, whom no rule limits to one customer."""
        commercial = request.env.user.partner_id.commercial_partner_id
        return [("is_published", "=", True), ("commercial_partner_id", "=", commercial.id)]

    def _cq_requirement_searchbar_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "date_identified desc, id desc"},
            "priority": {"label": request.env._("Priority"), "order": "priority_rank, date_identified desc, id desc"},
            "state": {"label": request.env._("Status"), "order": "state, date_identified desc, id desc"},
        }

    def _cq_requirement_searchbar_filters(self):
        return {
            "all": {"label": request.env._("All"), "domain": []},
            "open": {
                "label": request.env._("Identified or Agreed"),
                "domain": [("state", "in", REQUIREMENT_OPEN_STATES)],
            },
            "met": {"label": request.env._("Met"), "domain": [("state", "=", "met")]},
            "closed": {
                "label": request.env._("Not Met or Withdrawn"),
                "domain": [("state", "in", REQUIREMENT_CLOSED_STATES)],
            },
        }

    @http.route(["/my/requirements", "/my/requirements/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_requirements(self, page=1, sortby="date", filterby="all", search=None, search_in="name", **kw):
        requirements, values = self._cq_portal_list(
            "cq.customer.requirement", "/my/requirements", page, sortby, filterby, search, "name",
            domain=self._cq_requirement_domain(),
            sortings=self._cq_requirement_searchbar_sortings(),
            filters=self._cq_requirement_searchbar_filters(),
            search_label=request.env._("Search in Requirement"),
            search_domain=lambda text: [("name", "ilike", text)],
            history="my_requirements_history",
        )
        # the rule and the domain chose the rows: their orders and contracts are only named
        values.update({"requirements": requirements.sudo(), "page_name": "requirements"})
        return request.render("customer_quality.portal_my_requirements", values)

    @http.route(["/my/requirements/<int:requirement_id>"], type="http", auth="user", website=True)
    def portal_requirement_page(self, requirement_id, **kw):
        # no access token: requirements are not portal documents (no portal.mixin), only the customer's
        # portal users read them, published ones only
        try:
            requirement_sudo = self._document_check_access("cq.customer.requirement", requirement_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        if not requirement_sudo.filtered_domain(self._cq_requirement_domain()):
            raise request.not_found()
        values = self._get_page_view_values(
            requirement_sudo, None, {"requirement": requirement_sudo, "page_name": "requirements"},
            "my_requirements_history", False,
        )
        return request.render("customer_quality.portal_requirement_page", values)
