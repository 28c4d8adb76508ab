import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { CqTrendGraphRenderer } from "./cq_trend_graph_renderer";

/**
 * Graph view with linear trend lines in line mode: <graph js_class="cq_trend_graph"/>.
 */
export const cqTrendGraphView = {
    ...graphView,
    Renderer: CqTrendGraphRenderer,
};

registry.category("views").add("cq_trend_graph", cqTrendGraphView);
