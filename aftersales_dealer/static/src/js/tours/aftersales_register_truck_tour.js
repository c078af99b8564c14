import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// Open the After-Sales app, register a customer's truck, find it again by its plate.
registry.category("web_tour.tours").add("aftersales_register_truck", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("aftersales_dealer.menu_aftersales_root", "Open After-Sales"),
        {
            content: "the app's first screen has loaded before we navigate away",
            trigger: ".o_action_manager .o_view_controller .o_content",
        },
        {
            trigger:
                '.o_menu_sections [data-menu-xmlid="aftersales_dealer.menu_aftersales_customers"]',
            run: "click",
        },
        {
            trigger:
                '.o-dropdown--menu [data-menu-xmlid="aftersales_dealer.fleet_vehicle_menu_aftersales"]',
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=license_plate] input",
            run: "edit 桂L·T9999",
        },
        {
            trigger: ".o_field_widget[name=model_id] input",
            run: "edit Tour J6P",
        },
        {
            trigger: '.ui-menu-item a:contains("Tour J6P")',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=customer_id] input",
            run: "edit Tour Logistics",
        },
        {
            trigger: '.ui-menu-item a:contains("Tour Logistics")',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=vin_sn] input",
            run: "edit lfwsrxsj1t1a09999",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "the truck is saved",
            trigger: ".o_control_panel .o_pager_counter",
        },
        {
            trigger: ".o_breadcrumb .breadcrumb-item:first-child a",
            run: "click",
        },
        {
            trigger: ".o_searchview_input",
            run: "edit T9999",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "exactly one truck found, the one just registered",
            trigger:
                '.o_list_renderer:has(.o_data_row:contains("桂L·T9999")):not(:has(.o_data_row:nth-child(2)))',
        },
    ],
});
