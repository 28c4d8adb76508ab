import { registry } from "@web/core/registry";

// An employee working in Spanish (es_CO) reads the PQRS kanban: a case waiting for the filer shows
// its term suspended, never a red due date; an overdue case in analysis shows its due date in red.
registry.category("web_tour.tours").add("cq_pqrs_kanban_term_tour", {
    steps: () => [
        {
            content: "The waiting case shows its suspended term, in Spanish",
            trigger: ".o_kanban_record:contains('Caso en espera del tour') .o_cq_pqrs_term_suspended:contains('Término suspendido')",
            run: () => {
                const card = [...document.querySelectorAll(".o_kanban_record")].find((el) =>
                    el.textContent.includes("Caso en espera del tour")
                );
                if (card.querySelector(".o_cq_pqrs_kanban_due .text-danger")) {
                    throw new Error("a case waiting for the filer shows a red due date");
                }
            },
        },
        {
            content: "The overdue case in analysis shows its due date in red",
            trigger: ".o_kanban_record:contains('Caso vencido del tour') .o_cq_pqrs_kanban_due .text-danger",
        },
    ],
});
