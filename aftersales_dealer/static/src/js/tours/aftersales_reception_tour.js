import {registry} from "@web/core/registry";

// Receive a truck from its repair order, then open the pre-inspection form.
registry.category("web_tour.tours").add("aftersales_reception_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_open_receive_wizard]",
            run: "click",
        },
        {
            trigger: ".modal div[name=odometer] input",
            run: "edit 1200",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_open_pre_inspection]",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=line_ids] .o_data_row",
        },
    ],
});
