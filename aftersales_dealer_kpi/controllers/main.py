from odoo import http
from odoo.http import content_disposition, request


class AftersalesKpiController(http.Controller):
    @http.route("/aftersales_kpi/meeting/<int:meeting_id>/xlsx", type="http", auth="user")
    def meeting_xlsx(self, meeting_id):
        # browse through the user's rights: another company's meeting raises AccessError
        meeting = request.env["aftersales.kpi.meeting"].browse(meeting_id).exists()
        if not meeting:
            raise request.not_found()
        meeting.check_access("read")
        content = meeting._kpi_export_xlsx()
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(f"{meeting.name}.xlsx")),
            ],
        )
