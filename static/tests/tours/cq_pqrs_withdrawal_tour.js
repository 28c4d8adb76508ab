import { registry } from "@web/core/registry";

// A portal user withdraws a request from the portal case page (Ley 1755 de 2015, art. 18)
registry.category("web_tour.tours").add("cq_pqrs_withdrawal_tour", {
    steps: () => [
        {
            content: "Open the withdrawal form",
            trigger: "button.o_cq_pqrs_withdraw_toggle",
            run: "click",
        },
        {
            content: "Give a reason",
            trigger: ".o_cq_pqrs_withdraw_form textarea[name='reason']:visible",
            run: "edit Ya no lo necesito",
        },
        {
            content: "Confirm the withdrawal",
            trigger: ".o_cq_pqrs_withdraw_form input[name='confirm']",
            run: "check",
        },
        {
            trigger: "button.o_cq_pqrs_withdraw_confirm",
            run: "click",
        },
        {
            content: "The case shows its ending",
            trigger: ".o_cq_pqrs_ending_badge[data-ending='withdrawn']",
        },
        {
            content: "The withdrawal button is gone",
            trigger: "body:not(:has(.o_cq_pqrs_withdraw_toggle))",
        },
        {
            content: "The conversation of the case has loaded (the tour must not end while the page still loads it)",
            trigger: "#chatterRoot:shadow .o-mail-Chatter",
        },
    ],
});
