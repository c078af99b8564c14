import {registry} from "@web/core/registry";

// What a spreadsheet cell shows when its formula failed, or never finished loading.
const ERROR_VALUES = ["#SPILL!", "#ERROR", "#REF!", "#NAME?", "#VALUE!", "#N/A", "#DIV/0!", "#BAD_EXPR", "#CYCLE", "Loading..."];

function findDashboardModel() {
    // the dashboard action keeps its spreadsheet model on its loader: walk the component tree
    const stack = [odoo.__WOWL_DEBUG__.root.__owl__];
    while (stack.length) {
        const node = stack.pop();
        const dashboard = node.component?.state?.activeDashboard;
        if (node.component?.loader && dashboard?.model) {
            return dashboard.model;
        }
        stack.push(...Object.values(node.children));
    }
    return null;
}

function badCells(model) {
    const bad = [];
    for (const sheetId of model.getters.getSheetIds()) {
        const sheetName = model.getters.getSheetName(sheetId);
        for (const position of model.getters.getEvaluatedCellsPositions(sheetId)) {
            const cell = model.getters.getEvaluatedCell(position);
            if (cell.type === "error" || ERROR_VALUES.includes(String(cell.value))) {
                const xc = `${String.fromCharCode(65 + position.col)}${position.row + 1}`;
                bad.push(`${sheetName}!${xc}: ${cell.value} ${cell.message || ""}`.trim());
            }
        }
    }
    return bad;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Open the managers' dashboard and fail on any cell that shows an error, or still loads.
registry.category("web_tour.tours").add("aftersales_kpi_dashboard", {
    steps: () => [
        {
            content: "no cell shows an error once the data has come in, every figure is drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-grid canvas",
            // the first visit builds the spreadsheet library's assets: slow on a busy machine
            timeout: 60000,
            async run() {
                const model = findDashboardModel();
                if (!model) {
                    throw new Error("The dashboard's spreadsheet model was not found.");
                }
                const sheetId = model.getters.getSheetIds()[0];
                const types = model.getters
                    .getChartIds(sheetId)
                    .map((chartId) => model.getters.getChartDefinition(chartId).type);
                const scorecards = types.filter((type) => type === "scorecard").length;
                const charts = types.filter((type) => type !== "scorecard").length;
                if (scorecards < 6 || charts < 5) {
                    throw new Error(`Expected 6 scorecards and 5 charts or more, got ${types}`);
                }
                // only the figures in view are on the page: each of them must be drawn
                const figures = () =>
                    document.querySelectorAll(".o_spreadsheet_dashboard_action .o-figure");
                const undrawn = () => [...figures()].filter((el) => !el.querySelector("canvas"));
                // server data arrives asynchronously: "Loading..." must go away within 30 s
                let bad = badCells(model);
                for (
                    let wait = 0;
                    wait < 60 && (bad.length || figures().length < 9 || undrawn().length);
                    wait++
                ) {
                    await sleep(500);
                    bad = badCells(model);
                }
                if (bad.length) {
                    throw new Error(`Dashboard cells show errors: ${bad.join("; ")}`);
                }
                if (figures().length < 9 || undrawn().length) {
                    throw new Error(
                        `${figures().length} figures in view, ${undrawn().length} not drawn.`
                    );
                }
                // the funnel lies below the fold: check what it would draw
                const funnel = model.getters.getChartRuntime("as-followup-funnel");
                const steps = funnel.chartJsConfig.data.datasets[0].data;
                if (steps.length !== 3 || steps.some((value) => typeof value !== "number")) {
                    throw new Error(`The follow-up funnel has no figures: ${steps}`);
                }
                document.body.classList.add("o_aftersales_dashboard_checked");
            },
        },
        {
            content: "the check ran to its end",
            trigger: "body.o_aftersales_dashboard_checked",
        },
    ],
});
