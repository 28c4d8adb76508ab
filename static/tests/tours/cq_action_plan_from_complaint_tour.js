import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("cq_action_plan_from_complaint_tour", {
    steps: () => [
        {
            content: "Open an action plan from the complaint in one click",
            trigger: ".o_form_view .o_form_statusbar button[name='action_open_action_plan']",
            run: "click",
        },
        {
            content: "The plan is created from the complaint",
            trigger: ".o_form_view .o_field_widget[name='name'] span:contains('AP-')",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='draft']",
        },
        {
            content: "Actions tab",
            trigger: ".o_form_view .o_notebook .nav-link[name='actions']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: "edit Weekly route plan with the carrier",
        },
        {
            content: "Root cause tab",
            trigger: ".o_form_view .o_notebook .nav-link[name='root_cause']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='why_1'] input",
            run: "edit The carrier had no route plan",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='root_cause'] textarea",
            run: "edit No route planning for deliveries outside the city",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Start the actions",
            trigger: ".o_form_view .o_form_statusbar button[name='action_start']",
            run: "click",
        },
        {
            content: "The plan is in progress",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='in_progress']",
        },
    ],
});
