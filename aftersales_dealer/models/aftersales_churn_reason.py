from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesChurnReason(models.Model):
    _name = "aftersales.churn.reason"
    _description = "Customer Churn Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This churn cause already exists."),
    ]

    @api.constrains("name")
    def _check_name_unique(self):
        # the SQL rule compares the whole translated value: two causes named alike in
        # one language slip past it, so compare English and the user's language
        langs = {"en_US", self.env.lang or "en_US"}
        for reason in self:
            for lang in langs:
                name = (reason.with_context(lang=lang).name or "").strip()
                if name and self.with_context(lang=lang, active_test=False).search_count(
                    [("id", "!=", reason.id), ("name", "=", name)], limit=1
                ):
                    raise ValidationError(_("The churn cause %(name)s already exists.", name=name))
