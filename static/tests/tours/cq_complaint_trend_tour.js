import { registry } from "@web/core/registry";

// Names set by tests/test_complaint_trend.py: they are data, not UI text, so
// the tour does not depend on the user's language.
const PRODUCT = "CQ Trend Pump";
const FAVORITE = "CQ Trend Pump only";
// 3, 5 and 7 complaints in three months: the least-squares line is 3, 5, 7.
const MONTHLY = [3, 5, 7];
const MONTHLY_TREND = [3, 5, 7];
// cumulated: 3, 8, 15; slope 6, intercept 8.67 - 6 = 2.67
const CUMULATED = [3, 8, 15];
const CUMULATED_TREND = [2.67, 8.67, 14.67];

const round = (values) =>
    values.map((value) => (value === undefined ? value : Math.round(value * 100) / 100));
const same = (values, expected) => JSON.stringify(values) === JSON.stringify(expected);

function getChart() {
    const canvas = document.querySelector(".o_graph_canvas_container canvas");
    const chart = canvas && window.Chart?.getChart(canvas);
    if (!chart) {
        throw new Error("No Chart.js chart in the graph view");
    }
    if (chart.config.type !== "line") {
        throw new Error(`The complaint trend is a line chart, got ${chart.config.type}`);
    }
    return chart;
}

/**
 * The product's series holds `values` and its own trend line holds `trend`.
 * @returns {Object} the chart, the series and its trend
 */
function checkSeriesTrend(values, trend) {
    const chart = getChart();
    const datasets = chart.data.datasets;
    const labels = datasets.map((dataset) => dataset.label).join(", ");
    const series = datasets.find((dataset) => !dataset.cqTrend && dataset.label === PRODUCT);
    if (!series || !same(series.data, values)) {
        throw new Error(`Series of ${PRODUCT} should be ${values}; datasets: ${labels}`);
    }
    const trendDataset = datasets.find((dataset) => dataset.cqTrend && dataset.trendOf === PRODUCT);
    if (!trendDataset) {
        throw new Error(`No trend line for ${PRODUCT}; datasets: ${labels}`);
    }
    if (!same(round(trendDataset.data), trend)) {
        throw new Error(`Trend of ${PRODUCT} should be ${trend}, got ${trendDataset.data}`);
    }
    if (
        !trendDataset.borderDash?.length ||
        trendDataset.pointRadius !== 0 ||
        trendDataset.borderColor !== series.borderColor ||
        !(trendDataset.borderWidth < series.borderWidth)
    ) {
        throw new Error("The trend line is dashed, thinner, without points, in the colour of its series");
    }
    if (trendDataset.label === series.label || !trendDataset.label.includes(PRODUCT)) {
        throw new Error(`Unexpected trend label ${trendDataset.label}`);
    }
    return { chart, series };
}

function hoverSecondMonth(chart, series) {
    const point = chart.getDatasetMeta(chart.data.datasets.indexOf(series)).data[1];
    const rect = chart.canvas.getBoundingClientRect();
    chart.canvas.dispatchEvent(
        new MouseEvent("mousemove", {
            bubbles: true,
            clientX: rect.left + point.x,
            clientY: rect.top + point.y,
        })
    );
}

registry.category("web_tour.tours").add("cq_complaint_trend_tour", {
    steps: () => [
        {
            content: "The default favourite keeps only the test product",
            trigger: `.o_searchview_facet:contains('${FAVORITE}')`,
        },
        {
            content: "The complaint trend is a line chart with a trend line",
            trigger: ".o_graph_view .o_graph_canvas_container canvas",
            run() {
                const { chart, series } = checkSeriesTrend(MONTHLY, MONTHLY_TREND);
                hoverSecondMonth(chart, series);
            },
        },
        {
            content: "The tooltip shows the fitted value of the trend",
            trigger: `.o_graph_custom_tooltip tr:has(.o_label:contains('${PRODUCT}')) .o_value:contains('5.00')`,
        },
        {
            content: "Cumulate the months",
            trigger: ".o_graph_view button.o_graph_button.fa-signal:not(.active)",
            run: "click",
        },
        {
            content: "The trend follows the cumulated values",
            trigger: ".o_graph_view button.o_graph_button.fa-signal.active",
            run: () => checkSeriesTrend(CUMULATED, CUMULATED_TREND),
        },
        {
            content: "Stack the lines",
            trigger: ".o_graph_view button.o_graph_button.fa-database:not(.active)",
            run: "click",
        },
        {
            content: "Stacked lines only get the trend of the total",
            trigger: ".o_graph_view button.o_graph_button.fa-database.active",
            run() {
                const trends = getChart().data.datasets.filter((dataset) => dataset.cqTrend);
                if (trends.length !== 1 || trends[0].trendOf === PRODUCT) {
                    throw new Error(`One trend of the total expected, got ${trends.map((t) => t.label)}`);
                }
                if (!same(round(trends[0].data), CUMULATED_TREND)) {
                    throw new Error(`Trend of the total should be ${CUMULATED_TREND}, got ${trends[0].data}`);
                }
            },
        },
    ],
});
