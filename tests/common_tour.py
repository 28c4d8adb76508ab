class EnglishAdminTour:
    """Browser tours that log in as admin read the English labels of the UI;
    the demo's admin works in Spanish (demo/res_company_demo.xml)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.user_admin").lang = "en_US"
