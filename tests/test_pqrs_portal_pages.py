import re
from unittest.mock import patch

from lxml import html

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from odoo.addons.mail.tests.common import mail_new_test_user
from .common import form_type

LEGAL_BASIS = "Ley 1755 de 2015, artículo 14: quince días hábiles."
RECOURSE = "Superintendencia de Industria y Comercio (SIC), www.sic.gov.co"


def _cls(name):
    """XPath condition: the element has the class `name` (not only a class starting with it)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _texts(tree, xpath):
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


@tagged("post_install", "-at_install")
class TestPqrsPortalPages(HttpCase):
    """What the filer reads: the /my entry, the confirmation and the tracking page, the portal case
    page (rating, conversation, actions, status), checked in the HTML as served."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_param = cls.env["ir.config_parameter"].sudo().set_param
        set_param("customer_quality.pqrs_public_rate_ip", 50)
        set_param("customer_quality.pqrs_public_rate_track_ip", 50)
        cls.customer = cls.env["res.partner"].create({"name": "Gases del Norte S.A.S.", "is_company": True})
        cls.portal = mail_new_test_user(cls.env, login="cq_pages_portal", password="cq_pages_portal_pwd",
                                        name="Paula Página", groups="base.group_portal", lang="en_US",
                                        email="paula.pagina@example.com")
        cls.portal.partner_id.parent_id = cls.customer
        cls.staff = mail_new_test_user(cls.env, login="cq_pages_staff", name="Sergio Secreto",
                                       groups="base.group_user,customer_quality.group_cq_user",
                                       email="sergio.secreto@example.com")
        cls.claim = form_type(cls.env, "customer_quality.cq_pqrs_type_claim")
        cls.claim.write({"legal_basis": LEGAL_BASIS, "recourse": RECOURSE, "extension_allowed": True})
        cls.root_cause = cls.env["cq.pqrs.root.cause"].create({"name": "Válvulas"})

    def _case(self, **values):
        return self.env["cq.pqrs"].create({
            "subject": "Cilindro con fuga", "description": "<p>El cilindro pierde gas.</p>",
            "type_id": self.claim.id, "partner_id": self.portal.partner_id.id, "user_id": self.staff.id,
            **values,
        })

    def _close(self, case):
        case.write({"root_cause_id": self.root_cause.id, "root_cause_analysis": "Válvula defectuosa del lote 12"})
        case.action_close()
        self.flush_tracking()

    def _answer(self, case, text="<p>Cambiamos la válvula del cilindro.</p>"):
        case.answer = text
        case.action_send_answer()
        self.env["cq.pqrs"]._cron_send_answers()  # the job that sends the answer email
        self.flush_tracking()

    def flush_tracking(self):
        """The tracking Odoo writes at commit time: one message per record and transaction."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response, html.fromstring(response.text)

    def _case_ratings(self, case):
        return self.env["rating.rating"].sudo().search([("res_model", "=", "cq.pqrs"), ("res_id", "=", case.id)])

    def _csrf(self, tree):
        return tree.xpath("//input[@name='csrf_token']/@value")[0]

    # ------------------------------------------------------------------
    # /my entry
    # ------------------------------------------------------------------
    def test_my_home_entry_follows_core(self):
        self.authenticate("cq_pages_portal", "cq_pages_portal_pwd")
        _response, tree = self._get("/my")
        cards = tree.xpath(f"//div[{_cls('o_portal_index_card')}][.//a[@href='/my/pqrs']]")
        self.assertEqual(len(cards), 1)
        card = cards[0]
        # core's entry: col-md-6 card, a small pictogram, the title and the text in the link
        self.assertIn("col-md-6", card.get("class"))
        self.assertEqual(card.xpath(f".//div[{_cls('o_portal_icon')}]/img/@src"),
                         ["/customer_quality/static/src/img/pqrs.svg"])
        self.assertEqual(_texts(card, ".//a//span[not(@data-placeholder_count)]"), ["Requests and Complaints (PQRS)"])
        self.assertIn("File a petition, complaint, claim or suggestion", card.text_content())
        self.assertEqual(card.xpath(".//span/@data-placeholder_count"), ["pqrs_count"])
        svg = self.url_open("/customer_quality/static/src/img/pqrs.svg")
        self.assertEqual(svg.status_code, 200)
        self.assertIn('width="64" height="64"', svg.text)

    def test_other_entries_use_pictograms_too(self):
        """The contracts and requirements entries, like the PQRS one, show a 64 px pictogram."""
        self.authenticate("cq_pages_portal", "cq_pages_portal_pwd")
        _response, tree = self._get("/my")
        icons = tree.xpath(f"//div[{_cls('o_portal_icon')}]/img/@src")
        self.assertIn("/customer_quality/static/src/img/contract.svg", icons)
        self.assertNotIn("/customer_quality/static/description/icon.png", icons, "the 256 px app icon")
        for svg in ("contract.svg", "requirement.svg"):
            response = self.url_open(f"/customer_quality/static/src/img/{svg}")
            self.assertEqual(response.status_code, 200)
            self.assertIn('width="64" height="64"', response.text)

    def test_my_list_says_the_status_once(self):
        case = self._case()
        self._answer(case)
        self.authenticate("cq_pages_portal", "cq_pages_portal_pwd")
        _response, tree = self._get("/my/pqrs")
        row = tree.xpath(f"//tr[{_cls('o_cq_pqrs_row')}][@data-pqrs-id='{case.id}']")[0]
        self.assertEqual(row.text_content().count("Answered"), 1, "the status, not the ending again")

    # ------------------------------------------------------------------
    # Confirmation, acknowledgement, tracking page
    # ------------------------------------------------------------------
    def _post_public(self, **values):
        _response, tree = self._get("/pqrs/new")
        data = {
            "type_id": self.claim.id, "name": "Víctor Visitante", "email": "victor@example.com",
            "subject": "Entrega incompleta", "description": "Faltaron dos cilindros.", "consent": "on",
            "csrf_token": self._csrf(tree), **values,
        }
        with patch.dict(config.options, {"proxy_mode": True}):
            return self.url_open("/pqrs/new", data=data, headers={
                "X-Forwarded-For": "10.9.9.9", "X-Forwarded-Host": f"127.0.0.1:{config['http_port']}"})

    def _track(self, number, code):
        _response, tree = self._get("/pqrs/track")
        return self.url_open("/pqrs/track", data={"number": number, "code": code, "csrf_token": self._csrf(tree)})

    def test_confirmation_and_acknowledgement_link_the_tracking_page_without_the_code(self):
        response = self._post_public()
        self.assertEqual(response.status_code, 200)
        case = self.env["cq.pqrs"].search([("subject", "=", "Entrega incompleta")])
        self.assertEqual(len(case), 1)
        tree = html.fromstring(response.text)
        self.assertEqual(tree.xpath(f"//a[{_cls('o_cq_pqrs_track_link')}]/@href"),
                         [f"/pqrs/track?number={case.name}"])
        self.assertEqual(_texts(tree, f"//code[{_cls('o_cq_pqrs_code')}]"), [case.lookup_code])
        self.assertFalse([href for href in tree.xpath("//@href") if case.lookup_code in href])
        self.assertNotIn(">/pqrs/track<", response.text)

        # the link opens the form with the number filled in and the code left to the filer
        _response, tree = self._get(f"/pqrs/track?number={case.name}")
        self.assertEqual(tree.xpath("//input[@name='number']/@value"), [case.name])
        self.assertEqual(tree.xpath("//input[@name='code']/@value"), [])
        self.assertEqual(tree.xpath("//input[@name='code']/@autofocus"), ["autofocus"])
        self.assertFalse(tree.xpath(f"//div[{_cls('o_cq_pqrs_track_result')}]"))

        case._cq_send_acknowledgement()
        ack = case.message_ids.filtered(lambda m: case.name in (m.subject or ""))
        self.assertEqual(len(ack), 1)
        body = html.fromstring(str(ack.body))
        self.assertIn(case.lookup_code, body.text_content())
        links = body.xpath("//a/@href")
        self.assertIn(f"{case.get_base_url()}/pqrs/track?number={case.name}", links)
        self.assertFalse([href for href in links if case.lookup_code in href])

    def test_tracking_page_shows_the_case_and_its_steps(self):
        case = self._case(channel="web_form", partner_id=False, email_from="victor@example.com",
                          filer_name="Víctor Visitante")
        self.flush_tracking()
        case._cq_send_acknowledgement()
        self.flush_tracking()
        case.action_wait_filer()
        self.flush_tracking()
        case.action_start_analysis()
        self.flush_tracking()
        case._cq_extend(5, "Revisamos los registros de la planta")
        self.flush_tracking()
        case.message_post(body="Nota interna: el proveedor tiene la culpa", subtype_xmlid="mail.mt_note")
        self._answer(case)

        response = self._track(case.name, case.lookup_code)
        self.assertEqual(response.status_code, 200)
        tree = html.fromstring(response.text)
        result = tree.xpath(f"//div[{_cls('o_cq_pqrs_track_result')}]")[0]
        facts = dict(zip(_texts(result, ".//dl/dt"), _texts(result, ".//dl/dd")))
        self.assertEqual(facts["Type"], self.claim.name)
        self.assertEqual(facts["Status"], case.stage_id.name)
        self.assertEqual(facts["Legal term"], case._cq_term_label())
        self.assertRegex(facts["Legal term"], r"^\d+ business days$")
        self.assertEqual(facts["Legal basis"], LEGAL_BASIS)
        self.assertEqual(facts["If you disagree"], RECOURSE)
        self.assertTrue(facts["Filed on"])
        self.assertTrue(facts["Due date"])
        # the status once; the steps in their order
        self.assertEqual(result.text_content().count(case.stage_id.name), 1)
        self.assertEqual(result.xpath(f".//li[{_cls('o_cq_pqrs_step')}]/@data-step"),
                         ["filed", "acknowledged", "waiting", "resumed", "extended", "answered"])
        steps = _texts(result, f".//li[{_cls('o_cq_pqrs_step')}]")
        self.assertIn("Term extended", steps[4])
        self.assertIn("New due date:", steps[4])
        self.assertIn("Answer sent", steps[5])
        self.assertIn("Cambiamos la válvula del cilindro.", result.text_content())
        # only what a filer may see: no note, no responsible, no code in a link
        for secret in ("Nota interna", "Sergio Secreto", "sergio.secreto@example.com", "Revisamos los registros"):
            self.assertNotIn(secret, response.text)
        self.assertFalse([href for href in tree.xpath("//@href") if case.lookup_code in href])

    def test_tracking_page_steps_of_a_reopened_and_closed_case(self):
        case = self._case(channel="web_form")
        self.flush_tracking()
        self._answer(case)
        case.action_reopen()
        self.flush_tracking()
        self._answer(case, "<p>Segunda respuesta.</p>")
        self._close(case)
        tree = html.fromstring(self._track(case.name, case.lookup_code).text)
        self.assertEqual(tree.xpath(f"//li[{_cls('o_cq_pqrs_step')}]/@data-step"),
                         ["filed", "answered", "reopened", "answered", "closed"])

    # ------------------------------------------------------------------
    # Portal case page
    # ------------------------------------------------------------------
    def test_rating_is_asked_once_and_shown_once_given(self):
        case = self._case()
        self._answer(case)
        ratings = self._case_ratings(case)
        self.assertEqual(len(ratings), 1, "sending the answer asks for one rating")
        self.assertFalse(ratings.consumed)

        self.authenticate("cq_pages_portal", "cq_pages_portal_pwd")
        for _view in range(2):
            _response, tree = self._get(f"/my/pqrs/{case.id}")
        self.assertEqual(self._case_ratings(case), ratings, "viewing the page opens no rating request")
        self.assertEqual(len(tree.xpath(f"//section[{_cls('o_cq_pqrs_rating')}]")), 1)
        self.assertEqual(tree.xpath(f"//a[{_cls('o_cq_pqrs_rate_good')}]/@href"),
                         [f"/rate/{ratings.access_token}/5"])

        # the customer rates through the link and leaves feedback
        response = self.url_open(f"/rate/{ratings.access_token}/5")
        self.assertEqual(response.status_code, 200)
        response = self.url_open(f"/rate/{ratings.access_token}/submit_feedback", data={
            "rate": 5, "feedback": "Clear and quick answer, thanks.",
            "csrf_token": self._csrf(html.fromstring(response.text)),
        })
        self.assertEqual(response.status_code, 200)
        self.assertTrue(ratings.consumed)

        for _view in range(2):
            response, tree = self._get(f"/my/pqrs/{case.id}")
        self.assertEqual(self._case_ratings(case), ratings, "one rating per answer")
        self.assertFalse(tree.xpath(f"//section[{_cls('o_cq_pqrs_rating')}]"))
        self.assertNotIn("How satisfied are you with our answer?", response.text)
        self.assertFalse([href for href in tree.xpath("//@href") if href.startswith("/rate/")])
        given = tree.xpath(f"//section[{_cls('o_cq_pqrs_rating_given')}]")
        self.assertEqual(len(given), 1)
        self.assertEqual(_texts(given[0], f".//span[{_cls('o_cq_pqrs_rating_value')}]"), ["Satisfied"])
        self.assertEqual(given[0].xpath(".//img/@src"), ["/rating/static/src/img/rating_5.png"])
        self.assertEqual(_texts(given[0], ".//blockquote"), ["Clear and quick answer, thanks."])

        # the same through the link with the access token, without logging in
        self.logout()
        _response, tree = self._get(case.get_portal_url())
        self.assertEqual(len(tree.xpath(f"//section[{_cls('o_cq_pqrs_rating_given')}]")), 1)
        self.assertEqual(self._case_ratings(case), ratings)

        # a new answer after reopening asks for a new rating, once
        case.action_reopen()
        self._answer(case, "<p>Segunda respuesta.</p>")
        self.assertEqual(len(self._case_ratings(case)), 2)
        self.authenticate("cq_pages_portal", "cq_pages_portal_pwd")
        _response, tree = self._get(f"/my/pqrs/{case.id}")
        _response, tree = self._get(f"/my/pqrs/{case.id}")
        self.assertEqual(len(self._case_ratings(case)), 2)
        self.assertEqual(len(tree.xpath(f"//section[{_cls('o_cq_pqrs_rating')}]")), 1)

    def _chatter(self, case, **params):
        result = self.make_jsonrpc_request("/mail/chatter_fetch", {
            "thread_model": "cq.pqrs", "thread_id": case.id, "limit": 30, **params})
        return [" ".join(html.fromstring(message["body"]).text_content().split())
                for message in result["data"]["mail.message"] if message.get("body")]

    def test_conversation_shows_the_public_messages(self):
        case = self._case()
        self.flush_tracking()
        case.with_user(self.staff).message_post(
            body="Hola Paula, revisamos el cilindro.", message_type="comment", subtype_xmlid="mail.mt_comment")
        case.with_user(self.staff).message_post(body="Nota interna: cliente difícil", subtype_xmlid="mail.mt_note")
        case.with_user(self.portal).message_post(
            body="Gracias, quedo atenta.", message_type="comment", subtype_xmlid="mail.mt_comment")
        self._answer(case)

        self.authenticate("cq_pages_portal", "cq_pages_portal_pwd")
        _response, tree = self._get(f"/my/pqrs/{case.id}")
        chatter = tree.xpath(f"//div[@id='discussion'][{_cls('o_portal_chatter')}]")
        self.assertEqual(len(chatter), 1)
        self.assertEqual(chatter[0].get("data-res_model"), "cq.pqrs")
        self.assertEqual(chatter[0].get("data-res_id"), str(case.id))
        for bodies in (self._chatter(case), ):
            self.assertEqual(len(bodies), 3, bodies)
            self.assertTrue(any("Cambiamos la válvula del cilindro." in body for body in bodies), "the answer letter")
            self.assertIn("Hola Paula, revisamos el cilindro.", bodies)
            self.assertIn("Gracias, quedo atenta.", bodies)
            self.assertFalse([body for body in bodies if "Nota interna" in body])

        # through the link with the access token, without logging in: the same conversation
        self.logout()
        _response, tree = self._get(case.get_portal_url())
        chatter = tree.xpath("//div[@id='discussion']")[0]
        self.assertEqual(chatter.get("data-token"), case.access_token)
        bodies = self._chatter(case, token=case.access_token)
        self.assertEqual(len(bodies), 3, bodies)
        self.assertFalse([body for body in bodies if "Nota interna" in body])

    def test_case_page_actions_in_a_column_and_the_status_once(self):
        case = self._case()
        self._answer(case)
        self.authenticate("cq_pages_portal", "cq_pages_portal_pwd")
        response, tree = self._get(f"/my/pqrs/{case.id}")
        status = case.stage_id.name
        self.assertEqual(status, "Answered")
        self.assertEqual(len(re.findall(rf">\s*{status}\s*<", response.text)), 1, "the status once")
        self.assertFalse(tree.xpath(f"//section[{_cls('o_cq_pqrs_ending')}]"))
        main = tree.xpath(f"//div[{_cls('o_cq_pqrs_main')}]")[0]
        side = tree.xpath(f"//div[{_cls('o_cq_pqrs_sidebar')}]")[0]
        self.assertIn("col-lg-8", main.get("class"))
        self.assertIn("col-lg-4", side.get("class"))
        self.assertIs(main.getparent(), side.getparent())
        self.assertIn("row", main.getparent().get("class"))
        # every control the customer has is in the column, each in its own section
        for control in ("o_cq_pqrs_rate_good", "o_cq_pqrs_decision_accept", "o_cq_pqrs_decision_reject",
                        "o_cq_pqrs_reopen"):
            self.assertEqual(len(side.xpath(f".//*[{_cls(control)}]")), 1, control)
            self.assertFalse(main.xpath(f".//*[{_cls(control)}]"), control)
        self.assertEqual(len(side.xpath("./div/section")), 3)
        # the conversation below both columns
        self.assertFalse(main.xpath(".//div[@id='discussion']"))

        self._close(case)
        response, tree = self._get(f"/my/pqrs/{case.id}")
        self.assertEqual(len(re.findall(rf">\s*{case.stage_id.name}\s*<", response.text)), 1)
        # closed: the ending says how (answered), once
        self.assertEqual(_texts(tree, f"//section[{_cls('o_cq_pqrs_ending')}]//span[@data-ending]"),
                         ["Answered"])
