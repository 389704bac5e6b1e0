package io.restlive.e2e.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Optional;

/** The chart's two workloads as a test reads them: the processor StatefulSet and the edge Deployment. */
record ChartWorkloads(StatefulSet processor, Deployment edge) {

    static ChartWorkloads of(RenderedChart chart) {
        return new ChartWorkloads(chart.one(StatefulSet.class, RenderedChart.name("processor")),
                chart.one(Deployment.class, RenderedChart.name("edge")));
    }

    PodTemplateSpec processorPod() {
        return processor.getSpec().getTemplate();
    }

    PodTemplateSpec edgePod() {
        return edge.getSpec().getTemplate();
    }

    Container processorContainer() {
        return only(processorPod());
    }

    Container edgeContainer() {
        return only(edgePod());
    }

    private static Container only(PodTemplateSpec pod) {
        if (pod.getSpec().getContainers().size() != 1) {
            throw new AssertionError("one container expected: " + pod.getSpec().getContainers());
        }
        return pod.getSpec().getContainers().get(0);
    }

    /** The container's variable {@code name}; fails if it has none. */
    static EnvVar env(Container container, String name) {
        return findEnv(container, name).orElseThrow(() -> new AssertionError(container.getName() + " has no " + name
                + "; it has " + container.getEnv().stream().map(EnvVar::getName).toList()));
    }

    static Optional<EnvVar> findEnv(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** The literal value of a variable. */
    static String value(Container container, String name) {
        return env(container, name).getValue();
    }

    static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " declares no port " + name));
    }
}
