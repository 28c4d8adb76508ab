import { registry } from "@web/core/registry";

// An employee working in Spanish (es_CO) finds that a customer wrote twice: from the reiteration
// suggestion of the later case, merges it into the earlier one, then answers the earlier one from an
// answer template. The texts asserted are the Spanish ones the employee reads.
registry.category("web_tour.tours").add("cq_pqrs_merge_and_template_tour", {
    steps: () => [
        {
            content: "The later case suggests the earlier one",
            trigger: ".o_form_view .alert-info:contains('Posible reiteración de')",
        },
        {
            content: "Merge them",
            trigger: ".o_form_view .alert-info button[name='action_merge_with_reiteration']:contains('Unir')",
            run: "click",
        },
        {
            content: "The merge dialog, in Spanish, keeps the earlier case",
            trigger: ".modal .modal-title:contains('Unir casos')",
        },
        {
            trigger: ".modal .o_field_widget[name='survivor_id'] input:value('Cobro duplicado en la factura')",
        },
        {
            trigger: ".modal label:contains('Caso que se conserva')",
        },
        {
            content: "Merge",
            trigger: ".modal footer button[name='action_merge']:contains('Unir')",
            run: "click",
        },
        {
            content: "The case kept shows the merged case",
            trigger: ".o_form_view .oe_stat_button[name='action_view_merged']:contains('Casos unidos')",
        },
        {
            content: "Open the answer tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Respuesta')",
            run: "click",
        },
        {
            content: "Start from a template",
            trigger: ".o_form_view .o_field_widget[name='answer_template_id'] input",
            run: "edit Información",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains('Información solicitada')",
            run: "click",
        },
        {
            content: "The answer is written in Spanish, with the case's facts",
            trigger: ".o_form_view .o_field_html[name='answer'] p:contains('Estimado(a) Cliente Duplicado')",
        },
        {
            trigger: ".o_form_view .o_field_html[name='answer'] p:contains('Gracias por su solicitud')",
        },
        {
            content: "Send the answer",
            trigger: ".o_form_view .o_form_statusbar button[name='action_send_answer']",
            run: "click",
        },
        {
            content: "The case is answered",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Respondida')",
        },
    ],
});
