package io.restlive.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the fan-out scenario's latency against load as a PNG with Java2D: delivered messages per second on
 * the x axis, latency percentiles on a logarithmic y axis, Kafka alone (same changes, same rate) dashed.
 */
public final class LatencyChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 80;
    private static final int RIGHT = 240;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private record Series(String label, String source, String metric, Color color, boolean dashed) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("rest-live p50", "restLive", "p50_ms", new Color(0x2b8cbe), false),
            new Series("rest-live p99", "restLive", "p99_ms", new Color(0xe6550d), false),
            new Series("rest-live p99.9", "restLive", "p999_ms", new Color(0x756bb1), false),
            new Series("Kafka alone p50", "kafka", "p50_ms", new Color(0x2b8cbe), true),
            new Series("Kafka alone p99", "kafka", "p99_ms", new Color(0xe6550d), true));

    private LatencyChart() {
    }

    /** Writes the chart of {@code fanout}'s rows to {@code file}. */
    public static void write(ScenarioResult fanout, String subtitle, Path file) {
        System.setProperty("java.awt.headless", "true");
        List<ResultRow> rows = fanout.rows();
        double maxX = rows.stream().mapToDouble(r -> r.restLive().getOrDefault("delivered_per_s", 0.0)).max().orElse(1);
        double minY = 1;
        double maxY = 10;
        for (ResultRow row : rows) {
            for (Series s : SERIES) {
                Double v = value(row, s);
                if (v != null && v > 0) {
                    minY = Math.min(minY, v);
                    maxY = Math.max(maxY, v);
                }
            }
        }
        double logMin = Math.floor(Math.log10(minY));
        double logMax = Math.ceil(Math.log10(maxY));
        Plot plot = new Plot(Math.max(maxX * 1.1, 1), logMin, Math.max(logMax, logMin + 1));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Fan-out: latency against load", LEFT, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(subtitle, LEFT, 42);
        plot.axes(g);
        int legendY = TOP + 10;
        for (Series s : SERIES) {
            g.setColor(s.color());
            g.setStroke(s.dashed() ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
                    new float[] {6, 5}, 0) : new BasicStroke(2));
            int[] previous = null;
            for (ResultRow row : rows) {
                Double y = value(row, s);
                Double x = row.restLive().get("delivered_per_s");
                if (y == null || x == null || y <= 0) {
                    continue;
                }
                int[] point = {plot.x(x), plot.y(y)};
                g.fillOval(point[0] - 4, point[1] - 4, 8, 8);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], point[0], point[1]);
                }
                previous = point;
            }
            g.drawLine(WIDTH - RIGHT + 20, legendY, WIDTH - RIGHT + 50, legendY);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), WIDTH - RIGHT + 58, legendY + 4);
            legendY += 20;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("latency: log scale", WIDTH - RIGHT + 20, legendY + 10);
        g.drawString("Kafka alone: the same changes", WIDTH - RIGHT + 20, legendY + 28);
        g.drawString("at the same rate, no fan-out", WIDTH - RIGHT + 20, legendY + 44);
        g.dispose();
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Double value(ResultRow row, Series series) {
        return (series.source().equals("kafka") ? row.kafka() : row.restLive()).get(series.metric());
    }

    /** Maps data to pixels: x linear from 0, y logarithmic between two powers of ten. */
    private record Plot(double maxX, double logMin, double logMax) {

        int x(double value) {
            return LEFT + (int) Math.round(value / maxX * (WIDTH - LEFT - RIGHT));
        }

        int y(double millis) {
            double log = Math.log10(Math.max(millis, Math.pow(10, logMin)));
            return HEIGHT - BOTTOM - (int) Math.round((log - logMin) / (logMax - logMin) * (HEIGHT - TOP - BOTTOM));
        }

        void axes(Graphics2D g) {
            g.setStroke(new BasicStroke(1));
            for (double p = logMin; p <= logMax; p++) {
                int y = y(Math.pow(10, p));
                g.setColor(new Color(0xdddddd));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.BLACK);
                g.drawString(ReportTable.format(Math.pow(10, p)) + " ms", 10, y + 4);
            }
            for (int i = 0; i <= 5; i++) {
                double value = maxX * i / 5;
                int x = x(value);
                g.setColor(new Color(0xdddddd));
                g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%,.0f", value), x - 15, HEIGHT - BOTTOM + 18);
            }
            g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
            g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
            g.drawString("delivered messages per second (all clients)", LEFT + 150, HEIGHT - 15);
        }
    }
}
