package io.restlive.bench.report;

import io.restlive.bench.metrics.DashboardPanels;
import io.restlive.bench.metrics.MetricsSampler;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the dashboard's main panels from a run's scrapes as a PNG with Java2D: small multiples, one panel per
 * dashboard panel and titled like it, time on every x axis; the phases a scenario marked (abuse windows) are
 * shaded and numbered in every panel.
 */
public final class DashboardChart {

    private static final int COLUMNS = 2;
    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 260;
    private static final int HEADER = 70;
    private static final int PAD_LEFT = 70;
    private static final int PAD_RIGHT = 20;
    private static final int PAD_TOP = 28;
    private static final int PAD_BOTTOM = 58;
    private static final Color[] PALETTE = {new Color(0x2b8cbe), new Color(0xe6550d), new Color(0x31a354),
            new Color(0x756bb1), new Color(0xd62728), new Color(0x8c564b), new Color(0x636363)};
    private static final Color PHASE = new Color(0xfde0c5);

    private DashboardChart() {
    }

    /** Writes the panels to {@code file}; {@code phases} labelled other than quiet are shaded. */
    public static void write(List<DashboardPanels.Panel> panels, List<MetricsSampler.Phase> phases, String subtitle,
                             Path file) {
        System.setProperty("java.awt.headless", "true");
        List<MetricsSampler.Phase> marked = phases.stream().filter(p -> !p.label().equals("quiet")).toList();
        int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
        int width = COLUMNS * PANEL_WIDTH;
        int height = HEADER + rows * PANEL_HEIGHT + 16 * marked.size() + 16;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("rest-live dashboard, main panels (scraped every second during a benchmark run)", 20, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(subtitle, 20, 45);
        g.drawString("rates and the latency over 5 s windows, as the dashboard's rate(...[$__rate_interval])", 20, 61);
        double maxSeconds = panels.stream().flatMap(p -> p.lines().stream())
                .mapToDouble(l -> l.seconds().length == 0 ? 0 : l.seconds()[l.seconds().length - 1]).max().orElse(1);
        for (int i = 0; i < panels.size(); i++) {
            int x = (i % COLUMNS) * PANEL_WIDTH;
            int y = HEADER + (i / COLUMNS) * PANEL_HEIGHT;
            panel(g, panels.get(i), marked, Math.max(maxSeconds, 1), x, y);
        }
        int legendY = HEADER + rows * PANEL_HEIGHT + 4;
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < marked.size(); i++) {
            MetricsSampler.Phase phase = marked.get(i);
            g.drawString(String.format(Locale.ROOT, "shaded %d: %s (%.0f-%.0f s)", i + 1, phase.label(),
                    phase.fromSeconds(), phase.toSeconds()), 20, legendY + 12 + 16 * i);
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void panel(Graphics2D g, DashboardPanels.Panel panel, List<MetricsSampler.Phase> marked,
                              double maxSeconds, int x0, int y0) {
        int left = x0 + PAD_LEFT;
        int right = x0 + PANEL_WIDTH - PAD_RIGHT;
        int top = y0 + PAD_TOP;
        int bottom = y0 + PANEL_HEIGHT - PAD_BOTTOM;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (DashboardPanels.Line line : panel.lines()) {
            for (double v : line.values()) {
                if (Double.isFinite(v)) {
                    maxY = Math.max(maxY, v);
                    minY = v > 0 ? Math.min(minY, v) : minY;
                }
            }
        }
        boolean log = panel.logScale() && maxY > 0;
        double logMin = log ? Math.floor(Math.log10(minY)) : 0;
        double logMax = log ? Math.max(Math.ceil(Math.log10(maxY)), logMin + 1) : 0;
        maxY = log ? Math.pow(10, logMax) : niceCeiling(maxY);
        Scale scale = new Scale(left, right, top, bottom, maxSeconds, maxY, log, logMin, logMax);
        for (int i = 0; i < marked.size(); i++) {
            MetricsSampler.Phase phase = marked.get(i);
            int from = scale.x(phase.fromSeconds());
            int to = scale.x(phase.toSeconds());
            g.setColor(PHASE);
            g.fillRect(from, top, Math.max(1, to - from), bottom - top);
            g.setColor(Color.GRAY);
            g.drawString(String.valueOf(i + 1), from + 2, top + 12);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, y0 + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(1));
        int gridLines = log ? (int) (logMax - logMin) : 4;
        for (int i = 0; i <= gridLines; i++) {
            double value = log ? Math.pow(10, logMin + i) : maxY * i / 4;
            int y = scale.y(value);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, right, y);
            g.setColor(Color.BLACK);
            g.drawString(ReportTable.format(value), x0 + 8, y + 4);
        }
        double step = niceCeiling(maxSeconds / 6);
        for (double s = 0; s <= maxSeconds; s += step) {
            int x = scale.x(s);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", s), x - 8, bottom + 14);
        }
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        // Units beside the title, where no tick label can run into them.
        String units = "x: s" + (panel.unit().isEmpty() ? "" : ", y: " + panel.unit() + (log ? " (log scale)" : ""));
        g.setColor(Color.DARK_GRAY);
        int unitsX = right - g.getFontMetrics().stringWidth(units);
        // Under a long title (the latency's) rather than over its end.
        boolean fits = unitsX > left + g.getFontMetrics(g.getFont().deriveFont(Font.BOLD, 13f)).stringWidth(panel.title()) + 10;
        g.drawString(units, unitsX, fits ? y0 + 18 : top - 2);
        List<String> legend = new ArrayList<>();
        for (int l = 0; l < panel.lines().size(); l++) {
            DashboardPanels.Line line = panel.lines().get(l);
            Color color = PALETTE[l % PALETTE.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(1.6f));
            int[] previous = null;
            for (int i = 0; i < line.values().length; i++) {
                double v = line.values()[i];
                if (!Double.isFinite(v)) {
                    previous = null;
                    continue;
                }
                int[] point = {scale.x(line.seconds()[i]), scale.y(v)};
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], point[0], point[1]);
                }
                previous = point;
            }
            legend.add(line.label());
        }
        int lx = left;
        int ly = bottom + 32;
        for (int l = 0; l < legend.size(); l++) {
            int entryWidth = 24 + g.getFontMetrics().stringWidth(legend.get(l));
            if (lx > left && lx + entryWidth > right) {
                // A long legend (the refusals' limits) wraps instead of running into the next panel.
                lx = left;
                ly += 14;
            }
            g.setColor(PALETTE[l % PALETTE.length]);
            g.fillRect(lx, ly - 6, 12, 4);
            g.setColor(Color.BLACK);
            g.drawString(legend.get(l), lx + 16, ly);
            lx += entryWidth;
        }
        if (legend.isEmpty()) {
            g.setColor(Color.GRAY);
            g.drawString("(none during the run)", lx, bottom + 32);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value} (1 for nothing). */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private record Scale(int left, int right, int top, int bottom, double maxX, double maxY, boolean log,
                         double logMin, double logMax) {

        int x(double seconds) {
            return left + (int) Math.round(seconds / maxX * (right - left));
        }

        int y(double value) {
            if (log) {
                double l = Math.log10(Math.max(value, Math.pow(10, logMin)));
                return bottom - (int) Math.round((l - logMin) / (logMax - logMin) * (bottom - top));
            }
            return bottom - (int) Math.round(value / maxY * (bottom - top));
        }
    }
}
