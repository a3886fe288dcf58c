/* Draws the engine's ECharts options (bench-core ChartJson) with the ECharts library that the
 * echarts-api plugin ships (adjunct io.jenkins.plugins.echarts, global "echarts"). Each holder names
 * the bound server object (st:bind) and the @JavaScriptMethod that returns
 * [{id, title, description, points, option}]. No inline script: Jenkins' Content-Security-Policy. */
(function () {
    const STORAGE_KEY = "jenkins-hawd-trend-settings";
    const charts = new Map();

    function stored() {
        try {
            return JSON.parse(localStorage.getItem(STORAGE_KEY)) || {};
        } catch (e) {
            return {};
        }
    }

    function settingsFor(holder) {
        const saved = stored();
        const query = new URLSearchParams(window.location.search);
        let builds = parseInt(query.get("builds") ?? saved.builds ?? holder.dataset.defaultBuilds, 10);
        if (isNaN(builds) || builds < 0) {
            builds = parseInt(holder.dataset.defaultBuilds, 10) || 0;
        }
        const axis = (query.get("axis") ?? saved.axis ?? "BUILD") === "TIME" ? "TIME" : "BUILD";
        return {builds: builds, axis: axis};
    }

    /* Jenkins' theme colours (light, dark or system), read from its CSS variables as echarts-api does,
     * laid over the engine's option, which carries no text or axis colours of its own. */
    function themeColors() {
        const style = getComputedStyle(document.body);
        const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
        return {
            text: read("--text-color", "#333"),
            secondary: read("--text-color-secondary", "#666"),
            line: read("--jenkins-border-color", "#ccc"),
            background: read("--background", "#fff"),
        };
    }

    function themed(option, colors) {
        const axes = value => (Array.isArray(value) ? value : value ? [value] : []);
        const textStyle = {color: colors.text};
        option.textStyle = Object.assign({}, option.textStyle, textStyle);
        axes(option.title).forEach(title => {
            title.textStyle = Object.assign({}, title.textStyle, textStyle);
        });
        axes(option.legend).forEach(legend => {
            legend.textStyle = Object.assign({}, legend.textStyle, textStyle);
            legend.pageTextStyle = Object.assign({}, legend.pageTextStyle, textStyle);
            legend.pageIconColor = colors.text;
            legend.pageIconInactiveColor = colors.secondary;
        });
        axes(option.xAxis).concat(axes(option.yAxis)).forEach(axis => {
            axis.nameTextStyle = Object.assign({}, axis.nameTextStyle, {color: colors.secondary});
            axis.axisLabel = Object.assign({}, axis.axisLabel, {color: colors.secondary});
            axis.axisLine = Object.assign({}, axis.axisLine, {lineStyle: {color: colors.line}});
            axis.splitLine = Object.assign({}, axis.splitLine, {lineStyle: {color: colors.line, opacity: 0.6}});
        });
        axes(option.tooltip).forEach(tooltip => {
            tooltip.backgroundColor = colors.background;
            tooltip.borderColor = colors.line;
            tooltip.textStyle = Object.assign({}, tooltip.textStyle, textStyle);
        });
        axes(option.dataZoom).forEach(zoom => {
            if (zoom.type === "slider") {
                zoom.textStyle = Object.assign({}, zoom.textStyle, {color: colors.secondary});
                zoom.borderColor = colors.line;
            }
        });
        return option;
    }

    function buildOf(params) {
        if (params.componentType !== "series" || !Array.isArray(params.data)) {
            return null;
        }
        const index = Array.isArray(params.dimensionNames) ? params.dimensionNames.indexOf("build") : -1;
        return index >= 0 ? params.data[index] : null;
    }

    function draw(holder, list) {
        (charts.get(holder) || []).forEach(chart => chart.dispose());
        holder.replaceChildren();
        const drawn = [];
        const colors = themeColors();
        if (list.length === 0) {
            const empty = document.createElement("p");
            empty.textContent = "No benchmark series recorded yet.";
            holder.append(empty);
        }
        list.forEach(entry => {
            const box = document.createElement("div");
            box.className = "hawd-chart-box";
            box.dataset.dataset = entry.id;
            // The option draws the dataset's name as the chart title; the page adds its description.
            if (holder.dataset.showTitles === "true" && entry.description) {
                const description = document.createElement("p");
                description.className = "hawd-chart-description";
                description.textContent = entry.description;
                box.append(description);
            }
            const element = document.createElement("div");
            element.className = "hawd-chart";
            box.append(element);
            holder.append(box);
            const chart = echarts.init(element);
            chart.setOption(themed(entry.option, colors));
            chart.on("click", params => {
                const build = buildOf(params);
                if (build !== null && build !== undefined) {
                    window.location.href = holder.dataset.jobUrl + encodeURIComponent(build) + "/benchmarks/";
                }
            });
            drawn.push(chart);
        });
        charts.set(holder, drawn);
    }

    /* A history that cannot be read: the server's reason, as text, where the charts would be. */
    function showError(holder, message) {
        (charts.get(holder) || []).forEach(chart => chart.dispose());
        charts.set(holder, []);
        const alert = document.createElement("div");
        alert.className = "jenkins-alert jenkins-alert-danger hawd-chart-error";
        alert.textContent = message;
        holder.replaceChildren(alert);
    }

    function render(holder) {
        const proxy = window[holder.dataset.proxy];
        if (!proxy || typeof echarts === "undefined") {
            return;
        }
        const settings = settingsFor(holder);
        proxy[holder.dataset.method](settings.builds, settings.axis, function (response) {
            const text = response.responseObject();
            const answer = typeof text === "string" ? JSON.parse(text) : text;
            if (Array.isArray(answer)) {
                draw(holder, answer);
            } else {
                showError(holder, answer && answer.error ? answer.error : "The charts could not be drawn.");
            }
        });
    }

    function wireSettings(panel) {
        const holder = document.getElementById(panel.dataset.for);
        const buildsInput = panel.querySelector(".hawd-builds");
        const axisSelect = panel.querySelector(".hawd-axis");
        const current = settingsFor(holder);
        buildsInput.value = current.builds;
        axisSelect.value = current.axis;
        panel.querySelector(".hawd-apply").addEventListener("click", () => {
            const builds = Math.max(0, parseInt(buildsInput.value, 10) || 0);
            localStorage.setItem(STORAGE_KEY, JSON.stringify({builds: builds, axis: axisSelect.value}));
            const url = new URL(window.location.href);
            url.searchParams.delete("builds");
            url.searchParams.delete("axis");
            window.history.replaceState(null, "", url);
            render(holder);
        });
    }

    function start() {
        document.querySelectorAll(".hawd-trend-holder").forEach(holder => {
            if (!holder.dataset.started) {
                holder.dataset.started = "true";
                render(holder);
            }
        });
        document.querySelectorAll(".hawd-trend-settings").forEach(panel => {
            if (!panel.dataset.started) {
                panel.dataset.started = "true";
                wireSettings(panel);
            }
        });
    }

    window.addEventListener("resize", () => charts.forEach(list => list.forEach(chart => chart.resize())));
    if (document.readyState === "loading") {
        window.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
