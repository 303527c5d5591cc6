package io.proximadb.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart written as a PNG with the JDK's own 2D graphics (headless, no dependency): one or
 * more named series, linear or logarithmic axes, ticks and a legend. Enough for benchmark figures
 * (throughput over time, recall against queries per second); not a plotting library.
 */
public final class LinePlot {

    /** One line of points, drawn in the order given. */
    public record Series(String name, double[] x, double[] y) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    /** Twelve distinguishable colours (Tableau 10 plus two), so that a plot of ten series repeats none. */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0xe377c2),
            new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x000080), new Color(0x006400)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private boolean legendLowerLeft;

    public LinePlot(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    /**
     * Puts the legend in the lower left corner instead of the upper right: where a recall/QPS
     * chart has no points, its curves falling from the upper left to the lower right.
     */
    public LinePlot legendLowerLeft() {
        this.legendLowerLeft = true;
        return this;
    }

    public LinePlot add(Series line) {
        if (line.x().length != line.y().length) {
            throw new IllegalArgumentException("series " + line.name() + " has " + line.x().length + " x and "
                    + line.y().length + " y values");
        }
        series.add(line);
        return this;
    }

    /** Draws the chart and writes it to {@code file} as a PNG. */
    public void write(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Axis x = axis(true);
            Axis y = axis(false);
            drawFrame(g, x, y);
            for (int i = 0; i < series.size(); i++) {
                drawSeries(g, series.get(i), x, y, COLORS[i % COLORS.length], i);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private record Axis(double min, double max, boolean log) {
        double fraction(double value) {
            double v = log ? Math.log10(Math.max(value, 1e-12)) : value;
            double lo = log ? Math.log10(min) : min;
            double hi = log ? Math.log10(max) : max;
            return hi == lo ? 0.5 : (v - lo) / (hi - lo);
        }
    }

    private Axis axis(boolean horizontal) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean log = horizontal ? logX : logY;
        for (Series s : series) {
            for (double v : horizontal ? s.x() : s.y()) {
                if (!log || v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            min = log ? 1 : 0;
            max = log ? 10 : 1;
        }
        if (!log && !horizontal) {
            min = Math.min(min, 0); // bars of throughput read best from zero
        }
        if (min == max) {
            max = min + (log ? min : 1);
        }
        return new Axis(min, max, log);
    }

    private void drawFrame(Graphics2D g, Axis x, Axis y) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, TOP - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        for (double tick : ticks(x)) {
            int px = LEFT + (int) Math.round(x.fraction(tick) * plotWidth);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(px, TOP, px, TOP + plotHeight);
            g.setColor(Color.BLACK);
            g.drawString(format(tick), px - 15, TOP + plotHeight + 18);
        }
        for (double tick : ticks(y)) {
            int py = TOP + plotHeight - (int) Math.round(y.fraction(tick) * plotHeight);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, py, LEFT + plotWidth, py);
            g.setColor(Color.BLACK);
            g.drawString(format(tick), 8, py + 4);
        }
        g.drawString(xLabel + (x.log() ? " (log)" : ""), LEFT + plotWidth / 2 - 40, HEIGHT - 25);
        g.drawString(yLabel + (y.log() ? " (log)" : ""), 8, TOP - 5);
    }

    private static List<Double> ticks(Axis axis) {
        List<Double> ticks = new ArrayList<>();
        if (axis.log()) {
            for (double decade = Math.pow(10, Math.floor(Math.log10(axis.min()))); decade <= axis.max() * 1.0001; decade *= 10) {
                for (int m : new int[] {1, 2, 5}) {
                    double tick = decade * m;
                    if (tick >= axis.min() * 0.9999 && tick <= axis.max() * 1.0001) {
                        ticks.add(tick);
                    }
                }
            }
            return ticks;
        }
        double span = axis.max() - axis.min();
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        if (span / step > 10) {
            step *= span / step > 25 ? 5 : 2;
        }
        for (double tick = Math.ceil(axis.min() / step) * step; tick <= axis.max() + step * 1e-9; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }

    private void drawSeries(Graphics2D g, Series s, Axis x, Axis y, Color color, int index) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int lastX = -1;
        int lastY = -1;
        for (int i = 0; i < s.x().length; i++) {
            int px = LEFT + (int) Math.round(x.fraction(s.x()[i]) * plotWidth);
            int py = TOP + plotHeight - (int) Math.round(y.fraction(s.y()[i]) * plotHeight);
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, px, py);
            }
            g.fillOval(px - 3, py - 3, 6, 6);
            lastX = px;
            lastY = py;
        }
        int legendY = legendLowerLeft ? TOP + plotHeight - 10 - (series.size() - 1 - index) * 18 : TOP + 18 + index * 18;
        int legendX = legendLowerLeft ? LEFT + 12 : LEFT + plotWidth - 220;
        g.fillRect(legendX, legendY - 9, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString(s.name(), legendX + 20, legendY);
    }

    private static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", value / 1e6);
        }
        if (magnitude >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1e3);
        }
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
