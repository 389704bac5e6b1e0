package io.restlive.bench.scenarios;

import io.restlive.bench.report.ScenarioResult;

/** One benchmark scenario: drives the running stack and measures it beside raw Kafka. */
public interface Scenario {

    /** The name it is selected by ({@code --scenarios}). */
    String name();

    /**
     * Runs the scenario; every connection it opens is closed before it returns.
     *
     * @throws Exception anything that stops it; the run records the failure and goes on with the next scenario
     */
    ScenarioResult run(ScenarioContext context) throws Exception;
}
