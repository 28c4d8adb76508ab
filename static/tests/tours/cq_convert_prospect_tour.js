import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("cq_convert_prospect_tour", {
    steps: () => [
        {
            content: "Open the prospect from the Prospects list",
            trigger: ".o_list_view .o_data_row td.o_data_cell:contains('Prospecto Tour Ltda.')",
            run: "click",
        },
        {
            content: "The prospect shows its stage",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Prospect')",
        },
        {
            content: "Convert it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_cq_convert']",
            run: "click",
        },
        {
            content: "The customer's quotation is proposed as formalising document",
            trigger: ".modal .o_field_widget[name='document'] input:value(S0)",
        },
        {
            content: "Confirm the conversion",
            trigger: ".modal button[name='action_convert']",
            run: "click",
        },
        {
            content: "The contact is now a captive customer",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Captive Customer')",
        },
        {
            content: "The conversion shows as a smart button",
            trigger: ".o_form_view button[name='action_cq_open_conversion_document']",
        },
    ],
});
