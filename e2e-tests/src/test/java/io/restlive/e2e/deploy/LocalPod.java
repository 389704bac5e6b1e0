package io.restlive.e2e.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * One pod of a rendered workload, run as a local process: its name, its template, and the free local port
 * that stands for each port its container declares (a pod has its ports to itself; local processes share one
 * network namespace).
 *
 * @param name the pod name ({@code <statefulset>-<ordinal>}, {@code <deployment>-<n>})
 * @param template the pod template it comes from
 * @param ports local port by declared container port number
 * @param dir the directory that holds its volumes
 */
record LocalPod(String name, PodTemplateSpec template, Map<Integer, Integer> ports, Path dir) {

    Container container() {
        return template.getSpec().getContainers().get(0);
    }

    Map<String, String> labels() {
        return template.getMetadata().getLabels();
    }

    /** The local port of a container port given by name or number, as a probe or a Service's targetPort gives it. */
    int localPort(IntOrString port) {
        int declared = port.getIntVal() != null ? port.getIntVal() : container().getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(name + " declares no port " + port.getStrVal())).getContainerPort();
        Integer local = ports.get(declared);
        if (local == null) {
            throw new AssertionError(name + " does not declare port " + declared);
        }
        return local;
    }

    /** Where an HTTP probe of this pod goes. */
    URI probeUrl(Probe probe) {
        return URI.create("http://127.0.0.1:" + localPort(probe.getHttpGet().getPort()) + probe.getHttpGet().getPath());
    }
}
