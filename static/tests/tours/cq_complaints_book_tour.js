import { registry } from "@web/core/registry";

// A consumer on the Spanish page of an establishment's complaints book (/es/pqrs/book/<id>) files a
// claim sheet and gets it at once; the texts asserted are the Spanish ones the consumer reads.
registry.category("web_tour.tours").add("cq_complaints_book_public_tour", {
    steps: () => [
        {
            content: "The book speaks Spanish and shows both definitions",
            trigger: "h1:contains('Libro de Reclamaciones')",
            run: () => {
                const text = document.querySelector(".o_cq_complaints_book_form").textContent;
                for (const words of [
                    "Identificación del consumidor reclamante",
                    "Identificación del bien contratado",
                    "Disconformidad relacionada a los productos o servicios.",
                    "malestar o descontento respecto a la atención al público",
                    "15 días hábiles, un plazo que no puede ampliarse",
                ]) {
                    if (!text.includes(words)) {
                        throw new Error(`the sheet does not read "${words}"`);
                    }
                }
            },
        },
        { trigger: "input[name='name']", run: "edit Carmen Rojas Díaz" },
        { trigger: "select[name='document_type']", run: "select dni" },
        { trigger: "input[name='document']", run: "edit 45871236" },
        { trigger: "input[name='address']", run: "edit Jr. Huallaga 320, Lima" },
        { trigger: "input[name='email']", run: "edit carmen.tour@example.com" },
        { trigger: "input[name='item_kind'][value='product']", run: "check" },
        { trigger: "input[name='amount']", run: "edit 349.90" },
        { trigger: "input[name='item']", run: "edit Horno microondas tour" },
        {
            content: "A claim: the goods are at fault",
            trigger: ".o_cq_book_types label:contains('Reclamo')",
            run: "click",
        },
        { trigger: "textarea[name='description']", run: "edit El horno llegó con la puerta rota." },
        { trigger: "textarea[name='remedy']", run: "edit Cambio del horno." },
        { trigger: "input[name='consent']", run: "check" },
        {
            trigger: "button.o_cq_book_submit:contains('Registrar la hoja')",
            run: "click",
        },
        {
            content: "The sheet is filed and the consumer gets it at once",
            trigger: "h1:contains('Su hoja de reclamación fue registrada.')",
        },
        {
            trigger: ".o_cq_book_number:contains('MIR-01-')",
        },
        {
            trigger: "a.o_cq_book_pdf:contains('Descargue su hoja (PDF)')",
        },
    ],
});

// Staff working in Spanish answer the sheet: its tab shows what the consumer wrote, the answer is the
// supplier's section of the sheet.
registry.category("web_tour.tours").add("cq_complaints_book_answer_tour", {
    steps: () => [
        {
            content: "The sheet's tab shows what the consumer wrote",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Hoja del Libro de Reclamaciones')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='claimed_item'] input:value('Horno microondas tour')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='amount_claimed'] input:value('349,90')",
        },
        {
            content: "A sheet may end by an agreement on the spot",
            trigger: ".o_form_view .o_form_statusbar button[name='action_open_agreement_wizard']:contains('Acuerdo en el momento')",
        },
        {
            content: "Start the analysis",
            trigger: ".o_form_view .o_form_statusbar button[name='action_start_analysis']:contains('Iniciar análisis')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_notebook .nav-link:contains('Respuesta')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_html[name='answer'] .odoo-editor-editable p",
            run: "editor Le cambiamos el horno en la tienda.",
        },
        {
            content: "Send the answer",
            trigger: ".o_form_view .o_form_statusbar button[name='action_send_answer']:contains('Enviar respuesta')",
            run: "click",
        },
        {
            content: "The sheet is answered",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Respondida')",
        },
    ],
});
