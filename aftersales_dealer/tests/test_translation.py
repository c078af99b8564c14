from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestChineseTranslation(TransactionCase):
    """The staff work in Chinese: the addon's zh_CN terms load and reach the screens."""

    def test_zh_cn_terms_loaded(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_dealer"], ["zh_CN"], overwrite=True
        )
        Partner = self.env["res.partner"].with_context(lang="zh_CN")
        segment = Partner.fields_get(["aftersales_segment"])["aftersales_segment"]
        self.assertEqual(segment["string"], "客户分类")
        self.assertIn(("retained", "保有客户"), segment["selection"])
        menu = self.env.ref("aftersales_dealer.menu_aftersales_root").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "售后服务")
