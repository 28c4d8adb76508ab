import { registry } from "@web/core/registry";

// An employee working in Spanish (es_CO) files a claim and answers it: the texts asserted are the
// Spanish ones the employee reads; the header shows only the actions of the case's stage, the
// rare ones are in the gear menu.
registry.category("web_tour.tours").add("cq_pqrs_file_and_answer_tour", {
    steps: () => [
        {
            content: "A new case offers its usual action, highlighted, and no rare one in the header",
            trigger: ".o_form_view .o_form_statusbar button.btn-primary[name='action_start_analysis']:contains('Iniciar análisis')",
            run: () => {
                const header = document.querySelector(".o_form_view .o_form_statusbar .o_statusbar_buttons");
                for (const rare of ["Trasladar", "Desistimiento", "Buscar casos anteriores", "Anular", "Acuse"]) {
                    if (header.textContent.includes(rare)) {
                        throw new Error(`the header shows a rare action: ${rare}`);
                    }
                }
                const buttons = header.querySelectorAll("button:not(.d-none)");
                if (buttons.length > 4) {
                    throw new Error(`${buttons.length} buttons in the header of a new case`);
                }
            },
        },
        {
            content: "Write the subject of the new case",
            trigger: ".o_form_view .o_field_widget[name='subject'] input",
            run: "edit Producto llegó defectuoso tour",
        },
        {
            content: "Choose the type: the legal pack's claim",
            trigger: ".o_form_view .o_field_widget[name='type_id'] input",
            run: "edit Reclamo",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains('Reclamo')",
            run: "click",
        },
        {
            content: "Choose the customer",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
            run: "edit Cliente del Tour",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains('Cliente del Tour')",
            run: "click",
        },
        {
            content: "File the case",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The case has its filing number and due date",
            trigger: ".o_form_view .o_field_widget[name='name'] span:contains('REC-')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='date_due'] span:not(:empty)",
        },
        {
            content: "The status bar shows the stages, in Spanish",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Radicada')",
        },
        {
            content: "The rare actions are in the gear menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Traslado a la entidad competente')",
        },
        {
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Registrar desistimiento')",
        },
        {
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Anular el caso')",
        },
        {
            content: "Close the gear menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Start the analysis",
            trigger: ".o_form_view .o_form_statusbar button[name='action_start_analysis']",
            run: "click",
        },
        {
            content: "In analysis, answering is the usual action",
            trigger: ".o_form_view .o_form_statusbar button.btn-primary[name='action_send_answer']:contains('Enviar respuesta')",
        },
        {
            content: "Open the answer tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Respuesta')",
            run: "click",
        },
        {
            content: "Write the answer",
            trigger: ".o_form_view .o_field_html[name='answer'] .odoo-editor-editable p",
            run: "editor Hemos reemplazado el producto defectuoso.",
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
        {
            content: "Closing is now the usual action",
            trigger: ".o_form_view .o_form_statusbar button.btn-primary[name='action_close']:contains('Cerrar')",
        },
    ],
});
