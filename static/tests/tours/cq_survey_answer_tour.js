import { registry } from "@web/core/registry";

function scale(question, value) {
    return {
        content: `Answer ${question}: ${value}`,
        trigger: `div.js_question-wrapper:contains("${question}") label.o_survey_choice_btn:has(input[value='${value}'])`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("cq_survey_answer_tour", {
    steps: () => [
        {
            content: "Start the survey from the invitation link",
            trigger: "button.btn:contains(Start)",
            run: "click",
        },
        scale("overall", 5),
        scale("requirements agreed", 4),
        scale("delivery times", 5),
        scale("requests and complaints", 4),
        scale("recommend us", 9),
        {
            content: "Leave a comment",
            trigger: 'div.js_question-wrapper:contains("improve") textarea',
            run: "edit Todo bien, seguir así",
        },
        {
            content: "Submit",
            trigger: "button[value='finish']:not(.disabled)",
            run: "click",
        },
        {
            content: "The survey is done",
            trigger: ".o_survey_finished",
        },
    ],
});
