package io.xastream.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchPlotTest {

    @Test
    void axisStepsAreRound() {
        assertEquals(2000, BenchPlot.niceStep(1141));
        assertEquals(1000, BenchPlot.niceStep(1000));
        assertEquals(2500, BenchPlot.niceStep(2100));
        assertEquals(5, BenchPlot.niceStep(3.2));
        assertEquals(0.2, BenchPlot.niceStep(0.15), 1e-12);
        assertEquals(10_000, BenchPlot.niceStep(5001));
    }

    @Test
    void plotsEachRunAsAPoint(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("plot.png");
        BenchPlot.plot(List.of(new BenchResult("XA epoch 100", 4, "full", 0, 1000, 4100, 120, 400, 750, LocalDate.now(), "durable")), png);
        BufferedImage image = ImageIO.read(Files.newInputStream(png));
        assertEquals(960, image.getWidth());
        boolean coloured = false;
        for (int x = 0; x < image.getWidth() && !coloured; x++) {
            for (int y = 0; y < image.getHeight() && !coloured; y++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                coloured = rgb == 0xcf222e;
            }
        }
        assertTrue(coloured, "the run's point in the first colour");
    }
}
