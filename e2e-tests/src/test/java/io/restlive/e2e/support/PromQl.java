package io.restlive.e2e.support;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads, for checking a dashboard against a real scrape. */
public final class PromQl {

    private static final Set<String> KEYWORDS = Set.of(
            // aggregations and their modifiers
            "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "group",
            "count_values", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
            "and", "or", "unless", "atan2",
            // functions
            "rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile", "abs", "ceil", "floor",
            "round", "clamp", "clamp_min", "clamp_max", "exp", "ln", "log2", "log10", "sqrt", "time", "timestamp",
            "vector", "scalar", "sort", "sort_desc", "label_replace", "label_join", "absent", "absent_over_time",
            "changes", "resets", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "last_over_time", "quantile_over_time", "predict_linear", "holt_winters", "day_of_week",
            "hour", "minute", "month", "year", "days_in_month", "inf", "nan");
    /** Label matchers, ranges, grouping label lists, strings and Grafana variables: none of them name metrics. */
    private static final Pattern NOT_NAMES = Pattern.compile(
            "\\{[^}]*}|\\[[^]]*]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\"[^\"]*\"|\\$\\{?\\w+}?");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {
    }

    /** Every metric name in {@code expression}, in order of appearance. */
    public static Set<String> metricNames(String expression) {
        String stripped = NOT_NAMES.matcher(expression).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String name = matcher.group();
            if (!KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The metric names a Prometheus text scrape exposes (series names, including _bucket, _count, _sum). */
    public static Set<String> scrapedNames(String scrape) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(line);
            if (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }
}
