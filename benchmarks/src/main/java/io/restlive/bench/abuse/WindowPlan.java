package io.restlive.bench.abuse;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of the abuse scenario's windows: quiet, abuse 1, quiet, abuse 2, ..., quiet. Quiet windows
 * alternate with the abuses so that whatever else loads the machine at the time hits both: each abuse is
 * compared with the quiet windows just before and just after it, not with one quiet figure taken at the start.
 */
public final class WindowPlan {

    /** The label of a window without abuse. */
    public static final String QUIET = "quiet";

    private final List<String> windows;

    private WindowPlan(List<String> windows) {
        this.windows = List.copyOf(windows);
    }

    /** Quiet windows around and between the given abuses. */
    public static WindowPlan around(List<String> abuses) {
        return around(abuses, 1);
    }

    /**
     * Quiet windows around and between the given abuses, the sequence {@code rounds} times; with more than one
     * round each abuse's label starts with its round ({@code round 2: ...}).
     */
    public static WindowPlan around(List<String> abuses, int rounds) {
        List<String> windows = new ArrayList<>(List.of(QUIET));
        for (int round = 1; round <= rounds; round++) {
            for (String abuse : abuses) {
                windows.add(rounds == 1 ? abuse : "round " + round + ": " + abuse);
                windows.add(QUIET);
            }
        }
        return new WindowPlan(windows);
    }

    /** Every window's label, in order. */
    public List<String> windows() {
        return windows;
    }

    public boolean isQuiet(int window) {
        return windows.get(window).equals(QUIET);
    }

    /** The nearest quiet window before {@code window} and the nearest after it (those that exist). */
    public List<Integer> quietNeighbours(int window) {
        List<Integer> neighbours = new ArrayList<>(2);
        for (int i = window - 1; i >= 0; i--) {
            if (isQuiet(i)) {
                neighbours.add(i);
                break;
            }
        }
        for (int i = window + 1; i < windows.size(); i++) {
            if (isQuiet(i)) {
                neighbours.add(i);
                break;
            }
        }
        return neighbours;
    }

    /** {@code abused / quiet}, or NaN when the quiet figure is not positive (nothing measured). */
    public static double ratio(double abused, double quiet) {
        return quiet > 0 ? abused / quiet : Double.NaN;
    }
}
