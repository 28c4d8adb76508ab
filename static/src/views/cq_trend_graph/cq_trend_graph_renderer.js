import { _t } from "@web/core/l10n/translation";
import { cookie } from "@web/core/browser/cookie";
import { getCustomColor } from "@web/core/colors/colors";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

/**
 * Above this number of series, a trend line per series would hide the data
 * (two lines per series, each with its own legend entry): the chart then only
 * gets the trend of the total, i.e. the sum of all series of the same origin
 * at each x. The same total-only rule applies when the lines are stacked: a
 * stacked line draws running sums, so a per-series trend would not lie on its
 * series, while the trend of the total lies on the top line.
 */
export const MAX_SERIES_WITH_OWN_TREND = 6;

const TREND_DASH = [6, 4];

/**
 * Least-squares straight line y = a + b·x over the x index of the points.
 * Points whose value is `undefined`, `null` or not a number are ignored.
 *
 * @param {Array<number|undefined>} values y per x index
 * @returns {Array<number|undefined>|null} the fitted value at each index from
 *      the first to the last real point (`undefined` outside that span), or
 *      null with fewer than 2 real points.
 */
export function linearTrend(values) {
    const points = [];
    values.forEach((y, x) => {
        if (typeof y === "number" && Number.isFinite(y)) {
            points.push([x, y]);
        }
    });
    if (points.length < 2) {
        return null;
    }
    const n = points.length;
    const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
    const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (const [x, y] of points) {
        sxy += (x - meanX) * (y - meanY);
        sxx += (x - meanX) ** 2;
    }
    const slope = sxy / sxx; // sxx > 0: the x indexes are distinct
    const intercept = meanY - slope * meanX;
    const first = points[0][0];
    const last = points[n - 1][0];
    return values.map((_, x) => (x >= first && x <= last ? intercept + slope * x : undefined));
}

/**
 * Sum of several series at each x index; `undefined` where no series has a
 * value at that index.
 *
 * @param {Array<Array<number|undefined>>} series
 * @returns {Array<number|undefined>}
 */
function sumSeries(series) {
    const length = Math.max(...series.map((values) => values.length));
    return Array.from({ length }, (_, x) => {
        const defined = series
            .map((values) => values[x])
            .filter((y) => typeof y === "number" && Number.isFinite(y));
        return defined.length ? defined.reduce((sum, y) => sum + y, 0) : undefined;
    });
}

/**
 * Graph renderer that draws, in line mode, the linear trend of the series
 * next to them ("complaint trends by product and cause per month with the
 * trend line"). Bar and pie modes are those of the standard graph view.
 *
 * A trend dataset is marked `cqTrend: true` and `trendOf: <label of its
 * series>`. It keeps the `trueLabels` of its series for the tooltip and, for
 * a per-series trend, the `domains` of its series: in line mode the graph view
 * binds no click handler (see GraphRenderer.prepareOptions), and if one were
 * bound a click on a trend point would open the records of its series. The
 * trend of the total has no `domains`, so a click on it does nothing.
 */
export class CqTrendGraphRenderer extends GraphRenderer {
    /**
     * @override
     */
    getLineChartData() {
        // The core method styles the series and cumulates their values when
        // "cumulative" is on: the trends below regress what is drawn.
        const data = super.getLineChartData();
        const trends = this.getTrendDatasets(data.datasets);
        if (!trends.length) {
            return data;
        }
        // Like the bar chart's line overlay, the trends are not added to
        // this.model.data: the model's datasets stay the real series only.
        return { ...data, datasets: [...data.datasets, ...trends] };
    }

    /**
     * @param {Object[]} datasets the styled line datasets
     * @returns {Object[]} the trend datasets to draw
     */
    getTrendDatasets(datasets) {
        const { domains, stacked } = this.model.metaData;
        const series = datasets.filter((dataset) => !dataset.cqTrend);
        const trends = [];
        if (series.length <= MAX_SERIES_WITH_OWN_TREND && !stacked) {
            for (const dataset of series) {
                const values = linearTrend(dataset.data);
                if (values) {
                    trends.push(
                        this.makeTrendDataset(dataset.label, values, dataset.borderColor, {
                            trueLabels: [...(dataset.trueLabels || [])],
                            domains: dataset.domains ? [...dataset.domains] : undefined,
                            originIndex: dataset.originIndex,
                        })
                    );
                }
            }
            return trends;
        }
        // Total-only rule: one trend per origin (period compared), of the sum
        // of its series.
        const colorScheme = cookie.get("color_scheme");
        const color = getCustomColor(colorScheme, "#343a40", "#e9ecef");
        const origins = [...new Set(series.map((dataset) => dataset.originIndex))];
        for (const originIndex of origins) {
            const ofOrigin = series.filter((dataset) => dataset.originIndex === originIndex);
            const values = linearTrend(sumSeries(ofOrigin.map((dataset) => dataset.data)));
            if (!values) {
                continue;
            }
            const description = origins.length > 1 ? domains[originIndex]?.description : "";
            const label = description ? `${_t("Total")} / ${description}` : _t("Total");
            trends.push(
                this.makeTrendDataset(label, values, color, {
                    trueLabels: [...(ofOrigin[0].trueLabels || [])],
                    originIndex,
                })
            );
        }
        return trends;
    }

    /**
     * @param {string} label label of the series the trend belongs to
     * @param {Array<number|undefined>} values fitted values
     * @param {string} color colour of the series
     * @param {Object} extra trueLabels, domains, originIndex
     * @returns {Object} a Chart.js line dataset
     */
    makeTrendDataset(label, values, color, extra) {
        const trendOf = String(label);
        return {
            ...extra,
            label: _t("Trend: %s", trendOf),
            cqTrend: true,
            trendOf,
            data: values,
            borderColor: color,
            backgroundColor: color,
            hoverBackgroundColor: color,
            pointBackgroundColor: color,
            borderDash: TREND_DASH,
            borderWidth: 1,
            pointRadius: 0,
            pointHoverRadius: 0,
            pointHitRadius: 0,
            fill: false,
            tension: 0,
            cubicInterpolationMode: "default",
            spanGaps: true,
            // its own stack: never piled onto the series when "stacked" is on
            stack: `cq_trend_${trendOf}`,
        };
    }

    /**
     * The core tooltip reads the hovered datasets in this.model.data, which
     * holds no trend: real series go through it, trends are added here with
     * their fitted value (a decimal number).
     * @override
     */
    getTooltipItems(data, metaData, tooltipModel) {
        const datasets = this.chart?.data.datasets || [];
        const isTrend = (point) => Boolean(datasets[point.datasetIndex]?.cqTrend);
        const trendPoints = tooltipModel.dataPoints.filter(isTrend);
        if (metaData.mode !== "line" || !trendPoints.length) {
            return super.getTooltipItems(data, metaData, tooltipModel);
        }
        const realPoints = tooltipModel.dataPoints.filter((point) => !isTrend(point));
        const items = realPoints.length
            ? super.getTooltipItems(data, metaData, { ...tooltipModel, dataPoints: realPoints })
            : [];
        const { groupBy, domains, measure, fieldAttrs } = metaData;
        for (const point of trendPoints) {
            const dataset = datasets[point.datasetIndex];
            const value = dataset.data[point.dataIndex];
            if (value === undefined) {
                continue;
            }
            const trueLabel = dataset.trueLabels?.[point.dataIndex];
            const label =
                trueLabel !== undefined && (groupBy.length > 1 || domains.length > 1)
                    ? `${trueLabel} / ${dataset.label}`
                    : dataset.label;
            items.push({
                label,
                value: this.formatValue(value, false, fieldAttrs[measure]?.widget),
                boxColor: dataset.borderColor,
            });
        }
        return items;
    }

    /**
     * Showing or hiding a series from the legend does the same to its trend.
     * @override
     */
    onLegendClick(ev, legendItem) {
        this.removeTooltips();
        const index = legendItem.datasetIndex;
        const datasets = this.chart.data.datasets;
        const meta = this.chart.getDatasetMeta(index);
        meta.hidden = meta.hidden === null ? !datasets[index].hidden : null;
        const clicked = datasets[index];
        if (!clicked.cqTrend) {
            datasets.forEach((dataset, trendIndex) => {
                if (dataset.cqTrend && dataset.trendOf === String(clicked.label)) {
                    this.chart.getDatasetMeta(trendIndex).hidden = meta.hidden;
                }
            });
        }
        this.chart.update();
    }
}
