package io.xastream.tools;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** docs/benchmarks.png. */
final class BenchPlot {

    private BenchPlot() {
    }

    /**
     * Throughput against p99 latency, one point per run, labelled with its consumers and load. The
     * latency axis is logarithmic: at full speed a queue builds up and latency is seconds, at half
     * speed it is milliseconds.
     */
    /** A round axis step at least {@code raw}: 1, 2, 2.5 or 5 times a power of ten. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * power >= raw) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    static void plot(List<BenchResult> results, Path png) throws IOException {
        // A drain over a backlog has no latencies to plot.
        results = results.stream().filter(r -> !Double.isNaN(r.p99())).toList();
        int width = 960, height = 560, left = 90, right = 230, top = 40, bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double fastest = results.stream().mapToDouble(BenchResult::recordsPerSecond).max().orElse(1);
        double stepX = niceStep(fastest * 1.05 / 5);
        double maxX = Math.ceil(fastest * 1.05 / stepX) * stepX;
        double minLog = 0;
        double maxLog = Math.ceil(Math.log10(Math.max(10, results.stream().mapToDouble(BenchResult::p99).max().orElse(10))));
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int decade = (int) minLog; decade <= maxLog; decade++) {
            int y = height - bottom - (int) ((decade - minLog) / (maxLog - minLog) * plotHeight);
            g.setColor(new Color(0xeaeef2));
            g.drawLine(left, y, left + plotWidth, y);
            g.setColor(new Color(0x1f2328));
            g.drawString(String.format("%,.0f ms", Math.pow(10, decade)), 10, y + 5);
        }
        for (double tick = 0; tick <= maxX + stepX / 2; tick += stepX) {
            int x = left + (int) (tick / maxX * plotWidth);
            g.setColor(new Color(0xeaeef2));
            g.drawLine(x, top, x, height - bottom);
            g.setColor(new Color(0x1f2328));
            String label = String.format("%,.0f", tick);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, height - bottom + 18);
        }
        g.setColor(new Color(0xd0d7de));
        g.drawLine(left, height - bottom, left + plotWidth, height - bottom);
        g.drawLine(left, top, left, height - bottom);
        g.setColor(new Color(0x1f2328));
        g.drawString("records settled per second", left + plotWidth / 2 - 80, height - 20);
        g.drawString("p99 latency, log scale", 10, top - 15);
        Color[] palette = {new Color(0xcf222e), new Color(0x0969da), new Color(0x1a7f37), new Color(0x8250df), new Color(0xbc4c00),
                new Color(0x6e7781), new Color(0xbf3989), new Color(0x0a7b83)};
        List<String> modes = results.stream().map(BenchResult::mode).distinct().toList();
        for (BenchResult r : results) {
            int x = left + (int) (r.recordsPerSecond() / maxX * plotWidth);
            double log = Math.log10(Math.max(1, r.p99()));
            int y = height - bottom - (int) ((log - minLog) / (maxLog - minLog) * plotHeight);
            g.setColor(palette[modes.indexOf(r.mode()) % palette.length]);
            g.setStroke(new BasicStroke(2));
            if (r.load().equals("full speed")) {
                g.fillOval(x - 5, y - 5, 10, 10);
            } else {
                g.drawOval(x - 5, y - 5, 10, 10);
            }
            g.drawString(String.valueOf(r.consumers()), x + 7, y + 4);
        }
        // Legend: one colour per mode; filled = full speed, hollow = half speed; the number is the consumers.
        int legendY = top + 10;
        for (String mode : modes) {
            g.setColor(palette[modes.indexOf(mode) % palette.length]);
            g.fillOval(width - right + 15, legendY - 9, 10, 10);
            g.setColor(new Color(0x1f2328));
            g.drawString(mode, width - right + 32, legendY);
            legendY += 20;
        }
        g.drawString("filled: full speed", width - right + 15, legendY + 10);
        g.drawString("hollow: half speed", width - right + 15, legendY + 28);
        g.drawString("number: consumers", width - right + 15, legendY + 46);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }
}
